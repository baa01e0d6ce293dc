"""When each activity of a session plan starts and ends by the clock: one after another from
the session's start, in the planner (as the lead edits) and on the printable plan."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from typing import Any

from hubwork.practice.selectors.plans import saved_plan
from hubwork.programmes.mechanisms import Mechanism
from hubwork.workgroups.models import Session


@dataclass(frozen=True)
class TimedActivity:
    # A saved `Activity`, or an `ActivityData` still being edited: anything with minutes.
    activity: Any
    starts_at: time
    ends_at: time


@dataclass(frozen=True)
class RunningOrder:
    """A plan's activities with their clock times, against the session's own times."""

    session: Session
    items: list[TimedActivity]
    # When the last activity ends, date and all; None for an empty plan.
    ends: datetime | None

    @property
    def starts_at(self) -> time:
        return self.session.starts_at

    @property
    def finishes_at(self) -> time | None:
        return self.ends.time() if self.ends else None

    @property
    def runs_over(self) -> bool:
        """The plan goes on after the session's end."""
        session_end = datetime.combine(self.session.date, self.session.ends_at)
        return self.ends is not None and self.ends > session_end


def running_order(session: Session, activities: Iterable[Any]) -> RunningOrder:
    """Each of `activities`, in the order given, with the time it starts and ends: the first
    at the session's start, each of the rest when the one before it ends."""
    clock = datetime.combine(session.date, session.starts_at)
    items = []
    for activity in activities:
        ends = clock + timedelta(minutes=max(activity.minutes or 0, 0))
        items.append(TimedActivity(activity=activity, starts_at=clock.time(), ends_at=ends.time()))
        clock = ends
    return RunningOrder(session=session, items=items, ends=clock if items else None)


@dataclass(frozen=True)
class PrintedActivity:
    timed: TimedActivity
    mechanisms: list[str]


@dataclass(frozen=True)
class PrintablePlan:
    """The saved plan of a session as it goes on paper: times, and mechanisms by name."""

    order: RunningOrder
    activities: list[PrintedActivity]
    updated_by_name: str


def printable_plan(session: Session) -> PrintablePlan:
    """The session's saved plan for its printable view (an empty one when there is none).
    Two queries, however many activities."""
    plan, activities = saved_plan(session)
    order = running_order(session, activities)
    labels = {mechanism.value: mechanism.label for mechanism in Mechanism}
    return PrintablePlan(
        order=order,
        activities=[
            PrintedActivity(
                timed=item,
                mechanisms=[labels[code] for code in item.activity.mechanisms if code in labels],
            )
            for item in order.items
        ],
        updated_by_name=plan.updated_by.display_name if plan and plan.updated_by else "",
    )
