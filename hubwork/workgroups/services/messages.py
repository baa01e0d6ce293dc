"""Messages from leads and hub staff to everyone in a Work Group."""

from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string

from hubwork.accounts.models import User
from hubwork.core.audit import audit
from hubwork.core.outbox import enqueue
from hubwork.core.ratelimit import over_limit
from hubwork.core.tasks import send_email
from hubwork.workgroups.models import Enrolment, WorkGroup

# Messages to a whole group: enough for a busy term, too few to turn Hubwork into a mailer.
MESSAGE_LIMIT = 10


MESSAGE_WINDOW_SECONDS = 60 * 60


def over_message_limit(work_group: WorkGroup) -> bool:
    """Keyed by Work Group rather than by address, so co-leads and hub staff share one
    allowance for the group."""
    return over_limit(
        f"work-group-message:{work_group.pk}",
        limit=MESSAGE_LIMIT,
        window_seconds=MESSAGE_WINDOW_SECONDS,
    )


def work_group_message(
    *, work_group: WorkGroup, by: User, subject: str, message: str, include_waiting: bool
) -> int:
    """Email everyone holding a place (and, if asked, everyone waiting), one email each, once
    the transaction commits. The audit log keeps how many, never the text."""
    statuses = list(Enrolment.TAKING_PART) + (list(Enrolment.WAITING) if include_waiting else [])
    people = list(
        User.objects.filter(enrolments__work_group=work_group, enrolments__status__in=statuses)
        .order_by("email")
        .distinct()
    )
    url = settings.SITE_URL + work_group.get_absolute_url()
    with transaction.atomic():
        audit(
            by,
            "work_group.messaged",
            work_group,
            count=len(people),
            include_waiting=include_waiting,
        )
        for person in people:
            text_body = render_to_string(
                "workgroups/participants/email/message.txt",
                {
                    "person": person,
                    "work_group": work_group,
                    "sender": by,
                    "message": message,
                    "url": url,
                },
            )
            enqueue(
                send_email,
                to=[person.email],
                subject=f"{work_group.title}: {subject}",
                text_body=text_body,
            )
    return len(people)
