"""Reminder emails before sessions, sent by an hourly Celery beat job.

- A few days before a session, members who have logged no trial (draft or shared) for any
  gap task set at the previous session are reminded of those gap tasks, in one email with
  anything else still to do before the session that apps above add (unread readings:
  practice/reminder_items.py).
- A week before a Work Group's next session, its leads are reminded if it has no plan yet.

Each reminder is kept as a `ReminderSent` row (unique per kind, session and person), written
before the email goes, so running the job again — or two beat processes at once — never
sends the same reminder twice.
"""

from datetime import datetime, timedelta
from urllib.parse import urlencode

from django.conf import settings
from django.db import transaction
from django.db.models import Exists, OuterRef, QuerySet
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from hubwork.accounts.models import User
from hubwork.core.outbox import enqueue
from hubwork.core.tasks import send_email
from hubwork.practice.models import Activity, ClassroomTrial, GapTask, ReminderSent
from hubwork.practice.reminder_items import ReminderLine, before_session_items
from hubwork.workgroups.models import Enrolment, Session, WorkGroup
from hubwork.workgroups.selectors.sessions import previous_session

TRIAL_DUE_DAYS = 3
PLAN_MISSING_DAYS = 7
# Drafts are not yet running and cancelled Work Groups never will: nobody is reminded.
NOT_RUNNING = [WorkGroup.Status.DRAFT, WorkGroup.Status.CANCELLED]


def reminders_send(*, now: datetime | None = None) -> int:
    """Send every reminder that is due and not yet sent; returns how many were sent."""
    now = now or timezone.now()
    return trial_reminders_send(now=now) + plan_reminders_send(now=now)


def _coming_sessions(now: datetime, days: int) -> QuerySet[Session]:
    """Scheduled sessions of running Work Groups from today to `days` days ahead."""
    today = timezone.localdate(now)
    return (
        Session.objects.filter(
            status=Session.Status.SCHEDULED, date__range=(today, today + timedelta(days=days))
        )
        .exclude(work_group__status__in=NOT_RUNNING)
        .select_related("work_group__hub")
        .order_by("date", "starts_at", "pk")
    )


def _remind(
    *, kind: str, session: Session, user: User, subject: str, template: str, context: dict
) -> bool:
    """Record the reminder and send it once the record is saved; False if it was sent
    before (the unique row is there already, perhaps written a moment ago by another run)."""
    with transaction.atomic():
        _, created = ReminderSent.objects.get_or_create(kind=kind, session=session, user=user)
        if created:
            text_body = render_to_string(template, {**context, "person": user})
            enqueue(send_email, to=[user.email], subject=subject, text_body=text_body)
    return created


def _trial_url(work_group: WorkGroup, gap_task: GapTask) -> str:
    query = urlencode({"work_group": work_group.slug, "gap_task": gap_task.pk})
    return f"{settings.SITE_URL}{reverse('practice:trial_create')}?{query}"


def trial_reminders_send(*, now: datetime) -> int:
    """Members with something still to do before a session, a few days before it: one email
    each, listing the previous session's gap tasks if they have logged no trial for them, and
    whatever apps above add (readings set for the session and not yet read: see
    practice/reminder_items.py). Members with nothing left to do are not reminded."""
    sent = 0
    for session in _coming_sessions(now, TRIAL_DUE_DAYS):
        if session.starts() <= now:
            continue  # too late to help
        previous = previous_session(session)
        gap_tasks = (
            list(GapTask.objects.filter(session=previous).order_by("due_on", "pk"))
            if previous is not None
            else []
        )
        reminded = ReminderSent.objects.filter(
            kind=ReminderSent.Kind.TRIAL_DUE, session=session
        ).values("user_id")
        enrolments = list(
            Enrolment.objects.filter(
                work_group_id=session.work_group_id,
                status__in=Enrolment.MEMBERS,
                user__is_active=True,
            )
            .exclude(user__in=reminded)
            .select_related("user")
            .order_by("pk")
        )
        if not enrolments:
            continue
        user_ids = [enrolment.user_id for enrolment in enrolments]
        logged = (
            set(
                ClassroomTrial.objects.filter(
                    gap_task__in=gap_tasks, author_id__in=user_ids
                ).values_list("author_id", flat=True)
            )
            if gap_tasks
            else set()
        )
        extra_items = before_session_items(session, user_ids)
        work_group = session.work_group
        task_links = [(task, _trial_url(work_group, task)) for task in gap_tasks]
        context = {
            "session": session,
            "previous": previous,
            "work_group": work_group,
            "practice_url": settings.SITE_URL + reverse("practice:mine"),
        }
        for enrolment in enrolments:
            tasks = [] if enrolment.user_id in logged else task_links
            lines = extra_items.get(enrolment.user_id, [])
            if not tasks and not lines:
                continue  # nothing left to do
            if tasks:
                subject = (
                    f"Hubwork: log what you tried before session {session.number} "
                    f"of {work_group.title}"
                )
            else:
                subject = f"Hubwork: before session {session.number} of {work_group.title}"
            sent += _remind(
                kind=ReminderSent.Kind.TRIAL_DUE,
                session=session,
                user=enrolment.user,
                subject=subject,
                template="practice/email/trial_due.txt",
                context={**context, "gap_tasks": tasks, "sections": _sections(lines)},
            )
    return sent


def _sections(lines: list[ReminderLine]) -> list[tuple[str, list[ReminderLine]]]:
    """Lines grouped under their headings, in the order the headings first appear."""
    sections: dict[str, list[ReminderLine]] = {}
    for line in lines:
        sections.setdefault(line.heading, []).append(line)
    return list(sections.items())


def plan_reminders_send(*, now: datetime) -> int:
    """Leads of a Work Group whose next session, within a week, has no plan (or an empty
    one)."""
    has_activities = Exists(Activity.objects.filter(plan__session=OuterRef("pk")))
    sessions = (
        _coming_sessions(now, PLAN_MISSING_DAYS)
        .annotate(has_activities=has_activities)
        .prefetch_related("work_group__leads")
    )
    sent = 0
    seen: set[int] = set()
    for session in sessions:
        if session.starts() <= now or session.work_group_id in seen:
            continue
        seen.add(session.work_group_id)  # sessions come in date order: this one is next
        if session.has_activities:
            continue
        work_group = session.work_group
        context = {
            "session": session,
            "work_group": work_group,
            "plan_url": settings.SITE_URL
            + reverse(
                "practice:plan",
                kwargs={
                    "hub_slug": work_group.hub.slug,
                    "pk": work_group.pk,
                    "session_pk": session.pk,
                },
            ),
        }
        subject = f"Hubwork: session {session.number} of {work_group.title} has no plan yet"
        for lead in work_group.leads.all():
            if not lead.is_active:
                continue
            sent += _remind(
                kind=ReminderSent.Kind.PLAN_MISSING,
                session=session,
                user=lead,
                subject=subject,
                template="practice/email/plan_missing.txt",
                context=context,
            )
    return sent
