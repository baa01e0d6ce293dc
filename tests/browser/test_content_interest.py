"""A visitor finds no Work Group in the catalogue, asks by keyboard to be told when one opens,
confirms by the emailed link, and is emailed once when the hub publishes one; on a 375 px
phone a teacher finds their hub from the form, asks while signed in, and withdraws from
their account."""

import re

import pytest
from django.conf import settings
from django.core import mail
from django.test import Client

from hubwork.content.models import InterestRegistration
from hubwork.content.tests.interest_helpers import CONFIRM_LINK, link_in, path_of
from hubwork.core.choices import Phase
from hubwork.workgroups.models import WorkGroup
from hubwork.workgroups.services.work_groups import work_group_set_status
from hubwork.workgroups.tests.factories import ProgrammeFactory, SessionFactory, WorkGroupFactory
from tests.browser.conftest import PHONE_WIDTH, assert_accessible, tab_to

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def mastering_number(db):
    return ProgrammeFactory.create(
        name="Mastering Number", slug="mastering-number", phases=[Phase.PRIMARY]
    )


def test_a_visitor_asks_from_the_catalogue_confirms_and_is_told_once(
    page, hub, hub_lead, mastering_number
):
    page.goto(f"/work-groups/?programme=mastering-number&hub={hub.slug}")
    page.get_by_text("No Work Groups match these filters.").wait_for()
    assert_accessible(page)
    tab_to(page, "ask to be told when a Work Group like this opens", limit=80)
    page.keyboard.press("Enter")

    page.get_by_role("heading", name="Tell me when a Work Group opens").wait_for()
    assert_accessible(page)
    # The catalogue's filters carried over.
    assert page.get_by_label("Programme").input_value() == "mastering-number"
    assert page.get_by_label("Maths Hub", exact=True).input_value() == hub.slug
    tab_to(page, "Phase you teach (optional)", limit=60)
    page.keyboard.press("ArrowDown")  # from "Any phase" to the first phase
    page.keyboard.press("ArrowDown")
    tab_to(page, "Email address")
    page.keyboard.type("ada@example.org")
    tab_to(page, "Ask to be told")
    page.keyboard.press("Enter")

    page.get_by_role("heading", name="Check your email").wait_for()
    assert_accessible(page)
    registration = InterestRegistration.objects.get()
    assert registration.phase == Phase.PRIMARY
    assert registration.confirmed_at is None

    (message,) = mail.outbox
    assert message.to == ["ada@example.org"]
    page.goto(link_in(message, CONFIRM_LINK))
    page.get_by_role("heading", name="Confirm your request").wait_for()
    assert_accessible(page)
    tab_to(page, "Confirm")
    page.keyboard.press("Enter")
    page.get_by_role("heading", name="You will hear when a Work Group opens").wait_for()
    assert_accessible(page)
    assert InterestRegistration.objects.waiting().count() == 1

    # The hub publishes a matching Work Group: one email, naming it.
    work_group = WorkGroupFactory.create(
        programme=mastering_number,
        hub=hub,
        title="Mastering Number in Birmingham",
        status=WorkGroup.Status.DRAFT,
    )
    SessionFactory.create(work_group=work_group)
    work_group_set_status(work_group=work_group, status=WorkGroup.Status.OPEN, by=hub_lead)
    assert len(mail.outbox) == 2
    told = mail.outbox[1]
    assert told.to == ["ada@example.org"]
    assert "Mastering Number in Birmingham" in told.subject
    found = re.search(r"https?://\S+/work-groups/\S+/", str(told.body))
    assert found
    page.goto(path_of(found.group(0)))
    page.get_by_role("heading", name="Mastering Number in Birmingham").wait_for()
    assert_accessible(page)

    # A second Work Group does not email again.
    second = WorkGroupFactory.create(
        programme=mastering_number, hub=hub, status=WorkGroup.Status.DRAFT
    )
    SessionFactory.create(work_group=second)
    work_group_set_status(work_group=second, status=WorkGroup.Status.OPEN, by=hub_lead)
    assert len(mail.outbox) == 2


def _signed_in_as(page, live_server, user) -> None:
    """The browser carries a session for `user` (signing in is another journey's subject)."""
    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    page.context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": live_server.url}])


def _tab_to_link(page, href_part: str, limit: int = 60) -> None:
    """Press Tab until the focused link's address holds `href_part` (its accessible name
    ends in hidden text, which innerText reads without the space before it)."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if href_part in (page.evaluate("document.activeElement.getAttribute('href')") or ""):
            return
    raise AssertionError(f"Could not reach a link to {href_part!r} with the Tab key")


def test_on_a_phone_a_teacher_finds_their_hub_asks_and_withdraws(
    page, live_server, participant, hillside, mastering_number
):
    page.set_viewport_size({"width": PHONE_WIDTH, "height": 800})
    _signed_in_as(page, live_server, participant)
    page.goto("/register-interest/?programme=mastering-number")
    assert_accessible(page)
    tab_to(page, "Not sure which Maths Hub is near you?", limit=60)
    page.keyboard.press("Enter")
    tab_to(page, "Your school's name, URN, postcode or town")
    page.keyboard.type("Hillside")
    page.keyboard.press("Enter")
    page.get_by_test_id("nearby-hubs").wait_for()
    assert_accessible(page)
    _tab_to_link(page, "hub=glow")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"hub=glow"))
    assert page.get_by_label("Maths Hub", exact=True).input_value() == "glow"
    assert page.get_by_label("Programme").input_value() == "mastering-number"
    assert_accessible(page)
    tab_to(page, "Ask to be told", limit=60)
    page.keyboard.press("Enter")

    page.get_by_role("heading", name="Work Groups you asked to hear about").wait_for()
    assert page.get_by_text("Waiting for a Work Group").is_visible()
    assert_accessible(page)
    assert mail.outbox == []  # a verified account address is confirmed at once
    registration = InterestRegistration.objects.get()
    assert registration.user == participant
    assert registration.confirmed_at is not None

    tab_to(page, "Stop", limit=80)
    assert page.evaluate("document.activeElement.getAttribute('aria-label')") == (
        "Stop: Mastering Number at GLOW Maths Hub"
    )
    page.keyboard.press("Enter")
    page.get_by_text("You have not asked to hear about any Work Groups.").wait_for()
    assert_accessible(page)
    assert not InterestRegistration.objects.exists()
