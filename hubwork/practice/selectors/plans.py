"""Reads about session plans: time used and advice, what a plan can be copied from, the
plans overview and the EEF mechanism grid."""

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Protocol

from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Sum

from hubwork.practice.models import Activity, SessionPlan
from hubwork.programmes.mechanisms import Mechanism, Purpose, mechanisms_by_purpose
from hubwork.workgroups.models import Session, WorkGroup

# Fewer than this many minutes per activity on average (breaks aside) is more than a session
# sensibly holds: LLMEs' commonest planning problem is trying to fit in too much.
MIN_AVERAGE_MINUTES = 20


class ActivityLike(Protocol):
    """An activity as the planner sees it: a saved row or one still being edited."""

    kind: str
    minutes: int


def without_plan(sessions: QuerySet[Session]) -> QuerySet[Session]:
    """Those of `sessions` with no plan yet: none, or one with no activities (the planner's
    "No plan yet"), tested in the database."""
    return sessions.filter(~Exists(Activity.objects.filter(plan__session=OuterRef("pk"))))


def session_minutes(session: Session) -> int:
    """How long the session runs, in minutes."""
    start = datetime.combine(session.date, session.starts_at)
    end = datetime.combine(session.date, session.ends_at)
    return int((end - start).total_seconds() // 60)


@dataclass(frozen=True)
class PlanSummary:
    """Time used against the session's length, and the advice that goes with it."""

    length_minutes: int
    used_minutes: int
    activity_count: int
    warnings: list[str] = field(default_factory=list)

    @property
    def remaining_minutes(self) -> int:
        return max(self.length_minutes - self.used_minutes, 0)

    @property
    def over_by(self) -> int:
        return max(self.used_minutes - self.length_minutes, 0)

    @property
    def is_empty(self) -> bool:
        return self.activity_count == 0

    @property
    def fits(self) -> bool:
        return not self.is_empty and self.over_by == 0

    @property
    def used_percent(self) -> int:
        """For a meter: capped at 100."""
        if self.length_minutes <= 0:
            return 100
        return min(round(100 * self.used_minutes / self.length_minutes), 100)


def plan_summary(
    *, activities: Iterable[ActivityLike], length_minutes: int, session_number: int
) -> PlanSummary:
    """Add up a plan and warn when it runs over, leaves no time for discussion, evaluating
    trials (after the first session) or reflection, or holds more activities than the time
    sensibly allows."""
    activities = list(activities)
    used = sum(activity.minutes or 0 for activity in activities)
    kinds = {activity.kind for activity in activities}
    warnings: list[str] = []
    if not activities:
        return PlanSummary(length_minutes=length_minutes, used_minutes=0, activity_count=0)
    if used > length_minutes:
        warnings.append(
            f"The plan runs {used - length_minutes} minutes over the session's "
            f"{length_minutes} minutes."
        )
    if Activity.Kind.DISCUSSION not in kinds:
        warnings.append("There is no time for group discussion.")
    if session_number > 1 and Activity.Kind.EVALUATING not in kinds:
        warnings.append(
            "There is no time to evaluate what participants tried since the last session."
        )
    if Activity.Kind.REFLECTION not in kinds:
        warnings.append("There is no time for reflection.")
    working = [activity for activity in activities if activity.kind != Activity.Kind.BREAK]
    working_minutes = length_minutes - sum(
        activity.minutes or 0 for activity in activities if activity.kind == Activity.Kind.BREAK
    )
    if len(working) > 1 and len(working) * MIN_AVERAGE_MINUTES > max(working_minutes, 0):
        warnings.append(
            f"{len(working)} activities in {max(working_minutes, 0)} minutes is a lot: each "
            f"would have under {MIN_AVERAGE_MINUTES} minutes. Consider fewer, longer activities."
        )
    return PlanSummary(
        length_minutes=length_minutes,
        used_minutes=used,
        activity_count=len(activities),
        warnings=warnings,
    )


def session_plan_summary(session: Session, activities: Iterable[ActivityLike]) -> PlanSummary:
    """`plan_summary` for a plan of `session`, which gives its length and number."""
    return plan_summary(
        activities=activities,
        length_minutes=session_minutes(session),
        session_number=session.number,
    )


@dataclass(frozen=True)
class CopySource:
    """A plan a lead may copy into a session, and how the planner describes it."""

    plan: SessionPlan
    group: str
    label: str
    # How a sentence names it: "the template for session 2", "session 1's plan".
    name: str


def copy_sources(session: Session) -> list[CopySource]:
    """The non-empty plans a lead may copy into `session`: the programme's templates (this
    session number's first), the Work Group's other sessions and last year's run. One query."""
    work_group = session.work_group
    where = Q(programme_id=work_group.programme_id) | (
        Q(session__work_group_id=work_group.pk) & ~Q(session_id=session.pk)
    )
    if work_group.copied_from_id:
        where |= Q(session__work_group_id=work_group.copied_from_id)
    plans = (
        SessionPlan.objects.filter(where)
        .select_related("session__work_group")
        .annotate(activity_count=Count("activities"), minutes=Sum("activities__minutes"))
        .filter(activity_count__gt=0)
    )
    templates: list[CopySource] = []
    this_year: list[CopySource] = []
    last_year: list[CopySource] = []
    for plan in plans:
        count = plan.activity_count
        size = f"{count} {'activity' if count == 1 else 'activities'}, {plan.minutes} minutes"
        if plan.programme_id:
            templates.append(
                CopySource(
                    plan=plan,
                    group=f"{work_group.programme.name} templates",
                    label=f"Template for session {plan.template_number} ({size})",
                    name=f"the template for session {plan.template_number}",
                )
            )
        elif plan.session and plan.session.work_group_id == work_group.pk:
            this_year.append(
                CopySource(
                    plan=plan,
                    group="This Work Group",
                    label=f"Session {plan.session.number} ({size})",
                    name=f"session {plan.session.number}'s plan",
                )
            )
        elif plan.session:
            last_year.append(
                CopySource(
                    plan=plan,
                    group=f"Last year's run ({plan.session.work_group.year.label})",
                    label=f"Session {plan.session.number} ({size})",
                    name=(
                        f"session {plan.session.number}'s plan from "
                        f"{plan.session.work_group.year.label}"
                    ),
                )
            )
    templates.sort(
        key=lambda source: (
            source.plan.template_number != session.number,
            source.plan.template_number or 0,
        )
    )
    this_year.sort(key=lambda source: source.plan.session.number if source.plan.session else 0)
    last_year.sort(key=lambda source: source.plan.session.number if source.plan.session else 0)
    return templates + this_year + last_year


@dataclass(frozen=True)
class SessionPlanRow:
    """One session of a Work Group with its plan (if any) and how the plan fits."""

    session: Session
    plan: SessionPlan | None
    activities: list[Activity]
    summary: PlanSummary

    @property
    def mechanisms(self) -> set[str]:
        return {code for activity in self.activities for code in activity.mechanisms}


def plan_rows(work_group: WorkGroup) -> list[SessionPlanRow]:
    """Every session of the Work Group with its plan and summary. Two queries."""
    sessions = (
        Session.objects.filter(work_group=work_group)
        .select_related("plan__updated_by")
        .prefetch_related("plan__activities")
        .order_by("number")
    )
    rows = []
    for session in sessions:
        # The Work Group (with its hub) the page already holds: links in the session's row
        # (core.links slots) are built from it without a query each.
        session.work_group = work_group
        plan = getattr(session, "plan", None)
        activities = list(plan.activities.all()) if plan else []
        rows.append(
            SessionPlanRow(
                session=session,
                plan=plan,
                activities=activities,
                summary=session_plan_summary(session, activities),
            )
        )
    return rows


@dataclass(frozen=True)
class MechanismRow:
    mechanism: Mechanism
    used: list[bool]

    @property
    def session_count(self) -> int:
        return sum(self.used)


@dataclass(frozen=True)
class MechanismGrid:
    """Which of the EEF's 14 mechanisms each (not cancelled) session's plan uses."""

    sessions: list[Session]
    purposes: list[tuple[Purpose, list[MechanismRow]]]

    @property
    def never_used(self) -> list[Mechanism]:
        return [row.mechanism for _, rows in self.purposes for row in rows if not row.session_count]


def mechanism_grid(
    work_group: WorkGroup, rows: list[SessionPlanRow] | None = None
) -> MechanismGrid:
    """The mechanism grid, from `plan_rows` (pass them in when the page already has them)."""
    if rows is None:
        rows = plan_rows(work_group)
    held = [row for row in rows if not row.session.is_cancelled]
    used = [row.mechanisms for row in held]
    return MechanismGrid(
        sessions=[row.session for row in held],
        purposes=[
            (
                purpose,
                [
                    MechanismRow(mechanism=mechanism, used=[mechanism in codes for codes in used])
                    for mechanism in mechanisms
                ],
            )
            for purpose, mechanisms in mechanisms_by_purpose()
        ],
    )


def saved_plan(session: Session) -> tuple[SessionPlan | None, list[Activity]]:
    """The session's plan, if one was saved, with who last saved it and its activities."""
    plan = (
        SessionPlan.objects.select_related("updated_by")
        .prefetch_related("activities")
        .filter(session=session)
        .first()
    )
    return plan, list(plan.activities.all()) if plan else []
