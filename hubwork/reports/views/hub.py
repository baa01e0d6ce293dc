"""A hub's reach report (its staff, and national admins for any hub): reach by phase, the
trend over up to ten years, programmes and the load on leads, for one academic year
(`?year=2025/26`), each table also as CSV and Excel with the same year."""

from collections.abc import Callable, Iterator, Sequence
from functools import cached_property

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from hubwork.accounts.types import AuthenticatedRequest
from hubwork.core.academic_years import AcademicYear
from hubwork.core.charts import BarChart, bar_chart
from hubwork.core.exports import FORMATS, ExportTable, export_response
from hubwork.hubs.models import Hub
from hubwork.hubs.permissions import get_hub_for_user
from hubwork.reports.selectors.hub_reach import (
    EARLIEST_YEAR,
    Reach,
    ReachRow,
    Share,
    TrendYear,
    engagement_trend,
    reach_by_phase,
    years_with_data,
)
from hubwork.reports.selectors.llmes import LeadLoad, lead_loads
from hubwork.reports.selectors.programmes import REPORT_STATUSES, Programmes, hub_programmes


def chosen_year(request: HttpRequest) -> tuple[AcademicYear, str]:
    """The academic year asked for (`?year=2025/26`), or the current one with a message."""
    current = AcademicYear.current()
    label = request.GET.get("year", "").strip()
    if not label:
        return current, ""
    try:
        year = AcademicYear.from_label(label)
    except ValueError:
        return current, (
            "The year must be an academic year like 2025/26, so this shows the current year."
        )
    if not EARLIEST_YEAR <= year <= current.next():
        return current, (
            f"There are no figures for {year.label}: choose a year from {EARLIEST_YEAR.label}"
            f" to {current.next().label}. This shows the current year."
        )
    return year, ""


class HubReport:
    """The report's sections for one hub and year, each counted when first asked for (a
    download needs only its own)."""

    def __init__(self, hub: Hub, year: AcademicYear) -> None:
        self.hub = hub
        self.year = year

    @cached_property
    def reach(self) -> Reach:
        return reach_by_phase(self.hub, self.year)

    @cached_property
    def trend(self) -> list[TrendYear]:
        return engagement_trend(self.hub, self.year, open_schools=self.reach.total.open_schools)

    @cached_property
    def programmes(self) -> Programmes:
        return hub_programmes(self.hub, self.year)

    @cached_property
    def leads(self) -> list[LeadLoad]:
        return lead_loads(self.hub, self.year)


def trend_chart(report: HubReport) -> BarChart:
    trend = report.trend
    return bar_chart(
        chart_id="engagement-trend",
        title=f"Schools engaged in {report.hub.name}'s area each year (% of today's open schools)",
        summary=trend_summary(trend),
        labels=[each.year.label for each in trend],
        values=[each.share.percent or 0 for each in trend],
        value_texts=[each.share.text for each in trend],
        maximum=100,
        label_heading="Academic year",
        value_heading="Schools engaged",
    )


def trend_summary(trend: Sequence[TrendYear]) -> str:
    """One sentence on the trend: the latest year, and how it compares with the first."""
    if not trend or not trend[-1].open_schools:
        return "There are no open schools in the hub's area, so there is no trend to show."
    last = trend[-1]
    sentence = f"In {last.year.label}, {last.share.text} of the area's open schools engaged"
    if last.year == AcademicYear.current():
        # Completions come mostly at the end of the year: a year under way is not compared.
        return (
            sentence + " so far: the year is under way, so it is not compared with earlier years."
        )
    if len(trend) == 1:
        return sentence + "."
    first = trend[0]
    change = (last.share.percent or 0) - (first.share.percent or 0)
    if abs(change) < 0.05:
        return sentence + f", the same share as in {first.year.label}."
    direction = "up" if change > 0 else "down"
    return sentence + (
        f", {direction} {abs(change):.1f} percentage points from {first.share.text}"
        f" in {first.year.label}."
    )


def _share_cells(share: Share) -> list[object]:
    return [share.part, share.whole, share.percent]


