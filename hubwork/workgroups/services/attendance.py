"""The attendance register: marking it, and apologies sent in advance.

Every write to `Attendance` goes through the services here, which lock the Work Group row
(as every enrolment write does) and append to the audit log.
"""

from collections import Counter

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from hubwork.accounts.models import User
from hubwork.core.audit import audit
from hubwork.workgroups.models import Attendance, Enrolment, Session, WorkGroup


@transaction.atomic
def register_record(*, session: Session, marks: dict[int, str], by: User) -> dict[str, int]:
    """Save a session's register in one go: `marks` maps enrolment ids to a status.

    Only people on this Work Group's register may be marked; anyone else fails the whole
    register, so nothing is half-saved. Returns how many were marked with each status.
    """
    work_group = WorkGroup.objects.select_for_update().get(pk=session.work_group_id)
    if session.is_cancelled:
        raise ValidationError("This session was cancelled, so it has no register.")
    statuses = set(Attendance.Status.values)
    if bad := sorted(status for status in marks.values() if status not in statuses):
        raise ValidationError(f"{bad[0]!r} is not a way to mark attendance.")
    people = set(
        Enrolment.objects.filter(
            work_group_id=session.work_group_id, status__in=Enrolment.MEMBERS, pk__in=marks
        ).values_list("pk", flat=True)
    )
    if strangers := sorted(set(marks) - people):
        raise ValidationError(
            "Only people taking part in this Work Group can be marked: "
            f"enrolment {', '.join(map(str, strangers))} is not on this register."
        )

    existing = {
        attendance.enrolment_id: attendance
        for attendance in Attendance.objects.filter(session=session, enrolment_id__in=marks)
    }
    created: list[Attendance] = []
    changed: list[Attendance] = []
    for enrolment_id, status in marks.items():
        attendance = existing.get(enrolment_id)
        if attendance is None:
            created.append(
                Attendance(
                    enrolment_id=enrolment_id, session=session, status=status, recorded_by=by
                )
            )
        elif attendance.status != status:
            attendance.status = status
            attendance.recorded_by = by
            attendance.updated_at = timezone.now()
            changed.append(attendance)
    Attendance.objects.bulk_create(created)
    Attendance.objects.bulk_update(changed, ["status", "recorded_by", "updated_at"])

    counts = dict(Counter(marks.values()))
    if created or changed:
        audit(
            by,
            "attendance.recorded",
            session,
            hub=work_group.hub_id,
            work_group=work_group.pk,
            counts=counts,
            newly_marked=len(created),
            # Changing a mark made earlier is an edit to the record, and says so.
            changed=[
                {"enrolment": attendance.enrolment_id, "status": attendance.status}
                for attendance in changed
            ],
        )
    return counts


@transaction.atomic
def apologies_send(*, enrolment: Enrolment, session: Session, note: str, by: User) -> Attendance:
    """A participant sends apologies, in advance, for a session of their Work Group.

    The register then shows them with apologies already chosen, and the note beside them.
    """
    work_group = WorkGroup.objects.select_for_update().get(pk=enrolment.work_group_id)
    if session.work_group_id != enrolment.work_group_id:
        raise ValidationError("That session is not part of this Work Group.")
    if enrolment.status not in Enrolment.MEMBERS:
        raise ValidationError("Only people with a place can send apologies.")
    if session.is_cancelled:
        raise ValidationError("This session was cancelled, so there is no need to send apologies.")
    if session.starts() <= timezone.now():
        raise ValidationError("Apologies can only be sent before the session starts.")
    attendance, created = Attendance.objects.get_or_create(
        enrolment=enrolment,
        session=session,
        defaults={"status": Attendance.Status.APOLOGIES, "note": note, "recorded_by": by},
    )
    if not created:
        attendance.status = Attendance.Status.APOLOGIES
        attendance.note = note
        attendance.recorded_by = by
        attendance.save(update_fields=["status", "note", "recorded_by", "updated_at"])
    audit(
        by,
        "attendance.apologies_sent",
        session,
        hub=work_group.hub_id,
        enrolment=enrolment.pk,
        note=note,
    )
    return attendance
