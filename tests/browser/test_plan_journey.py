"""An LLME plans a full-day session that first runs over and then fits, watching the time
check and warnings change as they type, reorders with the keyboard alone, saves, and sees the
EEF mechanism grid."""

import re

import pytest
from playwright.sync_api import expect

from hubwork.accounts.tests.factories import UserFactory
from hubwork.hubs.models import HubRole
from hubwork.hubs.tests.factories import HubFactory, HubRoleFactory
from hubwork.practice.models import SessionPlan
from hubwork.practice.services.plans import ActivityData, plan_save
from hubwork.workgroups.tests.factories import SessionFactory, WorkGroupFactory
from tests.browser.conftest import assert_accessible, sign_in, tab_to

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def focused_text(page) -> str:
    """The focused element's text as a screen reader reads it (hidden context included)."""
    return " ".join(page.evaluate("() => document.activeElement.innerText").split())


def starts(page, number: int):
    """Where activity `number` says when it starts and ends."""
    activity = page.get_by_role("group", name=f"Activity {number}", exact=True)
    return activity.locator(".hubwork-plan-activity__time")


def fill_activity(page, number: int, title: str, kind: str, minutes: int) -> None:
    activity = page.get_by_role("group", name=f"Activity {number}", exact=True)
    activity.get_by_label("Title").fill(title)
    activity.get_by_label("Kind of activity").select_option(label=kind)
    activity.get_by_label("Minutes").fill(str(minutes))


