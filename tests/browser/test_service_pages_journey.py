"""The service's own pages, by keyboard: from every page's footer to help and contact, the
accessibility statement, the privacy notice and cookies, and from the phase banner to giving
feedback; then a participant changes their name on "Your details" from the header's "Your
account". Every page passes axe and fits a 375 px screen (assert_accessible checks both)."""

import pytest

from hubwork.accounts.models import User
from hubwork.accounts.tests.factories import UserFactory
from tests.browser.conftest import assert_accessible, sign_in, tab_to

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

FOOTER_PAGES = [
    ("Help and contact", "/help/", "Help and contact"),
    ("Accessibility statement", "/accessibility/", "Accessibility statement"),
    ("Privacy", "/privacy/", "Privacy notice"),
    ("Cookies", "/cookies/", "Cookies"),
]


def focused_text(page) -> str:
    return page.evaluate("() => document.activeElement.innerText.trim()")


def test_the_footer_s_pages_and_the_feedback_link_by_keyboard(page, transactional_db):
    for link, path, heading in FOOTER_PAGES:
        page.goto("/work-groups/")
        tab_to(page, link, limit=80)
        page.keyboard.press("Enter")
        page.wait_for_url(f"**{path}")
        assert page.get_by_role("heading", level=1).inner_text() == heading
        assert page.title() == f"{heading} – Hubwork"
        assert_accessible(page)

    # The phase banner, near the top of every page, asks for feedback.
    page.goto("/")
    assert page.locator(".govuk-phase-banner .govuk-tag").inner_text() == "Beta"
    tab_to(page, "give your feedback")
    page.keyboard.press("Enter")
    page.wait_for_url("**/help/#feedback")
    assert page.locator("#feedback").inner_text() == "Give feedback"


def test_a_participant_changes_their_name_by_keyboard(page, transactional_db):
    person = UserFactory.create(email="priya@example.org", display_name="Priya Clark")
    sign_in(page, person.email)

    tab_to(page, "Your account")
    page.keyboard.press("Enter")
    page.wait_for_url("**/accounts/details/")
    assert page.get_by_role("heading", level=1).inner_text() == "Your details"
    assert "priya@example.org" in page.locator("main").inner_text()
    assert_accessible(page)

    # A name is needed: the error is by the field, and the summary links to it.
    tab_to(page, "Your name")
    page.keyboard.press("Control+A")
    page.keyboard.press("Delete")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.title() == "Error: Your details – Hubwork"
    assert "Enter your name" in page.locator(".govuk-error-summary").inner_text()
    assert_accessible(page)
    assert focused_text(page).startswith("There is a problem")
    tab_to(page, "Enter your name")
    page.keyboard.press("Enter")
    assert page.evaluate("() => document.activeElement.id") == "id_display_name"

    page.keyboard.type("Priya Clarke")
    tab_to(page, "Save your name")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "Your details are saved." in page.locator("main").inner_text()
    assert page.get_by_label("Your name").input_value() == "Priya Clarke"
    assert User.objects.get(pk=person.pk).display_name == "Priya Clarke"
    assert_accessible(page)

    # The account pages link to each other, Your details first.
    tab_to(page, "Email address")
    page.keyboard.press("Enter")
    page.wait_for_url("**/accounts/email/")
    assert page.locator("nav[aria-labelledby=account-settings-title] li").first.inner_text() == (
        "Your details"
    )
