"""A hub lead opens the staff area, goes to the Reports tab, reads the reach by phase and the
trend (a chart with its table), and changes the year."""

import pytest
from playwright.sync_api import expect

from hubwork.accounts.tests.factories import UserFactory, enable_totp
from hubwork.core.academic_years import AcademicYear
from hubwork.hubs.models import HubArea, HubRole
from hubwork.hubs.tests.factories import HubFactory, HubRoleFactory
from hubwork.schools.models import School
from hubwork.schools.tests.factories import LocalAuthorityFactory, SchoolFactory
from hubwork.workgroups.models import SchoolEngagement
from hubwork.workgroups.tests.factories import EnrolmentFactory, ProgrammeFactory, WorkGroupFactory
from tests.browser.conftest import assert_accessible, sign_in_with_two_factor

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

YEAR = AcademicYear.current()


def test_a_hub_lead_reads_the_reach_report_and_changes_the_year(page, transactional_db):
    hub = HubFactory.create(name="GLOW Maths Hub", slug="glow")
    hub_lead = UserFactory.create(email="helen@example.org", display_name="Helen Marsh")
    HubRoleFactory.create(user=hub_lead, hub=hub, role=HubRole.Kind.HUB_LEAD)
    secret = enable_totp(hub_lead)
    birmingham = LocalAuthorityFactory.create(code="330", name="Birmingham")
    HubArea.objects.create(hub=hub, local_authority=birmingham)
    schools = [
        SchoolFactory.create(local_authority=birmingham, phase=phase)
        for phase in [School.Phase.PRIMARY] * 3 + [School.Phase.SECONDARY]
    ]
    for school in schools[:2]:
        SchoolEngagement.objects.create(school=school, academic_year=YEAR.start_year)
    SchoolEngagement.objects.create(school=schools[3], academic_year=YEAR.start_year - 1)
    lead = UserFactory.create(display_name="Liam Evans")
    work_group = WorkGroupFactory.create(
        hub=hub,
        programme=ProgrammeFactory.create(name="Mastering Number"),
        leads=[lead],
    )
    EnrolmentFactory.create(work_group=work_group, school=schools[2])

    sign_in_with_two_factor(page, "helen@example.org", secret)
    page.get_by_role("link", name="Go to the staff area").first.click()
    page.get_by_role("navigation", name="Hub staff area").get_by_role(
        "link", name="Reports"
    ).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(YEAR.label)
    reach = page.get_by_role("table", name=f"Schools in the area by phase, {YEAR.label}")
    expect(reach.get_by_role("row", name="Primary")).to_contain_text("2 of 3 (66.7%)")
    expect(reach.get_by_role("row", name="All schools")).to_contain_text("3 of 4 (75.0%)")
    chart = page.get_by_role("img", name="Schools engaged in GLOW Maths Hub's area")
    expect(chart).to_be_visible()
    figures = page.get_by_role("table", name="the figures")
    expect(figures.get_by_role("row", name=YEAR.label)).to_contain_text("2 of 4 (50.0%)")
    expect(page.get_by_role("table", name=f"Programmes, {YEAR.label}")).to_contain_text(
        "Mastering Number"
    )
    expect(page.get_by_role("table", name=f"Leads, {YEAR.label}")).to_contain_text("Liam Evans")
    assert_accessible(page)

    page.get_by_label("Academic year").select_option(YEAR.previous().label)
    page.get_by_role("button", name="Show this year").click()
    page.wait_for_url("**/hubs/glow/manage/reports/?year=*")
    expect(page.get_by_role("heading", level=1)).to_contain_text(YEAR.previous().label)
    reach = page.get_by_role("table", name=f"Schools in the area by phase, {YEAR.previous().label}")
    expect(reach.get_by_role("row", name="Secondary")).to_contain_text("1 of 1 (100.0%)")
    assert_accessible(page)

    # A year that is not one: the current year, with a message by the field.
    page.goto("/hubs/glow/manage/reports/?year=next+year")
    expect(page.get_by_text("There is a problem")).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_contain_text(YEAR.label)
    assert_accessible(page)
