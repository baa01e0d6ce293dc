"""Expressing interest in a Work Group: /work-groups/<slug>/sign-up/."""

import re

import pytest
from django.contrib.sessions.models import Session
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext

from hubwork.accounts.tests.factories import PASSWORD, UserFactory
from hubwork.schools.selectors import MAX_QUERY_LENGTH
from hubwork.schools.tests.factories import SchoolFactory
from hubwork.workgroups.models import Allocation, ColleagueInvitation, Enrolment, WorkGroup
from hubwork.workgroups.tests.factories import (
    EnrolmentFactory,
    ProgrammeFactory,
    SessionFactory,
    WorkGroupFactory,
    days,
)
from hubwork.workgroups.views.participation import (
    SCHOOL_CHECK_RATE_LIMIT,
    SIGN_UP_POST_RATE_LIMIT,
)

Status = Enrolment.Status


@pytest.fixture
def work_group(hub) -> WorkGroup:
    return WorkGroupFactory.create(
        hub=hub, slug="glow-mastering-number", title="Mastering Number", capacity=4
    )


@pytest.fixture
def colleague(db):
    return UserFactory.create(email="sam.colleague@example.org", display_name="Sam Colleague")


def url(work_group: WorkGroup) -> str:
    return f"/work-groups/{work_group.slug}/sign-up/"


def form_data(chosen_school, **extra: str) -> dict[str, str]:
    data = {
        "school": chosen_school.name,
        "school_urn": str(chosen_school.urn),
        "role": Enrolment.Role.CLASS_TEACHER,
        "leader_supports": "on",
    }
    data.update(extra)
    return data


def sign_up(client, work_group, chosen_school, **extra: str):
    return client.post(url(work_group), form_data(chosen_school, **extra))


def fill(work_group: WorkGroup, count: int) -> None:
    for _ in range(count):
        EnrolmentFactory.create(work_group=work_group)


# Where people land ----------------------------------------------------------------------------


def test_first_come_first_served_gives_a_place(client, participant, work_group, hillside):
    client.force_login(participant)
    response = sign_up(client, work_group, hillside)
    assert response.status_code == 302
    assert response.url == f"/work-groups/{work_group.slug}/sign-up/done/"
    enrolment = Enrolment.objects.get(work_group=work_group, user=participant)
    assert enrolment.status == Status.ENROLLED
    assert enrolment.school == hillside
    assert enrolment.role == Enrolment.Role.CLASS_TEACHER
    assert enrolment.leader_supports
    html = client.get(response.url).content.decode()
    assert "You have a place" in html
    # Coming back to the form shows what happened rather than a second form.
    assert client.get(url(work_group)).url == response.url
    # The Work Group page now says so too.
    html = client.get(work_group.get_absolute_url()).content.decode()
    assert "You have a place, with Hillside Primary School." in html


def test_a_full_group_puts_people_on_the_waiting_list_with_their_position(
    client, participant, work_group, hillside
):
    fill(work_group, 4)
    EnrolmentFactory.create(work_group=work_group, status=Status.WAITLISTED)
    page = client.get(work_group.get_absolute_url())
    assert page.status_code == 200
    client.force_login(participant)
    html = client.get(work_group.get_absolute_url()).content.decode()
    assert "If you sign up, you join the waiting list" in html
    assert "Join the waiting list" in html

    response = sign_up(client, work_group, hillside)
    assert Enrolment.objects.get(user=participant).status == Status.WAITLISTED
    html = client.get(response.url).content.decode()
    assert "You are number 2 on the waiting list" in html
    html = client.get(work_group.get_absolute_url()).content.decode()
    assert "You are on the waiting list (number 2)" in html


def test_under_review_people_are_interested_until_the_hub_decides(
    client, participant, hub, hillside
):
    work_group = WorkGroupFactory.create(hub=hub, allocation=Allocation.REVIEW)
    client.force_login(participant)
    response = sign_up(client, work_group, hillside)
    assert Enrolment.objects.get(user=participant).status == Status.INTERESTED
    assert "The hub will review your interest" in client.get(response.url).content.decode()


# Colleagues -----------------------------------------------------------------------------------


