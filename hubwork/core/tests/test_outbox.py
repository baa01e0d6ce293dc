"""The outbox: a task that a saved change implies waits in the database while the broker is
down, and goes, once, when it is back."""

import threading
import time
from datetime import timedelta

import pytest
from celery.contrib.testing.worker import start_worker
from django.core.management import call_command
from django.db import connection, transaction
from django.utils import timezone

from hubwork.core.models import OutboxMessage
from hubwork.core.outbox import KEEP_SENT_DAYS, enqueue, enqueue_now, flush
from hubwork.core.tasks import send_email


def queue_email(subject: str) -> OutboxMessage:
    """What a service does: save a change and queue its email in the same transaction."""
    with transaction.atomic():
        return enqueue(send_email, to=["priya@example.org"], subject=subject, text_body="Hi")


def test_a_message_waits_while_the_broker_is_down_and_goes_once_when_it_is_back(
    transactional_db, broker, mailoutbox
):
    broker.down()
    message = queue_email("Session moved")  # the commit tries to hand it on, and cannot
    message.refresh_from_db()
    assert message.sent_at is None
    assert message.attempts == 1
    assert "OperationalError" in message.last_error
    assert message.task == "hubwork.core.tasks.send_email"
    assert message.kwargs == {
        "to": ["priya@example.org"],
        "subject": "Session moved",
        "text_body": "Hi",
    }
    assert flush() == 0  # still down: nothing goes, nothing is lost
    assert mailoutbox == []

    broker.back()
    assert flush() == 1
    assert [email.subject for email in mailoutbox] == ["Session moved"]
    assert flush() == 0
    assert len(mailoutbox) == 1
    message.refresh_from_db()
    assert message.sent_at is not None
    assert message.last_error == ""


def test_a_message_is_handed_on_as_soon_as_its_transaction_commits(transactional_db, mailoutbox):
    with transaction.atomic():
        message = enqueue(send_email, to=["priya@example.org"], subject="Now", text_body="Hi")
        assert mailoutbox == []  # nothing leaves before the change is saved
    assert [email.subject for email in mailoutbox] == ["Now"]
    message.refresh_from_db()
    assert message.sent_at is not None
    assert flush() == 0


def test_a_rolled_back_change_queues_nothing(transactional_db, mailoutbox):
    def change_that_fails() -> None:
        with transaction.atomic():
            enqueue(send_email, to=["priya@example.org"], subject="Never", text_body="Hi")
            raise RuntimeError

    with pytest.raises(RuntimeError):
        change_that_fails()
    assert not OutboxMessage.objects.exists()
    assert mailoutbox == []


def test_waiting_messages_go_oldest_first(transactional_db, broker, mailoutbox):
    broker.down()
    for subject in ["First", "Second", "Third"]:
        queue_email(subject)
    broker.back()
    assert flush() == 3
    assert [email.subject for email in mailoutbox] == ["First", "Second", "Third"]


def test_a_task_that_fails_in_process_is_kept_for_the_next_flush(
    transactional_db, settings, mailoutbox
):
    # Tasks run in-process (no REDIS_URL) and the mail server refuses connections.
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 1, 2
    message = queue_email("Session moved")  # the failure does not reach the caller
    message.refresh_from_db()
    assert message.sent_at is None
    assert message.attempts == 1
    assert "ConnectionRefusedError" in message.last_error
    assert flush() == 0
    message.refresh_from_db()
    assert message.attempts == 2

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert flush() == 1
    assert [email.subject for email in mailoutbox] == ["Session moved"]


def test_a_message_for_a_task_that_no_longer_exists_waits_and_fails_nothing_else(
    transactional_db, mailoutbox
):
    with transaction.atomic():
        OutboxMessage.objects.create(task="hubwork.core.tasks.no_such_task")
        queue_email("Still sent")
    assert flush() == 0
    assert [email.subject for email in mailoutbox] == ["Still sent"]
    kept = OutboxMessage.objects.get(task="hubwork.core.tasks.no_such_task")
    assert (kept.sent_at, kept.attempts) == (None, 1)
    assert "NotRegistered" in kept.last_error


def test_the_flush_deletes_messages_sent_long_ago(db):
    long_ago, lately = queue_email("Long ago"), queue_email("Lately")
    now = timezone.now()
    OutboxMessage.objects.filter(pk=long_ago.pk).update(
        sent_at=now - timedelta(days=KEEP_SENT_DAYS, hours=1)
    )
    OutboxMessage.objects.filter(pk=lately.pk).update(sent_at=now - timedelta(days=1))
    flush()
    assert list(OutboxMessage.objects.values_list("pk", flat=True)) == [lately.pk]


def test_the_command_flushes_and_says_what_waits(transactional_db, broker, mailoutbox, capsys):
    broker.down()
    queue_email("Session moved")
    call_command("outbox_flush")
    assert "Handed on 0 task(s); 1 still waiting." in capsys.readouterr().out
    broker.back()
    call_command("outbox_flush")
    assert "Handed on 1 task(s); 0 still waiting." in capsys.readouterr().out
    assert len(mailoutbox) == 1


def test_beat_flushes_the_outbox_every_minute(settings):
    entry = settings.CELERY_BEAT_SCHEDULE["flush-outbox"]
    assert entry == {"task": "hubwork.core.tasks.flush_outbox", "schedule": 60}


@pytest.mark.skipif(connection.vendor != "postgresql", reason="Row locks are tested on PostgreSQL")
def test_a_message_being_handed_on_elsewhere_is_skipped_not_sent_twice(transactional_db, broker):
    """Another process holding a message (the on-commit hand-over, or a second flush) makes a
    flush pass it by rather than wait for it or send it again."""
    broker.down()
    message = queue_email("Session moved")
    broker.back("memory://")  # a broker that takes anything, in this process
    locked, release = threading.Event(), threading.Event()

    def hold_the_row() -> None:
        with transaction.atomic():
            OutboxMessage.objects.select_for_update().get(pk=message.pk)
            locked.set()
            release.wait(20)
        connection.close()

    holder = threading.Thread(target=hold_the_row)
    holder.start()
    try:
        assert locked.wait(20)
        assert flush() == 0
    finally:
        release.set()
        holder.join()
    assert flush() == 1
    assert flush() == 0


@pytest.mark.redis
def test_a_worker_sends_what_waited_once_redis_is_back(
    transactional_db, broker, redis_url, mailoutbox
):
    broker.down()
    queue_email("Session moved")
    broker.back(redis_url)
    with start_worker(broker.app, pool="solo", perform_ping_check=False, shutdown_timeout=10):
        assert flush() == 1
        deadline = time.monotonic() + 20
        while not mailoutbox and time.monotonic() < deadline:
            time.sleep(0.1)
        assert flush() == 0
    assert [email.subject for email in mailoutbox] == ["Session moved"]
    assert OutboxMessage.objects.get().sent_at is not None


def test_a_message_sent_now_goes_at_once_or_waits_for_the_broker(db, broker, mailoutbox):
    with transaction.atomic():
        enqueue_now(send_email, to=["priya@example.org"], subject="Your code", text_body="Hi")
        assert [email.subject for email in mailoutbox] == ["Your code"]
    broker.down()
    waiting = enqueue_now(send_email, to=["priya@example.org"], subject="Again", text_body="Hi")
    waiting.refresh_from_db()
    assert (waiting.sent_at, waiting.attempts) == (None, 1)
    broker.back()
    assert flush() == 1
    assert [email.subject for email in mailoutbox] == ["Your code", "Again"]
