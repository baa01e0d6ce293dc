"""A teacher signs up to a Work Group by keyboard, choosing their school with the search box,
then sees their place on My Work Groups; a sign-up that hits the per-school limit explains
itself before and after sending, and the colleague it names confirms before anything is
theirs."""

import re

import pytest
from django.core import mail

from hubwork.accounts.tests.factories import PASSWORD, UserFactory
from hubwork.schools.tests.factories import SchoolFactory
from hubwork.workgroups.models import Enrolment
from hubwork.workgroups.tests.factories import EnrolmentFactory, WorkGroupFactory
from tests.browser.conftest import assert_accessible, tab_to

Status = Enrolment.Status

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def work_group(hub, hillside):
    SchoolFactory.create(urn=990002, name="Hillside Academy", town="Solihull")
    UserFactory.create(email="priya@example.org", display_name="Priya Clarke")
    return WorkGroupFactory.create(
        hub=hub, slug="glow-mastering-number", title="Mastering Number in Reception"
    )


def test_a_teacher_signs_up_by_keyboard_and_sees_their_place(page, work_group):
    page.goto("/work-groups/glow-mastering-number/")
    assert_accessible(page)
    tab_to(page, "Sign in to express interest")
    page.keyboard.press("Enter")
    page.wait_for_url("**/accounts/login/?next=**")
    tab_to(page, "Email address")
    page.keyboard.type("priya@example.org")
    tab_to(page, "Password")
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    # Back on the Work Group page (not the sign-in page, whose address mentions it).
    page.wait_for_url(re.compile(r"^http://[^/]+/work-groups/glow-mastering-number/$"))

    tab_to(page, "Express interest")
    page.keyboard.press("Enter")
    page.wait_for_url("**/work-groups/glow-mastering-number/sign-up/")
    assert page.get_by_role("combobox", name="Your school").is_visible()
    assert_accessible(page)

    tab_to(page, "Your school")
    page.keyboard.type("hillside pri")
    suggestion = page.get_by_role("option", name="Hillside Primary School, Birmingham B1 1AA")
    suggestion.wait_for()
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    assert page.locator("#id_school_urn").input_value() == "990001"

    tab_to(page, "Class teacher")
    page.keyboard.press("Space")
    tab_to(page, "My headteacher or another school leader supports me taking part")
    page.keyboard.press("Space")
    assert_accessible(page)
    tab_to(page, "Send")
    page.keyboard.press("Enter")

    page.wait_for_url("**/sign-up/done/")
    assert page.get_by_role("heading", level=1).inner_text() == "You have a place"
    assert_accessible(page)
    enrolment = Enrolment.objects.get(user__email="priya@example.org")
    assert enrolment.status == Enrolment.Status.ENROLLED
    assert enrolment.school.urn == 990001

    tab_to(page, "See all your Work Groups")
    page.keyboard.press("Enter")
    page.wait_for_url("**/my/work-groups/")
    card = page.locator(".govuk-summary-card", has_text="Mastering Number in Reception")
    assert "Enrolled" in card.inner_text()
    assert "Hillside Primary School" in card.inner_text()
    assert_accessible(page)


# The sign-up form itself, not the sign-in page whose address mentions it.
SIGN_UP_PAGE = re.compile(r"^http://[^/]+/work-groups/glow-mastering-number/sign-up/$")
LIMIT_NOTE = (
    "Hillside Primary School already has 2 places in this Work Group, the most it takes from "
    "one school. If you sign up, you join the waiting list."
)
LIMIT_REASON = "Your school already has 2 places, the most this Work Group takes from one school."


def sign_in_by_keyboard(page, email: str) -> None:
    tab_to(page, "Email address")
    page.keyboard.type(email)
    tab_to(page, "Password")
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")


def choose_hillside(page) -> None:
    tab_to(page, "Your school")
    page.keyboard.type("hillside pri")
    page.get_by_role("option", name="Hillside Primary School, Birmingham B1 1AA").wait_for()
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    assert page.locator("#id_school_urn").input_value() == "990001"


