"""Newsletter subscriptions: asking (double opt-in), confirming, choosing, unsubscribing.

Nothing is sent to an address that has not confirmed: asking makes unconfirmed subscriptions
and emails a signed, expiring link (content/newsletter_links.py); only following it confirms
them. A signed-in person's own verified address needs no link: it is confirmed already, and
its subscriber row is tied to their account.

What a visitor is shown never depends on whether the address was known (no enumeration);
the confirmation email says what is true instead. Audit events name the subscriber by id,
never by address, so the log holds no addresses of people without an account.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from allauth.account.models import EmailAddress
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import timezone

from hubwork.accounts.models import User
from hubwork.content.models import Newsletter, Subscriber, Subscription
from hubwork.content.newsletter_links import confirm_url, preferences_url
from hubwork.content.selectors.subscriptions import subscribers_of_person
from hubwork.core.audit import audit
from hubwork.core.outbox import enqueue
from hubwork.core.ratelimit import over_limit
from hubwork.core.tasks import send_email

# Confirmation emails to one address: at most this many in ADDRESS_WINDOW_SECONDS, so the
# form cannot be used to flood someone's inbox.
ADDRESS_LIMIT = 3
ADDRESS_WINDOW_SECONDS = 60 * 60


@dataclass(frozen=True)
class SubscribeOutcome:
    """What asking did, for tests and the audit log; the visitor is told the same either way."""

    subscriber: Subscriber | None
    confirmed_now: list[str]
    emailed: bool


def _ordered(newsletters: Iterable[str]) -> list[str]:
    wanted = set(newsletters)
    unknown = wanted - set(Newsletter.values)
    if unknown:
        raise ValueError(f"No such newsletter: {', '.join(sorted(unknown))}")
    return [value for value in Newsletter.values if value in wanted]


def _subscriber_locked(email: str) -> Subscriber | None:
    return Subscriber.objects.select_for_update().filter(email__iexact=email).first()


def account_email_verified(user: User) -> bool:
    """Whether the account's own address is one allauth has seen confirmed."""
    return EmailAddress.objects.filter(user=user, email__iexact=user.email, verified=True).exists()


def subscription_request(
    *, email: str, newsletters: Iterable[str], user: User | None = None
) -> SubscribeOutcome:
    """Someone asks for these newsletters at `email` (the sign-up form).

    For a signed-in person's own verified address the subscriptions are confirmed at once and
    tied to their account. Otherwise the subscriptions are kept unconfirmed and a link to
    confirm them is emailed (again, if asked again: at most ADDRESS_LIMIT an hour per address).
    An address whose mail bounced or complained is left alone, without saying so.
    """
    email = email.strip()
    wanted = _ordered(newsletters)
    signed_in = user is not None and user.is_authenticated
    own_address = (
        signed_in
        and user is not None
        and user.email.lower() == email.lower()
        and account_email_verified(user)
    )
    if own_address and user is not None:
        own = account_subscriptions_add(user=user, newsletters=wanted)
        return SubscribeOutcome(subscriber=own, confirmed_now=wanted, emailed=False)

    now = timezone.now()
    with transaction.atomic():
        subscriber = _subscriber_locked(email)
        if subscriber is None:
            subscriber = Subscriber(email=email)
            subscriber.full_clean()
            subscriber.save()
        if subscriber.suppressed_at is not None:
            audit(None, "newsletter.subscription_refused", subscriber_id=subscriber.pk)
            return SubscribeOutcome(subscriber=subscriber, confirmed_now=[], emailed=False)
        existing = {
            subscription.newsletter: subscription
            for subscription in subscriber.subscriptions.filter(newsletter__in=wanted)
        }
        for newsletter in wanted:
            if newsletter not in existing:
                Subscription.objects.create(subscriber=subscriber, newsletter=newsletter)
            else:
                # Asking again keeps an unconfirmed subscription from expiring.
                existing[newsletter].save(update_fields=["updated_at"])
        pending = [n for n in wanted if n not in existing or existing[n].confirmed_at is None]
        subscriber.save(update_fields=["updated_at"])
        emailed = False
        if not over_limit(
            f"newsletter-confirm:{email.lower()}",
            limit=ADDRESS_LIMIT,
            window_seconds=ADDRESS_WINDOW_SECONDS,
        ):
            _email_confirmation(
                subscriber, pending=pending, already=[n for n in wanted if n not in pending]
            )
            emailed = True
        audit(
            user if signed_in else None,
            "newsletter.subscription_requested",
            subscriber_id=subscriber.pk,
            newsletters=wanted,
            emailed=emailed,
            at=now.isoformat(),
        )
    return SubscribeOutcome(subscriber=subscriber, confirmed_now=[], emailed=emailed)


