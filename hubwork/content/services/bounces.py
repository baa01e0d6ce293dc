"""Bounces and complaints reported by the mail provider's webhooks (django-anymail).

An address that bounces for good, is rejected, or whose owner marks an issue as spam gets no
more newsletters: its subscriber is suppressed, and its deliveries still pending in any send
are skipped. A soft (temporary) bounce changes nothing. The audit log names the subscriber by
id, never by address.
"""

from django.db import transaction
from django.utils import timezone

from hubwork.content.models import Delivery, Subscriber
from hubwork.core.audit import audit

# Provider bounce types that are temporary (Postmark's); the address may work tomorrow.
SOFT_BOUNCE_TYPES = frozenset({"SoftBounce", "Transient", "DnsError"})

REASONS = {
    "bounced": Subscriber.Suppression.BOUNCED,
    "rejected": Subscriber.Suppression.BOUNCED,
    "complained": Subscriber.Suppression.COMPLAINED,
}


def subscriber_suppress(
    *, email: str, event_type: str, message_id: str = "", provider: str = ""
) -> Subscriber | None:
    """Stop all mail to `email` after a bounce, rejection or complaint (`event_type` as
    Anymail names it). The delivery it reports on, found by the provider's message id, is
    marked failed for a bounce or rejection. Idempotent; None when the address is unknown."""
    reason = REASONS[event_type]
    with transaction.atomic():
        if message_id and event_type != "complained":
            Delivery.objects.filter(
                message_id__in={message_id, f"<{message_id.strip('<>')}>"},
                status=Delivery.Status.SENT,
            ).update(status=Delivery.Status.FAILED, error=f"Reported {event_type} by {provider}")
        subscriber = Subscriber.objects.select_for_update().filter(email__iexact=email).first()
        if subscriber is None:
            return None
        if subscriber.suppressed_at is not None:
            return subscriber
        subscriber.suppressed_at = timezone.now()
        subscriber.suppressed_reason = reason
        subscriber.save(update_fields=["suppressed_at", "suppressed_reason", "updated_at"])
        skipped = Delivery.objects.filter(
            subscriber=subscriber, status=Delivery.Status.PENDING
        ).update(status=Delivery.Status.SKIPPED)
        audit(
            None,
            "newsletter.subscriber_suppressed",
            subscriber_id=subscriber.pk,
            reason=reason,
            provider=provider,
            skipped=skipped,
        )
    return subscriber
