"""Continuing participants (issue 17): a copy's leads invite last year's completers, who take
places before sign-up opens to others, within capacity and the per-school limit, through the
allocation service; their years with the group show to them and to the leads."""

import re

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from hubwork.accounts.models import User
from hubwork.accounts.tests.factories import UserFactory
from hubwork.core.models import AuditEvent
from hubwork.schools.models import School
from hubwork.schools.tests.factories import SchoolFactory
from hubwork.workgroups.models import ContinuationInvitation, Enrolment, WorkGroup
from hubwork.workgroups.selectors.continuation import (
    completers_for,
    continuation_invitations_pending_for,
    years_label,
)
from hubwork.workgroups.services.continuation import (
    continuation_accept,
    continuation_decline,
    continuation_invite,
)
from hubwork.workgroups.services.places import Applicant, interest_express
from hubwork.workgroups.services.work_groups import (
    work_group_copy_to_next_year,
    work_group_set_status,
)
from hubwork.workgroups.tests.factories import (
    EnrolmentFactory,
    SessionFactory,
    WorkGroupFactory,
    days,
)

Status = ContinuationInvitation.Status
pytestmark = pytest.mark.django_db


@pytest.fixture
def this_year(hub, llme) -> WorkGroup:
    work_group = WorkGroupFactory.create(
        hub=hub,
        title="Mastering Number",
        leads=[llme],
        capacity=4,
        per_school_limit=2,
        status=WorkGroup.Status.COMPLETED,
    )
    SessionFactory.create(work_group=work_group, date=days(-20))
    return work_group


@pytest.fixture
def school(hillside) -> School:
    return hillside


def completer(work_group: WorkGroup, school: School, name: str) -> Enrolment:
    return EnrolmentFactory.create(
        work_group=work_group,
        school=school,
        user=UserFactory.create(display_name=name, password=None),
        status=Enrolment.Status.COMPLETED,
        role=Enrolment.Role.SUBJECT_LEADER,
    )


@pytest.fixture
def completers(this_year, school) -> list[Enrolment]:
    other = SchoolFactory.create(name="Oakfield Academy")
    return [
        completer(this_year, school, "Ada Hill"),
        completer(this_year, school, "Ben Hill"),
        completer(this_year, other, "Cara Oak"),
    ]


@pytest.fixture
def next_year(this_year, llme, hub_lead) -> WorkGroup:
    return work_group_copy_to_next_year(work_group=this_year, by=hub_lead)


def invite_url(work_group: WorkGroup) -> str:
    return reverse(
        "workgroups:continuation_invite",
        kwargs={"hub_slug": work_group.hub.slug, "pk": work_group.pk},
    )


def accept(invitation: ContinuationInvitation) -> Enrolment:
    return continuation_accept(
        invitation=invitation, user=invitation.previous.user, leader_supports=True
    )


def sign_up(work_group: WorkGroup, school: School | None = None) -> Enrolment:
    teacher = UserFactory.create(password=None)
    return interest_express(
        work_group=work_group,
        school=school or SchoolFactory.create(),
        applicant=Applicant(user=teacher, role=Enrolment.Role.CLASS_TEACHER),
        leader_supports=True,
        by=teacher,
    )


# Inviting --------------------------------------------------------------------------------------


def test_a_lead_invites_completers_each_gets_an_email_with_their_link(
    client, llme, next_year, completers, django_capture_on_commit_callbacks
):
    client.force_login(llme)
    page = client.get(invite_url(next_year))
    assert page.status_code == 200
    for enrolment in completers:
        assert enrolment.user.display_name in page.content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            invite_url(next_year), {"completers": [completers[0].pk, completers[2].pk]}
        )

    assert response.status_code == 302
    invitations = list(ContinuationInvitation.objects.filter(work_group=next_year))
    assert {i.previous_id for i in invitations} == {completers[0].pk, completers[2].pk}
    assert all(i.status == Status.PENDING and i.invited_by == llme for i in invitations)
    assert AuditEvent.objects.filter(verb="continuation.invited").count() == 2
    assert sorted(message.to[0] for message in mail.outbox) == sorted(
        [completers[0].user.email, completers[2].user.email]
    )
    email = next(m for m in mail.outbox if m.to == [completers[0].user.email])
    link = reverse("workgroups:continuation", kwargs={"pk": invitations[0].pk})
    assert re.search(r"https?://\S+/my/work-groups/continue/\d+/", str(email.body))
    assert "before sign-up opens" in email.body
    assert any(link in m.body for m in mail.outbox)
    # The page now shows them as invited, and only Ben is left to choose.
    page = client.get(invite_url(next_year)).content.decode()
    assert "Waiting for an answer" in page
    assert page.count('name="completers"') == 1


