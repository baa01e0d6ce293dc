"""Completing a Work Group: the programme's rule applied when it ends, and manual overrides.

A school has engaged in an academic year once one of its participants completed; that is
stored here, as completions are recorded, so reports never have to work it out.

Completing a Work Group of a programme that accredits (the PD Lead programme) also grants
its accreditation and makes the participant an LLME of the hub (`_accredit`).
"""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from hubwork.accounts.models import User
from hubwork.core.academic_years import AcademicYear
from hubwork.core.audit import audit
from hubwork.hubs.services import llme_accredit
from hubwork.workgroups.models import Enrolment, SchoolEngagement, WorkGroup
from hubwork.workgroups.selectors.completion import CompletionReport, completion_preview


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


def _accredit(enrolment: Enrolment, work_group: WorkGroup, by: User) -> None:
    """Inside the Work Group's lock, once `enrolment` is completed: when its programme
    accredits, the participant gets the accreditation and becomes an LLME of the hub.

    The accreditation's year is the year the Work Group's academic year ends (a 2026/27
    cohort accredits in 2027), however late its completion is recorded. The LLME role starts
    on 1 September after that academic year, or on the day of completion if that is later;
    hub staff correct it on the LLME's record. Undoing the completion leaves both: hub staff
    remove them there if they should go.
    """
    kind = work_group.programme.accreditation
    if not kind:
        return
    year = AcademicYear(work_group.academic_year)
    starts_on: date = max(year.next().starts_on, timezone.localdate())
    llme_accredit(
        user=enrolment.user,
        hub=work_group.hub,
        kind=kind,
        year_achieved=year.ends_on.year,
        starts_on=starts_on,
        by=by,
        reason=f"completed {work_group.title} ({year.label})",
    )


@transaction.atomic
def completion_apply(*, work_group: WorkGroup, by: User) -> CompletionReport:
    """Apply the programme's completion rule as the Work Group ends.

    Everyone present or late at enough of the sessions that went ahead completes, their
    schools are recorded as engaged this year, and the Work Group is marked completed.
    """
    work_group = (
        WorkGroup.objects.select_for_update()
        .select_related("programme", "hub")
        .get(pk=work_group.pk)
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
        _accredit(enrolment, work_group, by)
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
    work_group = (
        WorkGroup.objects.select_for_update()
        .select_related("programme", "hub")
        .get(pk=enrolment.work_group_id)
    )
    enrolment = Enrolment.objects.select_related("user").get(pk=enrolment.pk)
    if completed == (enrolment.status == Enrolment.Status.COMPLETED):
        raise ValidationError(
            {
                "completed": f"{enrolment.user.display_name} is already "
                f"{'completed' if completed else 'not completed'}."
            }
        )
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
        _accredit(enrolment, work_group, by)
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
