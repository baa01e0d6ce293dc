"""Signing up for newsletters: double opt-in, no enumeration, rate limits, the honeypot,
the footer on every page."""

import pytest
from django.core import mail
from django.urls import reverse

from hubwork.content.models import Subscriber, Subscription
from hubwork.content.services import subscriptions as subscription_services
from hubwork.content.tests.subscription_helpers import confirm_path, subscribed
from hubwork.core.models import AuditEvent

SUBSCRIBE = "/newsletters/subscribe/"

pytestmark = pytest.mark.django_db


def sign_up(client, email="ada@example.org", newsletters=("primary", "national"), **extra):
    return client.post(SUBSCRIBE, {"email": email, "newsletters": list(newsletters), **extra})


def test_signing_up_keeps_unconfirmed_subscriptions_and_emails_a_link(
    client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = sign_up(client)

    assert response.status_code == 302
    assert response["Location"] == reverse("content:newsletter_check_email")
    assert subscribed("ada@example.org") == {"primary": False, "national": False}
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["ada@example.org"]
    assert "Confirm" in message.subject
    assert "Primary & Early Years Round-up" in message.body
    assert "National Newsletter" in message.body
    assert "Secondary" not in message.body.split("To choose")[0]
    # Nothing is received until confirmed.
    assert not Subscription.objects.receiving("primary").exists()
    page = client.get(response["Location"])
    assert "Check your email" in page.content.decode()
    event = AuditEvent.objects.get(verb="newsletter.subscription_requested")
    # The log names the subscriber by id, never by address.
    assert "ada@example.org" not in str(event.data) + event.object_repr


def test_confirming_by_the_emailed_link_starts_the_newsletters(
    client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        sign_up(client)
    path = confirm_path(mail.outbox[0])

    # Opening the link (as a mail scanner does) confirms nothing.
    page = client.get(path)
    assert page.status_code == 200
    assert "Confirm your subscription" in page.content.decode()
    assert subscribed("ada@example.org") == {"primary": False, "national": False}

    confirmed = client.post(path)
    assert confirmed.status_code == 200
    assert "You're subscribed" in confirmed.content.decode()
    assert subscribed("ada@example.org") == {"primary": True, "national": True}
    assert Subscription.objects.receiving("primary").count() == 1
    assert AuditEvent.objects.filter(verb="newsletter.subscription_confirmed").exists()
    # Confirming twice is harmless.
    assert client.post(path).status_code == 200
    assert Subscription.objects.confirmed().count() == 2


def test_the_answer_is_the_same_for_a_new_and_a_known_address(
    client, django_capture_on_commit_callbacks
):
    subscriber = Subscriber.objects.create(email="known@example.org")
    Subscription.objects.create(
        subscriber=subscriber, newsletter="primary", confirmed_at="2026-01-01T00:00Z"
    )

    answers = []
    for email in ("known@example.org", "new@example.org"):
        with django_capture_on_commit_callbacks(execute=True):
            response = sign_up(client, email=email, newsletters=["primary"])
        answers.append((response.status_code, response["Location"]))
        page = client.get(response["Location"]).content.decode()
        main = page[page.index("<main") : page.index("</main>")]
        answers.append(main.replace(email, "ADDRESS"))
    assert answers[0] == answers[2]
    assert answers[1] == answers[3]
    # The emails say what is true: the known address is subscribed already.
    known, new = mail.outbox
    assert "already get" in known.body
    assert "/newsletters/confirm/" not in known.body
    assert "/newsletters/confirm/" in new.body


def test_asking_again_sends_the_link_again_up_to_a_limit(
    client, django_capture_on_commit_callbacks
):
    for _ in range(subscription_services.ADDRESS_LIMIT + 2):
        with django_capture_on_commit_callbacks(execute=True):
            response = sign_up(client, email="Ada@Example.org")
        assert response.status_code == 302
    assert len(mail.outbox) == subscription_services.ADDRESS_LIMIT
    # One subscriber whatever the case of the address.
    assert Subscriber.objects.count() == 1


def test_too_many_sign_ups_from_one_address_are_refused(client, monkeypatch):
    monkeypatch.setattr("hubwork.content.views.subscriptions.IP_LIMIT", 2)
    for number in range(2):
        assert sign_up(client, email=f"p{number}@example.org").status_code == 302
    refused = sign_up(client, email="p9@example.org")
    assert refused.status_code == 429
    assert "too many times" in refused.content.decode()
    assert not Subscriber.objects.filter(email="p9@example.org").exists()


def test_the_honeypot_catches_bots_without_telling_them(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = sign_up(client, website="http://spam.example")
    assert response.status_code == 302
    assert Subscriber.objects.count() == 0
    assert mail.outbox == []


def test_the_form_says_what_is_missing(client):
    response = client.post(SUBSCRIBE, {"email": "not an address"})
    body = response.content.decode()
    assert response.status_code == 200
    assert "Enter an email address in the correct format" in body
    assert "Select at least one newsletter" in body
    assert Subscriber.objects.count() == 0


def test_the_footer_form_posts_with_its_own_names_and_errors_show_on_the_page(
    client, django_capture_on_commit_callbacks
):
    page = client.get(reverse("core:help")).content.decode()
    assert 'id="id_footer-email"' in page
    assert 'action="/newsletters/subscribe/"' in page

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            SUBSCRIBE, {"footer-email": "bo@example.org", "footer-newsletters": ["secondary"]}
        )
    assert response.status_code == 302
    assert subscribed("bo@example.org") == {"secondary": False}

    wrong = client.post(SUBSCRIBE, {"footer-email": "bo@example.org"})
    body = wrong.content.decode()
    assert 'id="id_email"' in body
    assert 'value="bo@example.org"' in body
    assert "Select at least one newsletter" in body


def test_htmx_gets_the_answer_in_place(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            SUBSCRIBE,
            {"footer-email": "cy@example.org", "footer-newsletters": ["national"]},
            headers={"HX-Request": "true"},
        )
    assert response.status_code == 200
    body = response.content.decode()
    assert "Check your email" in body
    assert "<html" not in body


def test_a_suppressed_address_is_left_alone(client, django_capture_on_commit_callbacks):
    Subscriber.objects.create(
        email="gone@example.org", suppressed_at="2026-01-01T00:00Z", suppressed_reason="bounced"
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = sign_up(client, email="gone@example.org")
    assert response.status_code == 302
    assert mail.outbox == []
    assert subscribed("gone@example.org") == {}


def test_the_newsletters_page_has_the_form_and_the_footer_does_not_repeat_it(client):
    body = client.get("/newsletters/").content.decode()
    assert 'id="id_email"' in body
    assert "id_footer-email" not in body
    assert "Past issues" in body
