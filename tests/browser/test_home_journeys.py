"""A hub lead, an LLME who is not hub staff and a national admin each sign in with two-factor
and reach every tool they may use from their home by following links alone: no page on the
way answers 403 (or any error), and every page passes the accessibility checks."""

from datetime import timedelta

import pytest
from django.utils import timezone

from hubwork.accounts.tests.factories import UserFactory, enable_totp
from hubwork.hubs.models import HubRole
from hubwork.hubs.tests.factories import HubFactory, HubRoleFactory
from hubwork.practice.tests.factories import (
    ActivityFactory,
    ClassroomTrialFactory,
    SessionPlanFactory,
)
from hubwork.workgroups.models import Allocation, Attendance, Enrolment, WorkGroup
from hubwork.workgroups.tests.factories import EnrolmentFactory, SessionFactory, WorkGroupFactory
from tests.browser.conftest import assert_accessible, sign_in_with_two_factor

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def days(number: int):
    return timezone.localdate() + timedelta(days=number)


def glow_this_year(lead):
    """GLOW with a Work Group `lead` leads that needs a register and a plan, one whose
    completion is to decide, and one whose sign-ups wait for review."""
    hub = HubFactory.create(name="GLOW Maths Hub", slug="glow")
    HubRoleFactory.create(user=lead, hub=hub, role=HubRole.Kind.LLME)
    twilight = WorkGroupFactory.create(
        hub=hub, leads=[lead], title="Mastering Number twilight", status=WorkGroup.Status.RUNNING
    )
    members = [
        EnrolmentFactory.create(work_group=twilight, user__display_name=f"Demo Teacher {n}")
        for n in range(1, 13)
    ]
    EnrolmentFactory.create(work_group=twilight, status=Enrolment.Status.OFFERED)
    EnrolmentFactory.create(work_group=twilight, status=Enrolment.Status.WAITLISTED)
    first = SessionFactory.create(work_group=twilight, date=days(-28))
    Attendance.objects.create(enrolment=members[0], session=first, status="present")
    ActivityFactory.create(plan=SessionPlanFactory.create(session=first))
    SessionFactory.create(work_group=twilight, date=days(-7))  # no register
    SessionFactory.create(work_group=twilight, date=days(9))  # no plan
    ClassroomTrialFactory.create(
        work_group=twilight, author=members[1].user, gap_task=None, shared_at=timezone.now()
    )
    taster = WorkGroupFactory.create(
        hub=hub, leads=[lead], title="Autumn taster", status=WorkGroup.Status.RUNNING
    )
    tasting = EnrolmentFactory.create(work_group=taster)
    for offset in (-40, -20):
        session = SessionFactory.create(work_group=taster, date=days(offset))
        Attendance.objects.create(enrolment=tasting, session=session, status="present")
    review = WorkGroupFactory.create(
        hub=hub, title="Spring by review", allocation=Allocation.REVIEW
    )
    EnrolmentFactory.create_batch(2, work_group=review, status=Enrolment.Status.INTERESTED)
    SessionFactory.create(work_group=review, date=days(80))
    return hub, twilight


def watch_for_errors(page) -> list[str]:
    """Every page the browser is sent to that answers 400 or more (403 above all)."""
    errors: list[str] = []
    page.on(
        "response",
        lambda response: (
            errors.append(f"{response.status} {response.url}")
            if response.request.resource_type == "document" and response.status >= 400
            else None
        ),
    )
    return errors


def follow(page, home: str, links: list[str], *, within: str = "main") -> list[str]:
    """From `home`, click each link (by its accessible name) and check where it leads; then
    back home. Returns the addresses reached."""
    reached = []
    for name in links:
        page.goto(home)
        with page.expect_navigation():
            page.locator(within).get_by_role("link", name=name, exact=True).first.click()
        assert_accessible(page)
        reached.append(page.url)
    return reached


