"""A research project's write-up and its reviews as the people involved use them: a lead
opens the write-up from the project page, writes it and submits it; the hub lead finds it
under Research reviews in the hub's staff area and passes it on; a national admin finds it
from the menu and publishes it."""

import pytest
from playwright.sync_api import expect

from hubwork.accounts.tests.factories import UserFactory, enable_totp
from hubwork.hubs.models import HubRole
from hubwork.hubs.tests.factories import HubFactory, HubRoleFactory
from hubwork.research.models import ProjectReview, ResearchProject
from hubwork.research.tests.factories import ResearchProjectFactory
from hubwork.workgroups.tests.factories import WorkGroupFactory
from tests.browser.conftest import assert_accessible, sign_in, sign_in_with_two_factor

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_write_up_goes_from_its_lead_through_both_reviews_to_published(page, transactional_db):
    hub = HubFactory.create(name="GLOW Maths Hub", slug="glow")
    lead = UserFactory.create(email="liam@example.org", display_name="Liam Evans")
    HubRoleFactory.create(user=lead, hub=hub, role=HubRole.Kind.LLME)
    hub_lead = UserFactory.create(email="helen@example.org", display_name="Helen Marsh")
    HubRoleFactory.create(user=hub_lead, hub=hub, role=HubRole.Kind.HUB_LEAD)
    hub_lead_secret = enable_totp(hub_lead)
    admin = UserFactory.create(
        email="nadia@example.org", display_name="Nadia Okafor", is_national_admin=True
    )
    admin_secret = enable_totp(admin)
    project = ResearchProjectFactory.create(
        work_group=WorkGroupFactory.create(hub=hub, leads=[lead], title="RIWG: Oracy"),
        title="Talk frames for reasoning",
        status=ResearchProject.Status.WRITING_UP,
    )

    # The lead writes the write-up, then submits it.
    sign_in(page, "liam@example.org")
    page.goto(f"/research-projects/{project.pk}/")
    page.get_by_role("link", name="Write-up", exact=True).click()
    expect(page.get_by_role("heading", name="Write-up: Talk frames for reasoning")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Summary").fill("Eight teachers tried talk frames for a term.")
    page.get_by_label("Findings").fill("More pupils explained their reasoning.")
    page.get_by_label("Implications for teaching").fill("Model two or three stems at a time.")
    page.get_by_role("button", name="Save the write-up").click()
    expect(page.get_by_text("The write-up is saved as version 1.")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Every version of the write-up, with what changed").click()
    page.get_by_role("link", name="Version 1").click()
    expect(page.get_by_role("heading", name="Version 1 of the write-up")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Back to the write-up").click()
    page.get_by_role("button", name="Submit the project for review").click()
    expect(page.get_by_text("The project is submitted.")).to_be_visible()
    expect(page.get_by_text("with the reviewers, so it cannot be changed now")).to_be_visible()
    assert_accessible(page)

    # The hub lead finds it in the hub's staff area and passes it on.
    sign_in_with_two_factor(page, "helen@example.org", hub_lead_secret)
    page.get_by_role("link", name="Research projects to review").first.click()
    expect(page.get_by_role("heading", name="Research projects to review")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Talk frames for reasoning").click()
    expect(page.get_by_text("More pupils explained their reasoning.")).to_be_visible()
    assert_accessible(page)
    # Returning without comments is refused by the field.
    page.get_by_label("Return it to the leads with comments").check()
    page.get_by_role("button", name="Record the decision").click()
    expect(page.get_by_role("heading", name="There is a problem")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Pass it to the national team").check()
    page.get_by_label("Comments for the leads").fill("Clear and useful.")
    page.get_by_role("button", name="Record the decision").click()
    expect(page.get_by_text("The project is passed to the national team")).to_be_visible()
    expect(
        page.get_by_text("No research projects are waiting for the hub's review.")
    ).to_be_visible()

    # A national admin finds it from the menu and publishes it.
    sign_in_with_two_factor(page, "nadia@example.org", admin_secret)
    page.get_by_role("link", name="Research reviews").first.click()
    expect(page.get_by_role("heading", name="Research projects to review")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Talk frames for reasoning").click()
    expect(page.get_by_text("Hub review: passed to the national team")).to_be_visible()
    page.get_by_label("Publish it").check()
    page.get_by_role("button", name="Record the decision").click()
    expect(page.get_by_text("The project is published.")).to_be_visible()
    assert_accessible(page)

    project.refresh_from_db()
    assert project.status == ResearchProject.Status.PUBLISHED
    assert project.slug == "talk-frames-for-reasoning"
    assert list(project.reviews.order_by("pk").values_list("decision", flat=True)) == [
        ProjectReview.Decision.APPROVED,
        ProjectReview.Decision.PUBLISHED,
    ]