def reach_table(report: HubReport) -> ExportTable:
    reach = report.reach
    recent = f"{reach.recent_years[0].label} to {report.year.label}"

    def rows() -> Iterator[list[object]]:
        for row in [*reach.rows, reach.total]:
            yield [report.year.label, row.label, *_reach_cells(row)]

    return ExportTable(
        filename=f"{report.hub.slug}-reach-{report.year.start_year}",
        sheet="Reach by phase",
        columns=[
            "Academic year",
            "Phase",
            "Open schools",
            f"Engaged in {report.year.label}",
            "% engaged",
            f"Engaged {recent}",
            f"% engaged {recent}",
            f"Taking part in {report.year.label}",
            "% taking part",
        ],
        rows=rows(),
    )


def _reach_cells(row: ReachRow) -> list[object]:
    return [
        row.open_schools,
        row.engaged,
        row.engaged_share.percent,
        row.engaged_recently,
        row.engaged_recently_share.percent,
        row.taking_part,
        row.taking_part_share.percent,
    ]


def trend_table(report: HubReport) -> ExportTable:
    return ExportTable(
        filename=f"{report.hub.slug}-engagement-trend-{report.year.start_year}",
        sheet="Engagement trend",
        columns=[
            "Academic year",
            "Schools engaged",
            "Open schools today",
            "% engaged",
            "Schools taking part",
            "% taking part",
            "Work Groups run by the hub",
            "Places taken",
            "Completed",
            "% completed",
        ],
        rows=(
            [
                each.year.label,
                *_share_cells(each.share),
                each.taking_part,
                each.taking_part_share.percent,
                each.work_groups,
                *_share_cells(each.completed_share),
            ]
            for each in report.trend
        ),
    )


def programmes_table(report: HubReport) -> ExportTable:
    programmes = report.programmes
    return ExportTable(
        filename=f"{report.hub.slug}-programmes-{report.year.start_year}",
        sheet="Programmes",
        columns=[
            "Academic year",
            "Programme",
            "Work Groups",
            "Places offered",
            "Places taken",
            "Waiting",
            "Completed",
            "Places in finished Work Groups",
            "% completed",
            "Attended (present or late)",
            "Register marks",
            "% attended",
            *(f"Evaluation reports: {label.lower()}" for _status, label in REPORT_STATUSES),
        ],
        rows=(
            [
                report.year.label,
                row.name,
                row.work_groups,
                row.places_offered,
                row.places_taken,
                row.waiting,
                *_share_cells(row.completion),
                *_share_cells(row.attendance),
                *(count for _status, _label, count in row.report_counts),
            ]
            for row in [*programmes.rows, programmes.total]
        ),
    )


def leads_table(report: HubReport) -> ExportTable:
    return ExportTable(
        filename=f"{report.hub.slug}-leads-{report.year.start_year}",
        sheet="Leads",
        columns=[
            "Academic year",
            "Lead",
            f"Work Groups for {report.hub.name}",
            "Work Groups, all hubs",
            "Hubs",
            "Sessions, all hubs",
        ],
        rows=(
            [
                report.year.label,
                lead.name,
                lead.work_groups_here,
                lead.work_groups,
                lead.hubs,
                lead.sessions,
            ]
            for lead in report.leads
        ),
    )


# The downloads: each table's name in its address, and how to write it.
TABLES: dict[str, Callable[[HubReport], ExportTable]] = {
    "reach": reach_table,
    "trend": trend_table,
    "programmes": programmes_table,
    "leads": leads_table,
}


@require_GET
@login_required
def hub_report(request: AuthenticatedRequest, hub_slug: str) -> HttpResponse:
    hub = get_hub_for_user(request.user, slug=hub_slug)
    year, year_error = chosen_year(request)
    report = HubReport(hub, year)
    years = years_with_data(hub)
    if year not in years:
        years = sorted([*years, year], reverse=True)
    return render(
        request,
        "reports/hub/report.html",
        {
            "hub": hub,
            "year": year,
            "years": years,
            "year_error": year_error,
            "report": report,
            "chart": trend_chart(report),
            "report_statuses": REPORT_STATUSES,
        },
    )


@require_GET
@login_required
def hub_export(
    request: AuthenticatedRequest, hub_slug: str, table: str, file_format: str
) -> StreamingHttpResponse | FileResponse:
    hub = get_hub_for_user(request.user, slug=hub_slug)
    if table not in TABLES or file_format not in FORMATS:
        raise Http404("There is no such download.")
    year, _error = chosen_year(request)
    return export_response(TABLES[table](HubReport(hub, year)), file_format)
