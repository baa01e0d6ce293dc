"""Sending newsletter issues: a test to the editor, scheduling, and the send itself in batches.

How a send goes:
- `issue_send_schedule` (a content reviewer or national admin, on a published issue) makes the
  issue's `IssueSend`, due now or later;
- `issue_send_start` (queued at once for "Send now", or by the beat job once due) fixes the
  recipients as one `Delivery` row each, from the newsletter's confirmed, unsuppressed
  subscriptions at that moment: once, however often it runs;
- `send_batch` sends up to NEWSLETTER_BATCH_SIZE pending rows, each in its own transaction
  that locks the row (skipping rows another worker holds) and marks it sent with the
  provider's message id as soon as the email has gone; then queues the next batch
  NEWSLETTER_BATCH_SECONDS later, or marks the send finished when nothing is pending.

So a send killed halfway (a worker killed, the mail server failing) resumes where it stopped
when the batch runs again (its retry, or `sends_resume` from the beat job): rows already sent
are never sent again, and two workers never send the same row. The one window left is the
instant between the provider accepting an email and the row's commit; a process killed in
exactly that instant would send that one email again.
"""

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta
from smtplib import SMTPRecipientsRefused

from anymail.exceptions import AnymailRecipientsRefused
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.db.models import Count, Max, Q
from django.db.models.functions import Coalesce
from django.utils import timezone

from hubwork.accounts.models import User
from hubwork.content.issue_email import (
    IssueContent,
    RecipientLinks,
    issue_content,
    issue_message,
    page_absolute_url,
)
from hubwork.content.issue_permissions import may_send_issues, may_test_issues
from hubwork.content.models import (
    Delivery,
    IssueSend,
    NewsletterIndexPage,
    NewsletterIssuePage,
    Subscriber,
    Subscription,
)
from hubwork.content.newsletter_links import (
    list_unsubscribe_headers,
    preferences_url,
    unsubscribe_url,
)
from hubwork.core.audit import audit
from hubwork.core.outbox import BROKER_ERRORS, enqueue

logger = logging.getLogger(__name__)

# A send with pending rows and nothing sent for this long is taken to have stalled (its
# worker killed, its next batch lost) and is resumed by the beat job.
RESUME_AFTER = timedelta(minutes=5)


class SendingRefused(Exception):
    """Why an issue cannot be sent or scheduled, in words for the editor."""


@dataclass(frozen=True)
class BatchOutcome:
    sent: int = 0
    skipped: int = 0
    failed: int = 0
    pending: int = 0
    finished: bool = False


def _test_links(user: User) -> RecipientLinks:
    """A test goes to the editor, who may not be a subscriber: their own links if they are,
    the newsletters page otherwise."""
    subscriber = Subscriber.objects.filter(email__iexact=user.email).first()
    if subscriber is not None:
        return RecipientLinks(
            preferences_url=preferences_url(subscriber), unsubscribe_url=preferences_url(subscriber)
        )
    index = NewsletterIndexPage.objects.first()
    url = page_absolute_url(index) if index else settings.SITE_URL + "/"
    return RecipientLinks(preferences_url=url, unsubscribe_url=url)


def issue_send_test(*, issue: NewsletterIssuePage, by: User) -> None:
    """Email the issue as it stands (its latest draft) to the editor alone, marked as a test."""
    if not may_test_issues(by):
        raise PermissionDenied
    draft = issue.get_latest_revision_as_object()
    message = issue_message(
        issue_content(draft),
        to=by.email,
        links=_test_links(by),
        headers={},
        subject_prefix="[Test] ",
    )
    message.send()
    audit(by, "newsletter_issue.test_sent", issue, newsletter=issue.newsletter)


def issue_send_schedule(*, issue: NewsletterIssuePage, send_at: datetime, by: User) -> IssueSend:
    """Send the published issue to its newsletter's subscribers at `send_at` (now, or later).

    A scheduled send may be moved or scheduled again once cancelled; one that has started
    cannot. Sending starts as soon as this commits when `send_at` has come.
    """
    if not may_send_issues(by):
        raise PermissionDenied
    issue.refresh_from_db(fields=["live", "newsletter"])
    if not issue.live:
        raise SendingRefused("Publish the issue before you send it.")
    with transaction.atomic():
        send = IssueSend.objects.select_for_update().filter(issue=issue).first()
        if send is not None and send.status in {IssueSend.Status.SENDING, IssueSend.Status.SENT}:
            raise SendingRefused(f"This issue has been sent already ({send.get_status_display()}).")
        if send is None:
            send = IssueSend(issue=issue)
        send.status = IssueSend.Status.SCHEDULED
        send.send_at = send_at
        send.requested_by = by
        send.full_clean()
        send.save()
        audit(by, "issue_send.scheduled", send, issue_id=issue.pk, send_at=send_at)
        if send_at <= timezone.now():
            _queue_start(send)
    return send


