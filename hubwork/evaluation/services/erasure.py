"""Erasing what the evaluation app holds about a person (evaluation/privacy.py).

Their answers stay only as anonymous aggregates, so a form's counts, totals and response rate
do not change: each response loses whose it was (respondent and invitation), their invitations
are deleted, and their free-text answers are deleted (they may hold words that identify them);
scale, number and choice answers stay. Questionnaires and reports they wrote or decided stay
without them. A school leader request addressed to them keeps its status, not their name or
address (the enrolments naming them are workgroups' to forget).
"""

from hubwork.accounts.models import User
from hubwork.evaluation.models import (
    Answer,
    EvaluationReport,
    Invitation,
    Item,
    Questionnaire,
    Response,
)


def evaluation_data_erase(user: User) -> dict[str, int]:
    """Keep the person's answers only as anonymous aggregates; returns counts by kind."""
    counts: dict[str, int] = {}
    response_ids = list(Response.objects.of(user).values_list("pk", flat=True))
    # Words they wrote may identify them: free-text answers go (the response still counts).
    counts["free_text_answers"] = Answer.objects.filter(
        response_id__in=response_ids, item__kind=Item.Kind.FREE_TEXT
    ).delete()[0]
    Answer.objects.filter(response_id__in=response_ids).exclude(text="").update(text="")
    counts["responses_anonymised"] = Response.objects.filter(pk__in=response_ids).update(
        respondent=None, invitation=None
    )
    counts["invitations"] = Invitation.objects.filter(user=user).delete()[0]
    if user.email:
        counts["school_leader_requests"] = (
            Invitation.objects.filter(leader_email__iexact=user.email)
            .exclude(leader_email="")
            .update(leader_name="", leader_email="")
        )
    Questionnaire.objects.filter(created_by=user).update(created_by=None)
    EvaluationReport.objects.filter(submitted_by=user).update(submitted_by=None)
    EvaluationReport.objects.filter(decided_by=user).update(decided_by=None)
    return counts
