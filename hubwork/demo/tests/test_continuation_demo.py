"""The demo's continuing participants: last year's group copied into this year with one
continuer placed and the demo participant still to answer; the demo LLME sees the invitation
page and "Second year with this group"; loading it again changes nothing."""

import pytest

from hubwork.accounts.tests.factories import UserFactory, enable_totp
from hubwork.demo.continuation import seed_continuation
from hubwork.hubs.models import HubArea, HubRole
from hubwork.hubs.tests.factories import HubFactory, HubRoleFactory
from hubwork.programmes.seeds import programmes_seed
from hubwork.schools.tests.factories import LocalAuthorityFactory, SchoolFactory
from hubwork.workgroups.models import ContinuationInvitation, Enrolment, WorkGroup

pytestmark = pytest.mark.django_db


def test_the_demo_has_a_continuer_and_an_invitation_waiting(client):
    programmes_seed()
    glow = HubFactory.create(name="GLOW Maths Hub", slug="glow")
    local_authority = LocalAuthorityFactory.create()
    HubArea.objects.create(hub=glow, local_authority=local_authority)
    for _ in range(2):
        SchoolFactory.create(local_authority=local_authority)
    llme = UserFactory.create(email="llme@example.org", display_name="Liam Evans")
    HubRoleFactory.create(user=llme, hub=glow, role=HubRole.Kind.LLME)
    enable_totp(llme)
    participant = UserFactory.create(email="participant@example.org")
    for number in (21, 22):
        UserFactory.create(email=f"teacher{number}@example.org")

    assert seed_continuation(hubs={"glow": glow}, by=llme) > 0
    assert seed_continuation(hubs={"glow": glow}, by=llme) == 0

    copy = WorkGroup.objects.get(copied_from__isnull=False)
    assert copy.status == WorkGroup.Status.DRAFT
    statuses = dict(ContinuationInvitation.objects.values_list("previous__user__email", "status"))
    assert statuses == {
        "participant@example.org": ContinuationInvitation.Status.PENDING,
        "teacher21@example.org": ContinuationInvitation.Status.ACCEPTED,
    }
    assert Enrolment.objects.get(work_group=copy).continues_from is not None

    client.force_login(participant)
    assert "Invited to carry on" in client.get("/my/work-groups/").content.decode()
    client.force_login(llme)
    base = f"/hubs/glow/manage/work-groups/{copy.pk}/"
    invite = client.get(base + "continuing/").content.decode()
    assert "Waiting for an answer" in invite
    assert "Accepted" in invite
    assert "Second year with this group" in client.get(base + "participants/").content.decode()
