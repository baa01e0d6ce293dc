"""Sending newsletter issues in the background (content/services/sending.py says how)."""

from smtplib import SMTPException

from anymail.exceptions import AnymailAPIError
from celery import shared_task

from hubwork.content.services.sending import issue_send_start as _issue_send_start
from hubwork.content.services.sending import send_batch, sends_due_start

# A provider that is down or refusing for now: the batch is tried again later; rows already
# sent stay sent, so a retry sends only what is still pending.
PROVIDER_ERRORS = (SMTPException, OSError, AnymailAPIError)


@shared_task
def start_issue_send(*, send_id: int) -> None:
    """Fix the recipients of a due send and start its batches (queued by "Send now")."""
    _issue_send_start(send_id=send_id)


@shared_task(
    autoretry_for=PROVIDER_ERRORS,
    retry_backoff=30,
    retry_backoff_max=1800,
    max_retries=10,
)
def send_issue_batch(*, send_id: int) -> dict[str, int | bool]:
    """One batch of a send; it queues the next one itself."""
    outcome = send_batch(send_id=send_id)
    return {
        "sent": outcome.sent,
        "skipped": outcome.skipped,
        "failed": outcome.failed,
        "pending": outcome.pending,
        "finished": outcome.finished,
    }


@shared_task
def start_due_issue_sends() -> int:
    """Start scheduled sends that are due and resume stalled ones. Celery beat, every minute."""
    return sends_due_start()
