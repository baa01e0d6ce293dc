"""Newsletter subscriptions' retention rule (core/retention.py): subscriptions asked for and
never confirmed go after NEWSLETTER_UNCONFIRMED_RETENTION_DAYS, with subscribers left with
none. Loaded by content/retention.py."""

from datetime import datetime, timedelta

from django.conf import settings

from hubwork.content.models import Subscriber, Subscription
from hubwork.content.services.subscriptions import unconfirmed_subscriptions_expire
from hubwork.core.retention import RetentionRule, register_retention_rule


def _cutoff(now: datetime) -> datetime:
    return now - timedelta(days=settings.NEWSLETTER_UNCONFIRMED_RETENTION_DAYS)


def _due(now: datetime) -> list[str]:
    cutoff = _cutoff(now)
    touched = set(
        Subscription.objects.filter(confirmed_at__isnull=True, updated_at__lt=cutoff).values_list(
            "subscriber_id", flat=True
        )
    )
    empty = set(
        Subscriber.objects.filter(
            user__isnull=True, suppressed_at__isnull=True, subscriptions=None, updated_at__lt=cutoff
        ).values_list("pk", flat=True)
    )
    return [
        f"Subscriber {pk}: unconfirmed subscriptions"
        if pk in touched
        else f"Subscriber {pk}: subscribed to nothing"
        for pk in sorted(touched | empty)
    ]


register_retention_rule(
    RetentionRule(
        name="newsletter-unconfirmed",
        description=(
            "Newsletter subscriptions never confirmed, NEWSLETTER_UNCONFIRMED_RETENTION_DAYS "
            "after they were last asked for, and subscribers left with none (or subscribed to "
            "nothing for as long)."
        ),
        due=_due,
        apply=lambda now: unconfirmed_subscriptions_expire(before=_cutoff(now)),
    )
)