def test_an_llme_reaches_every_tool_from_their_home(page, transactional_db):
    lead = UserFactory.create(email="liam@example.org", display_name="Liam Evans")
    secret = enable_totp(lead)
    _hub, twilight = glow_this_year(lead)
    errors = watch_for_errors(page)

    sign_in_with_two_factor(page, "liam@example.org", secret)
    assert_accessible(page)
    led = page.get_by_test_id(f"led-{twilight.pk}")
    assert "Take the register for session 2" in led.inner_text()
    assert "Plan session 3" in led.inner_text()
    # Who shared nothing, in natural order, behind a summary.
    summary = led.locator("summary")
    assert summary.inner_text().startswith("Who has shared nothing since session 2")
    summary.click()
    quiet = page.get_by_test_id(f"quiet-{twilight.pk}").inner_text().split("\n")
    assert quiet[:3] == ["Demo Teacher 1", "Demo Teacher 3", "Demo Teacher 4"]
    assert quiet[-1] == "Demo Teacher 12"

    title = "Mastering Number twilight"
    reached = follow(
        page,
        "/dashboard/",
        [
            f"{title} – sessions and plans",
            f"Plan session 3 of {title}",
            f"Take the register for session 2 of {title}",
            f"What we tried before session 3 of {title}",
            f"Rearrange session 3 of {title}",
            f"Participants in {title}",
            f"Attendance for {title}",
            f"Completion of {title}",
            f"Group space for {title}",
            "Decide completion of Autumn taster",
        ],
    )
    base = f"/hubs/glow/manage/work-groups/{twilight.pk}/"
    assert reached[0].endswith(base + "plans/")

    # From the Work Group's sessions page: each session's tools; and back from rearranging.
    sessions_page = base + "plans/"
    follow(
        page,
        sessions_page,
        [
            "Take the register for session 1",
            "Rearrange session 2",
            "Gap tasks set at session 1",
            f"Participants in {title}",
            f"Attendance for {title}",
            f"Completion of {title}",
        ],
    )
    page.goto(sessions_page)
    page.get_by_role("link", name="Rearrange session 3").click()
    page.get_by_role("link", name="Cancel").click()
    page.wait_for_url(f"**{sessions_page}")
    # Attendance's way back goes to the sessions page too, not the hub's staff page.
    page.goto(base + "attendance/")
    page.get_by_role("link", name=f"Back to {title}").click()
    page.wait_for_url(f"**{sessions_page}")
    assert errors == []


def test_a_hub_lead_reaches_every_tool_from_their_home(page, transactional_db):
    hub_lead = UserFactory.create(email="helen@example.org", display_name="Helen Marsh")
    secret = enable_totp(hub_lead)
    lead = UserFactory.create(email="liam@example.org", display_name="Liam Evans")
    hub, twilight = glow_this_year(lead)
    HubRoleFactory.create(user=hub_lead, hub=hub, role=HubRole.Kind.HUB_LEAD)
    errors = watch_for_errors(page)

    sign_in_with_two_factor(page, "helen@example.org", secret)
    assert_accessible(page)
    overview = page.get_by_test_id(f"hub-overview-{hub.pk}")
    assert "What needs doing at GLOW Maths Hub" in overview.inner_text()

    title = "Mastering Number twilight"
    reached = follow(
        page,
        "/dashboard/",
        [
            "Go to the staff area of GLOW Maths Hub",
            f"{title}, session 3",  # plans needed
            f"{title}, session 2",  # a register to take
            "Autumn taster – decide completion",
            "Sign-ups to review at GLOW Maths Hub",
            title,  # this year's Work Groups
            "Spring by review",
        ],
        within=f"[data-testid=hub-overview-{hub.pk}]",
    )
    assert reached[0].endswith("/hubs/glow/manage/work-groups/")
    # From a Work Group's staff page, to its tools.
    staff_page = f"/hubs/glow/manage/work-groups/{twilight.pk}/"
    follow(
        page,
        staff_page,
        [
            f"See the participants in {title}",
            f"Session plans and EEF mechanisms for {title}",
            f"Attendance for {title}",
            f"Completion of {title}",
            "Rearrange session 3",
        ],
    )
    page.goto(staff_page)
    page.get_by_role("link", name="Rearrange session 3").click()
    page.get_by_role("link", name="Cancel").click()
    page.wait_for_url(f"**{staff_page}")
    assert errors == []


def test_a_national_admin_reaches_each_hubs_staff_area_from_their_home(page, transactional_db):
    admin = UserFactory.create(
        email="nadia@example.org", display_name="Nadia Okafor", is_national_admin=True
    )
    secret = enable_totp(admin)
    lead = UserFactory.create(email="liam@example.org")
    glow_this_year(lead)
    HubFactory.create(name="Origin Maths Hub", slug="origin")
    errors = watch_for_errors(page)

    sign_in_with_two_factor(page, "nadia@example.org", secret)
    assert_accessible(page)
    table = page.get_by_test_id("every-hub")
    assert "GLOW Maths Hub" in table.inner_text()
    reached = follow(
        page,
        "/dashboard/",
        ["GLOW Maths Hub – staff area", "Origin Maths Hub – staff area"],
        within="[data-testid=every-hub]",
    )
    assert reached[1].endswith("/hubs/origin/manage/work-groups/")
    assert errors == []
