"""A national admin opens Reports from the menu, sees the hubs side by side, changes the
year, opens the programmes across hubs and one programme hub by hub, and follows a hub's
name to its own report; every page passes the accessibility checks."""

import pytest
from playwright.sync_api import expect

from hubwork.accounts.tests.factories import UserFactory, enable_totp
from hubwork.core.academic_years import AcademicYear
from hubwork.hubs.models import HubArea
from hubwork.hubs.tests.factories import HubFactory
from hubwork.schools.models import School
from hubwork.schools.tests.factories import LocalAuthorityFactory, SchoolFactory
from hubwork.workgroups.models import Enrolment, SchoolEngagement, WorkGroup
from hubwork.workgroups.tests.factories import (
    EnrolmentFactory,
    ProgrammeFactory,
    WorkGroupFactory,
)
from tests.browser.conftest import assert_accessible, sign_in_with_two_factor

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

YEAR = AcademicYear.current()


def test_national_admin_compares_hubs_and_follows_one(page, transactional_db):
    admin = UserFactory.create(
        email="nadia@example.org",
        display_name="Nadia Admin",
        is_national_admin=True,
        is_staff=True,
        is_superuser=True,
    )
    secret = enable_totp(admin)
    programme = ProgrammeFactory.create(name="Mastering Number", slug="mastering-number")
    for name, slug in (("Origin Maths Hub", "origin"), ("GLOW Maths Hub", "glow")):
        hub = HubFactory.create(name=name, slug=slug)
        local_authority = LocalAuthorityFactory.create()
        HubArea.objects.create(hub=hub, local_authority=local_authority)
        schools = [
            SchoolFactory.create(local_authority=local_authority, phase=phase)
            for phase in (School.Phase.PRIMARY, School.Phase.PRIMARY, School.Phase.SECONDARY)
        ]
        work_group = WorkGroupFactory.create(
            hub=hub, programme=programme, status=WorkGroup.Status.COMPLETED
        )
        EnrolmentFactory.create(
            work_group=work_group, school=schools[0], status=Enrolment.Status.COMPLETED
        )
        for back in range(4):
            SchoolEngagement.objects.create(school=schools[0], academic_year=YEAR.start_year - back)

    sign_in_with_two_factor(page, "nadia@example.org", secret)
    page.get_by_role("navigation", name="Menu").get_by_role("link", name="Reports").click()
    page.wait_for_url("**/national/reports/")
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Hubs side by side, {YEAR.label}")
    table = page.get_by_role("table", name="Hubs in")
    expect(table.get_by_role("row")).to_have_count(4)  # the header, two hubs, England
    expect(table.get_by_role("rowheader").first).to_have_text("GLOW Maths Hub")
    expect(page.get_by_text("not a league table")).to_be_visible()
    assert_accessible(page)

    last_year = YEAR.previous()
    page.get_by_label("Academic year").select_option(last_year.label)
    page.get_by_role("button", name="Show this year").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        f"Hubs side by side, {last_year.label}"
    )
    assert_accessible(page)

    page.get_by_role("link", name="Engagement over ten years").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("over ten years")
    expect(page.locator("svg[role=img]")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Programmes across hubs").click()
    page.get_by_label("Academic year").select_option(YEAR.label)
    page.get_by_label("Programme to see hub by hub").select_option("mastering-number")
    page.get_by_role("button", name="Show", exact=True).click()
    expect(page.get_by_role("heading", name="Mastering Number, hub by hub")).to_be_visible()
    by_hub = page.get_by_role("table", name="Mastering Number in")
    expect(by_hub.get_by_role("rowheader")).to_have_text(
        ["GLOW Maths Hub", "Origin Maths Hub", "England"]
    )
    assert_accessible(page)

    by_hub.get_by_role("link", name="Origin Maths Hub").click()
    page.wait_for_url("**/hubs/origin/manage/reports/**")
    assert f"year={YEAR.label.replace('/', '%2F')}" in page.url
    expect(page.get_by_role("heading", level=1)).to_contain_text("Reports: reach")
    assert_accessible(page)
