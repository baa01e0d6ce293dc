"""A hub lead publishes a Work Group with three sessions, finds it in the catalogue,
moves a session online and copies the group to next year."""

import pytest
import vobject  # type: ignore[import-untyped]

from hubwork.accounts.tests.factories import PASSWORD, UserFactory, enable_totp
from hubwork.core.academic_years import AcademicYear
from hubwork.hubs.models import HubRole
from hubwork.hubs.tests.factories import HubFactory, HubRoleFactory
from hubwork.programmes.seeds import programmes_seed
from hubwork.workgroups.models import Session, WorkGroup
from tests.browser.conftest import assert_accessible, fresh_totp_code

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_hub_lead_publishes_rearranges_and_copies_a_work_group(page, transactional_db):
    programmes_seed()
    hub = HubFactory.create(name="GLOW Maths Hub", slug="glow")
    lead = UserFactory.create(email="helen@example.org", display_name="Helen Marsh")
    HubRoleFactory.create(user=lead, hub=hub, role=HubRole.Kind.HUB_LEAD)
    secret = enable_totp(lead)
    llme = UserFactory.create(display_name="Liam Evans")
    HubRoleFactory.create(user=llme, hub=hub, role=HubRole.Kind.LLME)
    year = AcademicYear.current()

    page.goto("/accounts/login/")
    page.locator("main").get_by_label("Email address").fill("helen@example.org")
    page.get_by_label("Password").fill(PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url("**/accounts/2fa/authenticate/")
    page.get_by_label("Code").fill(fresh_totp_code(secret))
    page.keyboard.press("Enter")
    page.wait_for_url("**/dashboard/")

    page.goto("/hubs/glow/manage/work-groups/")
    assert_accessible(page)
    page.get_by_role("button", name="Add a Work Group").click()
    page.get_by_label("Programme").select_option(label="Mastering Number")
    page.get_by_label("Academic year").select_option(label=year.label)
    page.get_by_label("Code").fill("GLOW-MN-01")
    page.get_by_label("Title").fill("Mastering Number in Dudley")
    page.get_by_label("Liam Evans").check()
    page.get_by_label("Places in all").fill("16")
    page.get_by_label("Face to face").check()
    page.get_by_label("Venue or area").fill("Dudley Maths Centre")
    assert_accessible(page)
    page.get_by_role("button", name="Save as a draft").click()
    page.wait_for_url("**/manage/work-groups/*/")
    work_group = WorkGroup.objects.get(code="GLOW-MN-01")

    for month, day in [(10, 6), (1, 19), (5, 11)]:
        calendar_year = year.start_year if month >= 9 else year.start_year + 1
        page.get_by_role("button", name="Add a session").click()
        page.get_by_label("Date").fill(f"{calendar_year}-{month:02d}-{day:02d}")
        page.get_by_label("Starts at").fill("13:00")
        page.get_by_label("Ends at").fill("16:00")
        page.get_by_label("Face to face").check()
        page.get_by_role("button", name="Add the session").click()
        page.wait_for_url(f"**/manage/work-groups/{work_group.pk}/")
    assert work_group.sessions.count() == 3
    assert_accessible(page)

    page.get_by_label("Open for interest").check()
    page.get_by_role("button", name="Change status").click()
    page.wait_for_url(f"**/manage/work-groups/{work_group.pk}/")
    assert "is now open for interest" in page.content()

    # The catalogue finds it by hub and by programme, and not under another phase.
    page.goto("/work-groups/?hub=glow")
    assert "Mastering Number in Dudley" in page.content()
    assert_accessible(page)
    page.goto("/work-groups/?programme=mastering-number&phase=early_years")
    assert "Mastering Number in Dudley" in page.content()
    page.goto("/work-groups/?phase=post16")
    assert "Mastering Number in Dudley" not in page.content()

    # Move session 2 online; the calendar feed shows the change.
    session = work_group.sessions.get(number=2)
    page.goto(f"/hubs/glow/manage/work-groups/{work_group.pk}/sessions/{session.pk}/rearrange/")
    assert_accessible(page)
    page.get_by_label("Online", exact=True).check()
    page.get_by_label("Joining link").fill("https://meet.example.org/glow-mn")
    page.get_by_label("Why is it changing? (optional)").fill("Snow is forecast")
    page.get_by_role("button", name="Save and tell everyone").click()
    page.wait_for_url(f"**/manage/work-groups/{work_group.pk}/")
    assert Session.objects.get(pk=session.pk).mode == "online"

    feed = page.request.get(f"/work-groups/{work_group.slug}/calendar.ics")
    calendar = vobject.readOne(feed.text())
    events = {event.uid.value: event for event in calendar.vevent_list}
    moved = events[next(uid for uid in events if uid.startswith(f"session-{session.pk}@"))]
    assert moved.sequence.value == "1"
    assert "Online" in moved.location.value

    page.get_by_role("button", name=f"Copy to {year.next().label}").click()
    page.wait_for_url("**/manage/work-groups/*/")
    copy = WorkGroup.objects.get(copied_from=work_group)
    assert copy.academic_year == year.next().start_year
    assert copy.sessions.count() == 3
    assert "as a draft" in page.content()
