"""Home page → sign in as the demo participant → their dashboard, by keyboard alone."""

import pytest
from django.core.management import call_command
from django.test import override_settings

from hubwork.demo.services import DEMO_PASSWORD
from tests.browser.conftest import assert_accessible, tab_to

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo_data(transactional_db):
    with override_settings(DEBUG=True):
        call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115


def test_participant_signs_in_with_the_keyboard_and_reaches_their_dashboard(page, demo_data):
    page.goto("/")
    assert page.title() == "Hubwork: Maths Hubs Work Groups"
    assert_accessible(page)

    # The first Tab lands on the skip link.
    page.keyboard.press("Tab")
    assert (
        page.evaluate("() => document.activeElement.textContent.trim()") == "Skip to main content"
    )

    tab_to(page, "Sign in")
    page.keyboard.press("Enter")
    page.wait_for_url("**/accounts/login/")
    assert page.title() == "Sign in – Hubwork"
    assert_accessible(page)

    tab_to(page, "Email address")
    page.keyboard.type("participant@example.org")
    tab_to(page, "Password")
    page.keyboard.type(DEMO_PASSWORD)
    page.keyboard.press("Enter")

    page.wait_for_url("**/dashboard/")
    assert page.get_by_role("heading", level=1).inner_text() == "Your dashboard"
    assert "Priya Clarke" in page.content()
    assert_accessible(page)


def test_a_wrong_password_is_explained_next_to_the_form(page, demo_data):
    page.goto("/accounts/login/")
    page.locator("main").get_by_label("Email").fill("participant@example.org")
    page.get_by_label("Password").fill("not-the-password")
    page.get_by_role("button", name="Sign in", exact=True).click()
    summary = page.locator(".govuk-error-summary")
    assert "email address or password is not right" in summary.inner_text()
    assert_accessible(page)
