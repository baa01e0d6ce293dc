"""The national picture (national admins): every hub side by side with England, ten years of
school engagement, and each programme across hubs, each table also as CSV and Excel with
the same filters (`?year=2025/26`, `?programme=<slug>`)."""

from collections.abc import Callable, Iterator, Sequence
from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from hubwork.accounts.permissions import require_national_admin
from hubwork.accounts.types import AuthenticatedRequest
from hubwork.core.academic_years import AcademicYear
from hubwork.core.charts import BarChart, bar_chart
from hubwork.core.exports import FORMATS, ExportTable, export_response
from hubwork.programmes.models import Programme
from hubwork.reports.selectors.national import (
    Delivery,
    HubLine,
    ProgrammesPicture,
    Trend,
    TrendLine,
    engagement_trend,
    national_picture,
    programmes_picture,
)
from hubwork.reports.selectors.scope import TREND_YEARS, percentage, years_up_to

YEAR_ERROR = "Choose an academic year from the list, like 2025/26. This is the current year."
PROGRAMME_ERROR = "There is no programme by that name: choose one from the list."


def _year(request: HttpRequest) -> tuple[AcademicYear, str]:
    """The academic year asked for (`?year=2025/26`), or the current one with a message."""
    label = request.GET.get("year", "")
    current = AcademicYear.current()
    if not label:
        return current, ""
    try:
        year = AcademicYear.from_label(label)
    except ValueError:
        return current, YEAR_ERROR
    # Years the register could hold: a typo like 1025/26 is not a year to count.
    if not 2000 <= year.start_year <= current.start_year + 1:
        return current, YEAR_ERROR
    return year, ""


def _year_choices(year: AcademicYear) -> list[AcademicYear]:
    """The years to choose from: the ten up to the current one (and the one shown), newest
    first."""
    years = set(years_up_to(AcademicYear.current(), TREND_YEARS)) | {year}
    return sorted(years, reverse=True)


def _year_context(year: AcademicYear, year_error: str) -> dict[str, object]:
    return {
        "year": year,
        "year_choices": _year_choices(year),
        "year_error": year_error,
        "year_query": urlencode({"year": year.label}),
    }


def _programme_choice(
    request: HttpRequest, picture: ProgrammesPicture
) -> tuple[Programme | None, str]:
    """The programme asked for (`?programme=<slug>`), or None with a message."""
    slug = request.GET.get("programme", "")
    if not slug:
        return None, ""
    for programme in picture.every_programme:
        if programme.slug == slug:
            return programme, ""
    return None, PROGRAMME_ERROR


@require_GET
@login_required
def national(request: AuthenticatedRequest) -> HttpResponse:
    require_national_admin(request.user)
    year, year_error = _year(request)
    context = _year_context(year, year_error)
    return render(
        request, "reports/national/hubs.html", {**context, "picture": national_picture(year)}
    )


@require_GET
@login_required
def national_trend(request: AuthenticatedRequest) -> HttpResponse:
    require_national_admin(request.user)
    year, year_error = _year(request)
    context = _year_context(year, year_error)
    trend = engagement_trend(year)
    return render(
        request,
        "reports/national/trend.html",
        {**context, "trend": trend, "chart": _england_chart(trend)},
    )


@require_GET
@login_required
def national_programmes(request: AuthenticatedRequest) -> HttpResponse:
    require_national_admin(request.user)
    year, year_error = _year(request)
    context = _year_context(year, year_error)
    picture = programmes_picture(year)
    programme, programme_error = _programme_choice(request, picture)
    return render(
        request,
        "reports/national/programmes.html",
        {
            **context,
            "picture": picture,
            "programme": programme,
            "chosen": picture.line_of(programme) if programme else None,
            "programme_error": programme_error,
            "programme_query": urlencode(
                {"year": year.label, "programme": programme.slug if programme else ""}
            ),
        },
    )


def _england_chart(trend: Trend) -> BarChart:
    england = trend.england
    percents = england.percents
    texts = [
        f"{count:,} ({_percent_text(percent)})"
        for count, percent in zip(england.engaged, percents, strict=True)
    ]
    return bar_chart(
        chart_id="england-trend",
        title="Open schools in England engaged, by academic year",
        summary=_trend_sentence(trend),
        labels=[year.label for year in trend.years],
        values=[percent or 0 for percent in percents],
        value_texts=texts,
        maximum=100,
        label_heading="Academic year",
        value_heading="Schools engaged (% of open schools)",
    )


def _percent_text(percent: float | None) -> str:
    return "no schools" if percent is None else f"{percent:g}%"


def _trend_sentence(trend: Trend) -> str:
    """One sentence on England's trend: the latest year against the first with any."""
    england = trend.england
    last_year, last = trend.years[-1], england.engaged[-1]
    if england.open_schools == 0:
        return "There are no open schools on the register to count."
    first = next(
        (index for index, count in enumerate(england.engaged) if count), len(trend.years) - 1
    )
    latest = (
        f"In {last_year.label}, {last:,} of England's {england.open_schools:,} open schools "
        f"({_percent_text(percentage(last, england.open_schools))}) engaged"
    )
    if first == len(trend.years) - 1:
        return f"{latest}."
    if last_year == AcademicYear.current():
        # Completions come mostly at the end of the year: a year under way is not compared.
        return f"{latest} so far: the year is under way, so it is not compared with others."
    earlier = england.engaged[first]
    change = "up from" if last > earlier else "down from" if last < earlier else "the same as"
    return (
        f"{latest}, {change} {earlier:,} "
        f"({_percent_text(percentage(earlier, england.open_schools))}) "
        f"in {trend.years[first].label}."
    )