def test_colleagues_are_placed_together(client, participant, colleague, work_group, hillside):
    client.force_login(participant)
    response = sign_up(client, work_group, hillside, colleague_1_email="Sam.Colleague@example.org")
    assert response.status_code == 302
    # Issue 11: naming a colleague no longer enrols them; a place is held until they confirm.
    invitation = ColleagueInvitation.objects.get(email="sam.colleague@example.org")
    assert invitation.place_held
    client.force_login(colleague)
    client.post(
        f"/my/work-groups/invitations/{invitation.pk}/",
        {"role": Enrolment.Role.SUBJECT_LEADER, "leader_supports": "on"},
    )
    enrolments = Enrolment.objects.filter(work_group=work_group, school=hillside)
    assert {e.user for e in enrolments} == {participant, colleague}
    assert {e.status for e in enrolments} == {Status.ENROLLED}
    assert len({e.batch for e in enrolments}) == 1
    client.force_login(participant)
    assert "Sam Colleague" in client.get(response.url).content.decode()


def test_colleagues_wait_together_when_only_one_place_is_left(
    client, participant, colleague, work_group, hillside
):
    fill(work_group, 3)
    client.force_login(participant)
    sign_up(client, work_group, hillside, colleague_1_email=colleague.email)
    statuses = set(
        Enrolment.objects.filter(work_group=work_group, school=hillside).values_list(
            "status", flat=True
        )
    )
    assert statuses == {Status.WAITLISTED}


def test_a_school_cannot_bring_more_than_its_limit(client, participant, colleague, hub, hillside):
    work_group = WorkGroupFactory.create(hub=hub, per_school_limit=2)
    EnrolmentFactory.create(work_group=work_group, school=hillside)
    client.force_login(participant)
    response = sign_up(client, work_group, hillside, colleague_1_email=colleague.email)
    # Two more from a school that already holds one place: they wait together.
    assert response.status_code == 302
    assert set(
        Enrolment.objects.filter(user__in=[participant, colleague]).values_list("status", flat=True)
    ) == {Status.WAITLISTED}
    # The form never offers more colleagues than the limit allows.
    html = client.get(url(WorkGroupFactory.create(hub=hub, per_school_limit=3))).content.decode()
    assert "colleague_2_email" in html
    assert "colleague_3_email" not in html


def test_a_colleague_without_an_account_is_invited_like_anyone_else(
    client, participant, work_group, hillside
):
    """Issue 11: the form used to answer "No one has a Hubwork account with …", telling
    anyone which addresses have accounts. Every address is now invited the same way."""
    client.force_login(participant)
    response = sign_up(client, work_group, hillside, colleague_1_email="nobody@example.org")
    assert response.status_code == 302
    assert response.url == f"/work-groups/{work_group.slug}/sign-up/done/"
    assert "No one has a Hubwork account" not in client.get(response.url).content.decode()
    assert ColleagueInvitation.objects.get().email == "nobody@example.org"
    assert list(Enrolment.objects.values_list("user", flat=True)) == [participant.pk]


# Eligibility ----------------------------------------------------------------------------------


def test_trn_is_required_where_the_programme_asks_for_it(client, participant, hub, hillside):
    work_group = WorkGroupFactory.create(
        hub=hub, programme=ProgrammeFactory.create(trn_required=True)
    )
    client.force_login(participant)
    response = sign_up(client, work_group, hillside)
    assert response.context["form"].errors["trn"] == [
        "Enter your 7-digit teacher reference number (TRN)."
    ]
    assert not Enrolment.objects.exists()
    sign_up(client, work_group, hillside, trn="123 4567")
    assert Enrolment.objects.get(user=participant).trn == "1234567"


def test_a_school_that_has_not_completed_the_earlier_programme_is_told_why(
    client, participant, hub, hillside
):
    earlier = ProgrammeFactory.create(name="Mastering Number")
    work_group = WorkGroupFactory.create(
        hub=hub, programme=ProgrammeFactory.create(requires_completion_of=earlier)
    )
    client.force_login(participant)
    response = sign_up(client, work_group, hillside)
    assert response.status_code == 200
    # Issue 11: a rule about the school is shown by the school box, no longer at the top.
    assert (
        "Hillside Primary School needs to have completed Mastering Number first."
        in response.context["form"].errors["school"]
    )
    assert "needs to have completed Mastering Number first." in response.content.decode()
    assert not Enrolment.objects.exists()


