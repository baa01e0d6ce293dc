"""A hub's reach: the open schools in its area against the schools engaged (this year and in
the last few) and those taking part this year, by phase group, and engaged schools year by
year. Each figure comes from one grouped query, so the number of queries does not grow with
the schools, Work Groups or engagements."""

from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef, Q

from hubwork.core.academic_years import AcademicYear
from hubwork.hubs.models import Hub
from hubwork.reports.selectors.scope import (
    NEVER_ENGAGED_YEARS,
    PHASE_GROUPS,
    TREND_YEARS,
    area_schools,
    engaged_in,
    percentage,
    phase_group,
    years_up_to,
)
from hubwork.workgroups.models import Enrolment, SchoolEngagement, WorkGroup

# The earliest academic year a report may be asked for (anything before it is a typing slip).
EARLIEST_YEAR = AcademicYear(2000)
RECENT_YEARS = NEVER_ENGAGED_YEARS


@dataclass(frozen=True)
class Share:
    """`part` of `whole`, shown with both."""

    part: int
    whole: int

    @property
    def percent(self) -> float | None:
        return percentage(self.part, self.whole)

    @property
    def text(self) -> str:
        """For example "12 of 40 (30.0%)"."""
        if self.percent is None:
            return f"{self.part} of {self.whole}"
        return f"{self.part} of {self.whole} ({self.percent:.1f}%)"


@dataclass(frozen=True)
class ReachRow:
    key: str
    label: str
    open_schools: int
    engaged: int  # completed a Work Group in the year, with any hub
    engaged_recently: int  # in the year or the RECENT_YEARS - 1 before it
    taking_part: int  # holding a place (enrolled or completed) in a Work Group of the year

    @property
    def engaged_share(self) -> Share:
        return Share(self.engaged, self.open_schools)

    @property
    def engaged_recently_share(self) -> Share:
        return Share(self.engaged_recently, self.open_schools)

    @property
    def taking_part_share(self) -> Share:
        return Share(self.taking_part, self.open_schools)


@dataclass(frozen=True)
class Reach:
    year: AcademicYear
    recent_years: list[AcademicYear]
    rows: list[ReachRow]  # one per phase group with open schools in the area
    total: ReachRow


def taking_part_in(year: AcademicYear) -> Exists:
    """Whether a school (the outer query's row) holds a place in a Work Group of `year`, with
    any hub (Work Groups that were cancelled leave out)."""
    return Exists(
        Enrolment.objects.filter(
            school=OuterRef("pk"),
            status__in=Enrolment.MEMBERS,
            work_group__academic_year=year.start_year,
        ).exclude(work_group__status=WorkGroup.Status.CANCELLED)
    )


def reach_by_phase(hub: Hub, year: AcademicYear) -> Reach:
    """The hub's reach in `year` by phase group, with a total (one query)."""
    recent = years_up_to(year, RECENT_YEARS)
    counts = {
        row["group"]: row
        for row in area_schools(hub)
        .order_by()
        .annotate(group=phase_group())
        .values("group")
        .annotate(
            open_schools=Count("pk"),
            engaged=Count("pk", filter=Q(engaged_in([year]))),
            engaged_recently=Count("pk", filter=Q(engaged_in(recent))),
            taking_part=Count("pk", filter=Q(taking_part_in(year))),
        )
    }
    rows = [
        ReachRow(
            key=key,
            label=label,
            open_schools=counts[key]["open_schools"],
            engaged=counts[key]["engaged"],
            engaged_recently=counts[key]["engaged_recently"],
            taking_part=counts[key]["taking_part"],
        )
        for key, (label, _phases) in PHASE_GROUPS.items()
        if key in counts
    ]
    total = ReachRow(
        key="total",
        label="All schools",
        open_schools=sum(row.open_schools for row in rows),
        engaged=sum(row.engaged for row in rows),
        engaged_recently=sum(row.engaged_recently for row in rows),
        taking_part=sum(row.taking_part for row in rows),
    )
    return Reach(year=year, recent_years=recent, rows=rows, total=total)


