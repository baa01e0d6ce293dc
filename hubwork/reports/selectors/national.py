"""The national picture: every hub side by side on a hub report's measures with England's
totals, ten years of school engagement, and each programme across hubs (national admins).

Everything is counted in the database by a few grouped queries, one per kind of row
(schools, Work Groups, enrolments, engagements), grouped by hub through the school's local
authority and its hub area; nothing is asked per hub or per year, so the number of queries
stays the same however many hubs, years, schools or enrolments there are. Work Groups come
back a row each (a few thousand a year nationally) with their enrolments counted, and are
added up by hub or programme here. The measures are defined as a hub's own report defines
them (`hub_reach.taking_part_in`, `programmes.finished`).

A school counts in a hub's reach by where it is (the hub whose area holds its local
authority), whichever hub it completed with. England counts each open school once: every
hub's area and the schools in no hub's area, which count in England alone. Hubs are listed
in alphabetical order, never ranked.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db.models import BooleanField, Count, ExpressionWrapper, F, Q, QuerySet

from hubwork.core.academic_years import AcademicYear
from hubwork.hubs.models import Hub
from hubwork.programmes.models import Programme
from hubwork.reports.selectors.programmes import finished
from hubwork.reports.selectors.scope import (
    NEVER_ENGAGED_YEARS,
    PHASE_GROUPS,
    open_schools,
    percentage,
    phase_group,
    years_up_to,
)
from hubwork.schools.models import School
from hubwork.workgroups.models import Enrolment, SchoolEngagement, WorkGroup

# Work Groups that never ran are left out of every figure.
NOT_RUN = (WorkGroup.Status.DRAFT, WorkGroup.Status.CANCELLED)
# How a school's hub is reached from the school, and from its enrolments and engagements.
SCHOOL_HUB = "local_authority__hub_area__hub"
# The hub key of the schools in no hub's area.
NO_HUB = None


@dataclass
class Reach:
    """Open schools of an area (or England) and how many of them engaged or take part."""

    open_schools: int = 0
    by_phase: dict[str, int] = field(default_factory=lambda: dict.fromkeys(PHASE_GROUPS, 0))
    engaged: int = 0  # completed a Work Group this year, with any hub
    engaged_recent: int = 0  # ... in this year or the two before it
    taking_part: int = 0  # someone is a member of a Work Group of this year

    def add(self, other: "Reach") -> None:
        self.open_schools += other.open_schools
        for group, count in other.by_phase.items():
            self.by_phase[group] += count
        self.engaged += other.engaged
        self.engaged_recent += other.engaged_recent
        self.taking_part += other.taking_part

    def phase_percent(self, group: str) -> float | None:
        return percentage(self.by_phase[group], self.open_schools)

    @property
    def primary_percent(self) -> float | None:
        return self.phase_percent("primary")

    @property
    def secondary_percent(self) -> float | None:
        return self.phase_percent("secondary")

    @property
    def engaged_percent(self) -> float | None:
        return percentage(self.engaged, self.open_schools)

    @property
    def engaged_recent_percent(self) -> float | None:
        return percentage(self.engaged_recent, self.open_schools)

    @property
    def taking_part_percent(self) -> float | None:
        return percentage(self.taking_part, self.open_schools)


@dataclass
class Delivery:
    """The Work Groups a hub (or several) ran in a year and how their places went."""

    work_groups: int = 0
    places_offered: int = 0  # the Work Groups' capacity
    places_taken: int = 0  # members: enrolled or completed
    waiting: int = 0  # on a waiting list or interested
    finished_members: int = 0  # members of Work Groups whose sessions have all happened
    completed: int = 0  # ... who completed them

    def add(self, other: "Delivery") -> None:
        self.work_groups += other.work_groups
        self.places_offered += other.places_offered
        self.places_taken += other.places_taken
        self.waiting += other.waiting
        self.finished_members += other.finished_members
        self.completed += other.completed

    @property
    def completion_rate(self) -> float | None:
        """Of the members of the Work Groups that have finished, the share who completed."""
        return percentage(self.completed, self.finished_members)


@dataclass(frozen=True)
class HubLine:
    """One hub's figures; `hub` None is England."""

    hub: Hub | None
    reach: Reach
    delivery: Delivery

    @property
    def name(self) -> str:
        return self.hub.name if self.hub else "England"


@dataclass(frozen=True)
class NationalPicture:
    year: AcademicYear
    recent_years: list[AcademicYear]  # the years "engaged in the last 3 years" covers
    hubs: list[HubLine]  # alphabetical
    england: HubLine
    outside_hubs: int  # open schools in no hub's area (England counts them)


