"""Editors' view of page feedback: each page's answers beside its plain English check.

Percentages are of the answers to that question (a page may have more "useful" answers than
"plain English" ones). Both lists cost a fixed number of queries however many answers there
are: one aggregate, then the pages of the page tree in one query per page type.
"""

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db.models import Count, Max, Q, QuerySet
from django.db.models.functions import TruncMonth
from wagtail.models import Page

from hubwork.content.models import PageFeedback
from hubwork.content.plain_english import PlainEnglishCheck, check_page

USEFUL = PageFeedback.Question.USEFUL
PLAIN = PageFeedback.Question.PLAIN_ENGLISH

_COUNTS: dict[str, Any] = {
    "responses": Count("pk"),
    "useful_answers": Count("pk", filter=Q(question=USEFUL)),
    "useful_yes": Count("pk", filter=Q(question=USEFUL, answer=True)),
    "plain_answers": Count("pk", filter=Q(question=PLAIN)),
    "plain_yes": Count("pk", filter=Q(question=PLAIN, answer=True)),
    "comments": Count("pk", filter=~Q(comment="")),
}


def _percent(yes: int, answers: int) -> int | None:
    return round(100 * yes / answers) if answers else None


@dataclass
class FeedbackFigures:
    responses: int
    useful_answers: int
    useful_yes: int
    plain_answers: int
    plain_yes: int
    comments: int

    @property
    def useful_percent(self) -> int | None:
        return _percent(self.useful_yes, self.useful_answers)

    @property
    def plain_percent(self) -> int | None:
        return _percent(self.plain_yes, self.plain_answers)


@dataclass
class PageFeedbackRow(FeedbackFigures):
    path: str = ""
    title: str = ""
    page_id: int | None = None
    last_answered: Any = None
    check: PlainEnglishCheck | None = field(default=None)


def _figures(values: dict[str, Any]) -> dict[str, Any]:
    return {name: values[name] for name in _COUNTS}


def _checks(page_ids: set[int]) -> dict[int, tuple[str, PlainEnglishCheck]]:
    """Each page's title and check, from its live version (what visitors answered about)."""
    if not page_ids:
        return {}
    pages = Page.objects.filter(pk__in=page_ids).specific(defer=False)
    return {page.pk: (page.title, check_page(page)) for page in pages}


def _sort_key(row: PageFeedbackRow) -> tuple[int, int, int, str]:
    # Worst plain English first; pages nobody answered that question about go last.
    percent = row.plain_percent
    return (percent is None, percent if percent is not None else 0, -row.plain_answers, row.path)


def feedback_pages() -> list[PageFeedbackRow]:
    """Every page with answers, worst plain English score first."""
    aggregated = (
        PageFeedback.objects.values("path")
        .annotate(**_COUNTS, page_id=Max("page_id"), last_answered=Max("updated_at"))
        .order_by()
    )
    rows = [
        PageFeedbackRow(
            **_figures(values),
            path=values["path"],
            title=values["path"],
            page_id=values["page_id"],
            last_answered=values["last_answered"],
        )
        for values in aggregated
    ]
    checks = _checks({row.page_id for row in rows if row.page_id})
    for row in rows:
        if row.page_id in checks:
            row.title, row.check = checks[row.page_id]
    return sorted(rows, key=_sort_key)


@dataclass(frozen=True)
class TrendMonth:
    month: date
    figures: FeedbackFigures


@dataclass(frozen=True)
class PageFeedbackDetail:
    row: PageFeedbackRow
    trend: list[TrendMonth]
    comments: QuerySet[PageFeedback]


def feedback_for_path(path: str) -> PageFeedbackDetail | None:
    """One page's figures, its trend by month, and its comments (newest first); None when
    nobody has answered about it."""
    answers = PageFeedback.objects.for_path(path)
    totals = answers.aggregate(**_COUNTS, page_id=Max("page_id"), last_answered=Max("updated_at"))
    if not totals["responses"]:
        return None
    row = PageFeedbackRow(
        **_figures(totals),
        path=path,
        title=path,
        page_id=totals["page_id"],
        last_answered=totals["last_answered"],
    )
    checks = _checks({row.page_id} if row.page_id else set())
    if row.page_id in checks:
        row.title, row.check = checks[row.page_id]
    months = (
        answers.annotate(month=TruncMonth("created_at"))
        .values("month")
        .annotate(**_COUNTS)
        .order_by("month")
    )
    trend = [
        TrendMonth(month=values["month"], figures=FeedbackFigures(**_figures(values)))
        for values in months
    ]
    comments = answers.exclude(comment="").order_by("-updated_at", "-pk")
    return PageFeedbackDetail(row=row, trend=trend, comments=comments)