def test_a_school_that_completed_a_once_per_school_programme_is_told_why(
    client, participant, hub, hillside
):
    programme = ProgrammeFactory.create(name="Sustaining Mastery", once_per_school=True)
    last_year = WorkGroupFactory.create(hub=hub, programme=programme, academic_year=2020)
    EnrolmentFactory.create(work_group=last_year, school=hillside, status=Status.COMPLETED)
    work_group = WorkGroupFactory.create(hub=hub, programme=programme)
    client.force_login(participant)
    response = sign_up(client, work_group, hillside)
    assert "has already completed Sustaining Mastery, which schools take once." in (
        response.content.decode()
    )
    assert not Enrolment.objects.filter(work_group=work_group).exists()


def test_leader_support_unticked_is_an_error_by_the_field(
    client, participant, work_group, hillside
):
    client.force_login(participant)
    data = form_data(hillside)
    del data["leader_supports"]
    response = client.post(url(work_group), data)
    assert response.context["form"].errors["leader_supports"] == [
        "Confirm that your school leader supports this."
    ]
    assert not Enrolment.objects.exists()


# The school box without JavaScript ------------------------------------------------------------


def test_a_typed_school_name_is_found_on_the_register(client, participant, work_group, hillside):
    client.force_login(participant)
    sign_up(client, work_group, hillside, school="hillside primary", school_urn="")
    assert Enrolment.objects.get(user=participant).school == hillside


def test_several_matching_schools_ask_the_person_to_choose(
    client, participant, work_group, hillside, birmingham
):
    other = SchoolFactory.create(name="Hillside Academy", local_authority=birmingham)
    client.force_login(participant)
    response = sign_up(client, work_group, hillside, school="hillside", school_urn="")
    assert response.status_code == 200
    assert (
        "2 schools match ‘hillside’. Choose yours from the list."
        in (response.context["form"].errors["school"])
    )
    html = response.content.decode()
    assert f'name="school_choice" type="radio" value="{other.urn}"' in html
    sign_up(
        client, work_group, hillside, school="hillside", school_urn="", school_choice=str(other.urn)
    )
    assert Enrolment.objects.get(user=participant).school == other


def test_an_unknown_school_is_an_error_by_the_field(client, participant, work_group, hillside):
    client.force_login(participant)
    response = sign_up(client, work_group, hillside, school="Nowhere School", school_urn="")
    assert response.context["form"].errors["school"] == [
        "No school matches ‘Nowhere School’. Check the spelling, or give its URN."
    ]


@pytest.mark.parametrize("urn", ["²", "99999999999999999999999", "-1"])
def test_a_hidden_urn_that_is_not_a_urn_falls_back_to_the_school_name(
    client, participant, work_group, hillside, urn
):
    client.force_login(participant)
    response = sign_up(client, work_group, hillside, school_urn=urn, school_choice=urn)
    assert response.status_code == 302
    assert Enrolment.objects.get().school == hillside


# Signed-out start -----------------------------------------------------------------------------


def test_a_signed_out_start_comes_back_to_the_form_with_what_they_typed(
    client, participant, work_group, hillside
):
    response = client.get(url(work_group))
    assert response.status_code == 200
    assert "Continue to sign in" in response.content.decode()
    response = sign_up(client, work_group, hillside, role=Enrolment.Role.SUBJECT_LEADER)
    assert response.status_code == 302
    assert (
        response.url == "/accounts/login/?next=%2Fwork-groups%2Fglow-mastering-number%2Fsign-up%2F"
    )
    assert not Enrolment.objects.exists()

    response = client.post(
        response.url, {"login": participant.email, "password": PASSWORD}, follow=True
    )
    assert response.redirect_chain[-1][0] == url(work_group)
    form = response.context["form"]
    assert form.initial["school"] == "Hillside Primary School"
    assert form.initial["school_urn"] == str(hillside.urn)
    assert form.initial["role"] == Enrolment.Role.SUBJECT_LEADER
    assert form.initial["leader_supports"] is True
    html = response.content.decode()
    assert "We kept what you typed before you signed in." in html
    assert 'value="Hillside Primary School"' in html
    # Used once: it does not come back a second time.
    assert "We kept what you typed" not in client.get(url(work_group)).content.decode()


