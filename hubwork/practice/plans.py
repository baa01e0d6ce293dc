"""Session plans: how a plan fits the session's time, and the services that write plans.

The warnings are advice, never a block: a lead may keep a plan that runs over.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Protocol

from hubwork.practice.models import Activity
from hubwork.workgroups.models import Session

# Fewer than this many minutes per activity on average (breaks aside) is more than a session
# sensibly holds: LLMEs' commonest planning problem is trying to fit in too much.
MIN_AVERAGE_MINUTES = 20


class ActivityLike(Protocol):
    """An activity as the planner sees it: a saved row or one still being edited."""

    kind: str
    minutes: int


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