@dataclass(frozen=True)
class TrendYear:
    year: AcademicYear
    engaged: int
    open_schools: int  # today's open schools in the area: the one denominator
    # The year's other measures: the area's schools holding a place in a Work Group (any
    # hub's), and the hub's own Work Groups (drafts and cancelled ones left out), their
    # places taken (enrolled or completed) and those completed.
    taking_part: int = 0
    work_groups: int = 0
    places_taken: int = 0
    completed: int = 0

    @property
    def share(self) -> Share:
        return Share(self.engaged, self.open_schools)

    @property
    def taking_part_share(self) -> Share:
        return Share(self.taking_part, self.open_schools)

    @property
    def completed_share(self) -> Share:
        return Share(self.completed, self.places_taken)


def engagement_trend(hub: Hub, year: AcademicYear, *, open_schools: int) -> list[TrendYear]:
    """Engaged schools among the area's open schools today, for each of up to TREND_YEARS
    years up to `year`, oldest first, with each year's schools taking part and the hub's Work
    Groups, places taken and completions (four queries). `open_schools` is the area's count
    of open schools (the reach's total), the denominator of every year: the register keeps
    today's schools only."""
    years = [each for each in years_up_to(year, TREND_YEARS) if each >= EARLIEST_YEAR]
    starts = [each.start_year for each in years]
    # The area's schools by their keys: each then reaches its enrolments through the index on
    # their school, where a subquery had SQLite read every enrolment (bench/national.py).
    area = list(area_schools(hub).values_list("pk", flat=True))
    # Only the school narrows the rows: the status is counted, not filtered, and the years are
    # picked after, or SQLite starts from every member's enrolment in England, or from every
    # Work Group of those years, rather than the area schools' enrolments by their index.
    taking_part = {
        academic_year: schools
        for academic_year, schools in Enrolment.objects.filter(school__in=area)
        .exclude(work_group__status=WorkGroup.Status.CANCELLED)
        .order_by()
        .values("work_group__academic_year")
        .annotate(schools=Count("school", distinct=True, filter=Q(status__in=Enrolment.MEMBERS)))
        .values_list("work_group__academic_year", "schools")
        if academic_year in starts
    }
    delivery = {
        row["academic_year"]: row
        for row in WorkGroup.objects.filter(hub=hub, academic_year__in=starts)
        .exclude(status__in=(WorkGroup.Status.DRAFT, WorkGroup.Status.CANCELLED))
        .order_by()
        .values("academic_year")
        .annotate(
            work_groups=Count("pk", distinct=True),
            places_taken=Count(
                "enrolments", filter=Q(enrolments__status__in=Enrolment.MEMBERS), distinct=True
            ),
            completed=Count(
                "enrolments",
                filter=Q(enrolments__status=Enrolment.Status.COMPLETED),
                distinct=True,
            ),
        )
    }
    engaged = dict(
        SchoolEngagement.objects.filter(
            school__in=area_schools(hub).values("pk"),
            academic_year__in=[each.start_year for each in years],
        )
        .order_by()
        .values("academic_year")
        .annotate(schools=Count("school", distinct=True))
        .values_list("academic_year", "schools")
    )
    empty = {"work_groups": 0, "places_taken": 0, "completed": 0}
    return [
        TrendYear(
            year=each,
            engaged=engaged.get(each.start_year, 0),
            open_schools=open_schools,
            taking_part=taking_part.get(each.start_year, 0),
            work_groups=delivery.get(each.start_year, empty)["work_groups"],
            places_taken=delivery.get(each.start_year, empty)["places_taken"],
            completed=delivery.get(each.start_year, empty)["completed"],
        )
        for each in years
    ]


def years_with_data(hub: Hub) -> list[AcademicYear]:
    """The academic years the hub ran Work Groups in or its area's schools engaged in, and
    the current one, newest first (two queries)."""
    current = AcademicYear.current()
    run = WorkGroup.objects.filter(hub=hub).order_by().values_list("academic_year", flat=True)
    engaged = (
        SchoolEngagement.objects.filter(school__in=area_schools(hub).values("pk"))
        .order_by()
        .values_list("academic_year", flat=True)
    )
    starts = {current.start_year, *run.distinct(), *engaged.distinct()}
    return sorted(
        (AcademicYear(start) for start in starts if start >= EARLIEST_YEAR.start_year),
        reverse=True,
    )
