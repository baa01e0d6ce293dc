"""Publishing a Work Group tells the people waiting for one like it: once, after commit."""

import pytest
from django.core import mail
from django.db import transaction
from django.utils import timezone

from hubwork.content.models import InterestRegistration
from hubwork.content.services import interest as interest_services
from hubwork.content.tests.interest_helpers import (
    STOP_LINK,
    link_in,
    make_programme,
)
from hubwork.core.choices import Phase
from hubwork.core.models import AuditEvent
from hubwork.programmes.models import Programme
from hubwork.workgroups.models import WorkGroup
from hubwork.workgroups.services.work_groups import work_group_set_status
from hubwork.workgroups.tests.factories import ProgrammeFactory, SessionFactory, WorkGroupFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def programme(db) -> Programme:
    return make_programme()


def _draft(programme: Programme, hub, title: str = "Mastering Number, Birmingham") -> WorkGroup:
    work_group = WorkGroupFactory.create(
        programme=programme, hub=hub, title=title, status=WorkGroup.Status.DRAFT
    )
    SessionFactory.create(work_group=work_group)
    return work_group


def _publish(work_group: WorkGroup, by, captured) -> None:
    with captured(execute=True):
        work_group_set_status(work_group=work_group, status=WorkGroup.Status.OPEN, by=by)


def _waiting(email: str, programme: Programme, hub, phase: str = "") -> InterestRegistration:
    return InterestRegistration.objects.create(
        email=email, programme=programme, hub=hub, phase=phase, confirmed_at=timezone.now()
    )


def test_publishing_a_matching_work_group_emails_each_waiting_registration_once(
    programme, hub, hub_lead, django_capture_on_commit_callbacks
):
    any_phase = _waiting("any@example.org", programme, hub)
    primary = _waiting("primary@example.org", programme, hub, phase=Phase.PRIMARY)
    work_group = _draft(programme, hub)
    _publish(work_group, hub_lead, django_capture_on_commit_callbacks)

    assert sorted(message.to[0] for message in mail.outbox) == [
        "any@example.org",
        "primary@example.org",
    ]
    message = mail.outbox[0]
    assert message.subject == "A Work Group has opened: Mastering Number, Birmingham"
    assert work_group.get_absolute_url() in message.body
    assert "Express interest" in message.body
    assert link_in(message, STOP_LINK)
    for registration in (any_phase, primary):
        registration.refresh_from_db()
        assert registration.notified_at is not None
        assert registration.notified_work_group == work_group
    event = AuditEvent.objects.get(verb="interest.notified")
    assert event.data == {"registrations": 2}
    assert event.actor_id == hub_lead.pk


def test_a_second_published_work_group_does_not_email_again(
    programme, hub, hub_lead, django_capture_on_commit_callbacks
):
    _waiting("sam@example.org", programme, hub)
    _publish(_draft(programme, hub), hub_lead, django_capture_on_commit_callbacks)
    assert len(mail.outbox) == 1
    second = _draft(programme, hub, title="Mastering Number, Solihull")
    _publish(second, hub_lead, django_capture_on_commit_callbacks)
    assert len(mail.outbox) == 1
    assert InterestRegistration.objects.get().notified_work_group != second


def test_opening_the_same_work_group_again_does_not_email_again(
    programme, hub, hub_lead, django_capture_on_commit_callbacks
):
    _waiting("sam@example.org", programme, hub)
    work_group = _draft(programme, hub)
    _publish(work_group, hub_lead, django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        work_group_set_status(work_group=work_group, status=WorkGroup.Status.FULL, by=hub_lead)
    _publish(work_group, hub_lead, django_capture_on_commit_callbacks)
    assert len(mail.outbox) == 1


def test_other_programmes_hubs_and_phases_and_unconfirmed_registrations_are_not_told(
    programme, hub, other_hub, hub_lead, django_capture_on_commit_callbacks
):
    other_programme = ProgrammeFactory.create(phases=[Phase.PRIMARY])
    _waiting("other-programme@example.org", other_programme, hub)
    _waiting("other-hub@example.org", programme, other_hub)
    _waiting("secondary@example.org", programme, hub, phase=Phase.SECONDARY)
    InterestRegistration.objects.create(
        email="unconfirmed@example.org", programme=programme, hub=hub
    )
    _publish(_draft(programme, hub), hub_lead, django_capture_on_commit_callbacks)
    assert mail.outbox == []
    assert not InterestRegistration.objects.filter(notified_at__isnull=False).exists()
    assert not AuditEvent.objects.filter(verb="interest.notified").exists()


def test_a_programme_for_two_phases_matches_either(
    hub, hub_lead, django_capture_on_commit_callbacks
):
    continuity = ProgrammeFactory.create(phases=[Phase.PRIMARY, Phase.SECONDARY])
    _waiting("primary@example.org", continuity, hub, phase=Phase.PRIMARY)
    _waiting("secondary@example.org", continuity, hub, phase=Phase.SECONDARY)
    _publish(_draft(continuity, hub), hub_lead, django_capture_on_commit_callbacks)
    assert len(mail.outbox) == 2


def test_nothing_is_sent_when_the_publishing_is_rolled_back(
    programme, hub, hub_lead, django_capture_on_commit_callbacks
):
    _waiting("sam@example.org", programme, hub)
    work_group = _draft(programme, hub)

    def publish_then_fail() -> None:
        with transaction.atomic():
            work_group_set_status(work_group=work_group, status=WorkGroup.Status.OPEN, by=hub_lead)
            raise RuntimeError

    with django_capture_on_commit_callbacks(execute=True), pytest.raises(RuntimeError):
        publish_then_fail()
    assert mail.outbox == []
    assert InterestRegistration.objects.waiting().count() == 1


def test_many_registrations_are_told_in_batches(
    programme, hub, hub_lead, monkeypatch, django_capture_on_commit_callbacks
):
    monkeypatch.setattr(interest_services, "NOTIFY_BATCH_SIZE", 2)
    for number in range(5):
        _waiting(f"person{number}@example.org", programme, hub)
    from hubwork.core.models import OutboxMessage

    _publish(_draft(programme, hub), hub_lead, django_capture_on_commit_callbacks)
    batches = OutboxMessage.objects.filter(task__endswith="interest_send_opened")
    assert sorted(len(batch.kwargs["registration_ids"]) for batch in batches) == [1, 2, 2]
    assert len(mail.outbox) == 5
    assert len({message.to[0] for message in mail.outbox}) == 5


def test_a_registration_withdrawn_before_its_email_goes_is_not_emailed(
    programme, hub, hub_lead, django_capture_on_commit_callbacks
):
    registration = _waiting("sam@example.org", programme, hub)
    work_group = _draft(programme, hub)
    work_group_set_status(work_group=work_group, status=WorkGroup.Status.OPEN, by=hub_lead)
    interest_services.interest_withdraw(registration=registration, by=None)
    from hubwork.content.interest_tasks import interest_send_opened

    assert (
        interest_send_opened(work_group_id=work_group.pk, registration_ids=[registration.pk]) == 0
    )
    assert mail.outbox == []
