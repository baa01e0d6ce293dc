"""Gap tasks set at a session, and when they fall due."""

from datetime import date

from django.db.models import QuerySet

from hubwork.practice.models import GapTask
from hubwork.workgroups.models import Session
from hubwork.workgroups.selectors.sessions import next_session


def default_due_on(session: Session) -> date | None:
    """When a gap task set at `session` is normally due: the date of the next session that is
    going ahead (None when there is none yet, so the lead chooses)."""
    following = next_session(session)
    return following.date if following else None


def gap_tasks_at(session: Session) -> QuerySet[GapTask]:
    """The gap tasks set at a session, in due order."""
    return GapTask.objects.filter(session=session).order_by("due_on", "pk")


def shared_trial_count(gap_task: GapTask) -> int:
    """How many trials answering this gap task were shared with the group."""
    return gap_task.trials.filter(shared_at__isnull=False).count()
