import logging
from smtplib import SMTPException

from celery import shared_task
from django.core.mail import EmailMultiAlternatives

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