@dataclass(frozen=True)
class TrendLine:
    """Engaged schools in each year (the `years` of the trend, in order); `hub` None is
    England."""

    hub: Hub | None
    open_schools: int
    engaged: list[int]

    @property
    def name(self) -> str:
        return self.hub.name if self.hub else "England"

    @property
    def percents(self) -> list[float | None]:
        return [percentage(count, self.open_schools) for count in self.engaged]


@dataclass(frozen=True)
class Trend:
    years: list[AcademicYear]
    hubs: list[TrendLine]  # alphabetical
    england: TrendLine


@dataclass(frozen=True)
class ProgrammeHubLine:
    hub_id: int
    hub_name: str
    hub_slug: str
    delivery: Delivery


@dataclass(frozen=True)
class ProgrammeLine:
    programme: Programme
    delivery: Delivery
    hubs: list[ProgrammeHubLine]  # the hubs that ran it, alphabetical

    @property
    def hubs_running(self) -> int:
        return len(self.hubs)


@dataclass(frozen=True)
class ProgrammesPicture:
    year: AcademicYear
    programmes: list[ProgrammeLine]  # those run this year, by name
    england: Delivery  # every programme together
    every_programme: list[Programme]  # run this year or not, by name: to choose from

    def line_of(self, programme: Programme) -> ProgrammeLine | None:
        return next((line for line in self.programmes if line.programme == programme), None)


# --- Reach ------------------------------------------------------------------------------------


def _schools_engaged(years: list[AcademicYear]) -> "QuerySet[SchoolEngagement, Any]":
    """The schools engaged in any of `years`, as `scope.engaged_in` counts them, but asked
    once for every school (`pk__in`) rather than school by school (`Exists`): PostgreSQL then
    plans the national query as the cheap one it is, rather than compiling it (JIT) for longer
    than it takes to run."""
    return SchoolEngagement.objects.filter(
        academic_year__in=[year.start_year for year in years]
    ).values("school")


def _schools_taking_part(year: AcademicYear) -> "QuerySet[Enrolment, Any]":
    """The schools with a member in a Work Group of `year` (cancelled ones left out), as a
    hub's report counts them (`hub_reach.taking_part_in`), but asked once for every school
    rather than school by school: on the national register the correlated form takes
    seconds on SQLite."""
    work_groups = (
        WorkGroup.objects.in_year(year).exclude(status=WorkGroup.Status.CANCELLED).values("pk")
    )
    return Enrolment.objects.filter(
        status__in=Enrolment.MEMBERS, work_group__in=work_groups
    ).values("school")


def _reach_by_hub(year: AcademicYear) -> dict[int | None, Reach]:
    """Open schools by hub (None: in no hub's area) with their engagement, in one query."""
    recent = years_up_to(year, NEVER_ENGAGED_YEARS)
    taking_part = Q(pk__in=_schools_taking_part(year))
    rows = (
        open_schools()
        .annotate(hub_id=F(SCHOOL_HUB), group=phase_group())
        .order_by()
        .values("hub_id", "group")
        .annotate(
            schools=Count("pk"),
            engaged=Count("pk", filter=Q(pk__in=_schools_engaged([year]))),
            engaged_recent=Count("pk", filter=Q(pk__in=_schools_engaged(recent))),
            taking_part=Count("pk", filter=taking_part),
        )
    )
    reach: dict[int | None, Reach] = defaultdict(Reach)
    for row in rows:
        line = reach[row["hub_id"]]
        line.open_schools += row["schools"]
        line.by_phase[row["group"]] += row["schools"]
        line.engaged += row["engaged"]
        line.engaged_recent += row["engaged_recent"]
        line.taking_part += row["taking_part"]
    return reach


# --- Delivery ---------------------------------------------------------------------------------


def _delivery_by(year: AcademicYear, keys: tuple[str, ...]) -> dict[tuple[object, ...], Delivery]:
    """The year's Work Groups and their places, added up by `keys` (Work Group fields), from
    two queries with a row per Work Group: the Work Groups (with whether they have finished,
    as a hub's programme report decides it) and their enrolments counted by Work Group, so
    neither multiplies the other."""
    work_groups = (
        WorkGroup.objects.in_year(year)
        .exclude(status__in=NOT_RUN)
        .annotate(done=ExpressionWrapper(finished(), output_field=BooleanField()))
        .order_by()
        .values("pk", "capacity", "done", *keys)
    )
    enrolments = {
        row["work_group"]: row
        for row in Enrolment.objects.filter(work_group__academic_year=year.start_year)
        .exclude(work_group__status__in=NOT_RUN)
        .order_by()
        .values("work_group")
        .annotate(
            members=Count("pk", filter=Q(status__in=Enrolment.MEMBERS)),
            waiting=Count("pk", filter=Q(status__in=Enrolment.WAITING)),
            completed=Count("pk", filter=Q(status=Enrolment.Status.COMPLETED)),
        )
    }
    delivery: dict[tuple[object, ...], Delivery] = defaultdict(Delivery)
    for work_group in work_groups:
        line = delivery[tuple(work_group[key] for key in keys)]
        line.work_groups += 1
        line.places_offered += work_group["capacity"]
        places = enrolments.get(work_group["pk"])
        if places is None:
            continue
        line.places_taken += places["members"]
        line.waiting += places["waiting"]
        if work_group["done"]:
            line.finished_members += places["members"]
            line.completed += places["completed"]
    return delivery