def test_lead_plans_a_full_day_that_fits(page, transactional_db):
    hub = HubFactory.create(name="GLOW Maths Hub", slug="glow")
    lead = UserFactory.create(email="liam@example.org", display_name="Liam Evans")
    HubRoleFactory.create(user=lead, hub=hub, role=HubRole.Kind.LLME)
    work_group = WorkGroupFactory.create(hub=hub, leads=[lead], title="Mastering Number, Dudley")
    first, second, _third = SessionFactory.create_batch(3, work_group=work_group)

    sign_in(page, "liam@example.org")

    url = f"/hubs/glow/manage/work-groups/{work_group.pk}/sessions/{second.pk}/plan/"
    page.goto(url)
    summary = page.locator("#plan-summary")
    expect(summary).to_contain_text("Nothing planned yet: the session is 360 minutes long.")
    assert_accessible(page)

    # The first activity goes in the blank row; the time check follows as they type.
    fill_activity(page, 1, "Welcome and aims", "Input", 30)
    expect(summary).to_contain_text("30 of 360 minutes planned, 330 left")
    expect(summary).to_contain_text("From 9:30am to 10am.")
    expect(starts(page, 1)).to_have_text("Starts at 9:30am, ends at 10am")
    expect(summary).to_contain_text("There is no time for group discussion.")
    expect(summary).to_contain_text("There is no time to evaluate what participants tried")

    # More activities, added without leaving the page: too much for the day.
    for number, (title, kind, minutes) in enumerate(
        [
            ("Deep dive: fractions on a number line", "Input", 240),
            ("Discussing the research", "Group discussion", 60),
            ("What we tried", "Evaluating trials", 60),
            ("Reflection and next steps", "Reflection", 30),
        ],
        start=2,
    ):
        page.get_by_role("button", name="Add another activity").click()
        expect(page.get_by_label("Title", exact=True).nth(number - 1)).to_be_focused()
        fill_activity(page, number, title, kind, minutes)
    expect(summary).to_contain_text("420 of 360 minutes: 60 over")
    expect(starts(page, 5)).to_have_text("Starts at 4pm, ends at 4:30pm")
    expect(summary).to_contain_text("From 9:30am to 4:30pm, after the session ends at 3:30pm.")
    expect(summary).to_contain_text("The plan runs 60 minutes over the session's 360 minutes.")
    expect(summary).not_to_contain_text("no time for group discussion")
    assert page.url.endswith(url)
    assert not SessionPlan.objects.filter(session=second).exists()
    assert_accessible(page)

    # Shorter input: now it fits, and the warning goes, still without saving.
    page.get_by_role("group", name="Activity 2", exact=True).get_by_label("Minutes").fill("180")
    expect(summary).to_contain_text("360 of 360 minutes planned, 0 left")
    expect(summary).not_to_contain_text("over")
    expect(starts(page, 3)).to_have_text("Starts at 1pm, ends at 2pm")

    # The mechanisms the welcome uses.
    welcome = page.get_by_role("group", name="Activity 1", exact=True)
    welcome.get_by_text("EEF mechanisms this activity uses").click()
    welcome.get_by_label("Setting and agreeing on goals").check()

    # Keyboard only: "What we tried" moves up twice, to second place.
    page.get_by_role("group", name="Activity 4", exact=True).get_by_label("Materials").focus()
    tab_to(page, "EEF mechanisms this activity uses (0 chosen)")
    page.keyboard.press("Tab")
    assert focused_text(page) == "Move up activity 4"
    page.keyboard.press("Enter")
    expect(page.locator("[data-move-status]")).to_have_text(
        "“What we tried” moved to position 3 of 5."
    )
    page.keyboard.press("Enter")
    expect(page.locator("[data-move-status]")).to_have_text(
        "“What we tried” moved to position 2 of 5."
    )
    assert focused_text(page) == "Move up activity 2"
    expect(starts(page, 2)).to_have_text("Starts at 10am, ends at 11am")
    expect(starts(page, 3)).to_have_text("Starts at 11am, ends at 2pm")
    assert_accessible(page)

    page.get_by_role("button", name="Save the plan").click()
    page.wait_for_url(f"**{url}")
    expect(page.get_by_text("The plan for session 2 is saved.")).to_be_visible()
    assert_accessible(page)
    plan = SessionPlan.objects.get(session=second)
    assert list(plan.activities.values_list("title", flat=True)) == [
        "Welcome and aims",
        "What we tried",
        "Deep dive: fractions on a number line",
        "Discussing the research",
        "Reflection and next steps",
    ]
    assert plan.activities.get(position=1).mechanisms == ["setting_goals"]

    expect(starts(page, 2)).to_have_text("Starts at 10am, ends at 11am")

    # The printable plan, to use in the room.
    page.get_by_role("link", name="Printable plan for session 2").click()
    page.wait_for_url(f"**{url}print/")
    expect(
        page.get_by_role("heading", name="11am to 2pm Deep dive: fractions on a number line")
    ).to_be_visible()
    expect(page.get_by_text("Setting and agreeing on goals")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Back to the plan for session 2").click()
    page.wait_for_url(f"**{url}")

    page.get_by_role("link", name="All session plans and the EEF mechanism grid").click()
    page.wait_for_url(f"**/work-groups/{work_group.pk}/plans/")
    grid = page.get_by_role("table", name="Mechanisms used in each session")
    goals = grid.get_by_role("row", name="Setting and agreeing on goals")
    expect(goals.get_by_role("cell").nth(1)).to_have_text("✓Used")
    expect(goals.get_by_role("cell").nth(0)).to_have_text("–Not used")
    never = page.locator("[data-never-used]")
    expect(never).to_contain_text("Modelling the technique")
    expect(never).not_to_contain_text("Setting and agreeing on goals")
    plans = page.get_by_role("table", name="Plans for each session")
    expect(plans.get_by_role("row").nth(2)).to_contain_text("Fits")
    expect(plans.get_by_role("row").nth(1)).to_contain_text("No plan yet")
    assert first.pk
    assert_accessible(page)


def test_lead_drags_an_activity_into_place_with_the_mouse(page, transactional_db):
    hub = HubFactory.create(name="GLOW Maths Hub", slug="glow")
    lead = UserFactory.create(email="liam@example.org", display_name="Liam Evans")
    HubRoleFactory.create(user=lead, hub=hub, role=HubRole.Kind.LLME)
    work_group = WorkGroupFactory.create(hub=hub, leads=[lead])
    session = SessionFactory.create(work_group=work_group)
    plan_save(
        session=session,
        activities=[
            ActivityData(title=title, kind=kind, minutes=60)
            for title, kind in [
                ("Welcome", "input"),
                ("Talk", "discussion"),
                ("Close", "reflection"),
            ]
        ],
        version=0,
        by=lead,
    )

    sign_in(page, "liam@example.org")
    url = f"/hubs/glow/manage/work-groups/{work_group.pk}/sessions/{session.pk}/plan/"
    page.goto(url)
    expect(page.locator("[data-plan-activities]")).to_have_class(re.compile("draggable"))

    # Tall enough that both ends of the drag are on screen at once.
    page.set_viewport_size({"width": 1280, "height": 3000})
    handles = page.locator(".hubwork-plan-activity__handle")
    close, welcome = handles.nth(2).bounding_box(), handles.nth(0).bounding_box()
    assert close
    assert welcome
    page.mouse.move(close["x"] + 20, close["y"] + close["height"] / 2)
    page.mouse.down()
    page.mouse.move(welcome["x"] + 20, welcome["y"] + 5, steps=20)
    page.mouse.up()
    expect(page.locator("[data-move-status]")).to_have_text("“Close” moved to position 1 of 4.")
    page.get_by_role("button", name="Save the plan").click()
    page.wait_for_url(f"**{url}")
    plan = SessionPlan.objects.get(session=session)
    assert list(plan.activities.values_list("title", flat=True)) == ["Close", "Welcome", "Talk"]


def test_without_javascript_order_numbers_and_adding_rows_still_work(
    page_without_javascript, transactional_db
):
    page = page_without_javascript
    hub = HubFactory.create(name="GLOW Maths Hub", slug="glow")
    lead = UserFactory.create(email="liam@example.org", display_name="Liam Evans")
    HubRoleFactory.create(user=lead, hub=hub, role=HubRole.Kind.LLME)
    work_group = WorkGroupFactory.create(hub=hub, leads=[lead])
    session = SessionFactory.create(work_group=work_group)
    sign_in(page, "liam@example.org")
    page.goto(f"/hubs/glow/manage/work-groups/{work_group.pk}/sessions/{session.pk}/plan/")
    expect(page.get_by_role("button", name="Move up activity 1")).to_be_hidden()
    fill_activity(page, 1, "Reflection", "Reflection", 30)
    page.get_by_role("button", name="Check the times").click()
    # The page came back from the server with the times and nothing saved.
    expect(page.locator("#plan-summary")).to_contain_text("From 9:30am to 10am.")
    expect(starts(page, 1)).to_have_text("Starts at 9:30am, ends at 10am")
    assert not SessionPlan.objects.filter(session=session).exists()
    page.get_by_role("button", name="Add another activity").click()
    # The page came back from the server with the first row kept and a blank one added.
    expect(page.locator("#plan-summary")).to_contain_text("30 of 360 minutes planned")
    # Welcome goes first by its order number; its minutes are forgotten.
    welcome = page.get_by_role("group", name="Activity 2", exact=True)
    welcome.get_by_label("Title").fill("Welcome")
    welcome.get_by_label("Kind of activity").select_option(label="Input")
    welcome.get_by_label("Order").fill("1")
    page.get_by_role("group", name="Activity 1", exact=True).get_by_label("Order").fill("2")
    page.get_by_role("button", name="Save the plan").click()
    # The mistake is shown, nothing is lost, and the page lists Welcome first already.
    expect(page.get_by_role("alert")).to_contain_text(
        "Activity 1: Enter how many minutes it takes."
    )
    welcome = page.get_by_role("group", name="Activity 1", exact=True)
    expect(welcome.get_by_label("Title")).to_have_value("Welcome")
    expect(welcome.get_by_label("Order")).to_have_value("1")
    expect(
        page.get_by_role("group", name="Activity 2", exact=True).get_by_label("Title")
    ).to_have_value("Reflection")
    # (axe-core needs JavaScript: the other journeys check these pages with it.)
    welcome.get_by_label("Minutes").fill("20")
    page.get_by_role("button", name="Save the plan").click()
    expect(page.get_by_text("The plan for session 1 is saved.")).to_be_visible()
    expect(starts(page, 2)).to_have_text("Starts at 9:50am, ends at 10:20am")
    plan = SessionPlan.objects.get(session=session)
    assert list(plan.activities.values_list("title", flat=True)) == ["Welcome", "Reflection"]


def test_a_co_leads_change_is_shown_and_nothing_is_lost(page, transactional_db):
    hub = HubFactory.create(name="GLOW Maths Hub", slug="glow")
    lead = UserFactory.create(email="liam@example.org", display_name="Liam Evans")
    co_lead = UserFactory.create(email="cara@example.org", display_name="Cara Cole")
    for user in [lead, co_lead]:
        HubRoleFactory.create(user=user, hub=hub, role=HubRole.Kind.LLME)
    work_group = WorkGroupFactory.create(hub=hub, leads=[lead, co_lead])
    session = SessionFactory.create(work_group=work_group)

    sign_in(page, "liam@example.org")
    page.goto(f"/hubs/glow/manage/work-groups/{work_group.pk}/sessions/{session.pk}/plan/")
    fill_activity(page, 1, "Liam's opener", "Group discussion", 40)
    # Meanwhile Cara saves her own plan.
    plan_save(
        session=session,
        activities=[ActivityData(title="Cara's opener", kind="input", minutes=25)],
        version=0,
        by=co_lead,
    )
    page.get_by_role("button", name="Save the plan").click()
    expect(page.get_by_role("alert")).to_contain_text("Cara Cole changed this plan at")
    expect(
        page.get_by_role("group", name="Activity 1", exact=True).get_by_label("Title")
    ).to_have_value("Liam's opener")
    expect(page.get_by_role("table", name="1 activity")).to_contain_text("Cara's opener")
    assert_accessible(page)
    # Liam keeps both and saves again: this time it is saved.
    page.get_by_role("button", name="Add another activity").click()
    fill_activity(page, 2, "Cara's opener", "Input", 25)
    page.get_by_role("button", name="Save the plan").click()
    expect(page.get_by_text("The plan for session 1 is saved.")).to_be_visible()
    plan = SessionPlan.objects.get(session=session)
    assert plan.version == 2
    assert list(plan.activities.values_list("title", flat=True)) == [
        "Liam's opener",
        "Cara's opener",
    ]
