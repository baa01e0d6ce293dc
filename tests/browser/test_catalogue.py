"""Find a Work Group by keyboard: filter the catalogue in place, then open a Work Group."""

import pytest

from hubwork.hubs.tests.factories import HubFactory
from hubwork.workgroups.tests.factories import ProgrammeFactory, SessionFactory, WorkGroupFactory
from tests.browser.conftest import assert_accessible, tab_to

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def catalogue(transactional_db):
    glow = HubFactory.create(name="GLOW Maths Hub", slug="glow")
    origin = HubFactory.create(name="Origin Maths Hub", slug="origin")
    programme = ProgrammeFactory.create(name="Mastering Number", slug="mastering-number")
    work_group = WorkGroupFactory.create(
        hub=glow,
        programme=programme,
        title="Mastering Number in Reception",
        slug="glow-mastering-number-reception",
    )
    SessionFactory.create_batch(3, work_group=work_group)
    WorkGroupFactory.create(hub=origin, programme=programme, title="Mastering Number in Leeds")


def test_a_teacher_filters_by_hub_with_the_keyboard_and_opens_a_work_group(page, catalogue):
    page.goto("/work-groups/")
    assert page.title() == "Find a Work Group – Hubwork"
    results_heading = page.locator("#results-heading")
    assert results_heading.inner_text() == "2 Work Groups"
    assert_accessible(page)
    # Marks this page, so we can tell the results were updated in it rather than reloaded.
    page.evaluate("() => { window.stillTheSamePage = true; }")

    tab_to(page, "Maths Hub")
    page.keyboard.press("ArrowDown")  # from "All Maths Hubs" to "GLOW Maths Hub"

    page.wait_for_url("**/work-groups/?*hub=glow*")
    page.wait_for_function(
        "() => document.querySelector('#results-heading').innerText === '1 Work Group'"
    )
    assert page.evaluate("() => window.stillTheSamePage") is True
    # Screen readers hear the new count from the live region.
    assert page.locator("#catalogue-status").inner_text() == "1 Work Group found"
    results = page.locator("#catalogue-results")
    assert "Mastering Number in Leeds" not in results.inner_text()
    assert page.get_by_label("Maths Hub").input_value() == "glow"
    assert_accessible(page)

    tab_to(page, "Mastering Number in Reception")
    page.keyboard.press("Enter")
    page.wait_for_url("**/work-groups/glow-mastering-number-reception/")
    assert page.get_by_role("heading", level=1).inner_text() == "Mastering Number in Reception"
    assert page.get_by_role("button", name="Sign in to express interest").is_visible()
    assert_accessible(page)

    # Back to the filtered catalogue, as the address bar had it.
    page.go_back()
    page.wait_for_url("**/work-groups/?*hub=glow*")
    assert page.locator("#results-heading").inner_text() == "1 Work Group"


def test_without_javascript_the_filters_still_work(page_without_javascript, catalogue):
    page = page_without_javascript
    page.goto("/work-groups/")
    page.get_by_label("Maths Hub").select_option("origin")
    page.get_by_role("button", name="Apply filters").click()
    page.wait_for_url("**/work-groups/?*hub=origin*")
    assert page.locator("#results-heading").inner_text() == "1 Work Group"
    assert page.get_by_role("link", name="Mastering Number in Leeds").is_visible()
