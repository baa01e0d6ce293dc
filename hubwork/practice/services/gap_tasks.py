"""Setting, changing and removing gap tasks."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction

from hubwork.accounts.models import User
from hubwork.core.audit import audit
from hubwork.practice.models import ClassroomTrial, GapTask
from hubwork.workgroups.models import Session

FIELDS = ("title", "description", "classes", "due_on")


def _clean(gap_task: GapTask) -> None:
    errors: dict[str, list[str]] = {}
    try:
        gap_task.full_clean(exclude=["session", "set_by"])
    except ValidationError as error:
        errors = error.message_dict
    if gap_task.due_on and gap_task.due_on < gap_task.session.date:
        errors.setdefault("due_on", []).append(
            f"The date it is due must be on or after the session it is set at, "
            f"{gap_task.session.date:%-d %B %Y}."
        )
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def gap_task_create(
    *,
    session: Session,
    title: str,
    description: str = "",
    classes: str = "",
    due_on: date,
    by: User,
) -> GapTask:
    """Set a gap task at a session. Not at a cancelled session: nobody met to be set it."""
    if session.is_cancelled:
        raise ValidationError("This session was cancelled, so no gap tasks can be set at it.")
    gap_task = GapTask(
        session=session,
        title=title.strip(),
        description=description.strip(),
        classes=classes.strip(),
        due_on=due_on,
        set_by=by,
    )
    _clean(gap_task)
    gap_task.save()
    audit(
        by,
        "gap_task.set",
        gap_task,
        hub=session.work_group.hub_id,
        session=session.pk,
        title=gap_task.title,
        due_on=gap_task.due_on,
    )
    return gap_task


@transaction.atomic
def gap_task_update(
    *,
    gap_task: GapTask,
    title: str,
    description: str = "",
    classes: str = "",
    due_on: date,
    by: User,
) -> GapTask:
    """Change what a gap task asks, for which classes, or when it is due."""
    before = {name: getattr(gap_task, name) for name in FIELDS}
    gap_task.title = title.strip()
    gap_task.description = description.strip()
    gap_task.classes = classes.strip()
    gap_task.due_on = due_on
    _clean(gap_task)
    changed = [name for name in FIELDS if getattr(gap_task, name) != before[name]]
    if not changed:
        return gap_task
    gap_task.save(update_fields=[*changed, "updated_at"])
    audit(
        by,
        "gap_task.changed",
        gap_task,
        hub=gap_task.session.work_group.hub_id,
        session=gap_task.session_id,
        changed={name: [before[name], getattr(gap_task, name)] for name in changed},
    )
    return gap_task


@transaction.atomic
def gap_task_delete(*, gap_task: GapTask, by: User) -> None:
    """Remove a gap task. Trials that answered it are kept, as the participant's own idea under
    the gap task's title, so nobody's record of what they tried loses its topic."""
    ClassroomTrial.objects.filter(gap_task=gap_task, own_idea="").update(own_idea=gap_task.title)
    ClassroomTrial.objects.filter(gap_task=gap_task).update(gap_task=None)
    audit(
        by,
        "gap_task.deleted",
        gap_task,
        hub=gap_task.session.work_group.hub_id,
        session=gap_task.session_id,
        title=gap_task.title,
        due_on=gap_task.due_on,
    )
    gap_task.delete()