def test_creating_an_account_with_a_code_also_comes_back_to_the_form(client, work_group, hillside):
    response = sign_up(client, work_group, hillside)
    next_url = response.url.split("?", 1)[1]
    response = client.post(
        f"/accounts/signup/?{next_url}",
        {
            "email": "new.teacher@example.org",
            "password1": "a-long-Password-2025",
            "password2": "a-long-Password-2025",
            "display_name": "New Teacher",
        },
    )
    assert response.status_code == 302, response.context["form"].errors
    body = str(mail.outbox[-1].body)
    code = re.search(r"^\s*([A-Z0-9]{4}-[A-Z0-9]{4})\s*$", body, re.MULTILINE)
    assert code, body
    response = client.post(response.url, {"code": code.group(1)}, follow=True)
    assert response.redirect_chain[-1][0] == url(work_group)
    assert response.context["form"].initial["school"] == "Hillside Primary School"


def test_a_signed_out_start_keeps_only_the_form_fields_each_within_its_length(
    client, work_group, hillside
):
    # What a signed-out visitor sends is kept in their session row until they sign in, so
    # it must stay small whatever they send.
    huge = "x" * 500_000
    response = sign_up(
        client,
        work_group,
        hillside,
        school=huge,
        role=huge,
        colleague_1_email=huge,
        colleague_99_email="far@example.org",
        anything_else=huge,
    )
    assert response.status_code == 302
    stash = client.session[f"workgroups.sign_up.{work_group.slug}"]
    assert set(stash) <= {"school", "school_urn", "school_choice", "role", "leader_supports"} | {
        f"colleague_{number}_email" for number in range(1, work_group.per_school_limit)
    }
    assert len(stash["school"]) == MAX_QUERY_LENGTH
    assert "role" not in stash  # not one of the choices
    assert all(len(value) <= 320 for value in stash.values())
    session = Session.objects.get(session_key=client.session.session_key)
    assert len(session.session_data) < 4_000


def test_signed_out_starts_are_limited_per_address(client, work_group, hillside):
    for _ in range(SIGN_UP_POST_RATE_LIMIT):
        assert sign_up(client, work_group, hillside).status_code == 302
    response = sign_up(client, work_group, hillside, school="Kept out")
    assert response.status_code == 429
    assert "You have sent this form too many times" in response.content.decode()
    assert client.session[f"workgroups.sign_up.{work_group.slug}"]["school"] == hillside.name


def test_sign_ups_are_limited_per_person_not_per_address(client, participant, work_group, hillside):
    # A school's teachers may share one address: each person has their own allowance.
    client.force_login(participant)
    for _ in range(SIGN_UP_POST_RATE_LIMIT):
        assert sign_up(client, work_group, hillside, role="").status_code == 200
    response = sign_up(client, work_group, hillside)
    assert response.status_code == 429
    assert not Enrolment.objects.exists()
    client.force_login(UserFactory.create())
    assert sign_up(client, work_group, hillside).status_code == 302


def test_signed_out_visitors_see_the_form_link_on_the_work_group_page(client, work_group):
    html = client.get(work_group.get_absolute_url()).content.decode()
    assert f'href="{url(work_group)}"' in html
    assert "Sign in to express interest" in html


def test_closed_groups_do_not_offer_sign_up(client, participant, work_group, hillside):
    work_group.status = WorkGroup.Status.RUNNING
    work_group.save()
    client.force_login(participant)
    html = client.get(work_group.get_absolute_url()).content.decode()
    assert "no longer taking sign-ups" in html
    assert url(work_group) not in html
    response = sign_up(client, work_group, hillside)
    assert "This Work Group is not taking sign-ups." in response.content.decode()
    assert not Enrolment.objects.exists()


# Explaining itself before and after (issue 11) ------------------------------------------------

LIMIT_NOTE = (
    "Hillside Primary School already has 2 places in this Work Group, the most it takes from "
    "one school. If you sign up, you join the waiting list."
)
LIMIT_REASON = "Your school already has 2 places, the most this Work Group takes from one school."


