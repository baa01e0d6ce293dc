"""The hub's outreach pages: a hub lead narrows the schools not engaged to the most
disadvantaged fifth, sorts them by % FSM, pages on, downloads nothing but sees the links,
and opens equity, where each phase's chart has its table and its sentence on the gap."""

import re

import pytest
from playwright.sync_api import expect

from hubwork.accounts.tests.factories import UserFactory, enable_totp
from hubwork.hubs.models import HubRole
from hubwork.hubs.tests.factories import HubFactory, HubRoleFactory
from hubwork.reports.tests.outreach_world import YEAR, area, engage, school
from tests.browser.conftest import assert_accessible, sign_in_with_two_factor

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_hub_lead_finds_the_most_disadvantaged_schools_not_engaged(page, transactional_db):
    hub = HubFactory.create(name="GLOW Maths Hub", slug="glow")
    hub_lead = UserFactory.create(email="helen@example.org", display_name="Helen Marsh")
    HubRoleFactory.create(user=hub_lead, hub=hub, role=HubRole.Kind.HUB_LEAD)
    secret = enable_totp(hub_lead)
    birmingham, solihull = area(hub, ("Birmingham", "330"), ("Solihull", "334"))
    # 300 primary schools with % FSM 0.2 … 60: the most disadvantaged fifth is the top 60.
    for step in range(1, 301):
        each = school(
            birmingham if step % 2 else solihull,
            name=f"School {step:03}",
            percentage_fsm=step / 5,
        )
        # This year, 6 of the top 60 engaged and 12 of the bottom 60.
        if step % 10 == 0 or (step <= 60 and step % 10 == 5):
            engage(each, YEAR)
    for step in range(1, 8):
        school(birmingham, name=f"Secondary {step}", phase="secondary", percentage_fsm=step * 4)

    sign_in_with_two_factor(page, "helen@example.org", secret)
    page.goto("/hubs/glow/manage/reports/never-engaged/")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Schools not engaged in the last 3 years"
    )
    expect(page.locator("#never-engaged-count")).to_have_text("271 schools")
    assert_accessible(page)

    page.get_by_label("FSM quintile").select_option(label="Quintile 5 (most disadvantaged)")
    page.get_by_label("Phase").select_option(label="Primary")
    page.get_by_role("button", name="Apply filters").click()
    page.wait_for_url(re.compile(r"fsm_quintile=5"))
    expect(page.locator("#never-engaged-count")).to_have_text("54 schools")

    page.get_by_role("link", name=re.compile(r"^% FSM")).click()
    page.wait_for_url(re.compile(r"sort=fsm"))
    header = page.get_by_role("columnheader", name=re.compile(r"^% FSM"))
    expect(header).to_have_attribute("aria-sort", "ascending")
    expect(page.locator("tbody tr").first.get_by_role("rowheader")).to_contain_text("School 241")
    expect(page.get_by_role("link", name=re.compile(r"^CSV"))).to_have_attribute(
        "href", re.compile(r"export\.csv\?.*fsm_quintile=5.*sort=fsm")
    )
    assert_accessible(page)

    page.get_by_role("link", name=re.compile(r"^Next")).click()
    page.wait_for_url(re.compile(r"page=2"))
    expect(page.locator("tbody tr")).to_have_count(4)
    expect(page.locator("tbody tr").last.get_by_role("rowheader")).to_contain_text("School 299")
    assert_accessible(page)

    page.get_by_role("navigation", name="Other reports").get_by_role("link", name="Equity").click()
    page.wait_for_url("**/manage/reports/equity/")
    expect(page.get_by_role("img", name=re.compile(r"^Primary schools engaged in"))).to_be_visible()
    primary = page.get_by_role("region", name="Primary schools", exact=True)
    expect(primary.get_by_role("paragraph").first).to_contain_text(
        "a gap of 10 percentage points (England: 10 percentage points)"
    )
    secondary = page.get_by_role("region", name="Secondary schools", exact=True)
    expect(secondary.get_by_role("paragraph").first).to_contain_text("too few to compare rates")
    assert_accessible(page)
