"""A hub lead signs in with two-factor, opens their hub's staff area and adds an LLME."""

import pytest

from hubwork.accounts.tests.factories import PASSWORD, UserFactory, enable_totp
from hubwork.hubs.models import HubArea, HubRole
from hubwork.hubs.tests.factories import HubFactory, HubRoleFactory
from hubwork.schools.models import LocalAuthority, School
from tests.browser.conftest import assert_accessible, fresh_totp_code

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_hub_lead_adds_an_llme_to_the_team(page, transactional_db):
    hub = HubFactory.create(name="GLOW Maths Hub", slug="glow")
    birmingham = LocalAuthority.objects.create(code="330", name="Birmingham")
    HubArea.objects.create(hub=hub, local_authority=birmingham)
    School.objects.create(urn=990001, name="Hillside Primary School", local_authority=birmingham)
    lead = UserFactory.create(email="helen@example.org", display_name="Helen Marsh")
    HubRoleFactory.create(user=lead, hub=hub, role=HubRole.Kind.HUB_LEAD)
    secret = enable_totp(lead)
    UserFactory.create(email="liam@example.org", display_name="Liam Evans")

    page.goto("/accounts/login/")
    page.locator("main").get_by_label("Email address").fill("helen@example.org")
    page.get_by_label("Password").fill(PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url("**/accounts/2fa/authenticate/")
    assert_accessible(page)
    page.get_by_label("Code").fill(fresh_totp_code(secret))
    page.keyboard.press("Enter")
    page.wait_for_url("**/dashboard/")

    page.get_by_role("link", name="Manage GLOW Maths Hub").click()
    page.wait_for_url("**/hubs/glow/manage/team/")
    assert_accessible(page)

    # Submitting with the role missing explains the problem by the field.
    page.locator("main").get_by_label("Email address").fill("liam@example.org")
    page.get_by_role("button", name="Add to the team").click()
    assert page.locator(".govuk-error-summary").inner_text().count("This field is required") == 1
    assert page.title().startswith("Error: ")
    assert_accessible(page)

    page.get_by_label("LLME (Work Group lead)").check()
    with page.expect_navigation():
        page.get_by_role("button", name="Add to the team").click()
    assert "Liam Evans is now LLME (Work Group lead)." in page.content()
    assert HubRole.objects.filter(user__email="liam@example.org", hub=hub).exists()

    page.get_by_role("link", name="Schools").click()
    page.wait_for_url("**/hubs/glow/manage/schools/")
    assert "Hillside Primary School" in page.content()
    assert_accessible(page)
