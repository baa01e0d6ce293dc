"""What needs a hub's staff now: this academic year's Work Groups and how their places stand,
sessions coming up without a plan, sessions that happened without a register, completions
to decide, and whatever else waits for them (`hubs.links.WAITING_FOR_HUB_STAFF`).

Every figure is counted in the database, for all the hubs asked about at once, so the pages
keep the same number of queries however many hubs, Work Groups and sessions there are.
"""

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from django.db.models import Count, Q, QuerySet, Sum

from hubwork.core.academic_years import AcademicYear
from hubwork.core.links import RenderedCount
from hubwork.hubs.links import WAITING_FOR_HUB_STAFF
from hubwork.hubs.models import Hub
from hubwork.practice.selectors.plans import without_plan
from hubwork.workgroups.models import Enrolment, Session, WorkGroup, WorkGroupQuerySet


@dataclass(frozen=True)
class HubFigures:
    """A hub's headline figures: this academic year's Work Groups (cancelled ones aside) and
    their places, and how many things need its staff."""

    work_groups: int = 0
    capacity: int = 0
    filled: int = 0  # enrolled or completed
    offered: int = 0  # offers out, not yet accepted
    waiting: int = 0  # on a waiting list or waiting for review
    unplanned_soon: int = 0  # sessions in the next four weeks with no plan
    registers_to_take: int = 0  # sessions that ended in the last four weeks with no register
    completions_due: int = 0  # Work Groups whose sessions have all gone ahead, not completed
    waiting_for_staff: list[RenderedCount] = field(default_factory=list)

    @property
    def needs_doing(self) -> int:
        return (
            self.unplanned_soon
            + self.registers_to_take
            + self.completions_due
            + sum(item.count for item in self.waiting_for_staff)
        )


@dataclass(frozen=True)
class HubOverview:
    """One hub's figures with the Work Groups and sessions behind them."""

    hub: Hub
    figures: HubFigures
    work_groups: list[WorkGroup]  # this year's, with `with_place_counts()` annotations
    unplanned_soon: list[Session]
    registers_to_take: list[Session]
    completions_due: list[WorkGroup]


def _live_work_groups() -> WorkGroupQuerySet:
    return WorkGroup.objects.exclude(status=WorkGroup.Status.CANCELLED)


def _this_years(hub_ids: list[int]) -> WorkGroupQuerySet:
    return _live_work_groups().filter(
        hub__in=hub_ids, academic_year=AcademicYear.current().start_year
    )


def _unplanned_soon(hub_ids: list[int]) -> QuerySet[Session]:
    return without_plan(
        Session.objects.coming_up().filter(
            work_group__hub__in=hub_ids, work_group__in=_live_work_groups()
        )
    )


def _registers_to_take(hub_ids: list[int]) -> QuerySet[Session]:
    return Session.objects.without_register().filter(
        work_group__hub__in=hub_ids, work_group__in=_live_work_groups()
    )


def _completions_due(hub_ids: list[int]) -> QuerySet[WorkGroup]:
    return WorkGroup.objects.completion_due().filter(hub__in=hub_ids)


def _by_hub(rows: QuerySet, key: str) -> dict[int, dict[str, int]]:
    return {row.pop(key): row for row in rows}


def hub_figures(hubs: Sequence[Hub]) -> dict[int, HubFigures]:
    """Each hub's headline figures, by its pk: five queries, plus one for each count in
    `WAITING_FOR_HUB_STAFF`, however many hubs."""
    hub_ids = [hub.pk for hub in hubs]
    work_groups = _by_hub(
        _this_years(hub_ids)
        .order_by()
        .values("hub")
        .annotate(work_groups=Count("pk"), capacity=Sum("capacity")),
        "hub",
    )
    places = _by_hub(
        Enrolment.objects.filter(work_group__in=_this_years(hub_ids))
        .order_by()
        .values("work_group__hub")
        .annotate(
            filled=Count("pk", filter=Q(status__in=Enrolment.MEMBERS)),
            offered=Count("pk", filter=Q(status=Enrolment.Status.OFFERED)),
            waiting=Count("pk", filter=Q(status__in=Enrolment.WAITING)),
        ),
        "work_group__hub",
    )
    unplanned = _by_hub(
        _unplanned_soon(hub_ids)
        .order_by()
        .values("work_group__hub")
        .annotate(unplanned_soon=Count("pk")),
        "work_group__hub",
    )
    registers = _by_hub(
        _registers_to_take(hub_ids)
        .order_by()
        .values("work_group__hub")
        .annotate(registers_to_take=Count("pk")),
        "work_group__hub",
    )
    completions = _by_hub(
        _completions_due(hub_ids).order_by().values("hub").annotate(completions_due=Count("pk")),
        "hub",
    )
    waiting_for_staff = WAITING_FOR_HUB_STAFF.counts_for(list(hubs))
    figures = {}
    for hub in hubs:
        numbers: dict[str, int] = {}
        for rows in (work_groups, places, unplanned, registers, completions):
            numbers.update(rows.get(hub.pk, {}))
        figures[hub.pk] = HubFigures(
            **{name: value or 0 for name, value in numbers.items()},
            waiting_for_staff=waiting_for_staff[hub.pk],
        )
    return figures


def hub_overviews(hubs: Sequence[Hub]) -> list[HubOverview]:
    """For each hub, its figures and what is behind them, for its staff's home: nine queries,
    plus one for each count in `WAITING_FOR_HUB_STAFF`, however many hubs, Work Groups and
    sessions."""
    hub_ids = [hub.pk for hub in hubs]
    figures = hub_figures(hubs)
    work_groups: dict[int, list[WorkGroup]] = defaultdict(list)
    for work_group in (
        _this_years(hub_ids).select_related("programme").with_place_counts().order_by("title", "pk")
    ):
        work_groups[work_group.hub_id].append(work_group)
    unplanned: dict[int, list[Session]] = defaultdict(list)
    for session in _unplanned_soon(hub_ids).select_related("work_group__hub"):
        unplanned[session.work_group.hub_id].append(session)
    registers: dict[int, list[Session]] = defaultdict(list)
    for session in _registers_to_take(hub_ids).select_related("work_group__hub"):
        registers[session.work_group.hub_id].append(session)
    completions: dict[int, list[WorkGroup]] = defaultdict(list)
    for work_group in _completions_due(hub_ids).order_by("academic_year", "title", "pk"):
        completions[work_group.hub_id].append(work_group)
    return [
        HubOverview(
            hub=hub,
            figures=figures[hub.pk],
            work_groups=work_groups[hub.pk],
            unplanned_soon=unplanned[hub.pk],
            registers_to_take=registers[hub.pk],
            completions_due=completions[hub.pk],
        )
        for hub in hubs
    ]


def every_hub_figures() -> list[tuple[Hub, HubFigures]]:
    """Every hub, by name, with its headline figures, for the national team."""
    hubs = list(Hub.objects.order_by("name"))
    figures = hub_figures(hubs)
    return [(hub, figures[hub.pk]) for hub in hubs]