def test_inviting_again_does_nothing(
    next_year, completers, llme, django_capture_on_commit_callbacks
):
    first = continuation_invite(work_group=next_year, previous=completers[:2], by=llme)

    with django_capture_on_commit_callbacks(execute=True):
        again = continuation_invite(work_group=next_year, previous=completers, by=llme)

    assert len(first) == 2
    assert [i.previous_id for i in again] == [completers[2].pk]
    assert ContinuationInvitation.objects.filter(work_group=next_year).count() == 3
    assert len(mail.outbox) == 1


def test_only_completers_of_the_original_can_be_invited(next_year, this_year, school, llme):
    withdrawn = EnrolmentFactory.create(
        work_group=this_year, school=school, status=Enrolment.Status.WITHDRAWN
    )
    with pytest.raises(ValidationError):
        continuation_invite(work_group=next_year, previous=[withdrawn], by=llme)
    elsewhere = completer(WorkGroupFactory.create(hub=next_year.hub), school, "Elsewhere")
    with pytest.raises(ValidationError):
        continuation_invite(work_group=next_year, previous=[elsewhere], by=llme)
    with pytest.raises(ValidationError, match="copied"):
        continuation_invite(work_group=this_year, previous=[], by=llme)


def test_outsiders_and_other_people_cannot_reach_the_pages(
    client, outsider, participant, next_year, completers, llme
):
    client.force_login(outsider)
    assert client.get(invite_url(next_year)).status_code == 403
    (invitation,) = continuation_invite(work_group=next_year, previous=completers[:1], by=llme)
    answer = reverse("workgroups:continuation", kwargs={"pk": invitation.pk})
    decline = reverse("workgroups:continuation_decline", kwargs={"pk": invitation.pk})
    for person in (outsider, participant, llme, completers[1].user):
        client.force_login(person)
        assert client.get(answer).status_code == 404
        assert client.post(answer, {"leader_supports": "on"}).status_code == 404
        assert client.post(decline).status_code == 404
    assert ContinuationInvitation.objects.get().status == Status.PENDING


# Accepting and declining --------------------------------------------------------------------


def test_accepting_by_the_link_takes_a_place_before_sign_up_opens(
    client, next_year, completers, llme
):
    (invitation,) = continuation_invite(work_group=next_year, previous=completers[:1], by=llme)
    assert next_year.status == WorkGroup.Status.DRAFT
    client.force_login(completers[0].user)
    url = reverse("workgroups:continuation", kwargs={"pk": invitation.pk})
    page = client.get(url).content.decode()
    assert completers[0].school.name in page
    assert "Accept my place" in page

    refused = client.post(url, {})
    assert refused.status_code == 200
    assert "Confirm that your school leader supports this." in refused.content.decode()

    assert client.post(url, {"leader_supports": "on"}).status_code == 302
    enrolment = Enrolment.objects.get(work_group=next_year)
    assert enrolment.user == completers[0].user
    assert enrolment.status == Enrolment.Status.ENROLLED
    assert enrolment.continues_from == completers[0]
    assert enrolment.school == completers[0].school
    assert enrolment.role == Enrolment.Role.SUBJECT_LEADER
    invitation.refresh_from_db()
    assert (invitation.status, invitation.enrolment) == (Status.ACCEPTED, enrolment)
    assert invitation.answered_at is not None
    assert AuditEvent.objects.filter(verb="continuation.accepted").exists()
    assert AuditEvent.objects.filter(
        verb="enrolment.enrolled", object_id=str(enrolment.pk), data__via="continuation"
    ).exists()
    # Accepting twice (another tab) changes nothing.
    with pytest.raises(ValidationError, match="already answered"):
        accept(invitation)
    # Their place counts before anyone else can sign up.
    availability = WorkGroup.objects.with_availability().get(pk=next_year.pk)
    assert availability.places_taken == 1  # type: ignore[attr-defined]