def issue_send_cancel(*, send: IssueSend, by: User) -> IssueSend:
    """Stop a scheduled send before it starts (one that has started goes on)."""
    if not may_send_issues(by):
        raise PermissionDenied
    with transaction.atomic():
        send = IssueSend.objects.select_for_update().get(pk=send.pk)
        if send.status != IssueSend.Status.SCHEDULED:
            raise SendingRefused("Only a send that has not started can be cancelled.")
        send.status = IssueSend.Status.CANCELLED
        send.save(update_fields=["status", "updated_at"])
        audit(by, "issue_send.cancelled", send, issue_id=send.issue_id)
    return send


def issue_send_start(*, send_id: int, now: datetime | None = None) -> IssueSend | None:
    """Fix the recipients of a due send as pending `Delivery` rows and start its batches.

    Idempotent: a send that has started (or is not yet due, or was cancelled) is left alone,
    and the rows are made once (one per subscriber, by constraint). An issue unpublished
    since it was scheduled is not sent.
    """
    with transaction.atomic():
        send = (
            IssueSend.objects.select_for_update(of=("self",))
            .select_related("issue")
            .filter(pk=send_id)
            .first()
        )
        if (
            send is None
            or send.status != IssueSend.Status.SCHEDULED
            or send.send_at > (now or timezone.now())
        ):
            return send
        if not send.issue.live:
            send.status = IssueSend.Status.CANCELLED
            send.save(update_fields=["status", "updated_at"])
            audit(None, "issue_send.cancelled", send, issue_id=send.issue_id, reason="unpublished")
            return send
        subscriber_ids = Subscription.objects.receiving(send.issue.newsletter).values_list(
            "subscriber_id", flat=True
        )
        Delivery.objects.bulk_create(
            [Delivery(send=send, subscriber_id=pk) for pk in subscriber_ids],
            batch_size=1000,
            ignore_conflicts=True,
        )
        send.status = IssueSend.Status.SENDING
        send.started_at = timezone.now()
        send.save(update_fields=["status", "started_at", "updated_at"])
        audit(
            None,
            "issue_send.started",
            send,
            issue_id=send.issue_id,
            recipients=send.deliveries.count(),
        )
        _queue_batch(send, countdown=0)
    return send


def _still_receiving(subscriber: Subscriber | None, newsletter: str) -> bool:
    """Re-checked just before each email: unsubscribed or suppressed since the send started
    means it is not sent."""
    if subscriber is None or subscriber.suppressed_at is not None:
        return False
    return Subscription.objects.receiving(newsletter).filter(subscriber=subscriber).exists()


def _message_id(message: EmailMultiAlternatives) -> str:
    """The provider's id for the message (Anymail's backends report it), else our own."""
    status = getattr(message, "anymail_status", None)
    if status is not None and status.message_id:
        return str(status.message_id)[:200]
    return str(message.extra_headers.get("Message-ID", ""))[:200]


def _deliver(*, delivery_id: int, content: IssueContent) -> str | None:
    """Send one pending row and record it; the new status, or None when another worker has
    it (locked) or has sent it already."""
    with transaction.atomic():
        delivery = (
            Delivery.objects.select_for_update(skip_locked=True, of=("self",))
            .select_related("subscriber")
            .filter(pk=delivery_id, status=Delivery.Status.PENDING)
            .first()
        )
        if delivery is None:
            return None
        subscriber = delivery.subscriber
        if subscriber is None or not _still_receiving(subscriber, content.newsletter):
            delivery.status = Delivery.Status.SKIPPED
            delivery.save(update_fields=["status"])
            return delivery.status
        message = issue_message(
            content,
            to=subscriber.email,
            links=RecipientLinks(
                preferences_url=preferences_url(subscriber),
                unsubscribe_url=unsubscribe_url(subscriber, content.newsletter),
            ),
            headers=list_unsubscribe_headers(subscriber, content.newsletter),
        )
        try:
            message.send()
        except (SMTPRecipientsRefused, AnymailRecipientsRefused) as error:
            # This address is refused; the others go on. Anything else (the provider down)
            # leaves the row pending and stops the batch, to be tried again.
            delivery.status = Delivery.Status.FAILED
            delivery.error = f"{type(error).__name__}: {error}"[:300]
            delivery.save(update_fields=["status", "error"])
            return delivery.status
        delivery.status = Delivery.Status.SENT
        delivery.sent_at = timezone.now()
        delivery.message_id = _message_id(message)
        delivery.save(update_fields=["status", "sent_at", "message_id"])
        return delivery.status


