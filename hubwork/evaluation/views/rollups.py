"""Roll-ups: a hub's Work Groups of a year by programme (its staff and national admins), and
each programme across every hub (national admins), on screen and as CSV with the same
figures and their n's. Counts and pooled changes only: nobody's answers."""

from collections.abc import Iterable, Iterator

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from hubwork.accounts.permissions import require_national_admin
from hubwork.accounts.types import AuthenticatedRequest
from hubwork.core.academic_years import AcademicYear
from hubwork.core.exports import ExportTable, csv_response
from hubwork.evaluation import analysis
from hubwork.evaluation.selectors import rollups
from hubwork.evaluation.selectors.pre_post import AREA_ORDER, Change
from hubwork.hubs.permissions import get_hub_for_user
from hubwork.programmes.models import IntendedOutcome, Programme

YEARS_BACK = 3


def _year(request: HttpRequest) -> tuple[AcademicYear, str]:
    """The academic year asked for (`?year=2025/26`), or the current one with a message."""
    label = request.GET.get("year", "")
    if not label:
        return AcademicYear.current(), ""
    try:
        return AcademicYear.from_label(label), ""
    except ValueError:
        return AcademicYear.current(), (
            "That is not an academic year like 2025/26, so this is the current year."
        )


def _years(year: AcademicYear) -> list[AcademicYear]:
    current = AcademicYear.current()
    years = [AcademicYear(current.start_year - back) for back in range(YEARS_BACK)]
    if year not in years:
        years.append(year)
    return sorted(years, reverse=True)


@require_GET
@login_required
def hub_rollup(request: AuthenticatedRequest, hub_slug: str) -> HttpResponse:
    hub = get_hub_for_user(request.user, slug=hub_slug)
    year, year_error = _year(request)
    return render(
        request,
        "evaluation/rollups/hub.html",
        {
            "hub": hub,
            "year": year,
            "years": _years(year),
            "year_error": year_error,
            "rollup": rollups.hub_rollup(hub, year),
            "caveats": analysis.CAVEATS,
            "min_pairs": analysis.MIN_MATCHED_PAIRS,
        },
    )


@require_GET
@login_required
def hub_rollup_csv(request: AuthenticatedRequest, hub_slug: str) -> StreamingHttpResponse:
    hub = get_hub_for_user(request.user, slug=hub_slug)
    year, _error = _year(request)
    rollup = rollups.hub_rollup(hub, year)

    def rows() -> Iterator[list[object]]:
        for programme in rollup.programmes:
            for row in programme.work_groups:
                yield [
                    "Work Group",
                    year.label,
                    programme.programme.name,
                    hub.name,
                    row.code,
                    row.title,
                    row.report_status_label,
                    1,
                    row.participants,
                    row.feedback_responses,
                    row.feedback_asked,
                    _percent(row.feedback_responses, row.feedback_asked),
                    *([""] * len(AREA_COLUMNS) * len(AREA_ORDER)),
                ]
            yield _totals_row(
                "Programme, all the hub's Work Groups",
                year,
                programme.programme,
                hub.name,
                programme.totals,
            )

    return _csv(rows(), f"{hub.slug}-evaluation-{year.start_year}")


@require_GET
@login_required
def national_rollup(request: AuthenticatedRequest) -> HttpResponse:
    require_national_admin(request.user)
    year, year_error = _year(request)
    return render(
        request,
        "evaluation/rollups/national.html",
        {
            "year": year,
            "years": _years(year),
            "year_error": year_error,
            "programmes": rollups.national_programmes(year),
        },
    )


@require_GET
@login_required
def national_programme(request: AuthenticatedRequest, programme_slug: str) -> HttpResponse:
    require_national_admin(request.user)
    programme = get_object_or_404(Programme, slug=programme_slug)
    year, year_error = _year(request)
    return render(
        request,
        "evaluation/rollups/programme.html",
        {
            "programme": programme,
            "year": year,
            "years": _years(year),
            "year_error": year_error,
            "national": rollups.national_programme(programme, year),
            "caveats": analysis.CAVEATS,
            "min_pairs": analysis.MIN_MATCHED_PAIRS,
        },
    )


@require_GET
@login_required
def national_programme_csv(
    request: AuthenticatedRequest, programme_slug: str
) -> StreamingHttpResponse:
    require_national_admin(request.user)
    programme = get_object_or_404(Programme, slug=programme_slug)
    year, _error = _year(request)
    national = rollups.national_programme(programme, year)

    def rows() -> Iterator[list[object]]:
        for line in [*national.hubs, national.england]:
            yield _totals_row(
                "England" if line.hub is None else "Hub", year, programme, line.name, line.totals
            )

    return _csv(rows(), f"{programme.slug}-evaluation-{year.start_year}")


# --- CSV -------------------------------------------------------------------------------------

AREA_COLUMNS = (
    "matched pairs",
    "answered before only",
    "answered after only",
    "mean before",
    "mean after",
    "mean change",
    "change 95% CI low",
    "change 95% CI high",
    "effect size d_z",
    "d_z 95% CI low",
    "d_z 95% CI high",
    "note",
)
HEADER: list[str] = [
    "row",
    "academic year",
    "programme",
    "hub",
    "Work Group code",
    "Work Group",
    "report status",
    "Work Groups",
    "participants with a place",
    "session feedback responses",
    "session feedback asked (participants × sessions held)",
    "session feedback response rate %",
    *(
        f"{IntendedOutcome.Area(area).label}: {column}"
        for area in AREA_ORDER
        for column in AREA_COLUMNS
    ),
]


def _totals_row(
    kind: str, year: AcademicYear, programme: Programme, name: str, totals: rollups.Totals
) -> list[object]:
    statuses = "; ".join(
        f"{label} {count}" for _status, label, count in totals.status_counts if count
    )
    by_area = {change.area: change for change in totals.pre_post.by_area}
    return [
        kind,
        year.label,
        programme.name,
        name,
        "",
        "",
        statuses,
        totals.work_groups,
        totals.participants,
        totals.feedback_responses,
        totals.feedback_asked,
        _percent(totals.feedback_responses, totals.feedback_asked),
        *(value for area in AREA_ORDER for value in _change_columns(by_area.get(area))),
    ]


def _change_columns(change: Change | None) -> list[object]:
    if change is None:
        return [0, 0, 0, "", "", "", "", "", "", "", "", "Nobody answered these items."]
    counts: list[object] = [change.n_matched, change.n_pre_only, change.n_post_only]
    stats = change.stats
    if stats is None:
        return [*counts, "", "", "", "", "", "", "", "", change.reason]
    return [
        *counts,
        _round(stats.mean_before),
        _round(stats.mean_after),
        _round(stats.mean_change),
        *(_round(value) for value in (stats.change_ci or ("", ""))),
        _round(stats.effect_size),
        *(_round(value) for value in (stats.effect_ci or ("", ""))),
        change.sentence,
    ]


def _round(value: float | str | None) -> object:
    return "" if value is None or value == "" else round(float(value), 2)


def _percent(part: int, whole: int) -> object:
    return round(100 * part / whole) if whole else ""


def _csv(rows: Iterable[list[object]], filename: str) -> StreamingHttpResponse:
    return csv_response(
        ExportTable(filename=filename, sheet="Evaluation", columns=HEADER, rows=rows)
    )
