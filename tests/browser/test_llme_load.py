"""A hub lead plans a session that overlaps the same LLME's session for another hub: the page
warns, naming the other session only by its date and time, and saves it anyway when asked;
the LLME load page then flags the clash."""

from datetime import time, timedelta
from decimal import Decimal

import pytest

from hubwork.accounts.tests.factories import UserFactory, enable_totp
from hubwork.hubs.models import HubRole
from hubwork.hubs.tests.factories import HubFactory, HubRoleFactory
from hubwork.workgroups.selectors.clashes import week_of
from hubwork.workgroups.selectors.llme_load import Term
from hubwork.workgroups.tests.factories import SessionFactory, WorkGroupFactory
from tests.browser.conftest import assert_accessible, sign_in_with_two_factor

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SECRET_TITLE = "Secret Staffordshire Fractions Group"
SECRET_VENUE = "Hidden Valley Primary, Lichfield"


def test_hub_lead_is_warned_of_a_clash_with_another_hubs_session(page, transactional_db):
    glow = HubFactory.create(name="GLOW Maths Hub", slug="glow")
    origin = HubFactory.create(name="Origin Maths Hub", slug="origin")
    lead = UserFactory.create(email="helen@example.org", display_name="Helen Marsh")
    HubRoleFactory.create(user=lead, hub=glow, role=HubRole.Kind.HUB_LEAD)
    secret = enable_totp(lead)
    llme = UserFactory.create(email="liam@example.org", display_name="Liam Evans")
    for hub in (glow, origin):
        HubRoleFactory.create(
            user=llme, hub=hub, role=HubRole.Kind.LLME, days_per_week=Decimal("0.5")
        )
    own = WorkGroupFactory.create(hub=glow, leads=[llme], title="Mastering Number in Dudley")
    theirs = WorkGroupFactory.create(
        hub=origin, leads=[llme], title=SECRET_TITLE, venue=SECRET_VENUE
    )
    tuesday = week_of(Term.current().starts_on) + timedelta(weeks=2, days=1)
    SessionFactory.create(
        work_group=theirs,
        date=tuesday,
        starts_at=time(16),
        ends_at=time(17, 30),
        venue=SECRET_VENUE,
    )

    sign_in_with_two_factor(page, "helen@example.org", secret)
    page.goto(f"/hubs/glow/manage/work-groups/{own.pk}/")
    page.get_by_role("button", name="Add a session").focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**/sessions/new/")
    page.get_by_label("Date").fill(tuesday.isoformat())
    page.get_by_label("Starts at").fill("15:30")
    page.get_by_label("Ends at").fill("17:00")
    page.get_by_label("Online", exact=True).check()
    page.get_by_label("Joining link").fill("https://meet.example.org/glow")
    page.get_by_role("button", name="Add the session").focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")

    # Not saved yet: the warning names the other hub's session by its date and time alone.
    warning = page.get_by_role("region", name="Important").inner_text()
    when = f"{tuesday:%a} {tuesday.day} {tuesday:%b %Y}, 4pm to 5:30pm"
    assert f"Liam Evans also leads a session for another hub on {when}, which overlaps." in (
        warning
    )
    for hidden in (SECRET_TITLE, SECRET_VENUE, "Origin"):
        assert hidden not in page.content()
    assert not own.sessions.exists()
    assert_accessible(page)

    page.get_by_role("button", name="Add the session anyway").focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    page.wait_for_url(f"**/manage/work-groups/{own.pk}/")
    assert own.sessions.count() == 1
    assert "Session 1 clashes: Liam Evans also leads a session for another hub" in (page.content())
    assert SECRET_TITLE not in page.content()
    assert_accessible(page)

    page.get_by_role("link", name="LLME load").click()
    page.wait_for_url("**/hubs/glow/manage/llme-load/")
    table = page.get_by_role("table", name="Sessions Liam Evans leads in the")
    assert table.get_by_role("link", name="Mastering Number in Dudley").is_visible()
    assert "A session for another hub" in table.inner_text()
    assert "Overlaps" in table.inner_text()
    for hidden in (SECRET_TITLE, SECRET_VENUE, "Origin"):
        assert hidden not in page.content()
    assert_accessible(page)

    # The hub lead agrees more days with Liam from the team page.
    page.get_by_role("link", name="Change the days a week agreed with Liam Evans").click()
    page.get_by_label("Days a week agreed").fill("1")
    with page.expect_navigation():
        page.get_by_role("button", name="Save the days a week").click()
    assert "Days a week agreed with Liam Evans: 1." in page.content()
    assert HubRole.objects.get(user=llme, hub=glow).days_per_week == Decimal("1")
    assert_accessible(page)
