"""Colleagues named on a sign-up confirm before a place is theirs (issue 11).

Naming someone used to enrol them at once: at a school and in a role they never chose, and
without telling them. Now each named colleague gets an invitation, by email and on My Work
Groups; a place is held for them while their batch has places, and the batch goes on
without anyone who does not confirm in time. Services first, then the pages.
"""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from hubwork.accounts.models import User
from hubwork.accounts.tests.factories import UserFactory
from hubwork.core.models import AuditEvent
from hubwork.schools.models import School
from hubwork.schools.tests.factories import SchoolFactory
from hubwork.workgroups.models import Allocation, ColleagueInvitation, Enrolment, WorkGroup
from hubwork.workgroups.services.places import (
    Applicant,
    enrolment_withdraw,
    interest_express,
    invitation_confirm,
    invitation_decline,
    invitations_lapse,
)
from hubwork.workgroups.tasks import lapse_invitations
from hubwork.workgroups.tests.factories import (
    EnrolmentFactory,
    ProgrammeFactory,
    SessionFactory,
    WorkGroupFactory,
    days,
)
from hubwork.workgroups.views import participation

Status = Enrolment.Status
Invitation = ColleagueInvitation.Status
pytestmark = pytest.mark.django_db
TEACHER = Enrolment.Role.CLASS_TEACHER


@pytest.fixture
def work_group(hub) -> WorkGroup:
    """Three places, at most two from one school, first come first served."""
    return WorkGroupFactory.create(
        hub=hub, title="Mastering Number", slug="mastering-number", capacity=3, per_school_limit=2
    )


@pytest.fixture
def sam(db) -> User:
    return UserFactory.create(email="sam@example.org", display_name="Sam Colleague")


def name_colleague(
    work_group: WorkGroup, school: School, *, by: User, email: str = "sam@example.org"
) -> tuple[Enrolment, ColleagueInvitation]:
    enrolment = interest_express(
        work_group=work_group,
        school=school,
        applicant=Applicant(user=by, role=TEACHER),
        colleagues=[email],
        leader_supports=True,
        by=by,
    )
    invitation = ColleagueInvitation.objects.get(batch=str(enrolment.batch), email=email.lower())
    return enrolment, invitation


def someone(work_group: WorkGroup, school: School | None = None) -> Enrolment:
    teacher = UserFactory.create(password=None)
    return interest_express(
        work_group=work_group,
        school=school or SchoolFactory.create(),
        applicant=Applicant(user=teacher, role=TEACHER),
        leader_supports=True,
        by=teacher,
    )


def reload(obj):
    return type(obj).objects.get(pk=obj.pk)


def places_left(work_group: WorkGroup) -> int:
    available = WorkGroup.objects.with_availability().get(pk=work_group.pk)
    return available.places_left  # type: ignore[attr-defined]


# Naming a colleague -----------------------------------------------------------------------------


def test_naming_a_colleague_never_enrols_them_but_holds_their_place(
    work_group, participant, sam, hillside
):
    enrolment, invitation = name_colleague(work_group, hillside, by=participant)

    assert enrolment.status == Status.ENROLLED
    assert not Enrolment.objects.filter(user=sam).exists()
    assert invitation.status == Invitation.PENDING
    assert invitation.place_held
    assert invitation.school == hillside
    assert invitation.batch == enrolment.batch
    assert invitation.expires_at == invitation.requested_at + timedelta(hours=72)
    # The held place is taken as far as everyone else can see.
    assert places_left(work_group) == 1
    event = AuditEvent.objects.for_object(invitation).get()
    assert (event.verb, event.actor_id, event.data) == (
        "invitation.sent",
        participant.pk,
        {"place_held": True},
    )


def test_a_held_place_is_never_given_to_anyone_else(work_group, participant, hillside):
    name_colleague(work_group, hillside, by=participant)
    from_same_school = someone(work_group, hillside)
    third = someone(work_group)
    fourth = someone(work_group)

    # Two places (and the school's two) are taken by the sign-up and its held place.
    assert from_same_school.status == Status.WAITLISTED
    assert (third.status, fourth.status) == (Status.ENROLLED, Status.WAITLISTED)