def national_picture(year: AcademicYear) -> NationalPicture:
    """Every hub (alphabetically) on a hub report's measures for `year`, and England."""
    hubs = list(Hub.objects.order_by("name"))
    reach = _reach_by_hub(year)
    delivery = _delivery_by(year, ("hub",))
    england_reach, england_delivery = Reach(), Delivery()
    for line in reach.values():
        england_reach.add(line)
    for each in delivery.values():
        england_delivery.add(each)
    return NationalPicture(
        year=year,
        recent_years=years_up_to(year, NEVER_ENGAGED_YEARS),
        hubs=[
            HubLine(hub=hub, reach=reach.get(hub.pk, Reach()), delivery=delivery[(hub.pk,)])
            for hub in hubs
        ],
        england=HubLine(hub=None, reach=england_reach, delivery=england_delivery),
        outside_hubs=reach.get(NO_HUB, Reach()).open_schools,
    )


# --- Ten years --------------------------------------------------------------------------------


def engagement_trend(year: AcademicYear) -> Trend:
    """Engaged open schools in each of the ten years up to `year`, for every hub's area
    (alphabetically) and England, measured against today's open schools."""
    years = years_up_to(year)
    hubs = list(Hub.objects.order_by("name"))
    schools = (
        open_schools()
        .annotate(hub_id=F(SCHOOL_HUB))
        .order_by()
        .values("hub_id")
        .annotate(count=Count("pk"))
    )
    open_by_hub = {row["hub_id"]: row["count"] for row in schools}
    # A school engages at most once a year (a unique constraint), so rows are schools.
    engagements = (
        SchoolEngagement.objects.filter(academic_year__in=[each.start_year for each in years])
        .exclude(school__status=School.Status.CLOSED)
        .annotate(hub_id=F(f"school__{SCHOOL_HUB}"))
        .order_by()
        .values("hub_id", "academic_year")
        .annotate(count=Count("pk"))
    )
    engaged: dict[int | None, dict[int, int]] = defaultdict(dict)
    england: dict[int, int] = defaultdict(int)
    for row in engagements:
        engaged[row["hub_id"]][row["academic_year"]] = row["count"]
        england[row["academic_year"]] += row["count"]

    def line(hub: Hub | None, open_count: int, counts: dict[int, int]) -> TrendLine:
        return TrendLine(
            hub=hub,
            open_schools=open_count,
            engaged=[counts.get(each.start_year, 0) for each in years],
        )

    return Trend(
        years=years,
        hubs=[line(hub, open_by_hub.get(hub.pk, 0), engaged.get(hub.pk, {})) for hub in hubs],
        england=line(None, sum(open_by_hub.values()), england),
    )


# --- Programmes -------------------------------------------------------------------------------


def programmes_picture(year: AcademicYear) -> ProgrammesPicture:
    """Each programme run in `year` (by name) with its Work Groups and places nationally,
    and each hub that ran it (alphabetically)."""
    delivery = _delivery_by(year, ("programme", "hub", "hub__name", "hub__slug"))
    by_programme: dict[int, list[ProgrammeHubLine]] = defaultdict(list)
    for (programme_id, hub_id, hub_name, hub_slug), line in delivery.items():
        if line.work_groups:
            by_programme[int(str(programme_id))].append(
                ProgrammeHubLine(
                    hub_id=int(str(hub_id)),
                    hub_name=str(hub_name),
                    hub_slug=str(hub_slug),
                    delivery=line,
                )
            )
    every_programme = list(Programme.objects.order_by("name"))
    lines = []
    england = Delivery()
    for programme in every_programme:
        if programme.pk not in by_programme:
            continue
        hub_lines = sorted(by_programme[programme.pk], key=lambda each: each.hub_name)
        total = Delivery()
        for hub_line in hub_lines:
            total.add(hub_line.delivery)
        england.add(total)
        lines.append(ProgrammeLine(programme=programme, delivery=total, hubs=hub_lines))
    return ProgrammesPicture(
        year=year, programmes=lines, england=england, every_programme=every_programme
    )
