import logging
from smtplib import SMTPException
from typing import Any

from celery import shared_task
from django.core.files.storage import default_storage
from django.core.mail import EmailMultiAlternatives
from django.utils import timezone

from hubwork.core.outbox import flush as outbox_flush
from hubwork.core.retention import retention_run

logger = logging.getLogger(__name__)


@shared_task(
    autoretry_for=(SMTPException, OSError),
    retry_backoff=30,
    retry_backoff_max=3600,
    max_retries=8,
)
def send_email(*, to: list[str], subject: str, text_body: str, html_body: str = "") -> int:
    """Send one email; a failing mail server is retried with back-off, never dropped silently."""
    message = EmailMultiAlternatives(subject=subject, body=text_body, to=to)
    if html_body:
        message.attach_alternative(html_body, "text/html")
    sent = message.send()
    logger.info("Sent email %r to %d recipient(s)", subject, len(to))
    return sent


@shared_task
def apply_retention() -> dict[str, Any]:
    """Remove whatever every retention rule says has been kept long enough (daily, at night).

    Applying twice removes nothing the second time. The log keeps counts per rule only, since
    the lines may name files or people; the returned report has the lines too.
    """
    run = retention_run(now=timezone.now(), dry_run=False)
    for name, count in run.counts.items():
        logger.info("Retention rule %s removed %d item(s)", name, count)
    for name, error in run.errors.items():
        logger.error("Retention rule %s failed: %s", name, error)
    return {"counts": run.counts, "lines": run.lines, "errors": run.errors}


@shared_task
def flush_outbox() -> int:
    """Hand on whatever waits in the outbox (the broker was away when its change was saved).
    Celery beat runs it every minute; a message is handed on once."""
    return outbox_flush()


@shared_task(autoretry_for=(Exception,), retry_backoff=30, retry_backoff_max=3600, max_retries=10)
def delete_stored_file(*, name: str) -> None:
    """Delete one file from storage (the data folder or S3); a file already gone is fine.
    Storage that fails is retried with back-off, so an erased person's files do not stay."""
    default_storage.delete(name)
