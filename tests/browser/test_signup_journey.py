"""A teacher signs up to a Work Group by keyboard, choosing their school with the search box,
then sees their place on My Work Groups."""

import re

import pytest

from hubwork.accounts.tests.factories import PASSWORD, UserFactory
from hubwork.schools.tests.factories import SchoolFactory
from hubwork.workgroups.models import Enrolment
from hubwork.workgroups.tests.factories import WorkGroupFactory
from tests.browser.conftest import assert_accessible, tab_to

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