def _labels(newsletters: Iterable[str]) -> list[str]:
    return [Newsletter(value).label for value in newsletters]


def _email_confirmation(subscriber: Subscriber, *, pending: list[str], already: list[str]) -> None:
    """The link to confirm what is pending or, when everything asked for is confirmed
    already, a note saying so with the link to change them (sent once the change commits)."""
    context = {
        "pending": _labels(pending),
        "already": _labels(already),
        "confirm_url": confirm_url(subscriber, pending) if pending else "",
        "preferences_url": preferences_url(subscriber),
    }
    subject = (
        "Confirm your Maths Hubs newsletter subscription"
        if pending
        else "You already get these Maths Hubs newsletters"
    )
    text_body = render_to_string("content/newsletters/email/confirm.txt", context)
    enqueue(send_email, to=[subscriber.email], subject=subject, text_body=text_body)


def subscription_confirm(*, subscriber: Subscriber, newsletters: Iterable[str]) -> Subscriber:
    """The address's owner followed the emailed link and pressed Confirm: the newsletters it
    was for start (one unsubscribed from meanwhile is subscribed again: they asked for it)."""
    wanted = _ordered(newsletters)
    now = timezone.now()
    with transaction.atomic():
        subscriber = Subscriber.objects.select_for_update().get(pk=subscriber.pk)
        confirmed = []
        for newsletter in wanted:
            subscription, _ = Subscription.objects.get_or_create(
                subscriber=subscriber, newsletter=newsletter
            )
            if subscription.confirmed_at is None:
                subscription.confirmed_at = now
                subscription.save(update_fields=["confirmed_at", "updated_at"])
                confirmed.append(newsletter)
        audit(
            None,
            "newsletter.subscription_confirmed",
            subscriber_id=subscriber.pk,
            newsletters=confirmed,
        )
    return subscriber


def subscriptions_set(
    *, subscriber: Subscriber, newsletters: Iterable[str], by: User | None = None
) -> Subscriber:
    """The preferences page (reached by a signed link, or the person's account): exactly these
    newsletters from now on, confirmed, since only the address's owner can get there. None
    at all unsubscribes from everything; the subscriber row stays so the link still works."""
    wanted = set(_ordered(newsletters))
    now = timezone.now()
    with transaction.atomic():
        subscriber = Subscriber.objects.select_for_update().get(pk=subscriber.pk)
        current = {s.newsletter: s for s in subscriber.subscriptions.all()}
        removed = sorted(set(current) - wanted)
        subscriber.subscriptions.filter(newsletter__in=removed).delete()
        added = []
        for newsletter in _ordered(wanted):
            subscription = current.get(newsletter)
            if subscription is None:
                Subscription.objects.create(
                    subscriber=subscriber, newsletter=newsletter, confirmed_at=now
                )
                added.append(newsletter)
            elif subscription.confirmed_at is None:
                subscription.confirmed_at = now
                subscription.save(update_fields=["confirmed_at", "updated_at"])
                added.append(newsletter)
        subscriber.save(update_fields=["updated_at"])
        if added or removed:
            audit(
                by,
                "newsletter.preferences_changed",
                subscriber_id=subscriber.pk,
                added=added,
                removed=removed,
            )
    return subscriber


def subscription_unsubscribe(*, subscriber: Subscriber, newsletter: str) -> bool:
    """Stop one newsletter (the one-click link in its emails). Doing it again changes nothing.
    Returns whether there was a subscription to stop."""
    _ordered([newsletter])
    with transaction.atomic():
        deleted, _ = Subscription.objects.filter(
            subscriber_id=subscriber.pk, newsletter=newsletter
        ).delete()
        if deleted:
            Subscriber.objects.filter(pk=subscriber.pk).update(updated_at=timezone.now())
            audit(
                None,
                "newsletter.unsubscribed",
                subscriber_id=subscriber.pk,
                newsletter=newsletter,
            )
    return bool(deleted)


# --- A signed-in person's own subscriptions. -------------------------------------------


def account_subscriber(*, user: User) -> Subscriber:
    """The subscriber row for a person's account: theirs already, or the one for their
    address (signed up before they had an account), now tied to them, or a new one."""
    with transaction.atomic():
        subscriber = Subscriber.objects.select_for_update().filter(user=user).first()
        if subscriber is not None:
            return subscriber
        subscriber = _subscriber_locked(user.email)
        if subscriber is None:
            subscriber = Subscriber(email=user.email, user=user)
            subscriber.full_clean()
            subscriber.save()
        elif subscriber.user_id is None:
            subscriber.user = user
            subscriber.save(update_fields=["user", "updated_at"])
        audit(user, "newsletter.subscriber_linked", subscriber_id=subscriber.pk)
        return subscriber