def send_batch(*, send_id: int) -> BatchOutcome:
    """Send the next batch of a send's pending rows, then queue the next batch after
    NEWSLETTER_BATCH_SECONDS, or mark the send sent when none are left."""
    send = IssueSend.objects.select_related("issue").filter(pk=send_id).first()
    if send is None or send.status != IssueSend.Status.SENDING:
        return BatchOutcome(finished=send is not None and send.status == IssueSend.Status.SENT)
    content = issue_content(send.issue)
    pending_ids = list(
        send.deliveries.filter(status=Delivery.Status.PENDING)
        .order_by("pk")
        .values_list("pk", flat=True)[: settings.NEWSLETTER_BATCH_SIZE]
    )
    counts = {Delivery.Status.SENT: 0, Delivery.Status.SKIPPED: 0, Delivery.Status.FAILED: 0}
    for delivery_id in pending_ids:
        status = _deliver(delivery_id=delivery_id, content=content)
        if status is not None:
            counts[Delivery.Status(status)] += 1
    with transaction.atomic():
        send = IssueSend.objects.select_for_update().get(pk=send_id)
        pending = send.deliveries.filter(status=Delivery.Status.PENDING).count()
        if pending_ids or not pending:
            audit(
                None,
                "issue_send.batch_sent",
                send,
                issue_id=send.issue_id,
                sent=counts[Delivery.Status.SENT],
                skipped=counts[Delivery.Status.SKIPPED],
                failed=counts[Delivery.Status.FAILED],
                pending=pending,
            )
        finished = False
        if send.status == IssueSend.Status.SENDING and not pending:
            send.status = IssueSend.Status.SENT
            send.finished_at = timezone.now()
            send.save(update_fields=["status", "finished_at", "updated_at"])
            audit(None, "issue_send.finished", send, issue_id=send.issue_id, **send_counts(send))
            finished = True
        elif pending:
            _queue_batch(send, countdown=settings.NEWSLETTER_BATCH_SECONDS)
    return BatchOutcome(
        sent=counts[Delivery.Status.SENT],
        skipped=counts[Delivery.Status.SKIPPED],
        failed=counts[Delivery.Status.FAILED],
        pending=pending,
        finished=finished,
    )


def send_counts(send: IssueSend) -> dict[str, int]:
    """How many rows of the send are in each state (one query)."""
    return send.deliveries.aggregate(
        **{status.value: Count("pk", filter=Q(status=status.value)) for status in Delivery.Status}
    )


def sends_due_start(*, now: datetime | None = None) -> int:
    """Start every scheduled send that is due, and resume every send that has stalled (pending
    rows, nothing sent for RESUME_AFTER): the beat job. Returns how many it started or resumed."""
    now = now or timezone.now()
    # Stalled ones first, so that a send this run starts is never taken for one.
    stalled = list(
        IssueSend.objects.filter(status=IssueSend.Status.SENDING)
        .annotate(last_activity=Coalesce(Max("deliveries__sent_at"), "started_at"))
        .filter(Q(last_activity__lt=now - RESUME_AFTER) | Q(last_activity__isnull=True))
        .values_list("pk", flat=True)
    )
    due = list(
        IssueSend.objects.filter(status=IssueSend.Status.SCHEDULED, send_at__lte=now).values_list(
            "pk", flat=True
        )
    )
    for send_id in due:
        issue_send_start(send_id=send_id, now=now)
    for send_id in stalled:
        with transaction.atomic():
            send = IssueSend.objects.get(pk=send_id)
            audit(None, "issue_send.resumed", send, issue_id=send.issue_id)
            _queue_batch(send, countdown=0)
    return len(due) + len(stalled)


def _queue_start(send: IssueSend) -> None:
    # The tasks call these services, so they are imported when needed, not at the top.
    from hubwork.content.sending_tasks import start_issue_send

    enqueue(start_issue_send, send_id=send.pk)


def _queue_batch(send: IssueSend, *, countdown: int) -> None:
    """The next batch, once this transaction commits. The outbox has no countdown, so the
    task goes straight to the queue; if the queue is down, the beat job resumes the send."""
    from hubwork.content.sending_tasks import send_issue_batch

    send_id = send.pk

    def queue() -> None:
        try:
            send_issue_batch.apply_async(kwargs={"send_id": send_id}, countdown=countdown)
        except BROKER_ERRORS as error:
            logger.warning("Could not queue the next batch of send %s (%s)", send_id, error)

    transaction.on_commit(queue, robust=True)