def check_url(work_group: WorkGroup, urn: object) -> str:
    return f"/work-groups/{work_group.slug}/sign-up/school/?urn={urn}"


def test_the_page_and_the_form_say_the_school_rules_before_anyone_signs_up(
    client, participant, hub
):
    programme = ProgrammeFactory.create(name="Sustaining Mastery", once_per_school=True)
    work_group = WorkGroupFactory.create(hub=hub, programme=programme, per_school_limit=2)
    client.force_login(participant)
    for page in (work_group.get_absolute_url(), url(work_group)):
        html = client.get(page).content.decode()
        assert (
            "Up to 2 people from each school can have a place. If your school already has 2, "
            "you join the waiting list, even when there are places left."
        ) in html
        assert (
            "Schools take Sustaining Mastery once: a school that has completed it before "
            "cannot sign up again."
        ) in html


def test_a_school_at_its_limit_is_told_why_before_and_after_signing_up(
    client, participant, hub, hillside, django_capture_on_commit_callbacks
):
    work_group = WorkGroupFactory.create(
        hub=hub, title="Mastering Number", capacity=12, per_school_limit=2
    )
    EnrolmentFactory.create_batch(2, work_group=work_group, school=hillside)
    client.force_login(participant)
    assert "10 places left" in client.get(work_group.get_absolute_url()).content.decode()

    # Before: picking the school in the form says what signing up would lead to.
    answer = client.get(check_url(work_group, hillside.urn))
    assert answer.json() == {
        "school": "Hillside Primary School",
        "problems": [],
        "notes": [LIMIT_NOTE],
    }

    with django_capture_on_commit_callbacks(execute=True):
        response = sign_up(client, work_group, hillside)

    # After: the confirmation and the email give the reason.
    assert Enrolment.objects.get(user=participant).status == Status.WAITLISTED
    html = client.get(response.url).content.decode()
    assert "You are number 1 on the waiting list" in html
    assert "Why you do not have a place" in html
    assert LIMIT_REASON in html
    [email] = mail.outbox
    assert email.to == [participant.email]
    assert email.subject == "Hubwork: you are on the waiting list for Mastering Number"
    assert LIMIT_REASON in email.body
    assert "You are number 1 on the waiting list for Mastering Number" in email.body


def test_without_javascript_the_form_sent_back_says_the_school_is_at_its_limit(
    client, participant, hub, hillside
):
    work_group = WorkGroupFactory.create(hub=hub, per_school_limit=2)
    EnrolmentFactory.create_batch(2, work_group=work_group, school=hillside)
    client.force_login(participant)
    response = sign_up(client, work_group, hillside, role="")  # sent back: no role chosen
    assert response.status_code == 200
    assert LIMIT_NOTE in response.content.decode()


def test_a_school_that_takes_a_programme_once_is_stopped_by_the_school_box(
    client, participant, hub, hillside
):
    programme = ProgrammeFactory.create(name="Sustaining Mastery", once_per_school=True)
    last_year = WorkGroupFactory.create(hub=hub, programme=programme, academic_year=2020)
    EnrolmentFactory.create(work_group=last_year, school=hillside, status=Status.COMPLETED)
    work_group = WorkGroupFactory.create(hub=hub, programme=programme)
    refusal = (
        "Hillside Primary School has already completed Sustaining Mastery, which schools take once."
    )

    # As soon as the school is picked (school-check.mjs asks) ...
    assert client.get(check_url(work_group, hillside.urn)).json()["problems"] == [refusal]
    # ... and on submit, by the school box, with or without other mistakes.
    client.force_login(participant)
    response = sign_up(client, work_group, hillside, role="")
    assert response.context["form"].errors["school"] == [refusal]
    html = response.content.decode()
    assert f'<li><a href="#id_school">{refusal}</a></li>' in html
    assert 'id="id_school_error"' in html
    assert not Enrolment.objects.filter(work_group=work_group).exists()


