"""An RIWG's research project in the browser: its lead starts it from the group space, fills
in its details, ticks the ethics checklist and moves it on to collecting data (after being
told what is missing); then a participant finds it from My Work Groups and records an
enquiry cycle (with an error by the field first)."""

import pytest
from playwright.sync_api import expect

from hubwork.accounts.tests.factories import UserFactory
from hubwork.hubs.models import HubRole
from hubwork.hubs.tests.factories import HubFactory, HubRoleFactory
from hubwork.programmes.models import Programme
from hubwork.research.models import EnquiryCycle, ResearchProject
from hubwork.schools.tests.factories import SchoolFactory
from hubwork.workgroups.tests.factories import EnrolmentFactory, WorkGroupFactory
from tests.browser.conftest import assert_accessible, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_lead_starts_a_project_and_a_participant_records_a_cycle(page, transactional_db):
    hub = HubFactory.create(name="GLOW Maths Hub", slug="glow")
    lead = UserFactory.create(email="liam@example.org", display_name="Liam Evans")
    HubRoleFactory.create(user=lead, hub=hub, role=HubRole.Kind.LLME)
    work_group = WorkGroupFactory.create(
        hub=hub,
        programme__kind=Programme.Kind.RIWG,
        programme__name="RIWG: Oracy",
        title="Oracy RIWG: talk for reasoning",
    )
    work_group.leads.add(lead)
    teacher = UserFactory.create(email="priya@example.org", display_name="Priya Clarke")
    EnrolmentFactory.create(
        work_group=work_group, user=teacher, school=SchoolFactory.create(name="Hillside Primary")
    )

    # The lead: from the group space to starting the project.
    sign_in(page, "liam@example.org")
    page.goto(f"/work-groups/{work_group.slug}/space/")
    page.get_by_role("link", name="The group's research project").click()
    assert_accessible(page)
    page.get_by_role("button", name="Start the research project").click()
    expect(page.get_by_role("heading", name="Change the project's details")).to_be_visible()
    assert_accessible(page)
    project = ResearchProject.objects.get()

    page.get_by_label("Research question").fill(
        "Do sentence stems help Year 4 pupils explain their reasoning?"
    )
    page.get_by_label("Context").fill("Pupils get answers but rarely say why.")
    page.get_by_label("Timeline for year 1").fill("October: first cycle\nJanuary: second cycle")
    page.get_by_label("Each participant's school knows about the project and agrees").check()
    page.get_by_role("button", name="Save changes").click()
    expect(
        page.get_by_role("heading", name="Oracy RIWG: talk for reasoning", level=1)
    ).to_be_visible()
    expect(page.get_by_test_id("question")).to_contain_text("sentence stems")
    assert_accessible(page)

    # Not every item of the ethics checklist is ticked: collecting is refused, and why.
    page.get_by_role("button", name="Move on to: collecting data").click()
    expect(page.get_by_text("Tick every item of the ethics checklist").first).to_be_visible()
    project.refresh_from_db()
    assert project.status == ResearchProject.Status.PLANNING

    page.get_by_role("link", name="Change the project's details").click()
    page.get_by_label("No data that identifies a pupil is collected").check()
    page.get_by_label("Only aggregate data (counts, totals, averages) is recorded").check()
    page.get_by_role("button", name="Save changes").click()
    page.get_by_role("button", name="Move on to: collecting data").click()
    expect(page.get_by_test_id("project-status")).to_contain_text("Collecting data")
    assert_accessible(page)
    project.refresh_from_db()
    assert project.status == ResearchProject.Status.COLLECTING

    # The participant: from My Work Groups to recording an enquiry cycle, keyboard only.
    sign_in(page, "priya@example.org")
    page.goto("/my/work-groups/")
    page.get_by_role("link", name="Research project").first.click()
    expect(
        page.get_by_role("heading", name="Oracy RIWG: talk for reasoning", level=1)
    ).to_be_visible()
    page.get_by_role("link", name="Record an enquiry cycle").click()
    assert_accessible(page)
    page.get_by_label("Act: what you did").fill("Modelled the stems in three lessons.")
    page.get_by_role("button", name="Record the cycle").click()
    expect(page.get_by_role("heading", name="There is a problem")).to_be_visible()
    assert_accessible(page)

    page.get_by_label("Plan: what you asked").focus()
    page.keyboard.type("Will “I know that … because …” help my class explain?")
    page.keyboard.press("Tab")
    page.keyboard.type("Year 4, mixed attainment")
    page.get_by_label("Observe: what you observed").fill("More pupils used “because”.")
    page.get_by_role("button", name="Record the cycle").focus()
    page.keyboard.press("Enter")
    expect(page.get_by_text("Your enquiry cycle is recorded.")).to_be_visible()
    expect(page.get_by_test_id("cycle")).to_contain_text("Year 4, mixed attainment")
    assert_accessible(page)
    cycle = EnquiryCycle.objects.get()
    assert (cycle.author, cycle.project) == (teacher, project)