def test_a_colleague_confirms_and_the_held_place_is_theirs(
    work_group, participant, sam, hillside, django_capture_on_commit_callbacks
):
    enrolment, invitation = name_colleague(work_group, hillside, by=participant)

    with django_capture_on_commit_callbacks(execute=True):
        joined = invitation_confirm(
            invitation=invitation,
            user=sam,
            role=Enrolment.Role.SUBJECT_LEADER,
            leader_supports=True,
        )

    assert (joined.user, joined.school, joined.status) == (sam, hillside, Status.ENROLLED)
    assert joined.role == Enrolment.Role.SUBJECT_LEADER  # their own choice
    assert joined.batch == enrolment.batch
    invitation = reload(invitation)
    assert (invitation.status, invitation.place_held) == (Invitation.CONFIRMED, False)
    assert invitation.enrolment == joined
    assert places_left(work_group) == 1
    assert AuditEvent.objects.for_object(joined).get().data == {"via": "invitation"}
    assert [message.to for message in mail.outbox] == [["sam@example.org"]]
    assert mail.outbox[0].subject == "Hubwork: you have a place in Mastering Number"


def test_only_the_person_at_the_invited_address_can_confirm(work_group, participant, sam, hillside):
    _, invitation = name_colleague(work_group, hillside, by=participant)
    stranger = UserFactory.create(password=None)

    with pytest.raises(ValidationError, match="another email address"):
        invitation_confirm(invitation=invitation, user=stranger, role=TEACHER, leader_supports=True)
    with pytest.raises(ValidationError, match="another email address"):
        invitation_decline(invitation=invitation, user=stranger)
    assert reload(invitation).status == Invitation.PENDING


def test_an_invitation_is_answered_once(work_group, participant, sam, hillside):
    _, invitation = name_colleague(work_group, hillside, by=participant)
    invitation_confirm(invitation=invitation, user=sam, role=TEACHER, leader_supports=True)

    with pytest.raises(ValidationError, match="closed: confirmed"):
        invitation_confirm(invitation=invitation, user=sam, role=TEACHER, leader_supports=True)
    with pytest.raises(ValidationError, match="closed: confirmed"):
        invitation_decline(invitation=invitation, user=sam)


def test_a_colleague_chooses_their_role_and_gives_their_own_trn(participant, sam, hub, hillside):
    work_group = WorkGroupFactory.create(
        hub=hub, programme=ProgrammeFactory.create(trn_required=True)
    )
    enrolment = interest_express(
        work_group=work_group,
        school=hillside,
        applicant=Applicant(user=participant, role=TEACHER, trn="1234567"),
        colleagues=[sam.email],
        leader_supports=True,
        by=participant,
    )
    invitation = ColleagueInvitation.objects.get(batch=str(enrolment.batch))

    with pytest.raises(ValidationError) as raised:
        invitation_confirm(invitation=invitation, user=sam, role="", leader_supports=True)
    assert "role" in raised.value.message_dict
    with pytest.raises(ValidationError) as raised:
        invitation_confirm(invitation=invitation, user=sam, role=TEACHER, leader_supports=True)
    assert "trn" in raised.value.message_dict
    joined = invitation_confirm(
        invitation=invitation, user=sam, role=TEACHER, trn="765 4321", leader_supports=True
    )
    assert joined.trn == "7654321"


def test_someone_already_signed_up_cannot_confirm_a_second_place(
    work_group, participant, sam, hillside
):
    EnrolmentFactory.create(work_group=work_group, user=sam, school=hillside)
    _, invitation = name_colleague(work_group, hillside, by=participant)

    with pytest.raises(ValidationError, match="already signed up"):
        invitation_confirm(invitation=invitation, user=sam, role=TEACHER, leader_supports=True)


# Saying no, or not answering --------------------------------------------------------------------


def test_declining_frees_the_held_place_for_the_next_in_line(
    work_group, participant, sam, hillside, django_capture_on_commit_callbacks
):
    _, invitation = name_colleague(work_group, hillside, by=participant)
    someone(work_group)  # the last place
    waiting = someone(work_group)

    with django_capture_on_commit_callbacks(execute=True):
        invitation_decline(invitation=invitation, user=sam, reason="Not this year")

    assert reload(invitation).status == Invitation.DECLINED
    assert reload(waiting).status == Status.OFFERED
    assert Enrolment.objects.get(user=participant).status == Status.ENROLLED  # keeps theirs
    event = AuditEvent.objects.for_object(invitation).latest("pk")
    assert (event.verb, event.actor_id) == ("invitation.declined", sam.pk)
    assert event.data == {"released_place": True, "reason": "Not this year"}


