"""The outbox: work a saved change implies (emails, exports) is written as a row in the
change's own transaction, then handed to the task queue once the transaction commits.

When the broker cannot be reached the row simply waits: the change is saved and the request
answers as usual, and `outbox_flush` (a Celery beat job every minute, and a management
command) hands on everything still waiting once the broker is back. Nothing a saved change
implies is lost, and no request that has committed fails because the queue is away.

A message may be handed on more than once in rare cases (a process dying between handing it
on and recording that), never not at all: the tasks behind it are written to bear that.
"""

import logging
from contextlib import nullcontext
from datetime import timedelta
from enum import Enum
from typing import Any

from celery import Task, current_app
from django.db import transaction
from django.utils import timezone
from kombu.exceptions import OperationalError
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

from hubwork.core.models import OutboxMessage

logger = logging.getLogger(__name__)

# What a broker that is down (or unreachable) raises when a task is handed to it.
BROKER_ERRORS: tuple[type[BaseException], ...] = (
    OperationalError,
    RedisConnectionError,
    RedisTimeoutError,
    OSError,
)
# Messages sent longer ago than this are deleted by the flush: they hold addresses and the
# text of emails, kept only long enough to look into a problem.
KEEP_SENT_DAYS = 2
# How many waiting messages one flush takes at a time.
BATCH_SIZE = 100


class Outcome(Enum):
    SENT = "sent"
    BROKER_DOWN = "broker down"
    FAILED = "failed"
    GONE = "gone"  # sent already, or being sent by another process


def enqueue(task: Task[Any, Any], **kwargs: Any) -> OutboxMessage:
    """Keep `task` (with these keyword arguments, which must be JSON) in the outbox, in the
    caller's transaction, and hand it to the task queue once that commits."""
    message = OutboxMessage.objects.create(task=task.name, kwargs=kwargs)
    message_id = message.pk
    transaction.on_commit(lambda: deliver(message_id=message_id), robust=True)
    return message


def enqueue_now(task: Task[Any, Any], **kwargs: Any) -> OutboxMessage:
    """Keep `task` in the outbox and hand it on at once, not at commit: for work that answers
    a request rather than follows a saved change (allauth's emails: a password reset link, a
    code), which went at once before there was an outbox. If the broker is down it waits."""
    message = OutboxMessage.objects.create(task=task.name, kwargs=kwargs)
    deliver(message_id=message.pk)
    return message


def deliver(*, message_id: int) -> Outcome:
    """Hand one waiting message to the task queue; on failure keep it, with the error, for the
    next flush. Never raises: the change that wrote the message is saved already."""
    if current_app.conf.task_always_eager:
        # The task runs here and now, outside any transaction, so a slow one (an email to
        # an SMTP server) holds no database lock. Only this process hands it on: no lock.
        message = OutboxMessage.objects.unsent().filter(pk=message_id).first()
        return _hand_over(message) if message else Outcome.GONE
    with transaction.atomic():
        # Handing on is only publishing to the broker, which is quick; the row lock keeps the
        # on-commit delivery and a flush from both sending it.
        message = (
            OutboxMessage.objects.unsent()
            .select_for_update(skip_locked=True)
            .filter(pk=message_id)
            .first()
        )
        return _hand_over(message) if message else Outcome.GONE


def flush() -> int:
    """Hand on every waiting message, oldest first, and delete those sent more than
    KEEP_SENT_DAYS ago; returns how many were handed on. Stops at the first sign that the
    broker is still down. Safe to run at any time, and in several processes at once."""
    sent = 0
    tried: set[int] = set()
    while True:
        # A message that failed in this run waits for the next one, so the loop ends.
        batch = list(
            OutboxMessage.objects.unsent()
            .exclude(pk__in=tried)
            .order_by("created_at", "pk")
            .values_list("pk", flat=True)[:BATCH_SIZE]
        )
        if not batch:
            break
        for message_id in batch:
            outcome = deliver(message_id=message_id)
            if outcome is Outcome.SENT:
                # Sent ones leave the unsent queue by themselves; only the others are kept
                # out of the next batch, so the exclusion stays as short as the failures.
                sent += 1
                continue
            if outcome is Outcome.BROKER_DOWN:
                logger.warning("The task queue is still down; the outbox waits for it.")
                return sent
            tried.add(message_id)
    OutboxMessage.objects.filter(
        sent_at__lt=timezone.now() - timedelta(days=KEEP_SENT_DAYS)
    ).delete()
    return sent


def _hand_over(message: OutboxMessage) -> Outcome:
    """Give `message` to the task queue (or, run eagerly, run it) and record how that went."""
    eager = bool(current_app.conf.task_always_eager)
    message.attempts += 1
    try:
        task = _task(message.task)
        if eager:
            # A task run in-process that fails inside a caller's transaction (a test's) must
            # not leave that transaction unusable for recording the failure.
            in_transaction = transaction.get_connection().in_atomic_block
            with transaction.atomic() if in_transaction else nullcontext():
                task.apply_async(kwargs=message.kwargs)
        else:
            with current_app.producer_or_acquire() as producer:
                # One try at connecting and no publishing retries: a broker that is down
                # waits for the next flush rather than holding up the page for seconds. The
                # web process never reads a result, so none is kept.
                producer.connection.ensure_connection(max_retries=0)
                task.apply_async(
                    kwargs=message.kwargs, producer=producer, retry=False, ignore_result=True
                )
    except Exception as error:
        message.last_error = f"{type(error).__name__}: {error}"[:2000]
        message.save(update_fields=["attempts", "last_error"])
        if not eager and isinstance(error, BROKER_ERRORS):
            logger.warning("Could not queue %s (%s); it waits in the outbox.", message, error)
            return Outcome.BROKER_DOWN
        logger.exception("Task %s failed; it waits in the outbox.", message.task)
        return Outcome.FAILED
    message.sent_at = timezone.now()
    message.last_error = ""
    message.save(update_fields=["sent_at", "attempts", "last_error"])
    return Outcome.SENT


def _task(name: str) -> Task[Any, Any]:
    """The registered task called `name`, loading every app's tasks first if need be (a
    management command has not imported them)."""
    if name not in current_app.tasks:
        current_app.loader.import_default_modules()
    return current_app.tasks[name]


def outbox_forget_address(*, email: str) -> int:
    """Erasing a person (core/privacy.py): messages to or about their address, sent or still
    waiting, are deleted (nothing more goes to them). Returns how many."""
    if not email:
        return 0
    from django.db.models import TextField
    from django.db.models.functions import Cast

    return (
        OutboxMessage.objects.annotate(kwargs_text=Cast("kwargs", TextField()))
        .filter(kwargs_text__icontains=email)
        .delete()[0]
    )
