"""Start-up wiring for newsletter sending: bounces and complaints from the mail provider's
webhooks (anymail's `tracking` signal) suppress the address (content/services/bounces.py)."""

from typing import Any

from anymail.signals import AnymailTrackingEvent, tracking

from hubwork.content.services.bounces import REASONS, SOFT_BOUNCE_TYPES, subscriber_suppress


def tracking_received(
    sender: Any, event: AnymailTrackingEvent, esp_name: str, **kwargs: Any
) -> None:
    if event.event_type not in REASONS or not event.recipient:
        return
    esp_event = event.esp_event if isinstance(event.esp_event, dict) else {}
    if event.event_type == "bounced" and esp_event.get("Type") in SOFT_BOUNCE_TYPES:
        return
    subscriber_suppress(
        email=event.recipient,
        event_type=event.event_type,
        message_id=event.message_id or "",
        provider=esp_name,
    )


def register_sending() -> None:
    tracking.connect(tracking_received, dispatch_uid="content.sending.tracking")
