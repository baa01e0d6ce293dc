"""Equity: how the hub's schools engaged by FSM quintile (per phase group), by school type
group and by local authority, each beside England's rate for the same group.

Two rates are shown: engaged in the chosen academic year, and engaged in any of the last
three years up to it (NEVER_ENGAGED_YEARS: the outreach list's complement). Every count is
worked out by the database in one grouped query per table and side (hub, England).
"""

from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet

from hubwork.core.academic_years import AcademicYear
from hubwork.hubs.models import Hub
from hubwork.reports.selectors.fsm import (
    LEAST_DISADVANTAGED,
    MOST_DISADVANTAGED,
    QUINTILE_LABELS,
    CutPoints,
    fsm_quintile,
)
from hubwork.reports.selectors.scope import (
    NEVER_ENGAGED_YEARS,
    PHASE_GROUPS,
    area_schools,
    engaged_in,
    open_schools,
    percentage,
    phase_group,
    years_up_to,
)
from hubwork.schools.models import School

# Below this many schools a rate says little, and the page says so.
FEW_SCHOOLS = 5
NOT_KNOWN = "Not known"


@dataclass(frozen=True)
class Counts:
    schools: int = 0
    engaged_year: int = 0  # in the chosen year
    engaged_recent: int = 0  # in any of the last NEVER_ENGAGED_YEARS years up to it

    @property
    def rate_year(self) -> float | None:
        return percentage(self.engaged_year, self.schools)

    @property
    def rate_recent(self) -> float | None:
        return percentage(self.engaged_recent, self.schools)

    @property
    def few(self) -> bool:
        return self.schools < FEW_SCHOOLS

    def __add__(self, other: "Counts") -> "Counts":
        return Counts(
            self.schools + other.schools,
            self.engaged_year + other.engaged_year,
            self.engaged_recent + other.engaged_recent,
        )


@dataclass(frozen=True)
class Line:
    key: str
    label: str
    hub: Counts
    england: Counts


@dataclass(frozen=True)
class Gap:
    """The most against the least disadvantaged fifth, in the chosen year."""

    phase_label: str
    least: Counts
    most: Counts
    england_least: Counts
    england_most: Counts

    @property
    def points(self) -> float | None:
        return _gap(self.least, self.most)

    @property
    def england_points(self) -> float | None:
        return _gap(self.england_least, self.england_most)


def _gap(least: Counts, most: Counts) -> float | None:
    if least.rate_year is None or most.rate_year is None:
        return None
    return round(least.rate_year - most.rate_year, 1)


@dataclass(frozen=True)
class PhaseQuintiles:
    group: str
    label: str
    lines: list[Line]  # quintiles 1 … 5, then schools whose % FSM is not known
    gap: Gap


@dataclass(frozen=True)
class Equity:
    year: AcademicYear
    first_recent_year: AcademicYear
    quintiles: list[PhaseQuintiles]
    school_types: list[Line]
    local_authorities: list[Line]
    hub_total: Counts
    england_total: Counts


def _counted(
    schools: QuerySet[School], year: AcademicYear, *keys: str
) -> dict[tuple[object, ...], Counts]:
    rows = (
        schools.annotate(
            engaged_year=engaged_in([year]),
            engaged_recent=engaged_in(years_up_to(year, NEVER_ENGAGED_YEARS)),
        )
        .order_by()
        .values(*keys)
        .annotate(
            schools=Count("pk"),
            year_count=Count("pk", filter=Q(engaged_year=True)),
            recent_count=Count("pk", filter=Q(engaged_recent=True)),
        )
    )
    return {
        tuple(row[key] for key in keys): Counts(
            row["schools"], row["year_count"], row["recent_count"]
        )
        for row in rows
    }


def _total(counts: Iterable[Counts]) -> Counts:
    total = Counts()
    for each in counts:
        total = total + each
    return total


def _by_quintile(hub: Hub, year: AcademicYear, cut_points: CutPoints) -> list[PhaseQuintiles]:
    def counted(schools: QuerySet[School]) -> dict[tuple[object, ...], Counts]:
        grouped = schools.annotate(group=phase_group(), quintile=fsm_quintile(cut_points))
        return _counted(grouped, year, "group", "quintile")

    hub_counts, england_counts = counted(area_schools(hub)), counted(open_schools())
    phases = []
    for group, (label, _phases) in PHASE_GROUPS.items():
        if not any(key[0] == group for key in hub_counts):
            continue  # the hub has no open schools of this phase
        rows: list[tuple[str, str, int | None]] = [
            (str(number), quintile_label, number)
            for number, quintile_label in QUINTILE_LABELS.items()
        ]
        rows.append(("not-known", NOT_KNOWN, None))
        lines = [
            Line(
                key,
                line_label,
                hub_counts.get((group, number), Counts()),
                england_counts.get((group, number), Counts()),
            )
            for key, line_label, number in rows
        ]
        gap = Gap(
            phase_label=label,
            least=lines[LEAST_DISADVANTAGED - 1].hub,
            most=lines[MOST_DISADVANTAGED - 1].hub,
            england_least=lines[LEAST_DISADVANTAGED - 1].england,
            england_most=lines[MOST_DISADVANTAGED - 1].england,
        )
        phases.append(PhaseQuintiles(group, label, lines, gap))
    return phases


def _by_school_type(hub: Hub, year: AcademicYear) -> tuple[list[Line], Counts]:
    hub_counts = _counted(area_schools(hub), year, "establishment_type_group")
    england_counts = _counted(open_schools(), year, "establishment_type_group")
    lines = [
        Line(str(key[0]), str(key[0]) or NOT_KNOWN, counts, england_counts.get(key, Counts()))
        for key, counts in sorted(hub_counts.items(), key=lambda item: (not item[0][0], item[0]))
    ]
    return lines, _total(england_counts.values())


def _by_local_authority(hub: Hub, year: AcademicYear, england: Counts) -> list[Line]:
    counts = _counted(area_schools(hub), year, "local_authority__code", "local_authority__name")
    return [
        Line(str(code), str(name), each, england)
        for (code, name), each in sorted(counts.items(), key=lambda item: str(item[0][1]))
    ]


def hub_equity(*, hub: Hub, year: AcademicYear, cut_points: CutPoints) -> Equity:
    """The hub's engagement rates by FSM quintile, school type group and local authority in
    `year` (and in the last NEVER_ENGAGED_YEARS years up to it), beside England's: five
    grouped queries whatever the data."""
    school_types, england_total = _by_school_type(hub, year)
    return Equity(
        year=year,
        first_recent_year=years_up_to(year, NEVER_ENGAGED_YEARS)[0],
        quintiles=_by_quintile(hub, year, cut_points),
        school_types=school_types,
        local_authorities=_by_local_authority(hub, year, england_total),
        hub_total=_total(line.hub for line in school_types),
        england_total=england_total,
    )