def test_a_school_at_its_limit_explains_itself_and_both_colleagues_are_emailed(
    page, work_group, hillside
):
    """Issue 11: "11 places left", then "You are number 1 on the waiting list" with no reason.
    Now the limit is said before sending and the reason after, and the colleague named on the
    sign-up is asked to confirm (by email and on My Work Groups) before anything is theirs."""
    UserFactory.create(email="sam@example.org", display_name="Sam Colleague")
    EnrolmentFactory.create_batch(2, work_group=work_group, school=hillside)
    mail.outbox.clear()

    page.goto("/work-groups/glow-mastering-number/")
    assert "18 places left" in page.locator("main").inner_text()
    rules = page.locator("#school-rules")
    assert "Up to 2 people from each school can have a place" in rules.inner_text()
    assert_accessible(page)
    tab_to(page, "Sign in to express interest")
    page.keyboard.press("Enter")
    page.wait_for_url("**/accounts/login/?next=**")
    sign_in_by_keyboard(page, "priya@example.org")
    page.wait_for_url(re.compile(r"^http://[^/]+/work-groups/glow-mastering-number/$"))
    tab_to(page, "Express interest")
    page.keyboard.press("Enter")
    page.wait_for_url("**/work-groups/glow-mastering-number/sign-up/")
    assert "If your school already has 2, you join the waiting list" in (
        page.locator("#school-rules").inner_text()
    )

    # Before sending: picking the school says it is at its limit, by the school box.
    choose_hillside(page)
    note = page.locator("[data-school-check-result]")
    note.get_by_text(LIMIT_NOTE).wait_for()
    assert_accessible(page)

    tab_to(page, "Class teacher")
    page.keyboard.press("Space")
    tab_to(page, "Colleague 1: email address")
    page.keyboard.type("sam@example.org")
    tab_to(page, "My headteacher or another school leader supports me taking part")
    page.keyboard.press("Space")
    tab_to(page, "Send")
    page.keyboard.press("Enter")

    # After: the reason, and the colleague asked to confirm.
    page.wait_for_url("**/sign-up/done/")
    main = page.locator("main")
    assert (
        page.get_by_role("heading", level=1).inner_text() == "You are number 1 on the waiting list"
    )
    assert LIMIT_REASON in main.inner_text()
    assert "sam@example.org: confirm by" in main.inner_text()
    assert_accessible(page)
    assert Enrolment.objects.get(user__email="priya@example.org").status == Status.WAITLISTED
    assert not Enrolment.objects.filter(user__email="sam@example.org").exists()

    # Both are emailed once the sign-up has committed.
    emails = {message.to[0]: message for message in mail.outbox}
    assert set(emails) == {"priya@example.org", "sam@example.org"}
    assert LIMIT_REASON in emails["priya@example.org"].body
    invitation = str(emails["sam@example.org"].body)
    assert "Priya Clarke has signed up to Mastering Number in Reception" in invitation
    assert "Nothing is booked for you until you confirm." in invitation

    # The colleague confirms from My Work Groups, by keyboard, and waits with Priya.
    page.context.clear_cookies()
    page.goto("/accounts/login/?next=/my/work-groups/")
    sign_in_by_keyboard(page, "sam@example.org")
    page.wait_for_url(re.compile(r"^http://[^/]+/my/work-groups/$"))
    assert "Waiting for you to confirm" in page.locator("main").inner_text()
    assert_accessible(page)
    tab_to(page, "Confirm or decline your place in Mastering Number in Reception")
    page.keyboard.press("Enter")
    page.wait_for_url("**/my/work-groups/invitations/*/")
    assert "Priya Clarke signed up to" in page.locator("main").inner_text()
    assert_accessible(page)
    # Tab reaches the group of roles; the arrow keys choose within it.
    tab_to(page, "Class teacher")
    for _ in range(3):
        page.keyboard.press("ArrowDown")
    assert page.get_by_label("Teaching assistant").is_checked()
    tab_to(page, "My headteacher or another school leader supports me taking part")
    page.keyboard.press("Space")
    tab_to(page, "Confirm my place")
    page.keyboard.press("Enter")
    page.wait_for_url("**/sign-up/done/")
    assert (
        page.get_by_role("heading", level=1).inner_text() == "You are number 1 on the waiting list"
    )
    assert "You signed up together with Priya Clarke" in page.locator("main").inner_text()
    assert_accessible(page)
    sam = Enrolment.objects.get(user__email="sam@example.org")
    assert (sam.status, sam.role) == (Status.WAITLISTED, Enrolment.Role.TEACHING_ASSISTANT)


@pytest.fixture
def taken_once(work_group, hillside):
    """Hillside completed this programme before, and schools take it once."""
    programme = work_group.programme
    programme.name = "Sustaining Mastery"
    programme.once_per_school = True
    programme.save()
    last_year = WorkGroupFactory.create(hub=work_group.hub, programme=programme, academic_year=2020)
    EnrolmentFactory.create(work_group=last_year, school=hillside, status=Status.COMPLETED)
    return work_group


REFUSAL = (
    "Hillside Primary School has already completed Sustaining Mastery, which schools take once."
)


def test_a_school_that_takes_a_programme_once_is_told_as_soon_as_it_is_picked(page, taken_once):
    page.goto("/accounts/login/?next=/work-groups/glow-mastering-number/sign-up/")
    sign_in_by_keyboard(page, "priya@example.org")
    page.wait_for_url(SIGN_UP_PAGE)
    choose_hillside(page)
    error = page.locator("#school-check-error")
    error.wait_for()
    assert REFUSAL in error.inner_text()
    assert "govuk-form-group--error" in (
        page.locator("[data-school-check-url]").get_attribute("class") or ""
    )
    assert_accessible(page)


def test_without_javascript_the_refusal_comes_on_sending_by_the_school_box(
    page_without_javascript, taken_once
):
    page = page_without_javascript
    page.goto("/accounts/login/?next=/work-groups/glow-mastering-number/sign-up/")
    sign_in_by_keyboard(page, "priya@example.org")
    page.wait_for_url(SIGN_UP_PAGE)
    tab_to(page, "Your school")
    page.keyboard.type("990001")
    tab_to(page, "Send")
    page.keyboard.press("Enter")
    page.wait_for_load_state()
    assert REFUSAL in page.locator("#id_school_error").inner_text()
    assert page.get_by_role("link", name=REFUSAL).get_attribute("href") == "#id_school"
    assert not Enrolment.objects.filter(work_group=taken_once).exists()
