"""Two workers on the same send at once (a retried batch beside a resumed one): each delivery
row is locked by the worker sending it and skipped by the other, so nobody gets two copies.

Threads with their own connections need row locks that wait, so this runs on PostgreSQL
(SQLite's in-memory test database cannot be shared by threads; on a SQLite file IMMEDIATE
transactions serialise the two workers anyway)."""

import threading
import time
from typing import Any

import pytest
from django.core.mail.backends.locmem import EmailBackend
from django.db import connection, connections
from django.utils import timezone

from hubwork.content.models import Delivery, IssueSend
from hubwork.content.services.sending import send_batch
from hubwork.content.tests.sending_helpers import (
    content_reviewer,
    copies_by_address,
    issue_make,
    subscriber_make,
)

READERS = 30
WORKERS = 3

_outbox_lock = threading.Lock()


class SlowBackend(EmailBackend):
    """A provider that takes a moment per email, so the workers overlap; thread-safe outbox."""

    def send_messages(self, messages: Any) -> int:
        time.sleep(0.01)
        with _outbox_lock:
            return super().send_messages(messages)


@pytest.mark.django_db(transaction=True)
def test_workers_sending_the_same_batch_at_once_send_each_email_once(settings):
    if connection.vendor != "postgresql":
        pytest.skip("threads need PostgreSQL's row locks (run with DATABASE_URL=postgres://…)")
    settings.EMAIL_BACKEND = "hubwork.content.tests.test_sending_concurrency.SlowBackend"
    settings.NEWSLETTER_BATCH_SIZE = READERS
    readers = [subscriber_make(f"reader{n}@example.org") for n in range(READERS)]
    subscriber_make("unconfirmed@example.org", confirmed=False)
    issue = issue_make()
    send = IssueSend.objects.create(
        issue=issue,
        status=IssueSend.Status.SENDING,
        send_at=timezone.now(),
        requested_by=content_reviewer(),
        started_at=timezone.now(),
    )
    Delivery.objects.bulk_create([Delivery(send=send, subscriber=reader) for reader in readers])
    barrier = threading.Barrier(WORKERS)
    errors: list[str] = []

    def worker() -> None:
        try:
            barrier.wait(timeout=30)
            send_batch(send_id=send.pk)
        except Exception as error:  # any error fails the test
            errors.append(f"{type(error).__name__}: {error}")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker) for _ in range(WORKERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    assert copies_by_address() == {reader.email: 1 for reader in readers}
    assert send.deliveries.filter(status=Delivery.Status.SENT).count() == READERS
    send.refresh_from_db()
    assert send.status == IssueSend.Status.SENT
