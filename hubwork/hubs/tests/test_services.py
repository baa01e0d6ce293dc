from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from hubwork.accounts.models import Role, User
from hubwork.accounts.tests.factories import UserFactory
from hubwork.core.choices import Phase
from hubwork.core.models import AuditEvent
from hubwork.hubs.models import HubRole
from hubwork.hubs.services import hub_role_end, hub_role_grant


def test_granting_a_role_is_audited_against_the_hub(hub, hub_lead):
    person = UserFactory.create()
    hub_role = hub_role_grant(
        hub=hub, user=person, role=HubRole.Kind.ASSISTANT_HUB_LEAD, phase=Phase.PRIMARY, by=hub_lead
    )
    assert Role.ASSISTANT_HUB_LEAD in person.roles
    event = AuditEvent.objects.for_object(hub_role).get()
    assert (event.verb, event.actor, event.hub_id) == ("hub_role.granted", hub_lead, hub.pk)
    assert event.data["phase"] == "primary"


def test_granting_the_same_current_role_twice_changes_nothing(hub, hub_lead):
    person = UserFactory.create()
    first = hub_role_grant(hub=hub, user=person, role=HubRole.Kind.LLME, by=hub_lead)
    again = hub_role_grant(hub=hub, user=person, role=HubRole.Kind.LLME, by=hub_lead)
    assert again == first
    assert AuditEvent.objects.filter(verb="hub_role.granted").count() == 1


@pytest.mark.parametrize(
    ("role", "phase", "message"),
    [
        (HubRole.Kind.ASSISTANT_HUB_LEAD, "", "Choose the phase"),
        (HubRole.Kind.LLME, Phase.SECONDARY, "Only assistant hub leads have a phase"),
    ],
)
def test_phase_goes_with_assistant_hub_leads_only(hub, hub_lead, role, phase, message):
    with pytest.raises(ValidationError, match=message):
        hub_role_grant(hub=hub, user=UserFactory.create(), role=role, phase=phase, by=hub_lead)
    assert not AuditEvent.objects.exists()


def test_an_ended_role_no_longer_counts_but_stays_as_history(hub, hub_lead):
    today = timezone.localdate()
    person = UserFactory.create()
    hub_role = hub_role_grant(
        hub=hub, user=person, role=HubRole.Kind.LLME, by=hub_lead, starts_on=today - timedelta(30)
    )
    hub_role_end(hub_role=hub_role, by=hub_lead, ends_on=today - timedelta(days=1))
    assert User.objects.get(pk=person.pk).roles == {Role.PARTICIPANT}
    assert HubRole.objects.filter(pk=hub_role.pk).exists()
    assert AuditEvent.objects.filter(verb="hub_role.ended", hub_id=hub.pk).count() == 1
