"""The hub's outreach pages (its staff, and national admins for any hub): the never-engaged
schools, filterable, sortable and paginated, and equity of engagement by FSM quintile,
school type group and local authority. Every filter is in the GET address; every table
downloads as CSV or Excel with the same filters."""

from collections.abc import Iterator

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from hubwork.accounts.types import AuthenticatedRequest
from hubwork.core.charts import BarChart, bar_chart
from hubwork.core.db_routers import reads_from_replica
from hubwork.core.exports import FORMATS, ExportTable, export_response
from hubwork.hubs.models import Hub
from hubwork.hubs.permissions import get_hub_for_user
from hubwork.reports.forms.outreach import NeverEngagedFilterForm, YearForm
from hubwork.reports.selectors import equity as equity_selectors
from hubwork.reports.selectors.equity import Counts, Equity, Gap, Line, PhaseQuintiles
from hubwork.reports.selectors.fsm import DEFINITION, QUINTILES, fsm_cut_points
from hubwork.reports.selectors.never_engaged import (
    SORTS,
    NeverEngagedFilters,
    area_local_authorities,
    area_school_types,
    never_engaged_schools,
)
from hubwork.reports.selectors.scope import NEVER_ENGAGED_YEARS, PHASE_GROUPS
from hubwork.schools.models import School

SCHOOLS_PER_PAGE = 50
EQUITY_TABLES = {
    "fsm-quintiles": "FSM quintiles",
    "school-types": "School types",
    "local-authorities": "Local authorities",
}


# --- Never engaged ---------------------------------------------------------------------------


def _never_engaged_form(request: AuthenticatedRequest, hub: Hub) -> NeverEngagedFilterForm:
    return NeverEngagedFilterForm(
        request.GET or None,
        local_authorities=area_local_authorities(hub),
        school_types=area_school_types(hub),
    )


def _sort_headers(request: AuthenticatedRequest, sort: str) -> list[dict[str, str]]:
    """Each sortable column's heading: the link that sorts by it (the other way round when
    it is the sort already) and its aria-sort."""
    headers = []
    for key, label in SORTS.items():
        query = request.GET.copy()
        query.pop("page", None)
        if sort == key:
            aria, query["sort"] = "ascending", f"-{key}"
        elif sort == f"-{key}":
            aria, query["sort"] = "descending", key
        else:
            aria, query["sort"] = "none", key
        headers.append({"key": key, "label": label, "aria_sort": aria, "query": query.urlencode()})
    return headers


@require_GET
@login_required
@reads_from_replica
def never_engaged(request: AuthenticatedRequest, hub_slug: str) -> HttpResponse:
    hub = get_hub_for_user(request.user, slug=hub_slug)
    form = _never_engaged_form(request, hub)
    filters = form.filters()
    schools = never_engaged_schools(hub=hub, filters=filters, cut_points=fsm_cut_points())
    page = Paginator(schools, SCHOOLS_PER_PAGE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "reports/outreach/never_engaged.html",
        {
            "hub": hub,
            "form": form,
            "filters": filters,
            "page": page,
            "filter_query": query.urlencode(),
            "sort_headers": _sort_headers(request, filters.sort),
            "formats": FORMATS,
            "fsm_definition": DEFINITION,
        },
    )


@require_GET
@login_required
@reads_from_replica
def never_engaged_export(
    request: AuthenticatedRequest, hub_slug: str, file_format: str
) -> StreamingHttpResponse | FileResponse:
    hub = get_hub_for_user(request.user, slug=hub_slug)
    if file_format not in FORMATS:
        raise Http404("Download as csv or xlsx.")
    filters = _never_engaged_form(request, hub).filters()
    schools = never_engaged_schools(hub=hub, filters=filters, cut_points=fsm_cut_points())
    return export_response(
        ExportTable(
            filename=f"{hub.slug}-never-engaged-{filters.year.start_year}",
            sheet="Never engaged",
            columns=NEVER_ENGAGED_COLUMNS,
            rows=_never_engaged_rows(schools.iterator(chunk_size=2000), filters),
        ),
        file_format,
    )


NEVER_ENGAGED_COLUMNS = [
    "URN",
    "School",
    "Phase",
    "Phase group",
    "School type group",
    "School type",
    "Local authority",
    "Town",
    "Postcode",
    "Pupils",
    "% FSM",
    "FSM quintile",
    "No completion since",
]


def _never_engaged_rows(
    schools: Iterator[School], filters: NeverEngagedFilters
) -> Iterator[list[object]]:
    since = filters.first_year.label
    for school in schools:
        yield [
            school.urn,
            school.name,
            school.get_phase_display(),
            PHASE_GROUPS[school.group][0],  # type: ignore[attr-defined]
            school.establishment_type_group,
            school.establishment_type,
            school.local_authority.name if school.local_authority else "",
            school.town,
            school.postcode,
            school.number_of_pupils,
            school.percentage_fsm,
            school.fsm_quintile,  # type: ignore[attr-defined]
            since,
        ]


# --- Equity ----------------------------------------------------------------------------------


