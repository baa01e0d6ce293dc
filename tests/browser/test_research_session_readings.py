"""Readings set for a session, end to end: an LLME finds a reading in the library and sets it
for the next session with a guiding question, adds it to the session plan with the keyboard;
a participant marks it read from the dashboard (in place) and shares a response; the LLME
sees who has read it and the response."""

import time
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from hubwork.accounts.tests.factories import UserFactory, enable_totp
from hubwork.hubs.models import HubRole
from hubwork.hubs.tests.factories import HubFactory, HubRoleFactory
from hubwork.practice.models import Activity
from hubwork.research.models import ReadingProgress
from hubwork.research.tests.factories import ReadingFactory
from hubwork.workgroups.tests.factories import EnrolmentFactory, SessionFactory, WorkGroupFactory
from tests.browser.conftest import (
    TOTP_PERIOD,
    assert_accessible,
    sign_in,
    sign_in_with_two_factor,
    tab_to,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

QUESTION = "Read pages 3 to 7. Which of the three talk moves would suit your Year 8 class?"


def test_a_lead_sets_a_reading_a_participant_reads_it_and_the_lead_sees_who_has(
    page, transactional_db
):
    hub = HubFactory.create(name="GLOW Maths Hub", slug="glow")
    lead = UserFactory.create(email="liam@example.org", display_name="Liam Evans")
    HubRoleFactory.create(user=lead, hub=hub, role=HubRole.Kind.LLME)
    secret = enable_totp(lead)
    work_group = WorkGroupFactory.create(hub=hub, leads=[lead], title="Mastering Number, Dudley")
    session = SessionFactory.create(
        work_group=work_group, date=timezone.localdate() + timedelta(days=10)
    )
    teacher = UserFactory.create(email="tara@example.org", display_name="Tara Teacher")
    EnrolmentFactory.create(work_group=work_group, user=teacher)
    EnrolmentFactory.create(work_group=work_group, user__display_name="Quinn Quiet")
    ReadingFactory.create(
        title="Talk moves in mathematics lessons", authors="Mercer, N.", year=2006, summary=""
    )

    # The lead goes from the session's row in the plans overview to its readings.
    sign_in_with_two_factor(page, "liam@example.org", secret)
    signed_in_at = time.time()
    page.goto(f"/hubs/glow/manage/work-groups/{work_group.pk}/plans/")
    page.get_by_role("link", name="Readings for session 1").click()
    expect(page.get_by_role("heading", name="Readings for session 1", level=1)).to_be_visible()
    assert_accessible(page)

    page.get_by_label("Search the research library").fill("talk moves")
    page.keyboard.press("Enter")
    page.get_by_label("Talk moves in mathematics lessons (Mercer, N., 2006)").check()
    page.get_by_role("button", name="Set the reading").click()
    # Without a question: the error by the field, and in the summary.
    expect(page.get_by_role("link", name="Enter a guiding question or task")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Talk moves in mathematics lessons (Mercer, N., 2006)").check()
    page.get_by_label("Guiding question or task").fill(QUESTION)
    page.get_by_role("button", name="Set the reading").click()
    expect(page.get_by_text("is set for session 1")).to_be_visible()
    expect(page.get_by_test_id("read-count")).to_have_text("0 of 2 members")
    assert_accessible(page)

    # Into the session plan, with the keyboard alone.
    # (The button's text ends with the reading's title for screen readers, on its own line.)
    tab_to(page, "Add to the session plan\n: Talk moves in mathematics lessons")
    page.keyboard.press("Enter")
    expect(page.get_by_text("In the plan")).to_be_visible()
    activity = Activity.objects.get(plan__session=session)
    assert activity.kind == Activity.Kind.RESEARCH
    assert QUESTION in activity.notes

    # The participant reads it: marked read in place on the dashboard, then a response.
    sign_in(page, "tara@example.org")
    expect(page.get_by_role("heading", name="Read before the next session")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Mark as read").click()
    expect(page.get_by_role("button", name="Mark as not read")).to_be_visible()
    expect(page.get_by_role("status")).to_have_text("Marked as read")
    assert page.url.endswith("/dashboard/")
    assert ReadingProgress.objects.get(user=teacher).is_done
    page.get_by_role("link", name="Talk moves in mathematics lessons").click()
    expect(page.get_by_test_id("guiding-question")).to_contain_text(QUESTION)
    expect(page.get_by_label("I have read it")).to_be_checked()
    page.get_by_label("Your private notes (optional)").fill("Try with set 3 first.")
    page.get_by_label("Your response to the guiding question (optional)").fill(
        "Revoicing would suit my Year 8s."
    )
    page.get_by_label("Share my response with the group").check()
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Your response is shared with the group")).to_be_visible()
    expect(page.get_by_test_id("shared-responses")).to_contain_text("Revoicing would suit")
    assert_accessible(page)

    # The lead sees who has read it, and the response, before the session (with a new code:
    # the app's code cannot be used twice).
    next_period = signed_in_at - signed_in_at % TOTP_PERIOD + TOTP_PERIOD
    time.sleep(max(0.0, next_period + 0.5 - time.time()))
    sign_in_with_two_factor(page, "liam@example.org", secret)
    page.goto(f"/hubs/glow/manage/work-groups/{work_group.pk}/sessions/{session.pk}/readings/")
    expect(page.get_by_test_id("read-count")).to_have_text("1 of 2 members, 1 shared a response")
    page.get_by_role("link", name="Who has read what, and the responses members shared").click()
    table = page.get_by_test_id("who-has-read")
    expect(table.get_by_role("row", name="Tara Teacher")).to_contain_text("Read")
    expect(table.get_by_role("row", name="Quinn Quiet")).to_contain_text("Not yet")
    expect(page.get_by_test_id("shared-responses")).to_contain_text(
        "Revoicing would suit my Year 8s."
    )
    expect(page.get_by_text("Try with set 3 first.")).to_have_count(0)
    assert_accessible(page)