# --- Downloads --------------------------------------------------------------------------------

Row = Sequence[object]


def _hub_rows(request: HttpRequest, year: AcademicYear) -> tuple[list[str], Iterator[Row]]:
    picture = national_picture(year)
    columns = [
        "academic year",
        "hub",
        "open schools in area",
        "primary %",
        "secondary %",
        "schools engaged this year",
        "schools engaged this year %",
        f"schools engaged {picture.recent_years[0].label} to {year.label}",
        f"schools engaged {picture.recent_years[0].label} to {year.label} %",
        "schools taking part this year",
        "schools taking part this year %",
        "Work Groups run",
        "places offered",
        "places taken",
        "finished Work Groups: members",
        "finished Work Groups: completed",
        "completion rate %",
    ]

    def row(line: HubLine) -> Row:
        reach, delivery = line.reach, line.delivery
        return [
            year.label,
            line.name,
            reach.open_schools,
            reach.primary_percent,
            reach.secondary_percent,
            reach.engaged,
            reach.engaged_percent,
            reach.engaged_recent,
            reach.engaged_recent_percent,
            reach.taking_part,
            reach.taking_part_percent,
            delivery.work_groups,
            delivery.places_offered,
            delivery.places_taken,
            delivery.finished_members,
            delivery.completed,
            delivery.completion_rate,
        ]

    return columns, (row(line) for line in [*picture.hubs, picture.england])


def _trend_rows(request: HttpRequest, year: AcademicYear) -> tuple[list[str], Iterator[Row]]:
    trend = engagement_trend(year)
    columns = [
        "hub",
        "open schools",
        *(
            heading
            for each in trend.years
            for heading in (f"{each.label} engaged", f"{each.label} engaged %")
        ),
    ]

    def row(line: TrendLine) -> Row:
        figures = zip(line.engaged, line.percents, strict=True)
        return [line.name, line.open_schools, *(value for pair in figures for value in pair)]

    return columns, (row(line) for line in [*trend.hubs, trend.england])


DELIVERY_COLUMNS = [
    "Work Groups run",
    "places offered",
    "places taken",
    "waiting",
    "finished Work Groups: members",
    "finished Work Groups: completed",
    "completion rate %",
]


def _delivery(delivery: Delivery) -> list[object]:
    return [
        delivery.work_groups,
        delivery.places_offered,
        delivery.places_taken,
        delivery.waiting,
        delivery.finished_members,
        delivery.completed,
        delivery.completion_rate,
    ]


def _programme_rows(request: HttpRequest, year: AcademicYear) -> tuple[list[str], Iterator[Row]]:
    picture = programmes_picture(year)
    columns = ["academic year", "programme", "hubs running it", *DELIVERY_COLUMNS]
    rows: list[Row] = [
        [year.label, line.programme.name, line.hubs_running, *_delivery(line.delivery)]
        for line in picture.programmes
    ]
    hubs_running = len({hub.hub_id for line in picture.programmes for hub in line.hubs})
    rows.append([year.label, "All programmes", hubs_running, *_delivery(picture.england)])
    return columns, iter(rows)


def _programme_hub_rows(
    request: HttpRequest, year: AcademicYear
) -> tuple[list[str], Iterator[Row]]:
    picture = programmes_picture(year)
    programme, _error = _programme_choice(request, picture)
    chosen = picture.line_of(programme) if programme else None
    if chosen is None:
        raise Http404("Choose a programme run that year.")
    columns = ["academic year", "programme", "hub", *DELIVERY_COLUMNS]
    name = chosen.programme.name
    rows: list[Row] = [
        [year.label, name, hub.hub_name, *_delivery(hub.delivery)] for hub in chosen.hubs
    ]
    rows.append([year.label, name, "England", *_delivery(chosen.delivery)])
    return columns, iter(rows)


TableRows = Callable[[HttpRequest, AcademicYear], tuple[list[str], Iterator[Row]]]
TABLES: dict[str, tuple[str, TableRows]] = {
    "hubs": ("Hubs", _hub_rows),
    "trend": ("Engagement over ten years", _trend_rows),
    "programmes": ("Programmes", _programme_rows),
    "programme-hubs": ("Programme by hub", _programme_hub_rows),
}


@require_GET
@login_required
def national_export(
    request: AuthenticatedRequest, table: str, file_format: str
) -> StreamingHttpResponse | FileResponse:
    """One of the national tables (`TABLES`) as CSV or Excel, with the page's filters."""
    require_national_admin(request.user)
    if table not in TABLES or file_format not in FORMATS:
        raise Http404("No such table.")
    year, _error = _year(request)
    sheet, rows_of = TABLES[table]
    columns, rows = rows_of(request, year)
    name = f"national-{table}-{year.start_year}"
    if table == "programme-hubs":
        name = f"national-{request.GET.get('programme', '')}-{year.start_year}"
    return export_response(
        ExportTable(filename=name, sheet=sheet, columns=columns, rows=rows), file_format
    )