def _gap_sentence(gap: Gap, year_label: str) -> str:
    """The gap between the most and the least disadvantaged fifth, in plain English."""
    phase = gap.phase_label.lower()
    for counts, fifth in ((gap.most, "most"), (gap.least, "least")):
        if counts.few:
            return (
                f"In {year_label}, the hub has {counts.schools} {phase} school"
                f"{'' if counts.schools == 1 else 's'} in the {fifth} disadvantaged fifth: "
                f"too few to compare rates (fewer than {equity_selectors.FEW_SCHOOLS})."
            )
    points = gap.points
    england = gap.england_points
    england_text = "" if england is None else f" (England: {_points(england)})"
    if points is None:  # not reached: neither side is empty once neither is few
        return ""
    if points > 0:
        comparison = f"a gap of {_points(points)}"
    elif points < 0:
        comparison = f"the most disadvantaged fifth ahead by {_points(-points)}"
    else:
        comparison = "no gap"
    return (
        f"In {year_label}, {_rate(gap.most)} of the hub's {phase} schools in the most "
        f"disadvantaged fifth engaged, against {_rate(gap.least)} in the least disadvantaged "
        f"fifth: {comparison}{england_text}."
    )


def _points(value: float) -> str:
    text = f"{value:g}"
    return f"{text} percentage point{'' if value == 1 else 's'}"


def _rate(counts: Counts) -> str:
    return "no rate" if counts.rate_year is None else f"{counts.rate_year:g}%"


def _quintile_chart(phase: PhaseQuintiles, year_label: str, summary: str) -> BarChart:
    quintiles = phase.lines[:QUINTILES]
    return bar_chart(
        chart_id=f"quintiles-{phase.group}",
        title=f"{phase.label} schools engaged in {year_label}, by FSM quintile",
        summary=summary,
        labels=[line.label for line in quintiles],
        values=[line.hub.rate_year or 0 for line in quintiles],
        value_texts=[
            f"{_rate(line.hub)} ({line.hub.engaged_year} of {line.hub.schools})"
            for line in quintiles
        ],
        maximum=100,
        label_heading="FSM quintile",
        value_heading="Engaged (schools engaged of schools)",
    )


@require_GET
@login_required
@reads_from_replica
def equity(request: AuthenticatedRequest, hub_slug: str) -> HttpResponse:
    hub = get_hub_for_user(request.user, slug=hub_slug)
    form = YearForm(request.GET or None)
    year = form.chosen_year()
    report = equity_selectors.hub_equity(hub=hub, year=year, cut_points=fsm_cut_points())
    phases = []
    for phase in report.quintiles:
        sentence = _gap_sentence(phase.gap, year.label)
        phases.append(
            {
                "phase": phase,
                "sentence": sentence,
                "chart": _quintile_chart(phase, year.label, sentence),
            }
        )
    return render(
        request,
        "reports/outreach/equity.html",
        {
            "hub": hub,
            "form": form,
            "year": year,
            "report": report,
            "phases": phases,
            "tables": EQUITY_TABLES,
            "formats": FORMATS,
            "fsm_definition": DEFINITION,
            "recent_years": NEVER_ENGAGED_YEARS,
            "few_schools": equity_selectors.FEW_SCHOOLS,
        },
    )


def _equity_columns(first: str) -> list[str]:
    return [
        *([first] if first else []),
        "Hub schools",
        "Hub engaged in the year",
        "Hub % engaged in the year",
        f"Hub engaged in the last {NEVER_ENGAGED_YEARS} years",
        f"Hub % engaged in the last {NEVER_ENGAGED_YEARS} years",
        "England schools",
        "England engaged in the year",
        "England % engaged in the year",
        f"England engaged in the last {NEVER_ENGAGED_YEARS} years",
        f"England % engaged in the last {NEVER_ENGAGED_YEARS} years",
    ]


def _counts_cells(counts: Counts) -> list[object]:
    return [
        counts.schools,
        counts.engaged_year,
        counts.rate_year,
        counts.engaged_recent,
        counts.rate_recent,
    ]


def _line_cells(line: Line) -> list[object]:
    return [*_counts_cells(line.hub), *_counts_cells(line.england)]


def _equity_table(table: str, report: Equity, hub: Hub) -> ExportTable:
    year = report.year
    rows: list[list[object]]
    if table == "fsm-quintiles":
        columns = ["Academic year", "Phase", "FSM quintile", *_equity_columns("")]
        rows = [
            [year.label, phase.label, line.label, *_line_cells(line)]
            for phase in report.quintiles
            for line in phase.lines
        ]
    elif table == "school-types":
        columns = ["Academic year", *_equity_columns("School type group")]
        rows = [[year.label, line.label, *_line_cells(line)] for line in report.school_types]
    else:
        columns = ["Academic year", *_equity_columns("Local authority")]
        rows = [[year.label, line.label, *_line_cells(line)] for line in report.local_authorities]
    return ExportTable(
        filename=f"{hub.slug}-equity-{table}-{year.start_year}",
        sheet=EQUITY_TABLES[table],
        columns=columns,
        rows=rows,
    )


@require_GET
@login_required
@reads_from_replica
def equity_export(
    request: AuthenticatedRequest, hub_slug: str, table: str, file_format: str
) -> StreamingHttpResponse | FileResponse:
    hub = get_hub_for_user(request.user, slug=hub_slug)
    if table not in EQUITY_TABLES or file_format not in FORMATS:
        raise Http404("No such table or format.")
    year = YearForm(request.GET or None).chosen_year()
    report = equity_selectors.hub_equity(hub=hub, year=year, cut_points=fsm_cut_points())
    return export_response(_equity_table(table, report, hub), file_format)
