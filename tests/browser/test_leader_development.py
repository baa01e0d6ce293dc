"""An LLME's development in the browser: a hub lead pairs a new LLME with an experienced
co-lead and records a quality-assurance visit to one of the new LLME's sessions, then finds an
LLME for a Work Group in the national directory by programme; the new LLME reads the feedback
from their development page and replies, keyboard only for the reply."""

import pytest
from playwright.sync_api import expect

from hubwork.accounts.tests.factories import UserFactory, enable_totp
from hubwork.hubs.models import HubRole
from hubwork.hubs.tests.factories import HubFactory, HubRoleFactory
from hubwork.leaders.models import Pairing, QualityVisit
from hubwork.leaders.services.directory import llme_profile_save
from hubwork.workgroups.tests.factories import (
    ProgrammeFactory,
    SessionFactory,
    WorkGroupFactory,
    days,
)
from tests.browser.conftest import assert_accessible, sign_in, sign_in_with_two_factor

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_hub_lead_pairs_visits_and_finds_an_llme_who_replies(page, transactional_db):
    hub = HubFactory.create(name="GLOW Maths Hub", slug="glow")
    other_hub = HubFactory.create(name="Origin Maths Hub", slug="origin")
    hub_lead = UserFactory.create(email="helen@example.org", display_name="Helen Marsh")
    HubRoleFactory.create(user=hub_lead, hub=hub, role=HubRole.Kind.HUB_LEAD)
    secret = enable_totp(hub_lead)
    liam = UserFactory.create(email="liam@example.org", display_name="Liam Evans")
    grace = UserFactory.create(email="grace@example.org", display_name="Grace Adeyemi")
    for person in (liam, grace):
        HubRoleFactory.create(user=person, hub=hub, role=HubRole.Kind.LLME)
    work_group = WorkGroupFactory.create(hub=hub, title="Mastering Number: GLOW", leads=[liam])
    session = SessionFactory.create(work_group=work_group, date=days(-5))
    number = ProgrammeFactory.create(name="Mastering Number", slug="mastering-number")
    oracy = ProgrammeFactory.create(name="RIWG: Oracy", slug="riwg-oracy")
    # Two LLMEs of another hub agreed to be listed; one more did not.
    for email, name, programme, listed in (
        ("omar@example.org", "Omar Origin", oracy, True),
        ("nina@example.org", "Nina Number", number, True),
        ("hidden@example.org", "Hidden Harry", oracy, False),
    ):
        person = UserFactory.create(email=email, display_name=name)
        HubRoleFactory.create(user=person, hub=other_hub, role=HubRole.Kind.LLME)
        llme_profile_save(
            user=person,
            listed_in_directory=listed,
            phases=["secondary"],
            programmes=[programme],
            about="",
        )

    # The hub lead: from their dashboard to the hub staff area's LLME development tab.
    sign_in_with_two_factor(page, "helen@example.org", secret)
    page.get_by_role("link", name="Manage GLOW Maths Hub").click()
    page.get_by_role("link", name="LLME development").click()
    expect(page.get_by_role("heading", name="LLME development", level=1)).to_be_visible()
    assert_accessible(page)

    page.get_by_role("button", name="Pair an LLME with a co-lead").click()
    assert_accessible(page)
    page.get_by_label("New LLME").select_option(label="Liam Evans")
    page.get_by_label("Experienced co-lead").select_option(label="Grace Adeyemi")
    page.get_by_label("Note (optional)").fill("Grace will co-plan the autumn sessions with Liam.")
    page.get_by_role("button", name="Pair them").click()
    expect(page.get_by_text("Liam Evans is paired with Grace Adeyemi.")).to_be_visible()
    expect(page.get_by_test_id("current-pairings")).to_contain_text("Grace Adeyemi")
    assert_accessible(page)
    pairing = Pairing.objects.get()
    assert (pairing.llme, pairing.experienced) == (liam, grace)

    # A quality-assurance visit: the session first, then the feedback (an error first).
    page.get_by_role("button", name="Record a visit").click()
    assert_accessible(page)
    page.get_by_label("Which session did you visit?").select_option(
        label=f"Mastering Number: GLOW: session 1, {session.date:%-d %B %Y}"
    )
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_label("Liam Evans")).to_be_checked()
    page.get_by_role("button", name="Record the visit").click()
    expect(page.get_by_role("heading", name="There is a problem")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Your feedback").fill(
        "Strong modelling with the rekenrek. The input ran over: keep it to ten minutes."
    )
    page.get_by_role("button", name="Record the visit").click()
    expect(page.get_by_text("The visit is recorded.")).to_be_visible()
    expect(page.get_by_test_id("visits")).to_contain_text("Not yet")
    visit = QualityVisit.objects.get()
    assert (visit.session, visit.llme, visit.visitor) == (session, liam, hub_lead)

    # The national directory, by programme: only those who agreed to be listed.
    page.get_by_role("link", name="national directory of LLMEs").click()
    expect(page.get_by_role("heading", name="National directory of LLMEs")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Programme they can lead").select_option(label="RIWG: Oracy")
    page.get_by_role("button", name="Apply filters").click()
    directory = page.get_by_test_id("directory")
    expect(directory).to_contain_text("Omar Origin")
    expect(directory).to_contain_text("omar@example.org")
    expect(directory).to_contain_text("Origin Maths Hub")
    expect(directory).not_to_contain_text("Nina Number")
    expect(directory).not_to_contain_text("Hidden Harry")
    assert_accessible(page)

    # The new LLME: from their dashboard to the visit, and a reply with the keyboard alone.
    sign_in(page, "liam@example.org")
    page.get_by_role("link", name="Your development").click()
    expect(page.get_by_test_id("pairings")).to_contain_text("Grace Adeyemi")
    expect(page.get_by_test_id("visits")).to_contain_text("Waiting for your reply")
    assert_accessible(page)
    page.get_by_role("link", name="Mastering Number: GLOW, session 1").click()
    expect(page.get_by_test_id("feedback")).to_contain_text("Strong modelling")
    assert_accessible(page)
    page.get_by_label("Your reply").focus()
    page.keyboard.type("Thank you. I will time the input next session.")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    expect(page.get_by_text("Your reply is saved.")).to_be_visible()
    expect(page.get_by_test_id("reply")).to_contain_text("I will time the input")
    assert_accessible(page)
    visit.refresh_from_db()
    assert visit.reply == "Thank you. I will time the input next session."

    # The hub lead sees the reply.
    sign_in_with_two_factor(page, "helen@example.org", secret)
    page.goto("/hubs/glow/manage/llme-development/")
    expect(page.get_by_test_id("visits")).to_contain_text("Replied")
