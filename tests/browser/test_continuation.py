"""Continuing participants (issue 17): a lead invites this year's completers to carry on in
next year's copy of their Work Group; a completer follows the emailed link, accepts with the
keyboard and holds a place before sign-up opens; the lead sees "Second year with this group"."""

import re
import time

import pytest
from django.core import mail

from hubwork.accounts.tests.factories import PASSWORD, UserFactory, enable_totp
from hubwork.hubs.models import HubRole
from hubwork.hubs.tests.factories import HubFactory, HubRoleFactory
from hubwork.schools.tests.factories import SchoolFactory
from hubwork.workgroups.models import ContinuationInvitation, Enrolment, WorkGroup
from hubwork.workgroups.services.work_groups import work_group_copy_to_next_year
from hubwork.workgroups.tests.factories import EnrolmentFactory, SessionFactory, WorkGroupFactory
from tests.browser.conftest import TOTP_PERIOD, assert_accessible, fresh_totp_code, tab_to

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def sign_in(page, email: str, secret: str | None = None) -> None:
    page.context.clear_cookies()
    page.goto("/accounts/login/")
    tab_to(page, "Email address")
    page.keyboard.type(email)
    tab_to(page, "Password")
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    if secret:
        page.wait_for_url("**/accounts/2fa/authenticate/")
        page.get_by_label("Code").fill(fresh_totp_code(secret))
        page.keyboard.press("Enter")
    page.wait_for_url("**/dashboard/")


def test_a_lead_invites_a_completer_who_accepts_before_sign_up_opens(page, transactional_db):
    hub = HubFactory.create(name="GLOW Maths Hub", slug="glow")
    lead = UserFactory.create(email="liam@example.org", display_name="Liam Evans")
    HubRoleFactory.create(user=lead, hub=hub, role=HubRole.Kind.LLME)
    secret = enable_totp(lead)
    this_year = WorkGroupFactory.create(
        hub=hub,
        title="Mastering Number in Dudley",
        leads=[lead],
        capacity=6,
        status=WorkGroup.Status.COMPLETED,
    )
    SessionFactory.create(work_group=this_year)
    school = SchoolFactory.create(name="Hillside Primary School")
    priya = UserFactory.create(email="priya@example.org", display_name="Priya Clarke")
    for person in (priya, UserFactory.create(display_name="Sam Patel")):
        EnrolmentFactory.create(
            work_group=this_year, user=person, school=school, status=Enrolment.Status.COMPLETED
        )
    copy = work_group_copy_to_next_year(work_group=this_year, by=lead)
    participants = f"/hubs/glow/manage/work-groups/{copy.pk}/participants/"
    # Generous waits: the journey signs in three times on a machine that may be busy.
    page.set_default_timeout(60_000)

    # The lead goes from the copy's participants to the invitation page.
    sign_in(page, "liam@example.org", secret)
    page.goto(participants)
    page.get_by_role("link", name="Invite this year's completers to continue").click()
    page.wait_for_url(f"**/manage/work-groups/{copy.pk}/continuing/")
    assert "Sam Patel" in page.content()
    assert_accessible(page)
    tab_to(page, "Priya Clarke, Hillside Primary School")
    page.keyboard.press("Space")
    tab_to(page, "Send the invitations")
    page.keyboard.press("Enter")
    # The page posts back to its own address: wait for what it says once sent.
    page.get_by_text("1 invitation sent").wait_for()
    page.wait_for_load_state()
    assert "Waiting for an answer" in page.content()
    assert_accessible(page)
    invitation = ContinuationInvitation.objects.get()
    (email,) = [message for message in mail.outbox if message.to == ["priya@example.org"]]
    link = re.search(r"https?://\S+(/my/work-groups/continue/\d+/)", str(email.body))
    assert link is not None

    # Priya follows the emailed link and accepts, with the keyboard, while it is a draft.
    sign_in(page, "priya@example.org")
    page.goto(link[1])
    assert "Hillside Primary School" in page.content()
    assert_accessible(page)
    tab_to(page, "My headteacher or another school leader supports me carrying on")
    page.keyboard.press("Space")
    tab_to(page, "Accept my place")
    page.keyboard.press("Enter")
    page.wait_for_url("**/my/work-groups/")
    assert "Welcome back" in page.content()
    assert "Second year with this group" in page.content()
    assert_accessible(page)
    enrolment = Enrolment.objects.get(work_group=copy)
    assert enrolment.status == Enrolment.Status.ENROLLED
    assert WorkGroup.objects.get(pk=copy.pk).status == WorkGroup.Status.DRAFT
    invitation.refresh_from_db()
    assert invitation.status == ContinuationInvitation.Status.ACCEPTED

    # The lead sees her place and her second year with the group. An authenticator code is
    # good once: if Priya's part took less than its 30 seconds, wait for the next one.
    time.sleep(TOTP_PERIOD - time.time() % TOTP_PERIOD + 0.5)
    sign_in(page, "liam@example.org", secret)
    page.goto(participants)
    assert "Priya Clarke" in page.content()
    assert "Second year with this group" in page.content()
    assert_accessible(page)
    page.goto(f"/hubs/glow/manage/work-groups/{copy.pk}/continuing/")
    assert "Accepted" in page.content()
