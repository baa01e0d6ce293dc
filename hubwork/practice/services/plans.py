"""Saving and copying session plans, checked against the version the lead opened."""

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction

from hubwork.accounts.models import User
from hubwork.core.audit import audit
from hubwork.core.times import date_and_time
from hubwork.practice.models import MAX_ACTIVITY_MINUTES, Activity, SessionPlan
from hubwork.practice.selectors.plans import copy_sources, session_plan_summary
from hubwork.programmes.mechanisms import Mechanism
from hubwork.workgroups.models import Session

MAX_ACTIVITIES = 40


@dataclass
class ActivityData:
    """One activity as a lead entered it, before it is saved."""

    title: str
    kind: str
    minutes: int
    notes: str = ""
    materials: str = ""
    mechanisms: list[str] = field(default_factory=list)

    @classmethod
    def from_activity(cls, activity: Activity) -> "ActivityData":
        return cls(
            title=activity.title,
            kind=activity.kind,
            minutes=activity.minutes,
            notes=activity.notes,
            materials=activity.materials,
            mechanisms=list(activity.mechanisms),
        )


class PlanConflict(ValidationError):
    """The plan was saved by someone else after this edit began: nothing was written.

    `plan` is the plan as it now stands, so the page can show it beside the lead's own input.
    """

    def __init__(self, plan: SessionPlan) -> None:
        self.plan = plan
        who = plan.updated_by.display_name if plan.updated_by else "Someone else"
        super().__init__(
            f"{who} changed this plan at {date_and_time(plan.updated_at)}, after you opened it.",
            code="stale",
        )


def _validate(activities: list[ActivityData]) -> None:
    kinds = set(Activity.Kind.values)
    mechanisms = set(Mechanism.values)
    problems: list[str] = []
    if len(activities) > MAX_ACTIVITIES:
        problems.append(f"A plan can hold at most {MAX_ACTIVITIES} activities.")
    for number, activity in enumerate(activities, start=1):
        if not activity.title.strip():
            problems.append(f"Activity {number}: enter a title.")
        elif len(activity.title) > 200:
            problems.append(f"Activity {number}: the title must be 200 characters or fewer.")
        if activity.kind not in kinds:
            problems.append(f"Activity {number}: choose what kind of activity it is.")
        if not isinstance(activity.minutes, int) or not (
            1 <= activity.minutes <= MAX_ACTIVITY_MINUTES
        ):
            problems.append(
                f"Activity {number}: the minutes must be between 1 and {MAX_ACTIVITY_MINUTES}."
            )
        if unknown := sorted(set(activity.mechanisms) - mechanisms):
            problems.append(f"Activity {number}: {unknown[0]!r} is not an EEF mechanism.")
    if problems:
        raise ValidationError({"activities": problems})


def activity_row(
    activity: ActivityData, *, plan: SessionPlan | None = None, position: int
) -> Activity:
    """An unsaved Activity row from what a lead or national admin entered, tidied."""
    return Activity(
        plan=plan,
        position=position,
        title=activity.title.strip(),
        kind=activity.kind,
        minutes=activity.minutes,
        notes=activity.notes.strip(),
        materials=activity.materials.strip(),
        # Stored in the catalogue's order, whatever order they were ticked in.
        mechanisms=[code for code in Mechanism.values if code in set(activity.mechanisms)],
    )


def _replace_activities(
    *, plan: SessionPlan, activities: list[ActivityData], by: User
) -> SessionPlan:
    """Write `activities` as the whole plan, in order, and move the plan on a version."""
    plan.activities.all().delete()
    Activity.objects.bulk_create(
        activity_row(activity, plan=plan, position=position)
        for position, activity in enumerate(activities, start=1)
    )
    plan.version += 1
    plan.updated_by = by
    plan.save(update_fields=["version", "updated_by", "updated_at"])
    return plan


