"""The rows of the large exports (reports/services/exports.py), read as they are written:
`values_list` and `.iterator(chunk_size=CHUNK)`, so however many rows, memory holds one
chunk at a time. Each kind's `ExportSource` says its columns, counts its rows and yields them.
"""

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet

from hubwork.core.academic_years import AcademicYear
from hubwork.reports.models import ReportExport
from hubwork.reports.selectors.scope import (
    NEVER_ENGAGED_YEARS,
    TREND_YEARS,
    engaged_in,
    open_schools,
    years_up_to,
)
from hubwork.schools.models import School
from hubwork.workgroups.models import SchoolEngagement

CHUNK = 2000
PHASES = dict(School.Phase.choices)
# A school's hub: the hub whose area holds its local authority.
HUB_NAME = "local_authority__hub_area__hub__name"


@dataclass(frozen=True)
class ExportSource:
    filename: str  # without its extension
    sheet: str
    columns: Sequence[str]
    queryset: QuerySet[Any, tuple[Any, ...]]
    shape: Callable[[tuple[Any, ...]], Sequence[object]]

    def count(self) -> int:
        return self.queryset.count()

    def rows(self) -> Iterator[Sequence[object]]:
        for row in self.queryset.iterator(chunk_size=CHUNK):
            yield self.shape(row)


def default_params(kind: str, *, year: AcademicYear | None = None) -> dict[str, int]:
    """What an export of `kind` covers when asked for now: up to this academic year."""
    year = year or AcademicYear.current()
    if kind == ReportExport.Kind.NEVER_ENGAGED_NATIONAL:
        return {"year": year.start_year, "years": NEVER_ENGAGED_YEARS}
    return {"year": year.start_year, "years": TREND_YEARS}


def engagement_rows(*, year: AcademicYear, years: int = TREND_YEARS) -> ExportSource:
    """Every school engaged in `year` or the `years - 1` before it: one row per school and
    year it engaged, oldest year first."""
    covered = years_up_to(year, years)
    queryset = (
        SchoolEngagement.objects.filter(academic_year__in=[each.start_year for each in covered])
        .order_by("academic_year", "school__urn")
        .values_list(
            "school__urn",
            "school__name",
            "school__local_authority__name",
            f"school__{HUB_NAME}",
            "school__phase",
            "academic_year",
        )
    )

    def shape(row: tuple[Any, ...]) -> Sequence[object]:
        urn, name, local_authority, hub, phase, academic_year = row
        return (
            urn,
            name,
            local_authority,
            hub,
            PHASES.get(phase, phase),
            AcademicYear(academic_year).label,
        )

    return ExportSource(
        filename=f"engagements-{covered[0].start_year}-to-{year.start_year}",
        sheet="Engagements",
        columns=["URN", "School", "Local authority", "Hub", "Phase", "Academic year"],
        queryset=queryset,
        shape=shape,
    )


def never_engaged_national_rows(
    *, year: AcademicYear, years: int = NEVER_ENGAGED_YEARS
) -> ExportSource:
    """Every open school in England that engaged in none of `year` and the `years - 1`
    before it, by URN."""
    queryset = (
        open_schools()
        .filter(~engaged_in(years_up_to(year, years)))
        .order_by("urn")
        .values_list(
            "urn",
            "name",
            "local_authority__name",
            HUB_NAME,
            "phase",
            "establishment_type_group",
            "percentage_fsm",
        )
    )

    def shape(row: tuple[Any, ...]) -> Sequence[object]:
        urn, name, local_authority, hub, phase, type_group, fsm = row
        return (urn, name, local_authority, hub, PHASES.get(phase, phase), type_group, fsm)

    return ExportSource(
        filename=f"never-engaged-england-{year.start_year}",
        sheet="Never engaged",
        columns=["URN", "School", "Local authority", "Hub", "Phase", "Type group", "% FSM"],
        queryset=queryset,
        shape=shape,
    )


def export_source(kind: str, params: dict[str, Any]) -> ExportSource:
    """The rows an export of `kind` with `params` holds (ValueError for an unknown kind)."""
    year = AcademicYear(int(params["year"]))
    years = int(params["years"])
    if kind == ReportExport.Kind.ENGAGEMENTS:
        return engagement_rows(year=year, years=years)
    if kind == ReportExport.Kind.NEVER_ENGAGED_NATIONAL:
        return never_engaged_national_rows(year=year, years=years)
    raise ValueError(f"No such export: {kind!r}")
