from typing import Any

from django.core.management.base import BaseCommand

from hubwork.core.models import OutboxMessage
from hubwork.core.outbox import flush


class Command(BaseCommand):
    help = (
        "Hand on to the task queue every task still waiting in the outbox (queued while the "
        "broker was away), oldest first. Celery beat does this every minute."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        sent = flush()
        waiting = OutboxMessage.objects.unsent().count()
        self.stdout.write(f"Handed on {sent} task(s); {waiting} still waiting.")
