"""A session's anonymous feedback, for the Work Group's leads and its hub's staff: per
question a chart with its figures as a table and one sentence, the response rate, the
comments without names, and nothing at all under three responses (the page says why)."""

from dataclasses import dataclass

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from hubwork.accounts.types import AuthenticatedRequest
from hubwork.core.charts import BarChart, bar_chart
from hubwork.evaluation import analysis
from hubwork.evaluation.models import Item
from hubwork.evaluation.permissions import get_work_group_evaluation_for_user
from hubwork.evaluation.selectors.feedback import (
    ItemSummary,
    SessionFeedback,
    agreement_summary,
)
from hubwork.evaluation.selectors.feedback import (
    session_feedback as session_feedback_for,
)
from hubwork.workgroups.models import Session


@dataclass(frozen=True)
class ItemView:
    summary: ItemSummary
    sentence: str
    chart: BarChart | None


def item_views(feedback: SessionFeedback) -> list[ItemView]:
    """Each question's sentence and (for counted answers) its chart."""
    views = []
    for summary in feedback.items:
        sentence = agreement_summary(summary)
        chart = None
        if summary.labels:
            chart = bar_chart(
                chart_id=f"session-{feedback.number}-item-{summary.item_id}",
                title=summary.text,
                summary=sentence,
                labels=summary.labels,
                values=summary.counts,
                value_texts=[_count_text(count, summary) for count in summary.counts],
                label_heading="Answer",
                value_heading="People",
            )
        views.append(ItemView(summary=summary, sentence=sentence, chart=chart))
    return views


def _count_text(count: int, summary: ItemSummary) -> str:
    if summary.kind == Item.Kind.MULTIPLE_CHOICE or not summary.n:
        return str(count)
    return f"{count} ({round(100 * count / summary.n)}%)"


def feedback_caveats(feedback: SessionFeedback) -> tuple[str, ...]:
    answered = (
        f"{feedback.responded} of {feedback.asked} participants with a place answered; "
        "those who did not may see the session differently."
        if feedback.asked
        else "Nobody held a place, so nobody was asked."
    )
    return (analysis.CAVEATS[0], answered)


@require_GET
@login_required
def session_feedback(
    request: AuthenticatedRequest, hub_slug: str, pk: int, session_pk: int
) -> HttpResponse:
    work_group = get_work_group_evaluation_for_user(request.user, hub_slug=hub_slug, pk=pk)
    session = get_object_or_404(Session, pk=session_pk, work_group=work_group)
    session.work_group = work_group
    feedback = session_feedback_for(session)
    return render(
        request,
        "evaluation/feedback/session.html",
        {
            "hub": work_group.hub,
            "work_group": work_group,
            "session": session,
            "feedback": feedback,
            "items": item_views(feedback),
            "caveats": feedback_caveats(feedback),
            "min_responses": analysis.MIN_FEEDBACK_RESPONSES,
        },
    )