def test_not_confirming_in_time_lapses_and_the_batch_goes_on_without_them(
    work_group, participant, hillside, django_capture_on_commit_callbacks
):
    _, invitation = name_colleague(work_group, hillside, by=participant, email="new@example.org")
    someone(work_group)
    waiting = someone(work_group)
    assert invitations_lapse() == 0  # still in time
    ColleagueInvitation.objects.filter(pk=invitation.pk).update(
        expires_at=timezone.now() - timedelta(minutes=1)
    )
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        assert lapse_invitations.delay().get() == 1

    assert reload(invitation).status == Invitation.LAPSED
    assert reload(waiting).status == Status.OFFERED
    assert AuditEvent.objects.for_object(invitation).latest("pk").actor_id is None
    # The person who named them hears; the next in line is offered the place.
    assert sorted(message.to[0] for message in mail.outbox) == sorted(
        [participant.email, waiting.user.email]
    )
    lapsed = next(m for m in mail.outbox if m.to == [participant.email])
    assert "new@example.org did not confirm" in lapsed.subject
    assert "Nothing changes for you." in lapsed.body
    with pytest.raises(ValidationError, match="closed: not confirmed in time"):
        invitation_confirm(
            invitation=invitation,
            user=UserFactory.create(email="new@example.org"),
            role=TEACHER,
            leader_supports=True,
        )


def test_confirming_after_the_time_is_refused_even_before_the_lapse_runs(
    work_group, participant, sam, hillside
):
    _, invitation = name_colleague(work_group, hillside, by=participant)
    ColleagueInvitation.objects.filter(pk=invitation.pk).update(
        expires_at=timezone.now() - timedelta(minutes=1)
    )

    with pytest.raises(ValidationError, match="time to confirm has passed"):
        invitation_confirm(invitation=invitation, user=sam, role=TEACHER, leader_supports=True)


def test_a_lapse_run_on_a_stale_list_leaves_a_confirmed_place_alone(
    work_group, participant, sam, hillside
):
    """The beat run reads the lapsed invitations before it takes each lock."""
    _, invitation = name_colleague(work_group, hillside, by=participant)
    ColleagueInvitation.objects.filter(pk=invitation.pk).update(
        expires_at=timezone.now() - timedelta(minutes=1),
        status=Invitation.CONFIRMED,
        place_held=False,
    )
    assert invitations_lapse() == 0


# The batch waits together -----------------------------------------------------------------------


def test_a_waiting_batch_needs_room_for_colleagues_still_asked_to_confirm(
    work_group, participant, sam, hillside, django_capture_on_commit_callbacks
):
    first, second = someone(work_group), someone(work_group)
    enrolment, invitation = name_colleague(work_group, hillside, by=participant)  # 1 left
    later = someone(work_group)

    assert enrolment.status == Status.WAITLISTED
    assert not invitation.place_held
    assert later.status == Status.ENROLLED  # the one place does not fit the two of them

    with django_capture_on_commit_callbacks(execute=True):
        enrolment_withdraw(enrolment=first, by=first.user)
    # One place: not enough for the pair, who keep their place in the queue.
    assert reload(enrolment).status == Status.WAITLISTED
    with django_capture_on_commit_callbacks(execute=True):
        enrolment_withdraw(enrolment=second, by=second.user)
    # Two places: the batch is offered, and a place is now held for the colleague.
    assert reload(enrolment).status == Status.OFFERED
    assert reload(invitation).place_held
    confirmed = invitation_confirm(
        invitation=invitation, user=sam, role=TEACHER, leader_supports=True
    )
    assert confirmed.status == Status.ENROLLED


