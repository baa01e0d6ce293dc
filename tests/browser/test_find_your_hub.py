"""Find your Maths Hub by keyboard: type part of a school's name, pick a suggestion, see its hub."""

import pytest

from hubwork.schools.tests.factories import SchoolFactory
from tests.browser.conftest import assert_accessible, tab_to

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def schools(hillside, birmingham):
    SchoolFactory.create(
        urn=990002,
        name="Hillside Academy",
        town="Solihull",
        postcode="B91 3QQ",
        local_authority=birmingham,
    )
    SchoolFactory.create(urn=990003, name="Riverside Primary School", town="Leeds")


def test_a_teacher_finds_their_hub_by_choosing_a_suggestion_with_the_keyboard(page, schools):
    page.goto("/hubs/find/")
    assert page.title() == "Find your Maths Hub – Hubwork"
    # The box has become a combobox.
    search_box = page.get_by_role("combobox", name="School name, URN, postcode or town")
    assert search_box.is_visible()
    assert_accessible(page)

    tab_to(page, "School name, URN, postcode or town")
    page.keyboard.type("hillside pri")
    suggestion = page.get_by_role("option", name="Hillside Primary School, Birmingham B1 1AA")
    suggestion.wait_for()
    assert page.get_by_role("option").count() == 1
    assert_accessible(page)

    page.keyboard.press("ArrowDown")
    assert suggestion.get_attribute("aria-selected") == "true"
    page.keyboard.press("Enter")

    page.wait_for_url("**/hubs/find/?urn=990001")
    results = page.locator(".hubwork-school-results")
    assert "Hillside Primary School" in results.inner_text()
    assert "Riverside" not in results.inner_text()
    hub_link = results.get_by_role("link", name="GLOW Maths Hub")
    assert hub_link.get_attribute("href") == "/hubs/glow/"
    assert_accessible(page)


def test_enter_without_choosing_a_suggestion_runs_the_plain_search(page, schools):
    page.goto("/hubs/find/")
    tab_to(page, "School name, URN, postcode or town")
    page.keyboard.type("hillside")
    page.get_by_role("option", name="Hillside Academy, Solihull B91 3QQ").wait_for()
    page.keyboard.press("Enter")

    page.wait_for_url("**/hubs/find/?q=hillside")
    assert "2 schools found" in page.locator("#results-heading").inner_text()
    assert_accessible(page)


def test_without_javascript_the_form_still_finds_the_hub(page_without_javascript, schools):
    page = page_without_javascript
    page.goto("/hubs/find/")
    page.get_by_label("School name, URN, postcode or town").fill("B1 1AA")
    page.get_by_role("button", name="Search").click()
    page.wait_for_url("**/hubs/find/?q=B1+1AA")
    assert "1 school found" in page.locator("#results-heading").inner_text()
    hub_link = page.get_by_role("link", name="GLOW Maths Hub")
    assert hub_link.get_attribute("href") == "/hubs/glow/"


def test_choosing_a_school_can_fill_a_form_field_instead(page, schools):
    """Forms that record a school use the same box with data-target-input."""
    page.goto("/hubs/find/")
    page.evaluate(
        """async () => {
            const form = document.createElement("form");
            form.innerHTML = `
              <label class="govuk-label" for="school-name">Your school</label>
              <input id="school-name" name="school_name" data-module="hubwork-school-search"
                     data-search-url="/schools/search/" data-target-input="school-urn">
              <input type="hidden" id="school-urn" name="school_urn">`;
            document.querySelector("main").append(form);
            const schoolSearch = await import("/static/js/school-search.mjs");
            schoolSearch.initSchoolSearch(form);
        }"""
    )
    urn = page.locator("#school-urn")
    page.get_by_role("combobox", name="Your school").focus()
    page.keyboard.type("riverside")
    page.get_by_role("option", name="Riverside Primary School, Leeds").wait_for()
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")

    assert urn.input_value() == "990003"
    assert page.url.endswith("/hubs/find/")
    # Changing the text afterwards drops the school it no longer names.
    page.keyboard.press("Backspace")
    assert urn.input_value() == ""
