"""The lead's overview of the Work Groups they lead: what needs doing (plans for the sessions
coming up, registers to take, completion to decide), what was shared and who is quiet."""

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime

from django.db.models import Count, Prefetch, Q
from django.utils import timezone

from hubwork.accounts.models import User
from hubwork.core.academic_years import AcademicYear
from hubwork.core.sorting import natural_key
from hubwork.practice.models import (
    Activity,
    ClassroomTrial,
)
from hubwork.practice.selectors.plans import session_plan_summary, without_plan
from hubwork.workgroups.models import Enrolment, Session, WorkGroup


@dataclass(frozen=True)
class SessionPlanStatus:
    session: Session
    status: str
    fits: bool  # planned and fits, with no warnings


@dataclass(frozen=True)
class LedWorkGroup:
    work_group: WorkGroup
    sessions: list[SessionPlanStatus]
    since: Session | None  # the last session that has begun: "since" counts from its start
    shared_trials: int
    quiet: list[User]  # members who have shared no trial since then, by name in natural order
    members: int  # enrolled or completed
    next_session: SessionPlanStatus | None  # the next session still to begin
    # Coming up in the next four weeks with no plan yet (`SessionQuerySet.coming_up`).
    unplanned_soon: list[Session]
    # Ended in the last four weeks with no register (`SessionQuerySet.without_register`).
    registers_to_take: list[Session]
    # The session whose "What we tried" shows what was shared since `since`.
    what_we_tried: Session | None
    completion_due: bool  # `WorkGroupQuerySet.completion_due`

    @property
    def held(self) -> int:
        """Sessions that have begun, cancelled ones aside."""
        return sum(
            1
            for item in self.sessions
            if not item.session.is_cancelled and item.session.starts() <= timezone.now()
        )


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def plan_status(session: Session) -> SessionPlanStatus:
    """ "No plan yet", "Fits", "Runs over by N minutes" or "N warnings" (from the planner's
    own summary). Needs the session's plan and its activities loaded."""
    if session.is_cancelled:
        return SessionPlanStatus(session=session, status="Cancelled", fits=False)
    plan = getattr(session, "plan", None)
    summary = session_plan_summary(session, plan.activities.all() if plan is not None else [])
    if summary.is_empty:
        return SessionPlanStatus(session=session, status="No plan yet", fits=False)
    if summary.over_by:
        status = f"Runs over by {_plural(summary.over_by, 'minute')}"
        return SessionPlanStatus(session=session, status=status, fits=False)
    if summary.warnings:
        status = _plural(len(summary.warnings), "warning")
        return SessionPlanStatus(session=session, status=status, fits=False)
    return SessionPlanStatus(session=session, status="Fits", fits=True)


def _last_begun(sessions: list[Session], now: datetime) -> Session | None:
    begun = [s for s in sessions if not s.is_cancelled and s.starts() <= now]
    return begun[-1] if begun else None


def _what_we_tried(sessions: list[Session], since: Session | None) -> Session | None:
    """The first session after `since` that is not cancelled: its "What we tried" collects
    what was shared since `since` began. None before the first session, when nothing has
    been set to try; the last session when none is left to come."""
    if since is None:
        return None
    later = [s for s in sessions if not s.is_cancelled and s.starts() > since.starts()]
    return later[0] if later else since if since.number > 1 else None


def lead_overview(user: User) -> list[LedWorkGroup]:
    """For each Work Group `user` leads, this academic year on: each session's plan status,
    what needs doing (sessions coming up without a plan, registers to take, completion to
    decide), how many trials were shared since the last session began, and who has shared
    nothing since then (or at all, before the first session). Eight queries, however many
    Work Groups, sessions and members."""
    now = timezone.now()
    work_groups = list(
        WorkGroup.objects.filter(leads=user, academic_year__gte=AcademicYear.current().start_year)
        .select_related("hub", "programme")
        .prefetch_related(
            Prefetch(
                "sessions",
                queryset=Session.objects.select_related("plan").order_by(
                    "date", "starts_at", "number"
                ),
            ),
            # Plan status needs each activity's kind and minutes only, not its notes.
            Prefetch(
                "sessions__plan__activities",
                queryset=Activity.objects.only("plan_id", "kind", "minutes", "position"),
            ),
        )
        .order_by("academic_year", "title", "pk")
    )
    if not work_groups:
        return []
    since = {
        work_group.pk: _last_begun(list(work_group.sessions.all()), now)
        for work_group in work_groups
    }
    # One query for every Work Group, each counted from its own last session.
    shared_since = Q()
    for work_group in work_groups:
        session = since[work_group.pk]
        if session is None:
            shared_since |= Q(work_group_id=work_group.pk)
        else:
            shared_since |= Q(work_group_id=work_group.pk, shared_at__gte=session.starts())
    counts = (
        ClassroomTrial.objects.filter(shared_since, shared_at__isnull=False)
        .order_by()
        .values("work_group_id", "author_id")
        .annotate(count=Count("pk"))
    )
    shared_by: dict[int, dict[int, int]] = defaultdict(dict)
    for row in counts:
        shared_by[row["work_group_id"]][row["author_id"]] = row["count"]
    members: dict[int, list[User]] = defaultdict(list)
    for enrolment in (
        Enrolment.objects.filter(
            work_group__in=[work_group.pk for work_group in work_groups],
            status__in=Enrolment.MEMBERS,
        )
        .select_related("user")
        .order_by("user__display_name", "user__email", "pk")
    ):
        members[enrolment.work_group_id].append(enrolment.user)
    led_ids = [work_group.pk for work_group in work_groups]
    unplanned: dict[int, list[Session]] = defaultdict(list)
    for session in without_plan(Session.objects.filter(work_group__in=led_ids).coming_up()):
        unplanned[session.work_group_id].append(session)
    registers: dict[int, list[Session]] = defaultdict(list)
    for session in Session.objects.filter(work_group__in=led_ids).without_register():
        registers[session.work_group_id].append(session)
    completion_due = set(
        WorkGroup.objects.filter(pk__in=led_ids).completion_due().values_list("pk", flat=True)
    )
    overview = []
    for work_group in work_groups:
        sessions = list(work_group.sessions.all())
        statuses = [plan_status(session) for session in sessions]
        to_come = [
            item
            for item in statuses
            if not item.session.is_cancelled and item.session.starts() > now
        ]
        overview.append(
            LedWorkGroup(
                work_group=work_group,
                sessions=statuses,
                since=since[work_group.pk],
                shared_trials=sum(shared_by[work_group.pk].values()),
                quiet=sorted(
                    (
                        member
                        for member in members[work_group.pk]
                        if member.pk not in shared_by[work_group.pk]
                    ),
                    key=lambda member: natural_key(member.display_name or member.email),
                ),
                members=len(members[work_group.pk]),
                next_session=to_come[0] if to_come else None,
                unplanned_soon=unplanned[work_group.pk],
                registers_to_take=registers[work_group.pk],
                what_we_tried=_what_we_tried(sessions, since[work_group.pk]),
                completion_due=work_group.pk in completion_due,
            )
        )
    return overview