def test_a_colleague_who_confirms_while_waiting_waits_in_the_same_place(
    work_group, participant, sam, hillside
):
    [someone(work_group) for _ in range(3)]
    enrolment, invitation = name_colleague(work_group, hillside, by=participant)
    after = someone(work_group)

    joined = invitation_confirm(invitation=invitation, user=sam, role=TEACHER, leader_supports=True)

    assert joined.status == Status.WAITLISTED
    assert joined.requested_at == enrolment.requested_at
    queue = Enrolment.objects.filter(work_group=work_group, status=Status.WAITLISTED).order_by(
        "requested_at", "pk"
    )
    assert list(queue) == [enrolment, joined, after]


def test_a_waiting_batch_goes_on_without_a_colleague_who_does_not_confirm(
    work_group, participant, hillside, django_capture_on_commit_callbacks
):
    first, _second = someone(work_group), someone(work_group)
    enrolment, invitation = name_colleague(work_group, hillside, by=participant)
    someone(work_group)  # takes the last place, which does not fit the two of them
    with django_capture_on_commit_callbacks(execute=True):
        enrolment_withdraw(enrolment=first, by=first.user)
    assert reload(enrolment).status == Status.WAITLISTED  # one place, two of them

    ColleagueInvitation.objects.filter(pk=invitation.pk).update(
        expires_at=timezone.now() - timedelta(minutes=1)
    )
    invitations_lapse()

    assert reload(enrolment).status == Status.OFFERED


def test_when_everyone_who_signed_up_leaves_their_colleagues_are_no_longer_asked(
    work_group, participant, hillside, django_capture_on_commit_callbacks
):
    enrolment, invitation = name_colleague(work_group, hillside, by=participant)
    someone(work_group)
    waiting = someone(work_group)

    with django_capture_on_commit_callbacks(execute=True):
        enrolment_withdraw(enrolment=enrolment, by=participant)

    invitation = reload(invitation)
    assert (invitation.status, invitation.place_held) == (Invitation.CANCELLED, False)
    # Both places (theirs and the one held) go on; only one person was waiting.
    assert reload(waiting).status == Status.OFFERED


def test_under_hub_review_a_confirmed_colleague_is_interested_too(
    work_group, participant, sam, hillside
):
    WorkGroup.objects.filter(pk=work_group.pk).update(allocation=Allocation.REVIEW)
    enrolment, invitation = name_colleague(work_group, hillside, by=participant)
    assert enrolment.status == Status.INTERESTED
    assert not invitation.place_held

    joined = invitation_confirm(invitation=invitation, user=sam, role=TEACHER, leader_supports=True)

    assert joined.status == Status.INTERESTED
    assert joined.batch == enrolment.batch


def test_a_school_cannot_name_more_colleagues_than_its_limit(work_group, participant, hillside):
    with pytest.raises(ValidationError, match="up to 2 places"):
        interest_express(
            work_group=work_group,
            school=hillside,
            applicant=Applicant(user=participant, role=TEACHER),
            colleagues=["a@example.org", "b@example.org"],
            leader_supports=True,
            by=participant,
        )
    assert not ColleagueInvitation.objects.exists()


# Emails -----------------------------------------------------------------------------------------


def test_the_person_and_their_colleague_are_emailed_after_commit(
    work_group, participant, hillside, django_capture_on_commit_callbacks
):
    SessionFactory.create(work_group=work_group, number=1, date=days(20))
    with django_capture_on_commit_callbacks(execute=True):
        name_colleague(work_group, hillside, by=participant, email="New.Person@Example.org")

    to = {message.to[0]: message for message in mail.outbox}
    assert set(to) == {participant.email, "new.person@example.org"}
    own = to[participant.email]
    assert own.subject == "Hubwork: you have a place in Mastering Number"
    assert "new.person@example.org, by " in own.body
    assert "we hold a place for them until then" in own.body
    invited = to["new.person@example.org"]
    assert invited.subject == "Hubwork: confirm your place in Mastering Number"
    assert f"{participant.display_name} has signed up to Mastering Number" in invited.body
    assert "with Hillside Primary School" in invited.body
    assert "Nothing is booked for you until you confirm." in invited.body
    assert "9:30am to 3:30pm" in invited.body


