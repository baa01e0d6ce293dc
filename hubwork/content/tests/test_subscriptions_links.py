"""The signed links in newsletter emails: confirm (expiring), preferences, and one-click
unsubscribe (RFC 8058), including forged and altered links."""

import re
import time

import pytest
from django.core import signing
from django.test import Client
from django.utils import timezone

from hubwork.content.models import Subscriber, Subscription
from hubwork.content.newsletter_links import (
    CONFIRM_MAX_AGE,
    confirm_url,
    list_unsubscribe_headers,
    preferences_url,
    unsubscribe_url,
)
from hubwork.content.tests.subscription_helpers import path_of, subscribed
from hubwork.core.models import AuditEvent

pytestmark = pytest.mark.django_db


@pytest.fixture
def subscriber() -> Subscriber:
    subscriber = Subscriber.objects.create(email="ada@example.org")
    Subscription.objects.create(subscriber=subscriber, newsletter="primary")
    Subscription.objects.create(
        subscriber=subscriber, newsletter="national", confirmed_at=timezone.now()
    )
    return subscriber


def _signed_at(monkeypatch, seconds_ago: int) -> None:
    then = int(time.time()) - seconds_ago
    monkeypatch.setattr(signing.TimestampSigner, "timestamp", lambda self: signing.b62_encode(then))


def test_a_confirmation_link_works_for_a_week(client, subscriber, monkeypatch):
    _signed_at(monkeypatch, CONFIRM_MAX_AGE - 60)
    path = path_of(confirm_url(subscriber, ["primary"]))
    monkeypatch.undo()
    assert "Confirm your subscription" in client.get(path).content.decode()


def test_a_confirmation_link_runs_out_after_a_week(client, subscriber, monkeypatch):
    _signed_at(monkeypatch, CONFIRM_MAX_AGE + 60)
    path = path_of(confirm_url(subscriber, ["primary"]))
    monkeypatch.undo()
    page = client.get(path)
    assert "This link does not work" in page.content.decode()
    assert "Ask for a new link" in page.content.decode()
    client.post(path)
    assert subscribed("ada@example.org")["primary"] is False


@pytest.mark.parametrize("kind", ["confirm", "preferences", "unsubscribe"])
def test_forged_and_altered_links_do_nothing(client, subscriber, kind):
    real = {
        "confirm": lambda: confirm_url(subscriber, ["primary"]),
        "preferences": lambda: preferences_url(subscriber),
        "unsubscribe": lambda: unsubscribe_url(subscriber, "national"),
    }[kind]()
    # Signed with another purpose's salt, with another subscriber's id, or altered.
    other_salt = signing.dumps({"s": subscriber.pk, "e": subscriber.email, "n": "national"})
    altered = path_of(real)[:-3] + "x/"
    for path in (altered, f"/newsletters/{kind}/{other_salt}/", f"/newsletters/{kind}/nonsense/"):
        page = client.get(path)
        assert page.status_code == 200
        assert "This link does not work" in page.content.decode()
        client.post(path, {"newsletters": []})
    assert subscribed("ada@example.org") == {"primary": False, "national": True}


def test_a_link_to_an_address_that_changed_since_stops_working(client, subscriber):
    path = path_of(preferences_url(subscriber))
    Subscriber.objects.filter(pk=subscriber.pk).update(email="ada.new@example.org")
    assert "This link does not work" in client.get(path).content.decode()


def test_preferences_change_at_once(client, subscriber):
    path = path_of(preferences_url(subscriber))
    page = client.get(path).content.decode()
    assert "ada@example.org" in page
    assert re.search(r'<input[^>]*value="national"[^>]*checked', page)

    response = client.post(path, {"newsletters": ["secondary", "primary"]})
    assert response.status_code == 302
    # The link proves the address: ticked ones start confirmed, unticked ones go.
    assert subscribed("ada@example.org") == {"primary": True, "secondary": True}
    event = AuditEvent.objects.get(verb="newsletter.preferences_changed")
    assert event.data["added"] == ["primary", "secondary"]
    assert event.data["removed"] == ["national"]
    assert "Your choices are saved" in client.get(path).content.decode()

    client.post(path, {"newsletters": ["primary"], "unsubscribe_all": "1"})
    assert subscribed("ada@example.org") == {}
    # The subscriber stays, so the link still works to subscribe again.
    assert client.get(path).status_code == 200
    client.post(path, {"newsletters": ["national"]})
    assert subscribed("ada@example.org") == {"national": True}


def test_one_click_unsubscribe_works_without_a_csrf_token(subscriber):
    client = Client(enforce_csrf_checks=True)
    path = path_of(unsubscribe_url(subscriber, "national"))
    response = client.post(
        path,
        "List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 200
    assert subscribed("ada@example.org") == {"primary": False}
    assert AuditEvent.objects.filter(verb="newsletter.unsubscribed").count() == 1
    # Again: still fine, nothing more happens.
    again = client.post(
        path, "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded"
    )
    assert again.status_code == 200
    assert AuditEvent.objects.filter(verb="newsletter.unsubscribed").count() == 1


def test_one_click_with_a_forged_token_is_refused(subscriber):
    client = Client(enforce_csrf_checks=True)
    response = client.post(
        "/newsletters/unsubscribe/forged/",
        "List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 400
    assert subscribed("ada@example.org") == {"primary": False, "national": True}


def test_opening_the_unsubscribe_link_shows_one_button(subscriber):
    client = Client(enforce_csrf_checks=True)
    path = path_of(unsubscribe_url(subscriber, "national"))
    page = client.get(path)
    body = page.content.decode()
    assert body.count('type="submit"') == 2  # the Unsubscribe button and the footer's form
    assert "Unsubscribe from the National Newsletter" in body
    assert subscribed("ada@example.org")["national"] is True

    done = client.post(path)
    assert done.status_code == 200
    assert "You're unsubscribed" in done.content.decode()
    assert "national" not in subscribed("ada@example.org")


def test_the_list_unsubscribe_headers(subscriber):
    headers = list_unsubscribe_headers(subscriber, "national")
    assert headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    value = headers["List-Unsubscribe"]
    assert value.startswith("<")
    assert value.endswith(">")
    assert "/newsletters/unsubscribe/" in value
