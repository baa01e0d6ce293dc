"""Completing a Work Group: the programme's rule applied when it ends, and manual overrides.

A school has engaged in an academic year once one of its participants completed; that is
stored here, as completions are recorded, so reports never have to work it out.
"""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Q

from hubwork.accounts.models import User
from hubwork.core.audit import audit
from hubwork.workgroups.attendance import ATTENDED, register_people, sessions_held
from hubwork.workgroups.models import Enrolment, SchoolEngagement, WorkGroup


@dataclass
class CompletionLine:
    enrolment: Enrolment
    attended: int
    meets_rule: bool


@dataclass
class CompletionReport:
    """Who completes under the rule, who does not, and what the rule asked for."""

    required: int
    held: int
    completed: list[CompletionLine]
    not_completed: list[CompletionLine]


def sessions_required(work_group: WorkGroup, *, held: int) -> int:
    """The programme's minimum, or every session that went ahead when it sets none."""
    minimum = work_group.programme.completion_min_sessions
    return held if minimum is None else minimum


def completion_preview(work_group: WorkGroup) -> CompletionReport:
    """What applying the completion rule would do now (two queries, plus the programme).

    People already completed stay completed: a manual override is not undone by the rule.
    """
    held_ids = list(sessions_held(work_group).values_list("pk", flat=True))
    required = sessions_required(work_group, held=len(held_ids))
    people = register_people(work_group).annotate(
        attended=Count(
            "attendances",
            filter=Q(attendances__session_id__in=held_ids, attendances__status__in=ATTENDED),
        )
    )
    completed: list[CompletionLine] = []
    not_completed: list[CompletionLine] = []
    for enrolment in people:
        meets_rule = bool(held_ids) and enrolment.attended >= required
        line = CompletionLine(enrolment, enrolment.attended, meets_rule)
        if meets_rule or enrolment.status == Enrolment.Status.COMPLETED:
            completed.append(line)
        else:
            not_completed.append(line)
    return CompletionReport(
        required=required, held=len(held_ids), completed=completed, not_completed=not_completed
    )


def _engagement_record(enrolment: Enrolment, academic_year: int) -> None:
    SchoolEngagement.objects.get_or_create(
        school_id=enrolment.school_id,
        academic_year=academic_year,
        defaults={"first_completion": enrolment},
    )


def _engagement_withdraw(enrolment: Enrolment, academic_year: int) -> None:
    """Keep the school's engagement true once `enrolment` no longer counts as completed."""
    engagement = SchoolEngagement.objects.filter(
        school_id=enrolment.school_id, academic_year=academic_year
    ).first()
    if engagement is None:
        return
    others = (
        Enrolment.objects.filter(
            school_id=enrolment.school_id,
            work_group__academic_year=academic_year,
            status=Enrolment.Status.COMPLETED,
        )
        .exclude(pk=enrolment.pk)
        .order_by("updated_at", "pk")
    )
    other = others.first()
    if other is None:
        engagement.delete()
    elif engagement.first_completion_id in (None, enrolment.pk):
        engagement.first_completion = other
        engagement.save(update_fields=["first_completion"])


@transaction.atomic
def completion_apply(*, work_group: WorkGroup, by: User) -> CompletionReport:
    """Apply the programme's completion rule as the Work Group ends.

    Everyone present or late at enough of the sessions that went ahead completes, their
    schools are recorded as engaged this year, and the Work Group is marked completed.
    """
    work_group = (
        WorkGroup.objects.select_for_update().select_related("programme").get(pk=work_group.pk)
    )
    if work_group.status in (WorkGroup.Status.DRAFT, WorkGroup.Status.CANCELLED):
        raise ValidationError(
            f"A Work Group that is {work_group.get_status_display().lower()} cannot be completed."
        )
    report = completion_preview(work_group)
    if not report.held:
        raise ValidationError("No sessions have gone ahead yet, so nobody can complete.")
    newly_completed = [
        line.enrolment
        for line in report.completed
        if line.enrolment.status == Enrolment.Status.ENROLLED
    ]
    for enrolment in newly_completed:
        enrolment.status = Enrolment.Status.COMPLETED
        enrolment.save(update_fields=["status", "updated_at"])
    for line in report.completed:
        _engagement_record(line.enrolment, work_group.academic_year)
    if work_group.status != WorkGroup.Status.COMPLETED:
        work_group.status = WorkGroup.Status.COMPLETED
        work_group.save(update_fields=["status", "updated_at"])
    audit(
        by,
        "work_group.completion_applied",
        work_group,
        required=report.required,
        sessions_held=report.held,
        completed=[line.enrolment.pk for line in report.completed],
        newly_completed=[enrolment.pk for enrolment in newly_completed],
        not_completed={line.enrolment.pk: line.attended for line in report.not_completed},
    )
    return report


@transaction.atomic
def completion_override(
    *, enrolment: Enrolment, completed: bool, by: User, reason: str
) -> Enrolment:
    """Mark one person completed, or not, whatever the rule says; a reason is required."""
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": "Give a reason for changing the completion."})
    work_group = WorkGroup.objects.select_for_update().get(pk=enrolment.work_group_id)
    enrolment = Enrolment.objects.select_related("user").get(pk=enrolment.pk)
    if completed and enrolment.status != Enrolment.Status.ENROLLED:
        raise ValidationError(
            f"Only someone enrolled can be marked completed; they are "
            f"{enrolment.get_status_display().lower()}."
        )
    if not completed and enrolment.status != Enrolment.Status.COMPLETED:
        raise ValidationError("They have not completed, so there is nothing to undo.")
    enrolment.status = Enrolment.Status.COMPLETED if completed else Enrolment.Status.ENROLLED
    enrolment.save(update_fields=["status", "updated_at"])
    if completed:
        _engagement_record(enrolment, work_group.academic_year)
    else:
        _engagement_withdraw(enrolment, work_group.academic_year)
    audit(
        by,
        "enrolment.completion_overridden",
        enrolment,
        hub=work_group.hub_id,
        completed=completed,
        reason=reason,
    )
    return enrolment
