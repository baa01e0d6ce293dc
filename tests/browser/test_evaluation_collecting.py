"""Following a Work Group's evaluation: its lead finds the response rates from the Work Group's
staff page, sends one more reminder, and reads a session's anonymous feedback (and nothing for
a session fewer than 3 answered); the hub lead finds the hub's roll-up in the staff area, and a
national admin each programme across hubs from the menu."""

import pytest
from django.core import mail
from playwright.sync_api import expect

from hubwork.accounts.tests.factories import UserFactory, enable_totp
from hubwork.evaluation.models import Invitation, Questionnaire, Wave
from hubwork.evaluation.services.invitations import evaluation_requests_send
from hubwork.hubs.models import HubRole
from hubwork.hubs.tests.factories import HubFactory, HubRoleFactory
from hubwork.workgroups.tests.factories import SessionFactory, days
from tests.browser.conftest import assert_accessible, sign_in, sign_in_with_two_factor
from tests.browser.test_evaluation_report import evaluated_work_group, respond

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_leads_hub_staff_and_the_national_team_follow_the_evaluation(page, transactional_db):
    hub = HubFactory.create(name="GLOW Maths Hub", slug="glow")
    lead = UserFactory.create(email="liam@example.org", display_name="Liam Evans")
    HubRoleFactory.create(user=lead, hub=hub, role=HubRole.Kind.LLME)
    hub_lead = UserFactory.create(email="helen@example.org", display_name="Helen Marsh")
    HubRoleFactory.create(user=hub_lead, hub=hub, role=HubRole.Kind.HUB_LEAD)
    hub_lead_secret = enable_totp(hub_lead)
    admin = UserFactory.create(
        email="nadia@example.org", display_name="Nadia Admin", is_national_admin=True
    )
    admin_secret = enable_totp(admin)
    work_group, _ = evaluated_work_group(hub, lead)
    # A second session, just ended: its feedback is open and only two have answered.
    recent = SessionFactory.create(work_group=work_group, date=days(-1))
    feedback = Questionnaire.objects.get(kind=Questionnaire.Kind.SESSION_FEEDBACK)
    useful = feedback.items.get()
    members = [enrolment.user for enrolment in work_group.enrolments.all()]
    for person in members[:2]:
        respond(feedback, work_group, Wave.SESSION, {useful: 5}, session=recent, respondent=person)
    evaluation_requests_send()
    asked = Invitation.objects.filter(session=recent).count()
    assert asked == len(members)
    mail.outbox.clear()

    sign_in(page, "liam@example.org")
    # From the lead's dashboard.
    page.get_by_role(
        "link", name="Evaluation: response rates and feedback for Mastering Number, Dudley"
    ).click()
    expect(
        page.get_by_role("heading", name="Evaluation of Mastering Number, Dudley")
    ).to_be_visible()
    expect(page.get_by_role("table", name="Session feedback")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("button", name="Send one more reminder about session 2 feedback").click()
    expect(page.get_by_text("One more reminder was sent.")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="See the feedback on session 2").click()
    expect(page.get_by_role("heading", name="Feedback on session 2")).to_be_visible()
    expect(page.get_by_text("fewer than 3", exact=False).first).to_be_visible()
    expect(page.get_by_role("heading", name="The session was useful.")).to_have_count(0)
    assert_accessible(page)

    page.get_by_role("link", name="Back to the evaluation of Mastering Number, Dudley").click()
    page.get_by_role("link", name="See the feedback on session 1").click()
    expect(page.get_by_role("heading", name="The session was useful.")).to_be_visible()
    # Every chart has a table beside it.
    expect(page.locator("main table").first).to_be_visible()
    expect(page.get_by_text("Liam Evans")).to_have_count(0)
    assert_accessible(page)

    sign_in_with_two_factor(page, "helen@example.org", hub_lead_secret)
    page.goto("/hubs/glow/manage/")
    page.get_by_role("link", name="Evaluation", exact=True).click()
    expect(
        page.get_by_role("heading", name="Evaluation of GLOW Maths Hub's Work Groups")
    ).to_be_visible()
    expect(page.get_by_role("link", name="Mastering Number, Dudley")).to_be_visible()
    assert_accessible(page)

    sign_in_with_two_factor(page, "nadia@example.org", admin_secret)
    page.get_by_role("link", name="Evaluation", exact=True).click()
    expect(page.get_by_role("heading", name="Evaluation by programme")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Mastering Number").click()
    expect(page.get_by_role("heading", name="Mastering Number", exact=True)).to_be_visible()
    expect(page.get_by_text("England")).not_to_have_count(0)
    assert_accessible(page)