def test_continuers_fill_places_first_and_open_sign_up_gets_the_rest(
    next_year, completers, llme, hub_lead
):
    invitations = continuation_invite(work_group=next_year, previous=completers, by=llme)
    for invitation in invitations:
        accept(invitation)
    work_group_set_status(work_group=next_year, status=WorkGroup.Status.OPEN, by=hub_lead)

    newcomers = [sign_up(next_year) for _ in range(3)]

    statuses = [e.status for e in newcomers]
    assert statuses == [Enrolment.Status.ENROLLED] + [Enrolment.Status.WAITLISTED] * 2
    assert (
        Enrolment.objects.filter(work_group=next_year, status=Enrolment.Status.ENROLLED).count()
        == next_year.capacity
    )


def test_a_continuer_waits_when_the_school_or_the_group_is_full(
    next_year, completers, llme, school
):
    next_year.per_school_limit = 1
    next_year.save()
    ada, ben, cara = continuation_invite(work_group=next_year, previous=completers, by=llme)

    assert accept(ada).status == Enrolment.Status.ENROLLED
    # Ben is from Ada's school, which may take one place.
    assert accept(ben).status == Enrolment.Status.WAITLISTED
    ben.refresh_from_db()
    assert ben.status == Status.WAITLISTED

    next_year.capacity = 1
    next_year.save()
    assert accept(cara).status == Enrolment.Status.WAITLISTED


def test_once_open_people_already_waiting_are_offered_places_first(
    next_year, completers, llme, hub_lead
):
    next_year.capacity = 2
    next_year.save()
    (invitation,) = continuation_invite(work_group=next_year, previous=completers[2:], by=llme)
    work_group_set_status(work_group=next_year, status=WorkGroup.Status.OPEN, by=hub_lead)
    first, _second = sign_up(next_year), sign_up(next_year)
    waiting = sign_up(next_year)
    assert waiting.status == Enrolment.Status.WAITLISTED
    from hubwork.workgroups.services.places import enrolment_withdraw

    enrolment_withdraw(enrolment=first, by=first.user)
    waiting.refresh_from_db()
    assert waiting.status == Enrolment.Status.OFFERED

    # No place left: the continuer joins the waiting list behind the people already there.
    assert accept(invitation).status == Enrolment.Status.WAITLISTED


def test_declining_is_recorded_and_closes_the_invitation(client, next_year, completers, llme):
    (invitation,) = continuation_invite(work_group=next_year, previous=completers[:1], by=llme)
    client.force_login(completers[0].user)
    url = reverse("workgroups:continuation_decline", kwargs={"pk": invitation.pk})
    assert client.get(url).status_code == 200
    assert ContinuationInvitation.objects.get().status == Status.PENDING

    assert client.post(url).status_code == 302

    invitation.refresh_from_db()
    assert invitation.status == Status.DECLINED
    assert invitation.answered_at is not None
    assert AuditEvent.objects.filter(verb="continuation.declined").exists()
    assert not Enrolment.objects.filter(work_group=next_year).exists()
    with pytest.raises(ValidationError):
        accept(invitation)
    with pytest.raises(ValidationError):
        continuation_decline(invitation=invitation, user=completers[0].user)


def test_pending_invitations_lapse_when_the_group_starts(client, next_year, completers, llme):
    (invitation,) = continuation_invite(work_group=next_year, previous=completers[:1], by=llme)
    person = completers[0].user
    assert continuation_invitations_pending_for(person) == [invitation]
    next_year.sessions.all().delete()
    SessionFactory.create(work_group=next_year, date=days(0))

    assert continuation_invitations_pending_for(person) == []
    with pytest.raises(ValidationError, match="closed"):
        accept(invitation)
    client.force_login(person)
    page = client.get(reverse("workgroups:continuation", kwargs={"pk": invitation.pk}))
    assert "has closed" in page.content.decode()
    assert "Accept my place" not in page.content.decode()


