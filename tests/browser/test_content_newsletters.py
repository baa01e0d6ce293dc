"""A visitor subscribes to two newsletters from a page's footer by keyboard, confirms by the
link emailed to them, then changes which newsletters they get; another does it all on a
375 px phone from the newsletters page, and unsubscribes by the link in an issue."""

import re

import pytest
from django.core import mail

from hubwork.content.models import Subscriber
from hubwork.content.newsletter_links import unsubscribe_url
from hubwork.content.tests.subscription_helpers import (
    confirm_path,
    path_of,
    preferences_path,
    subscribed,
)
from tests.browser.conftest import PHONE_WIDTH, assert_accessible, tab_to

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_visitor_subscribes_from_the_footer_confirms_and_changes_their_choices(page):
    page.goto("/help/")
    assert_accessible(page)
    tab_to(page, "Email address", limit=120)
    page.keyboard.type("ada@example.org")
    tab_to(page, "Primary & Early Years Round-up")
    page.keyboard.press("Space")
    tab_to(page, "National Newsletter")
    page.keyboard.press("Space")
    tab_to(page, "Subscribe")
    page.keyboard.press("Enter")
    # With JavaScript the answer takes the form's place.
    page.get_by_role("heading", name="Check your email").wait_for()
    assert_accessible(page)
    assert subscribed("ada@example.org") == {"primary": False, "national": False}

    (message,) = mail.outbox
    assert message.to == ["ada@example.org"]
    page.goto(confirm_path(message))
    assert page.get_by_role("heading", name="Confirm your subscription").is_visible()
    assert_accessible(page)
    tab_to(page, "Confirm")
    page.keyboard.press("Enter")
    page.get_by_role("heading", name="You're subscribed").wait_for()
    assert_accessible(page)
    assert subscribed("ada@example.org") == {"primary": True, "national": True}

    page.goto(preferences_path(message))
    assert_accessible(page)
    tab_to(page, "Secondary Round-up")
    page.keyboard.press("Space")
    tab_to(page, "National Newsletter")
    page.keyboard.press("Space")
    tab_to(page, "Save your choices")
    page.keyboard.press("Enter")
    page.get_by_text("Your choices are saved").wait_for()
    assert_accessible(page)
    assert subscribed("ada@example.org") == {"primary": True, "secondary": True}


def test_on_a_phone_a_visitor_subscribes_from_the_newsletters_page_and_unsubscribes(page):
    page.set_viewport_size({"width": PHONE_WIDTH, "height": 800})
    page.goto("/newsletters/")
    assert_accessible(page)
    page.get_by_label("Email address").fill("bo@example.org")
    page.get_by_label("Secondary Round-up").check()
    page.get_by_role("button", name="Subscribe").click()
    page.get_by_role("heading", name="Check your email").wait_for()
    assert_accessible(page)

    (message,) = mail.outbox
    page.goto(confirm_path(message))
    assert_accessible(page)
    page.get_by_role("button", name="Confirm").click()
    page.get_by_role("heading", name="You're subscribed").wait_for()
    assert_accessible(page)

    # The link in an issue's footer and List-Unsubscribe header.
    subscriber = Subscriber.objects.get(email="bo@example.org")
    page.goto(path_of(unsubscribe_url(subscriber, "secondary")))
    assert_accessible(page)
    page.get_by_role("button", name="Unsubscribe").click()
    page.get_by_role("heading", name="You're unsubscribed").wait_for()
    assert_accessible(page)
    assert subscribed("bo@example.org") == {}


def test_without_javascript_the_form_posts_and_shows_its_errors(page_without_javascript):
    page = page_without_javascript
    page.goto("/help/")
    page.locator("#id_footer-email").fill("cy@example.org")
    page.locator("#newsletter-footer-form-target").get_by_role("button", name="Subscribe").click()
    # No newsletter chosen: the form's own page shows the error, with the address kept.
    page.wait_for_url(re.compile(r"/newsletters/subscribe/$"))
    assert page.get_by_text("Select at least one newsletter").first.is_visible()
    assert page.locator("#id_email").input_value() == "cy@example.org"
    page.get_by_label("National Newsletter").check()
    page.get_by_role("button", name="Subscribe").click()
    page.wait_for_url("**/newsletters/subscribe/check-your-email/")
    assert page.get_by_role("heading", name="Check your email").is_visible()
    assert subscribed("cy@example.org") == {"national": False}
