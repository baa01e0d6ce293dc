"""Bounces and complaints from the mail provider's webhook (Postmark's JSON, via django-anymail)
stop all mail to the address; a post with the wrong secret changes nothing."""

import base64
import json

import pytest
from django.urls import reverse
from django.utils import timezone

from hubwork.content.models import Delivery, IssueSend, Subscriber
from hubwork.content.tests.sending_helpers import content_reviewer, issue_make, subscriber_make
from hubwork.core.models import AuditEvent

pytestmark = pytest.mark.django_db

SECRET = "postmark:s3cret-hook-password"
MESSAGE_ID = "883953f4-6105-42a2-a16a-77a8eac79483"


@pytest.fixture(autouse=True)
def _webhook_secret(settings):
    settings.ANYMAIL = {**settings.ANYMAIL, "WEBHOOK_SECRET": SECRET}


def postmark_event(record_type: str, bounce_type: str, email: str) -> dict:
    """Postmark's bounce (and spam complaint) webhook, as its documentation gives it."""
    return {
        "RecordType": record_type,
        "MessageStream": "outbound",
        "ID": 4323372036854775807,
        "Type": bounce_type,
        "TypeCode": 1 if bounce_type == "HardBounce" else 512,
        "Name": "Hard bounce" if bounce_type == "HardBounce" else bounce_type,
        "Tag": "newsletter",
        "MessageID": MESSAGE_ID,
        "Metadata": {},
        "ServerID": 23,
        "Description": (
            "The server was unable to deliver your message (ex: unknown user, mailbox not found)."
        ),
        "Details": "smtp;550 5.1.1 The email account that you tried to reach does not exist.",
        "Email": email,
        "From": "no-reply@hubwork.localhost",
        "BouncedAt": "2026-11-05T16:33:54.9070259Z",
        "DumpAvailable": False,
        "Inactive": True,
        "CanActivate": True,
        "Subject": "Secondary Round-up: spring term",
    }


def post(client, payload: dict, *, auth: str | None = SECRET):
    headers = {}
    if auth is not None:
        headers["HTTP_AUTHORIZATION"] = "Basic " + base64.b64encode(auth.encode()).decode()
    return client.post(
        reverse("content:newsletter_webhook_tracking"),
        data=json.dumps(payload),
        content_type="application/json",
        **headers,
    )


@pytest.fixture
def running_send():
    """A send under way: one reader has had the issue (with Postmark's id), one is pending."""
    reviewer = content_reviewer()
    reader = subscriber_make("reader@example.org")
    issue = issue_make()
    send = IssueSend.objects.create(
        issue=issue,
        status=IssueSend.Status.SENDING,
        send_at=timezone.now(),
        requested_by=reviewer,
        started_at=timezone.now(),
    )
    Delivery.objects.create(
        send=send,
        subscriber=reader,
        status=Delivery.Status.SENT,
        sent_at=timezone.now(),
        message_id=MESSAGE_ID,
    )
    return send


def test_a_hard_bounce_suppresses_the_address_and_skips_what_is_pending(client, running_send):
    bouncing = Subscriber.objects.get(email="reader@example.org")
    other_issue = issue_make(title="National Newsletter: spring", newsletter="national")
    other_send = IssueSend.objects.create(
        issue=other_issue, status=IssueSend.Status.SENDING, send_at=timezone.now()
    )
    pending = Delivery.objects.create(send=other_send, subscriber=bouncing)

    response = post(client, postmark_event("Bounce", "HardBounce", "Reader@Example.org"))

    assert response.status_code == 200
    bouncing.refresh_from_db()
    assert bouncing.suppressed_at is not None
    assert bouncing.suppressed_reason == Subscriber.Suppression.BOUNCED
    pending.refresh_from_db()
    assert pending.status == Delivery.Status.SKIPPED
    bounced = running_send.deliveries.get()
    assert bounced.status == Delivery.Status.FAILED
    event = AuditEvent.objects.get(verb="newsletter.subscriber_suppressed")
    assert event.data["subscriber_id"] == bouncing.pk
    assert event.data["reason"] == "bounced"
    assert "reader@example.org" not in json.dumps(event.data).lower()

    # Reported again: nothing more changes.
    assert (
        post(client, postmark_event("Bounce", "HardBounce", "reader@example.org")).status_code
        == 200
    )
    assert AuditEvent.objects.filter(verb="newsletter.subscriber_suppressed").count() == 1


def test_a_spam_complaint_suppresses_the_address(client, running_send):
    response = post(client, postmark_event("SpamComplaint", "SpamComplaint", "reader@example.org"))

    assert response.status_code == 200
    subscriber = Subscriber.objects.get(email="reader@example.org")
    assert subscriber.suppressed_reason == Subscriber.Suppression.COMPLAINED
    # The email did arrive: its delivery stays sent.
    assert running_send.deliveries.get().status == Delivery.Status.SENT


def test_a_soft_bounce_changes_nothing(client, running_send):
    response = post(client, postmark_event("Bounce", "SoftBounce", "reader@example.org"))

    assert response.status_code == 200
    assert Subscriber.objects.get(email="reader@example.org").suppressed_at is None


def test_an_unknown_address_is_accepted_and_ignored(client):
    response = post(client, postmark_event("Bounce", "HardBounce", "stranger@example.org"))

    assert response.status_code == 200
    assert not Subscriber.objects.exists()


@pytest.mark.parametrize("auth", [None, "postmark:wrong", "someone:s3cret-hook-password"])
def test_the_wrong_secret_is_refused_and_changes_nothing(client, running_send, auth):
    response = post(client, postmark_event("Bounce", "HardBounce", "reader@example.org"), auth=auth)

    assert response.status_code in (400, 403)
    assert Subscriber.objects.get(email="reader@example.org").suppressed_at is None
    assert not AuditEvent.objects.filter(verb="newsletter.subscriber_suppressed").exists()


def test_without_a_secret_set_every_post_is_refused(client, settings, running_send):
    settings.ANYMAIL = {**settings.ANYMAIL, "WEBHOOK_SECRET": None}

    response = post(client, postmark_event("Bounce", "HardBounce", "reader@example.org"), auth=None)

    assert response.status_code in (400, 403)
    assert Subscriber.objects.get(email="reader@example.org").suppressed_at is None