def account_subscriptions_add(*, user: User, newsletters: Iterable[str]) -> Subscriber:
    """A signed-in person asks for these newsletters at their own verified address: they
    start at once (the address is confirmed already)."""
    subscriber = account_subscriber(user=user)
    current = set(subscriber.subscriptions.confirmed().values_list("newsletter", flat=True))
    return subscriptions_set(subscriber=subscriber, newsletters=current | set(newsletters), by=user)


def account_subscriptions_set(*, user: User, newsletters: Iterable[str]) -> Subscriber:
    """The Newsletters page of a person's account: exactly these newsletters from now on."""
    subscriber = account_subscriber(user=user)
    return subscriptions_set(subscriber=subscriber, newsletters=newsletters, by=user)


def subscriber_follow_account_email(*, user: User) -> Subscriber | None:
    """A person changed their account's address: their newsletters go to the new one.

    The subscriber row tied to the account takes the new address. If the new address had a
    row of its own (subscribed without signing in), the two become one: its newsletters join
    the account's (confirmed ones stay confirmed) and the other row goes. The old address
    gets nothing more.
    """
    with transaction.atomic():
        subscriber = Subscriber.objects.select_for_update().filter(user=user).first()
        if subscriber is None or subscriber.email.lower() == user.email.lower():
            return subscriber
        other = (
            Subscriber.objects.select_for_update()
            .filter(email__iexact=user.email)
            .exclude(pk=subscriber.pk)
            .first()
        )
        if other is not None:
            ours = {s.newsletter: s for s in subscriber.subscriptions.all()}
            for theirs in other.subscriptions.all():
                mine = ours.get(theirs.newsletter)
                if mine is None:
                    Subscription.objects.create(
                        subscriber=subscriber,
                        newsletter=theirs.newsletter,
                        confirmed_at=theirs.confirmed_at,
                    )
                elif mine.confirmed_at is None and theirs.confirmed_at is not None:
                    mine.confirmed_at = theirs.confirmed_at
                    mine.save(update_fields=["confirmed_at", "updated_at"])
            if other.suppressed_at is not None and subscriber.suppressed_at is None:
                subscriber.suppressed_at = other.suppressed_at
                subscriber.suppressed_reason = other.suppressed_reason
            other.delete()
        subscriber.email = user.email
        subscriber.save(update_fields=["email", "suppressed_at", "suppressed_reason", "updated_at"])
        audit(user, "newsletter.subscriber_address_changed", subscriber_id=subscriber.pk)
        return subscriber


# --- Retention and erasure. ------------------------------------------------------------


def unconfirmed_subscriptions_expire(*, before: datetime) -> list[str]:
    """Remove subscriptions asked for before `before` and never confirmed, then subscribers
    left with none: by this, or by unsubscribing from everything before `before` (unless tied
    to an account, or stopped by a bounce or complaint, which must be remembered). Returns
    one line per subscriber touched (ids, never addresses)."""
    lines = []
    with transaction.atomic():
        stale = Subscription.objects.filter(confirmed_at__isnull=True, updated_at__lt=before)
        touched = set(stale.values_list("subscriber_id", flat=True))
        stale.delete()
        empty = Subscriber.objects.filter(
            Q(pk__in=touched) | Q(updated_at__lt=before),
            user__isnull=True,
            suppressed_at__isnull=True,
            subscriptions=None,
        )
        gone = set(empty.values_list("pk", flat=True))
        empty.delete()
        for pk in sorted(touched | gone):
            if pk not in touched:
                lines.append(
                    f"Subscriber {pk}: subscribed to nothing since {before:%Y-%m-%d}; removed"
                )
                continue
            outcome = "removed" if pk in gone else "kept (other subscriptions)"
            lines.append(
                f"Subscriber {pk}: unconfirmed subscriptions removed; subscriber {outcome}"
            )
    return lines


def person_subscribers_erase(*, user: User) -> dict[str, int]:
    """Erasure: every subscriber row of theirs goes, with its subscriptions (delivery rows
    of past issues stay, without the subscriber)."""
    subscribers = subscribers_of_person(user)
    subscriptions = Subscription.objects.filter(subscriber__in=subscribers).count()
    Subscriber.objects.filter(pk__in=[s.pk for s in subscribers]).delete()
    return {"newsletter_subscribers": len(subscribers), "newsletter_subscriptions": subscriptions}