def test_an_address_with_no_account_is_asked_to_create_one_and_then_confirm(
    work_group, participant, sam, hillside, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        _, without = name_colleague(work_group, hillside, by=participant, email="new@example.org")
    [message] = [message for message in mail.outbox if message.to == ["new@example.org"]]
    assert "create a Hubwork account with this email address (new@example.org)" in message.body
    assert (
        f"/accounts/signup/?next=%2Fmy%2Fwork-groups%2Finvitations%2F{without.pk}%2F"
        in message.body
    )

    other = WorkGroupFactory.create(hub=work_group.hub)
    with django_capture_on_commit_callbacks(execute=True):
        _, with_account = name_colleague(other, hillside, by=participant)
    [message] = [message for message in mail.outbox if message.to == ["sam@example.org"]]
    assert "sign in to Hubwork and open:" in message.body
    assert f"/my/work-groups/invitations/{with_account.pk}/" in message.body
    assert "create a Hubwork account" not in message.body


# The pages --------------------------------------------------------------------------------------


def invitation_url(invitation: ColleagueInvitation, action: str = "") -> str:
    return f"/my/work-groups/invitations/{invitation.pk}/{action}"


def test_my_work_groups_asks_the_colleague_to_confirm_and_confirming_gives_the_place(
    client, work_group, participant, sam, hillside, django_capture_on_commit_callbacks
):
    _, invitation = name_colleague(work_group, hillside, by=participant)
    client.force_login(sam)

    html = client.get("/my/work-groups/").content.decode()
    assert "Waiting for you to confirm" in html
    assert f"{participant.display_name}, with Hillside Primary School" in html
    assert f'href="{invitation_url(invitation)}"' in html

    html = client.get(invitation_url(invitation)).content.decode()
    assert "Confirm your place" in html
    assert "named you to take part with them" in html
    assert "A place is held for you until" in html
    assert not Enrolment.objects.filter(user=sam).exists()  # looking changes nothing

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            invitation_url(invitation),
            {"role": Enrolment.Role.TEACHING_ASSISTANT, "leader_supports": "on"},
        )
    assert response.status_code == 302
    assert response.url == "/work-groups/mastering-number/sign-up/done/"
    enrolment = Enrolment.objects.get(user=sam)
    assert (enrolment.status, enrolment.role) == (
        Status.ENROLLED,
        Enrolment.Role.TEACHING_ASSISTANT,
    )
    html = client.get(response.url).content.decode()
    assert "You have a place" in html
    assert f"You signed up together with {participant.display_name}" in html
    assert [message.to for message in mail.outbox] == [[sam.email]]
    assert "Waiting for you to confirm" not in client.get("/my/work-groups/").content.decode()


def test_the_confirm_form_shows_its_mistakes_by_the_fields(
    client, work_group, participant, sam, hillside
):
    _, invitation = name_colleague(work_group, hillside, by=participant)
    client.force_login(sam)
    response = client.post(invitation_url(invitation), {})
    assert response.status_code == 200
    assert response.context["form"].errors == {
        "role": ["Choose your role in school."],
        "leader_supports": ["Confirm that your school leader supports this."],
    }
    assert not Enrolment.objects.filter(user=sam).exists()


def test_declining_asks_once_then_says_no(
    client, work_group, participant, sam, hillside, django_capture_on_commit_callbacks
):
    _, invitation = name_colleague(work_group, hillside, by=participant)
    client.force_login(sam)
    html = client.get(invitation_url(invitation, "decline/")).content.decode()
    assert "The place held for you goes to the next person waiting." in html
    assert (
        reload(invitation).status == Invitation.PENDING
    )  # a GET (an email scanner) changes nothing

    response = client.post(invitation_url(invitation, "decline/"))
    assert response.status_code == 302
    assert response.url == "/my/work-groups/"
    assert reload(invitation).status == Invitation.DECLINED
    assert "You have said no to Mastering Number" in client.get("/my/work-groups/").content.decode()
    html = client.get(invitation_url(invitation)).content.decode()
    assert "This invitation is closed: declined." in html


def test_an_invitation_is_only_for_the_address_it_was_sent_to(
    client, work_group, participant, sam, hillside
):
    _, invitation = name_colleague(work_group, hillside, by=participant)
    for person in (participant, UserFactory.create()):
        client.force_login(person)
        assert client.get(invitation_url(invitation)).status_code == 404
        assert client.post(invitation_url(invitation), {"role": TEACHER}).status_code == 404
        assert client.post(invitation_url(invitation, "decline/")).status_code == 404
    client.logout()
    response = client.get(invitation_url(invitation))
    assert response.status_code == 302
    assert response.url.startswith("/accounts/login/")
    assert reload(invitation).status == Invitation.PENDING


