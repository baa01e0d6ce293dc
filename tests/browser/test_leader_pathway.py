"""The PD Lead pathway in the browser: the hub lead places an accepted applicant in the hub's
PD Lead cohort from the staff area, the cohort's sessions go ahead with registers, the hub
lead applies completion, and the applicant is accredited and an LLME of the hub from a start
date the hub lead corrects on their record; then the new LLME opens their own record from
their dashboard."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from hubwork.accounts.tests.factories import UserFactory, enable_totp
from hubwork.core.academic_years import AcademicYear
from hubwork.hubs.models import Accreditation, HubRole
from hubwork.hubs.tests.factories import HubFactory, HubRoleFactory
from hubwork.leaders.models import Application, HubApplication
from hubwork.programmes.models import Programme
from hubwork.schools.tests.factories import SchoolFactory
from hubwork.workgroups.models import Allocation, Enrolment
from hubwork.workgroups.services.attendance import register_record
from hubwork.workgroups.tests.factories import ProgrammeFactory, SessionFactory, WorkGroupFactory
from tests.browser.conftest import (
    assert_accessible,
    sign_in,
    sign_in_with_two_factor,
    tab_to,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_accepted_applicant_completes_a_cohort_and_becomes_an_llme(page, transactional_db):
    hub = HubFactory.create(name="GLOW Maths Hub", slug="glow")
    hub_lead = UserFactory.create(email="helen@example.org", display_name="Helen Marsh")
    HubRoleFactory.create(user=hub_lead, hub=hub, role=HubRole.Kind.HUB_LEAD)
    secret = enable_totp(hub_lead)
    lead = UserFactory.create(email="liam@example.org", display_name="Liam Evans")
    HubRoleFactory.create(user=lead, hub=hub, role=HubRole.Kind.LLME)
    programme = ProgrammeFactory.create(
        name="PD Lead programme",
        kind=Programme.Kind.SPECIALIST,
        accreditation=Accreditation.Kind.PD_LEAD,
    )
    cohort = WorkGroupFactory.create(
        hub=hub,
        programme=programme,
        title="PD Lead cohort: GLOW",
        leads=[lead],
        allocation=Allocation.REVIEW,
    )
    sessions = [
        SessionFactory.create(work_group=cohort, date=timezone.localdate() - timedelta(days=n))
        for n in (30, 10)
    ]
    applicant = UserFactory.create(email="asha@example.org", display_name="Asha Patel")
    HubApplication.objects.create(
        application=Application.objects.create(
            applicant=applicant,
            school=SchoolFactory.create(name="Hillside Primary School"),
            role_in_school="Maths lead",
            phases=["primary"],
            experience="Ten years teaching.",
            why="To help other teachers.",
            school_leader_name="Sam Head",
            school_leader_email="head@example.org",
        ),
        hub=hub,
        status=HubApplication.Status.ACCEPTED,
    )

    # The hub lead: from the staff area's tabs to the PD Lead cohort page, keyboard only.
    sign_in_with_two_factor(page, "helen@example.org", secret)
    page.goto("/hubs/glow/manage/team/")
    page.get_by_role("navigation", name="Hub staff area").get_by_role(
        "link", name="PD Lead cohort"
    ).click()
    expect(page.get_by_role("heading", name="PD Lead cohort", level=1)).to_be_visible()
    expect(page.get_by_test_id("waiting")).to_contain_text("Asha Patel")
    assert_accessible(page)
    tab_to(page, "Applicant")
    page.keyboard.press("ArrowDown")
    tab_to(page, "Cohort")
    page.keyboard.press("ArrowDown")
    expect(page.get_by_label("Cohort", exact=True)).to_have_value(str(cohort.pk))
    tab_to(page, "Place in the cohort")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.get_by_text("Asha Patel has a place in PD Lead cohort: GLOW")).to_be_visible()
    expect(page.get_by_test_id("placed")).to_contain_text("Enrolled")
    assert_accessible(page)
    enrolment = Enrolment.objects.get(user=applicant)
    assert enrolment.status == Enrolment.Status.ENROLLED

    # The cohort runs like any Work Group: its lead takes the registers.
    for session in sessions:
        register_record(session=session, marks={enrolment.pk: "present"}, by=lead)

    # The hub lead applies completion: Asha is accredited and an LLME of the hub.
    page.goto(f"/hubs/glow/manage/work-groups/{cohort.pk}/completion/")
    page.get_by_role("button", name="Apply the completion rule").click()
    page.goto("/hubs/glow/manage/pd-lead-cohort/")
    expect(page.get_by_test_id("placed")).to_contain_text("Completed")
    page.get_by_role("link", name="LLME record of Asha Patel").click()
    year = AcademicYear(cohort.academic_year)
    expect(page.get_by_test_id("accreditations")).to_contain_text("PD Lead programme")
    expect(page.get_by_test_id("accreditations")).to_contain_text(
        f"Achieved in {year.ends_on.year}"
    )
    expect(page.get_by_test_id("hubs")).to_contain_text(f"From 1 September {year.ends_on.year}")
    assert_accessible(page)

    # She starts now rather than next September: the hub lead corrects the date.
    page.get_by_role("link", name="Change what is agreed with GLOW Maths Hub").click()
    assert_accessible(page)
    page.get_by_label("Days a week agreed").fill("0.5")
    page.get_by_label("LLME for the hub from").fill(timezone.localdate().isoformat())
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_test_id("hubs")).to_contain_text("Since")
    expect(page.get_by_test_id("hubs")).to_contain_text("0.5")

    # The new LLME: from her dashboard to her own record.
    sign_in(page, "asha@example.org")
    page.get_by_role("link", name="Your LLME record").click()
    expect(page.get_by_role("heading", name="Your LLME record", level=1)).to_be_visible()
    expect(page.get_by_test_id("accreditations")).to_contain_text(
        f"Achieved in {year.ends_on.year}"
    )
    expect(page.get_by_test_id("hubs")).to_contain_text("GLOW Maths Hub")
    assert_accessible(page)
