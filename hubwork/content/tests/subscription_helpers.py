"""Shared helpers for the newsletter subscription tests."""

import re

from django.core import mail

from hubwork.content.models import Subscriber

CONFIRM_LINK = re.compile(r"https?://\S+/newsletters/confirm/\S+/")
PREFERENCES_LINK = re.compile(r"https?://\S+/newsletters/preferences/\S+/")


def path_of(url: str) -> str:
    return re.sub(r"^https?://[^/]+", "", url)


def confirm_path(message: mail.EmailMessage) -> str:
    found = CONFIRM_LINK.search(str(message.body))
    assert found, message.body
    return path_of(found.group(0))


def preferences_path(message: mail.EmailMessage) -> str:
    found = PREFERENCES_LINK.search(str(message.body))
    assert found, message.body
    return path_of(found.group(0))


def subscribed(email: str) -> dict[str, bool]:
    """Each newsletter the address has, and whether it is confirmed."""
    subscriber = Subscriber.objects.filter(email__iexact=email).first()
    if subscriber is None:
        return {}
    return {
        subscription.newsletter: subscription.confirmed_at is not None
        for subscription in subscriber.subscriptions.all()
    }