def test_the_school_check_says_nothing_about_places_to_people_signed_out(client, hub, hillside):
    work_group = WorkGroupFactory.create(hub=hub, per_school_limit=1)
    EnrolmentFactory.create(work_group=work_group, school=hillside)
    answer = client.get(check_url(work_group, hillside.urn))
    assert answer.json() == {"school": "Hillside Primary School", "problems": [], "notes": []}
    assert answer["Cache-Control"] == "private, no-store"
    assert client.get(check_url(work_group, 123)).status_code == 404
    assert client.get(check_url(work_group, "x")).status_code == 404
    assert client.get(check_url(work_group, "%C2%B2")).status_code == 404
    assert client.get(check_url(work_group, "99999999999999999999999")).status_code == 404
    draft = WorkGroupFactory.create(hub=hub, status=WorkGroup.Status.DRAFT)
    assert client.get(check_url(draft, hillside.urn)).status_code == 404


def test_the_school_check_is_rate_limited_like_the_school_search(client, work_group, hillside):
    for _ in range(SCHOOL_CHECK_RATE_LIMIT):
        assert client.get(check_url(work_group, hillside.urn)).status_code == 200
    response = client.get(check_url(work_group, hillside.urn))
    assert response.status_code == 429
    assert response["Retry-After"] == "60"
    assert "Wait a minute" in response.json()["error"]


@pytest.mark.parametrize(
    ("session_days", "says", "never"),
    [
        ([], "has not set the dates of the sessions yet", "will be in touch"),
        (
            [20, 60],
            "The first session is on {20}. GLOW Maths Hub will be in touch before it.",
            "already met",
        ),
        (
            [-30, -2, 20],
            "The group has already met twice, so your first session is session 3 on {20}. "
            "The leads can tell you what you missed.",
            "will be in touch before",
        ),
        ([-60, -30], "All the sessions of this Work Group have already taken place.", "first"),
    ],
)
def test_what_happens_next_is_worded_from_where_the_group_really_is(
    client, participant, work_group, hillside, session_days, says, never
):
    for number, day in enumerate(session_days, start=1):
        SessionFactory.create(work_group=work_group, number=number, date=days(day))
    client.force_login(participant)
    response = sign_up(client, work_group, hillside)
    html = client.get(response.url).content.decode()
    expected = says.replace("{20}", f"{days(20):%A %-d %B %Y}")
    assert expected in html
    next_steps = html.split("What happens next")[1]
    assert never not in next_steps


def test_signing_up_emails_a_confirmation_with_the_dates_and_calendar_links(
    client, participant, work_group, hillside, django_capture_on_commit_callbacks
):
    SessionFactory.create(work_group=work_group, number=1, date=days(20))
    client.force_login(participant)
    with django_capture_on_commit_callbacks(execute=True):
        sign_up(client, work_group, hillside)
    [email] = mail.outbox
    assert email.to == [participant.email]
    assert email.subject == "Hubwork: you have a place in Mastering Number"
    assert (
        "You have a place in Mastering Number (GLOW Maths Hub), with Hillside Primary School."
        in (email.body)
    )
    assert f"Session 1: {days(20):%A %-d %B %Y}, 9:30am to 3:30pm" in email.body
    assert f"/work-groups/{work_group.slug}/calendar.ics" in email.body
    assert "/calendar/" in email.body


def test_under_hub_review_the_email_says_the_hub_decides(
    client, participant, hub, hillside, django_capture_on_commit_callbacks
):
    work_group = WorkGroupFactory.create(hub=hub, title="Oracy", allocation=Allocation.REVIEW)
    client.force_login(participant)
    with django_capture_on_commit_callbacks(execute=True):
        sign_up(client, work_group, hillside)
    [email] = mail.outbox
    assert email.subject == "Hubwork: GLOW Maths Hub has your interest in Oracy"
    assert "GLOW Maths Hub looks at everyone's interest and then offers places." in email.body


def test_the_confirmation_keeps_a_fixed_number_of_queries(client, hub, hillside):
    def done_page_queries(people: int) -> int:
        work_group = WorkGroupFactory.create(hub=hub, capacity=40, per_school_limit=20)
        for number in range(1, people + 1):
            SessionFactory.create(work_group=work_group, number=number, date=days(number))
        user = UserFactory.create(password=None)
        client.force_login(user)
        emails = {f"colleague_{n}_email": f"c{people}-{n}@example.org" for n in range(1, people)}
        response = sign_up(client, work_group, hillside, **emails)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(response.url).status_code == 200
        return len(queries)

    assert done_page_queries(2) == done_page_queries(6)