def _lock_plan(session: Session, version: int) -> SessionPlan:
    """The session's plan (made on first save), locked; refused if `version` is stale.

    The session row is the lock: it exists before the plan does, so two leads saving a
    session's first plan at once queue on it just as two editing an existing plan do.
    """
    Session.objects.select_for_update().get(pk=session.pk)
    plan = SessionPlan.objects.select_related("updated_by").filter(session=session).first()
    if plan is None:
        if version != 0:
            raise ValidationError("This plan has changed since you opened it. Open it again.")
        plan = SessionPlan.objects.create(session=session)
    elif plan.version != version:
        raise PlanConflict(plan)
    return plan


def plan_save(
    *, session: Session, activities: list[ActivityData], version: int, by: User
) -> SessionPlan:
    """Save a session's plan as `activities`, in the order given (positions 1..n).

    `version` is the plan's version when the lead opened it (0 before it has one): if a
    co-lead has saved since, nothing is written and `PlanConflict` says who and when. A plan
    that runs over is saved all the same: the warnings are advice.
    """
    _validate(activities)
    with transaction.atomic():
        plan = _lock_plan(session, version)
        _replace_activities(plan=plan, activities=activities, by=by)
        summary = session_plan_summary(session, activities)
        audit(
            by,
            "session_plan.saved",
            plan,
            hub=session.work_group.hub_id,
            work_group=session.work_group_id,
            session=session.pk,
            version=plan.version,
            activities=len(activities),
            minutes=summary.used_minutes,
            warnings=len(summary.warnings),
        )
    return plan


def plan_copy(*, session: Session, source: SessionPlan, version: int, by: User) -> SessionPlan:
    """Replace a session's plan with a copy of `source`'s activities, to adapt.

    `source` must be one the lead may copy here (see `copy_sources`); the version check is
    the same as for `plan_save`.
    """
    allowed = {candidate.plan.pk for candidate in copy_sources(session)}
    if source.pk not in allowed:
        raise ValidationError({"source": "Choose a plan from this list."})
    activities = [ActivityData.from_activity(activity) for activity in source.activities.all()]
    _validate(activities)
    with transaction.atomic():
        plan = _lock_plan(session, version)
        _replace_activities(plan=plan, activities=activities, by=by)
        audit(
            by,
            "session_plan.copied",
            plan,
            hub=session.work_group.hub_id,
            work_group=session.work_group_id,
            session=session.pk,
            version=plan.version,
            source=source.pk,
            source_description=str(source),
            activities=len(activities),
        )
    return plan


def plan_activity_append(
    *,
    session: Session,
    title: str,
    kind: str,
    minutes: int,
    notes: str = "",
    by: User,
    version: int | None = None,
) -> Activity:
    """Add one activity at the end of a session's plan (made if there is none) and move the
    plan on a version, under the same lock as `plan_save`, so a lead who opened the plan
    before this and saves afterwards is told it changed rather than overwriting it.

    `version`, if given, is the plan's version the caller saw: a stale one raises
    `PlanConflict` and nothing is written. Without it the activity goes on whatever the plan
    holds now.
    """
    activity = ActivityData(title=title, kind=kind, minutes=minutes, notes=notes)
    with transaction.atomic():
        Session.objects.select_for_update().get(pk=session.pk)
        plan = SessionPlan.objects.select_related("updated_by").filter(session=session).first()
        if plan is None:
            if version not in (None, 0):
                raise ValidationError("This plan has changed since you opened it. Open it again.")
            plan = SessionPlan.objects.create(session=session)
        elif version is not None and plan.version != version:
            raise PlanConflict(plan)
        _validate([activity])
        if plan.activities.count() >= MAX_ACTIVITIES:
            raise ValidationError(
                {"activities": [f"A plan can hold at most {MAX_ACTIVITIES} activities."]}
            )
        last = plan.activities.order_by("-position").values_list("position", flat=True).first()
        row = activity_row(activity, plan=plan, position=(last or 0) + 1)
        row.save()
        plan.version += 1
        plan.updated_by = by
        plan.save(update_fields=["version", "updated_by", "updated_at"])
        audit(
            by,
            "session_plan.activity_added",
            plan,
            hub=session.work_group.hub_id,
            work_group=session.work_group_id,
            session=session.pk,
            version=plan.version,
            title=row.title,
            kind=row.kind,
        )
    return row