def test_a_lapsed_invitation_says_so_and_points_to_signing_up(
    client, work_group, participant, sam, hillside
):
    _, invitation = name_colleague(work_group, hillside, by=participant)
    ColleagueInvitation.objects.filter(pk=invitation.pk).update(
        expires_at=timezone.now() - timedelta(minutes=1)
    )
    client.force_login(sam)
    html = client.get(invitation_url(invitation)).content.decode()
    assert "The time to confirm has passed" in html
    assert 'href="/work-groups/mastering-number/sign-up/"' in html
    assert "Confirm my place" not in html


def test_someone_new_creates_an_account_from_the_email_and_comes_back_to_confirm(
    client, work_group, participant, hillside, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        _, invitation = name_colleague(
            work_group, hillside, by=participant, email="new@example.org"
        )
    [invited] = [message for message in mail.outbox if message.to == ["new@example.org"]]
    link = re.search(r"http://[^/]+(/accounts/signup/\S+)", str(invited.body))
    assert link, invited.body

    response = client.post(
        link.group(1),
        {
            "email": "new@example.org",
            "password1": "a-long-Password-2025",
            "password2": "a-long-Password-2025",
            "display_name": "New Teacher",
        },
    )
    assert response.status_code == 302, response.context["form"].errors
    code = re.search(r"^\s*([A-Z0-9]{4}-[A-Z0-9]{4})\s*$", str(mail.outbox[-1].body), re.M)
    assert code
    response = client.post(response.url, {"code": code.group(1)}, follow=True)
    assert response.redirect_chain[-1][0] == invitation_url(invitation)
    assert "Confirm your place" in response.content.decode()


def test_naming_colleagues_is_rate_limited(client, participant, hub, hillside, monkeypatch):
    monkeypatch.setattr(participation, "COLLEAGUE_INVITATIONS_LIMIT", 2)
    client.force_login(participant)
    for number in range(3):
        work_group = WorkGroupFactory.create(hub=hub)
        response = client.post(
            f"/work-groups/{work_group.slug}/sign-up/",
            {
                "school": hillside.name,
                "school_urn": str(hillside.urn),
                "role": TEACHER,
                "leader_supports": "on",
                "colleague_1_email": f"colleague{number}@example.org",
            },
        )
    assert response.status_code == 200
    assert (
        "You have named too many colleagues in the last hour"
        in (response.context["form"].errors["colleague_1_email"][0])
    )
    assert ColleagueInvitation.objects.count() == 2
    assert not Enrolment.objects.filter(work_group=work_group).exists()


def test_my_work_groups_keeps_a_fixed_number_of_queries_with_invitations(
    client, hub, hillside, sam
):
    def queries(invitations: int) -> int:
        mail.outbox.clear()
        for _ in range(invitations):
            name_colleague(
                WorkGroupFactory.create(hub=hub), hillside, by=UserFactory.create(password=None)
            )
        client.force_login(sam)
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/my/work-groups/").status_code == 200
        return len(captured)

    assert queries(1) == queries(4)


def test_the_leads_see_who_is_asked_to_confirm_and_the_places_held(
    client, work_group, participant, hillside, hub_lead
):
    name_colleague(work_group, hillside, by=participant, email="new@example.org")
    client.force_login(hub_lead)
    html = client.get(
        f"/hubs/{work_group.hub.slug}/manage/work-groups/{work_group.pk}/participants/"
    ).content.decode()
    assert (
        "1, with 1 place held for them until they answer: new@example.org (Hillside Primary School)"
    ) in html


def test_the_work_group_page_asks_the_named_colleague_to_confirm(
    client, work_group, participant, sam, hillside
):
    _, invitation = name_colleague(work_group, hillside, by=participant)
    client.force_login(sam)
    html = client.get("/work-groups/mastering-number/").content.decode()
    assert f"{participant.display_name} named you when they signed up with Hillside" in html
    assert f'href="{invitation_url(invitation)}">Confirm or decline your place</a>' in html
