"""The evaluation app's part of a person's data (core/privacy.py): the forms they were asked
to answer (invitations, with when they were sent and reminded), their responses with each
answer beside the question's wording, the questionnaires they wrote, the Work Group reports
they submitted or decided on, and school leader requests addressed to them (and enrolments
naming them as a school leader).

On erasure their answers stay only as anonymous aggregates (evaluation/services/erasure.py);
an enrolment naming them as school leader forgets them (workgroups/services/erasure.py).
"""

from typing import Any

from hubwork.accounts.models import User
from hubwork.core.privacy import ExportPart, PersonalData, register_personal_data, rows
from hubwork.evaluation.models import (
    Answer,
    EvaluationReport,
    Invitation,
    Item,
    Questionnaire,
    Response,
    Wave,
)
from hubwork.evaluation.services.erasure import evaluation_data_erase
from hubwork.workgroups.models import Enrolment


def _form_name(wave: str) -> str:
    return str(Wave(wave).label) if wave in Wave.values else wave


def answer_as_text(answer: Answer) -> str:
    """An answer as the person gave it: the scale point's label, the chosen options, the
    number or the words they wrote."""
    item = answer.item
    if item.kind == Item.Kind.FREE_TEXT:
        return answer.text
    if item.kind == Item.Kind.MULTIPLE_CHOICE:
        picked = answer.choice_list or []
        return "; ".join(
            item.choices[index] if 0 <= index < len(item.choices) else str(index)
            for index in picked
        )
    if answer.number is None:
        return answer.text
    if item.kind == Item.Kind.SCALE and 1 <= answer.number <= len(item.scale_labels):
        return f"{answer.number} – {item.scale_labels[answer.number - 1]}"
    if item.kind == Item.Kind.SINGLE_CHOICE and 0 <= answer.number < len(item.choices):
        return str(item.choices[answer.number])
    return str(answer.number)


def evaluation_data_export(user: User) -> ExportPart:
    invitations = (
        Invitation.objects.filter(user=user)
        .select_related("work_group", "session")
        .order_by("created_at", "pk")
    )
    responses = (
        Response.objects.of(user)
        .select_related("work_group", "session", "questionnaire")
        .order_by("submitted_at", "pk")
    )
    answers = (
        Answer.objects.filter(response__in=responses.values("pk"))
        .select_related("item")
        .order_by("response_id", "item__position", "item_id")
    )
    tables: dict[str, list[dict[str, Any]]] = {
        "invitations": [
            {
                "id": invitation.pk,
                "form": _form_name(invitation.wave),
                "work_group": invitation.work_group.title,
                "session_number": invitation.session.number if invitation.session else None,
                "session_date": invitation.session.date if invitation.session else None,
                "sent_at": invitation.sent_at,
                "reminders_sent": invitation.reminders_sent,
                "last_sent_at": invitation.last_sent_at,
                "nudged_at": invitation.nudged_at,
                "created_at": invitation.created_at,
            }
            for invitation in invitations
        ],
        "responses": [
            {
                "id": response.pk,
                "form": _form_name(response.wave),
                "questionnaire": response.questionnaire.title,
                "questionnaire_version": response.questionnaire.version,
                "work_group": response.work_group.title,
                "session_number": response.session.number if response.session else None,
                "submitted_at": response.submitted_at,
                "updated_at": response.updated_at,
            }
            for response in responses
        ],
        "answers": [
            {
                "response_id": answer.response_id,
                "question": answer.item.text,
                "answer": answer_as_text(answer),
            }
            for answer in answers
        ],
        "school_leader_requests": rows(
            Invitation.objects.filter(
                wave=Wave.SCHOOL_LEADER, leader_email__iexact=user.email
            ).order_by("created_at", "pk")
            if user.email
            else Invitation.objects.none(),
            "work_group__title",
            "school__name",
            "leader_name",
            "leader_email",
            "sent_at",
            "reminders_sent",
            "last_sent_at",
        ),
        "named_as_school_leader": rows(
            Enrolment.objects.filter(school_leader_email__iexact=user.email).order_by("pk")
            if user.email
            else Enrolment.objects.none(),
            "work_group__title",
            "school__name",
            "school_leader_name",
            "school_leader_email",
        ),
        "questionnaires_written": rows(
            Questionnaire.objects.filter(created_by=user).order_by("created_at", "pk"),
            "programme__name",
            "kind",
            "version",
            "title",
            "created_at",
        ),
        "reports_submitted": rows(
            EvaluationReport.objects.filter(submitted_by=user).order_by("submitted_at", "pk"),
            "work_group__title",
            "work_group__academic_year",
            "status",
            "submitted_at",
            "decided_at",
        ),
        "reports_decided": rows(
            EvaluationReport.objects.filter(decided_by=user).order_by("decided_at", "pk"),
            "work_group__title",
            "work_group__academic_year",
            "status",
            "submitted_at",
            "decided_at",
            "comments",
        ),
    }
    return ExportPart(tables=tables)


register_personal_data(
    PersonalData(
        name="evaluation",
        covers=frozenset(
            {
                "evaluation.Questionnaire.created_by",
                "evaluation.Invitation.user",
                "evaluation.Response.respondent",
                "evaluation.EvaluationReport.submitted_by",
                "evaluation.EvaluationReport.decided_by",
            }
        ),
        export=evaluation_data_export,
        erase=evaluation_data_erase,
    )
)
