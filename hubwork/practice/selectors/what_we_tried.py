""" "What we tried": what a Work Group's members shared since its previous session, for the
leads to evaluate together at the start of the next one."""

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Q

from hubwork.practice.models import ClassroomTrial, GapTask
from hubwork.schools.models import School
from hubwork.workgroups.models import Enrolment, Session
from hubwork.workgroups.selectors.sessions import previous_session


@dataclass(frozen=True)
class RatingCount:
    rating: int
    label: str
    count: int


@dataclass(frozen=True)
class RatingSummary:
    """How many trials gave each rating (1 to 5), how many gave none, and the average."""

    counts: list[RatingCount]
    unrated: int
    average: Decimal | None

    @property
    def rated(self) -> int:
        return sum(line.count for line in self.counts)


def summarise_ratings(ratings: Sequence[int | None]) -> RatingSummary:
    """Count each rating, and average the ones given to one decimal place (halves round up)."""
    given = [rating for rating in ratings if rating is not None]
    tally = Counter(given)
    average = (
        (Decimal(sum(given)) / len(given)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
        if given
        else None
    )
    return RatingSummary(
        counts=[
            RatingCount(rating=value, label=str(label), count=tally[value])
            for value, label in ClassroomTrial.Rating.choices
        ],
        unrated=len(ratings) - len(given),
        average=average,
    )


@dataclass(frozen=True)
class TriedItem:
    """One shared trial, with its author's school in this Work Group when known."""

    trial: ClassroomTrial
    school: School | None


@dataclass(frozen=True)
class TrialGroup:
    """The trials answering one gap task, or the participants' own ideas."""

    title: str
    gap_task: GapTask | None
    # True for a gap task set at the previous session; False for an older (or other) gap
    # task and for own ideas.
    set_at_previous: bool
    items: list[TriedItem]
    ratings: RatingSummary

    @property
    def count(self) -> int:
        return len(self.items)


@dataclass(frozen=True)
class WhatWeTried:
    session: Session
    previous: Session | None
    groups: list[TrialGroup]
    not_yet_shared: list[Enrolment]

    @property
    def is_first(self) -> bool:
        """Nothing to look back on: no session went ahead before this one."""
        return self.previous is None

    @property
    def trial_count(self) -> int:
        return sum(group.count for group in self.groups)


def what_we_tried(session: Session) -> WhatWeTried:
    """Everything the Work Group shared since its previous session, for session `session`.

    The rule: let P be the previous session that went ahead (not cancelled). With no P,
    `session` is the first and there is nothing to look back on. Otherwise the items are the
    Work Group's *shared* trials (`shared_at` set; drafts are private, so they are never shown
    or counted) that either answer a gap task set at P (whenever shared), or were shared from
    the moment P began (P.starts(), inclusive) until `session` began (session.starts(),
    exclusive).

    They are grouped: one group for each gap task set at P, in due order, even those nobody
    has answered yet; then one for each other gap task that shared trials answered (older
    ones first); then the participants' own ideas (always there, even when empty). Each group
    has its ratings summarised.
    `not_yet_shared` lists the members (enrolled or completed) with no trial among the items.

    A fixed number of queries, however many trials, evidence files or members there are.
    """
    previous = previous_session(session)
    if previous is None:
        return WhatWeTried(session=session, previous=None, groups=[], not_yet_shared=[])

    tasks_at_previous = list(GapTask.objects.filter(session=previous).order_by("due_on", "pk"))
    trials = list(
        ClassroomTrial.objects.filter(work_group_id=session.work_group_id, shared_at__isnull=False)
        .filter(
            Q(gap_task__session=previous)
            | Q(shared_at__gte=previous.starts(), shared_at__lt=session.starts())
        )
        .select_related("author", "gap_task__session")
        .prefetch_related("evidence")
        .order_by("tried_on", "shared_at", "pk")
    )
    enrolments = list(
        Enrolment.objects.filter(work_group_id=session.work_group_id)
        .select_related("user", "school")
        .order_by("user__display_name", "pk")
    )
    schools = {enrolment.user_id: enrolment.school for enrolment in enrolments}

    by_task: dict[int | None, list[TriedItem]] = {}
    for trial in trials:
        item = TriedItem(trial=trial, school=schools.get(trial.author_id))
        by_task.setdefault(trial.gap_task_id, []).append(item)

    groups = [
        _group(task.title, task, True, by_task.get(task.pk, [])) for task in tasks_at_previous
    ]
    at_previous = {task.pk for task in tasks_at_previous}
    others = sorted(
        {
            trial.gap_task_id: trial.gap_task
            for trial in trials
            if trial.gap_task is not None and trial.gap_task_id not in at_previous
        }.values(),
        key=lambda task: (task.session.date, task.session.starts_at, task.due_on, task.pk),
    )
    groups += [_group(task.title, task, False, by_task[task.pk]) for task in others]
    groups.append(_group("Own ideas", None, False, by_task.get(None, [])))

    shared = {trial.author_id for trial in trials}
    not_yet_shared = [
        enrolment
        for enrolment in enrolments
        if enrolment.status in Enrolment.MEMBERS and enrolment.user_id not in shared
    ]
    return WhatWeTried(
        session=session, previous=previous, groups=groups, not_yet_shared=not_yet_shared
    )


def _group(
    title: str, gap_task: GapTask | None, set_at_previous: bool, items: list[TriedItem]
) -> TrialGroup:
    return TrialGroup(
        title=title,
        gap_task=gap_task,
        set_at_previous=set_at_previous,
        items=items,
        ratings=summarise_ratings([item.trial.impact_rating for item in items]),
    )
