"""Editors' reports of page feedback: the pages worst judged for plain English first, each
page's answers, comments and trend beside its plain English check, and a CSV download.

For content editors, content reviewers and national admins (who sign in with two-factor).
"""

from collections.abc import Iterator

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from hubwork.content.feedback_permissions import require_feedback_reader
from hubwork.content.plain_english import LONG_SENTENCE_WORDS
from hubwork.content.selectors.feedback import PageFeedbackRow, feedback_for_path, feedback_pages
from hubwork.core.exports import ExportTable, csv_response

PAGES_PER_PAGE = 50


@require_GET
@login_required
def feedback_report(request: HttpRequest) -> HttpResponse:
    require_feedback_reader(request.user)
    rows = feedback_pages()
    page_obj = Paginator(rows, PAGES_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "content/feedback/report.html",
        {"page_obj": page_obj, "rows": page_obj.object_list, "long_words": LONG_SENTENCE_WORDS},
    )


@require_GET
@login_required
def feedback_report_page(request: HttpRequest) -> HttpResponse:
    """One page's answers, by its address (`?path=`); 404 when nobody answered about it."""
    require_feedback_reader(request.user)
    detail = feedback_for_path(request.GET.get("path", ""))
    if detail is None:
        raise Http404("Nobody has answered about that page")
    return render(
        request,
        "content/feedback/report_page.html",
        {"detail": detail, "row": detail.row, "long_words": LONG_SENTENCE_WORDS},
    )


COLUMNS = [
    "Page",
    "Address",
    "Responses",
    "Useful answers",
    "% useful",
    "Plain English answers",
    "% plain English",
    "Comments",
    "Reading ease",
    "Long sentences",
    "Avoid-list words",
    "Words",
]


def _cells(row: PageFeedbackRow) -> list[object]:
    check = row.check
    return [
        row.title,
        row.path,
        row.responses,
        row.useful_answers,
        row.useful_percent,
        row.plain_answers,
        row.plain_percent,
        row.comments,
        check.reading_ease if check else None,
        check.long_sentence_count if check else None,
        check.avoid_word_count if check else None,
        check.words if check else None,
    ]


@require_GET
@login_required
def feedback_export(request: HttpRequest) -> StreamingHttpResponse:
    require_feedback_reader(request.user)

    def rows() -> Iterator[list[object]]:
        for row in feedback_pages():
            yield _cells(row)

    return csv_response(
        ExportTable(
            filename=f"page-feedback-{timezone.localdate():%Y-%m-%d}",
            sheet="Page feedback",
            columns=COLUMNS,
            rows=rows(),
        )
    )