def test_someone_who_signed_up_already_keeps_that_place(next_year, completers, llme, hub_lead):
    (invitation,) = continuation_invite(work_group=next_year, previous=completers[:1], by=llme)
    work_group_set_status(work_group=next_year, status=WorkGroup.Status.OPEN, by=hub_lead)
    interest_express(
        work_group=next_year,
        school=completers[0].school,
        applicant=Applicant(user=completers[0].user, role=Enrolment.Role.CLASS_TEACHER),
        leader_supports=True,
        by=completers[0].user,
    )
    with pytest.raises(ValidationError, match="already signed up"):
        accept(invitation)
    assert Enrolment.objects.filter(work_group=next_year).count() == 1


# History across years -------------------------------------------------------------------------


def test_years_with_the_group_show_to_the_person_and_the_leads(
    client, next_year, completers, llme, hub_lead
):
    ada, _, _ = continuation_invite(work_group=next_year, previous=completers, by=llme)
    enrolment = accept(ada)

    client.force_login(completers[0].user)
    mine = client.get(reverse("workgroups:mine")).content.decode()
    assert "Second year with this group" in mine
    # Ben and Cara see their invitations on My Work Groups.
    client.force_login(completers[1].user)
    assert "Invited to carry on" in client.get(reverse("workgroups:mine")).content.decode()

    client.force_login(llme)
    participants = reverse(
        "workgroups:participants", kwargs={"hub_slug": next_year.hub.slug, "pk": next_year.pk}
    )
    page = client.get(participants).content.decode()
    assert "Second year with this group" in page
    assert page.count("year with this group") == 1
    assert "Invite this year's completers to continue" in page

    # A year on, the chain counts a third year.
    enrolment.status = Enrolment.Status.COMPLETED
    enrolment.save()
    third_year = work_group_copy_to_next_year(work_group=next_year, by=hub_lead)
    (invitation,) = continuation_invite(work_group=third_year, previous=[enrolment], by=llme)
    accept(invitation)
    client.force_login(llme)
    page = client.get(
        reverse(
            "workgroups:participants",
            kwargs={"hub_slug": third_year.hub.slug, "pk": third_year.pk},
        )
    ).content.decode()
    assert "Third year with this group" in page


def test_the_register_shows_the_years_too(client, next_year, completers, llme, hub_lead):
    (invitation,) = continuation_invite(work_group=next_year, previous=completers[:1], by=llme)
    accept(invitation)
    session = next_year.sessions.get()
    session.date = days(-1)
    session.save()
    client.force_login(llme)
    page = client.get(
        reverse(
            "workgroups:session_register",
            kwargs={"hub_slug": next_year.hub.slug, "pk": next_year.pk, "session_pk": session.pk},
        )
    )
    assert "Second year with this group" in page.content.decode()


def test_years_label_reads_in_words():
    assert years_label(1) == ""
    assert years_label(2) == "Second year with this group"
    assert years_label(10) == "Tenth year with this group"
    assert years_label(11) == "More than ten years with this group"


def _queries(client, path: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(path).status_code == 200
    return len(queries)


def test_pages_keep_a_fixed_number_of_queries_as_continuers_grow(
    client, next_year, this_year, completers, llme
):
    next_year.capacity = 30
    next_year.per_school_limit = 30
    next_year.save()
    for invitation in continuation_invite(work_group=next_year, previous=completers, by=llme):
        accept(invitation)
    participants = reverse(
        "workgroups:participants", kwargs={"hub_slug": next_year.hub.slug, "pk": next_year.pk}
    )
    client.force_login(llme)
    few = {path: _queries(client, path) for path in (invite_url(next_year), participants)}
    more = [completer(this_year, SchoolFactory.create(), f"Later {n}") for n in range(8)]
    for invitation in continuation_invite(work_group=next_year, previous=more[:5], by=llme):
        accept(invitation)

    assert {path: _queries(client, path) for path in few} == few
    assert len(completers_for(next_year)) == 11


def test_my_work_groups_keeps_a_fixed_number_of_queries(client, next_year, completers, llme):
    person: User = completers[0].user
    client.force_login(person)
    path = reverse("workgroups:mine")
    few = _queries(client, path)
    (invitation,) = continuation_invite(work_group=next_year, previous=completers[:1], by=llme)
    with_invitation = _queries(client, path)
    accept(invitation)

    assert with_invitation == few
    # One more Work Group: its waiting position is not asked for (they hold a place).
    assert _queries(client, path) == few
