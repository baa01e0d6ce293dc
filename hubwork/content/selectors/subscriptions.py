"""Reads for newsletter subscriptions: whose a signed link is, and what a person gets."""

from dataclasses import dataclass
from typing import Any

from django.db.models import Q

from hubwork.accounts.models import User
from hubwork.content.models import Newsletter, Subscriber
from hubwork.content.newsletter_links import (
    CONFIRM_MAX_AGE,
    CONFIRM_SALT,
    PREFERENCES_SALT,
    UNSUBSCRIBE_SALT,
    token_read,
)


@dataclass(frozen=True)
class SignedLink:
    """A signed link's subscriber and what the link names (newsletters to confirm, or the one
    to unsubscribe from)."""

    subscriber: Subscriber
    newsletters: list[str]


def _link(token: str, *, salt: str, max_age: int | None = None) -> SignedLink | None:
    """The subscriber a signed link is for, or None when the link is forged, altered, has
    run out, or its subscriber is gone or has another address now (links sent to an old
    address stop working). This is the one getter for a subscriber from outside an account:
    the signature is the permission."""
    data: dict[str, Any] | None = token_read(token, salt=salt, max_age=max_age)
    if data is None or not isinstance(data.get("s"), int) or not isinstance(data.get("e"), str):
        return None
    subscriber = Subscriber.objects.filter(pk=data["s"]).first()
    if subscriber is None or subscriber.email.lower() != data["e"].lower():
        return None
    named = data.get("n", [])
    newsletters = [named] if isinstance(named, str) else list(named)
    if not newsletters_valid(newsletters):
        return None
    return SignedLink(subscriber=subscriber, newsletters=newsletters)


def newsletters_valid(newsletters: list[Any]) -> bool:
    return all(isinstance(value, str) and value in Newsletter.values for value in newsletters)


def confirm_link(token: str) -> SignedLink | None:
    """A confirmation link, within CONFIRM_MAX_AGE of being sent."""
    return _link(token, salt=CONFIRM_SALT, max_age=CONFIRM_MAX_AGE)


def preferences_link(token: str) -> SignedLink | None:
    return _link(token, salt=PREFERENCES_SALT)


def unsubscribe_link(token: str) -> SignedLink | None:
    link = _link(token, salt=UNSUBSCRIBE_SALT)
    return link if link is not None and len(link.newsletters) == 1 else None


def subscribed_newsletters(subscriber: Subscriber | None) -> list[str]:
    """The newsletters a subscriber gets (confirmed), in the lists' order."""
    if subscriber is None:
        return []
    confirmed = set(subscriber.subscriptions.confirmed().values_list("newsletter", flat=True))
    return [value for value in Newsletter.values if value in confirmed]


def account_subscriber_find(user: User) -> Subscriber | None:
    """The subscriber row tied to a person's account, if they have one yet."""
    return Subscriber.objects.filter(user=user).first()


def subscribers_of_person(user: User) -> list[Subscriber]:
    """The subscriber rows that are a person's: tied to their account, or at its address."""
    return list(
        Subscriber.objects.filter(Q(user=user) | Q(email__iexact=user.email)).order_by("pk")
    )
