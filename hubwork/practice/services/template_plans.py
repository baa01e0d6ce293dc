"""Programmes' template plans, which Work Groups copy and adapt. The national team edits them
in the admin, which calls these; Work Groups' own plans are saved by `plans`."""

from collections.abc import Sequence

from django.core.exceptions import ValidationError
from django.db import transaction

from hubwork.accounts.models import User
from hubwork.core.audit import audit
from hubwork.practice.models import Activity, SessionPlan
from hubwork.practice.services.plans import ActivityData, activity_row
from hubwork.programmes.mechanisms import Mechanism

TEMPLATE_FIELDS = ("programme_id", "template_number", "template_minutes")


def template_plan_save(
    *, plan: SessionPlan, by: User, activities: Sequence[ActivityData] | None = None
) -> SessionPlan:
    """Add or change a programme's template plan (its programme, session number and length as
    set on `plan`) and move it on a version. With `activities`, they become the whole plan, in
    the order given (positions 1..n); None leaves the activities as they are."""
    if not plan.is_template or plan.session_id is not None:
        raise ValidationError("A template plan belongs to a programme, not to a session.")
    rows = None if activities is None else _activity_rows(activities)
    with transaction.atomic():
        before = (
            SessionPlan.objects.select_for_update().filter(pk=plan.pk).first() if plan.pk else None
        )
        plan.version = (before.version if before else plan.version) + 1
        plan.updated_by = by
        plan.full_clean()
        plan.save()
        if rows is not None:
            plan.activities.all().delete()
            for row in rows:
                row.plan = plan
            Activity.objects.bulk_create(rows)
        audit(
            by,
            "session_plan.template_saved",
            plan,
            programme=plan.programme_id,
            template_number=plan.template_number,
            version=plan.version,
            activities=plan.activities.count(),
            changed={
                name: [getattr(before, name), getattr(plan, name)]
                for name in TEMPLATE_FIELDS
                if before is not None and getattr(before, name) != getattr(plan, name)
            },
        )
    return plan


def template_plan_delete(*, plan: SessionPlan, by: User) -> None:
    """Delete a template plan; Work Groups' plans copied from it keep their own activities."""
    if not plan.is_template:
        raise ValidationError("Only a programme's template plan can be deleted here.")
    with transaction.atomic():
        audit(
            by,
            "session_plan.template_deleted",
            plan,
            programme=plan.programme_id,
            template_number=plan.template_number,
            version=plan.version,
        )
        plan.delete()


def _activity_rows(activities: Sequence[ActivityData]) -> list[Activity]:
    """The activities as rows at positions 1..n, each checked; every problem found is raised."""
    rows: list[Activity] = []
    problems: list[str] = []
    for position, activity in enumerate(activities, start=1):
        if unknown := sorted(set(activity.mechanisms) - set(Mechanism.values)):
            problems.append(f"Activity {position}: {unknown[0]!r} is not an EEF mechanism.")
        row = activity_row(activity, position=position)
        try:
            row.full_clean(exclude=["plan"])
        except ValidationError as error:
            problems.extend(f"Activity {position}: {message}" for message in error.messages)
        rows.append(row)
    if problems:
        raise ValidationError({"activities": problems})
    return rows
