"""The attendance register: marking it, apologies sent in advance, and attendance rates.

Every write to `Attendance` goes through the services here, which lock the Work Group row
(as every enrolment write does) and append to the audit log.
"""

from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from hubwork.accounts.models import User
from hubwork.core.audit import audit
from hubwork.workgroups.models import Attendance, Enrolment, Session, WorkGroup

# Who is on a register: people holding a place, and people who have already completed.
ON_REGISTER = [Enrolment.Status.ENROLLED, Enrolment.Status.COMPLETED]
ATTENDED = [Attendance.Status.PRESENT, Attendance.Status.LATE]


def register_people(work_group: WorkGroup) -> QuerySet[Enrolment]:
    """The enrolments a Work Group's register lists, in name order, with person and school."""
    return (
        Enrolment.objects.filter(work_group=work_group, status__in=ON_REGISTER)
        .select_related("user", "school")
        .order_by("user__display_name", "pk")
    )


def sessions_held(work_group: WorkGroup, *, today: date | None = None) -> QuerySet[Session]:
    """Sessions that went ahead: not cancelled, and dated today or earlier."""
    return work_group.sessions.exclude(status=Session.Status.CANCELLED).filter(
        date__lte=today or timezone.localdate()
    )


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
            work_group_id=session.work_group_id, status__in=ON_REGISTER, pk__in=marks
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
    if enrolment.status not in ON_REGISTER:
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


@dataclass
class Rate:
    """How many of the sessions that went ahead someone attended (present or late)."""

    attended: int
    out_of: int

    @property
    def percent(self) -> int | None:
        return round(100 * self.attended / self.out_of) if self.out_of else None


@dataclass
class PersonAttendance:
    enrolment: Enrolment
    rate: Rate
    counts: Counter[str] = field(default_factory=Counter)


@dataclass
class SessionAttendance:
    session: Session
    held: bool
    counts: Counter[str] = field(default_factory=Counter)
    rate: Rate | None = None

    @property
    def unmarked(self) -> int:
        return self.rate.out_of - sum(self.counts.values()) if self.rate else 0


@dataclass
class AttendanceRates:
    people: list[PersonAttendance]
    sessions: list[SessionAttendance]
    held: int


def attendance_rates(work_group: WorkGroup) -> AttendanceRates:
    """Attendance rates per person and per session: present or late out of the sessions
    that went ahead (cancelled and future sessions do not count). Three queries."""
    today = timezone.localdate()
    sessions = list(work_group.sessions.order_by("number"))
    held_ids = {
        session.pk for session in sessions if not session.is_cancelled and session.date <= today
    }
    people = list(register_people(work_group))
    marks = Attendance.objects.filter(
        enrolment__in=[enrolment.pk for enrolment in people], session_id__in=held_ids
    ).values_list("enrolment_id", "session_id", "status")

    by_person: dict[int, Counter[str]] = {enrolment.pk: Counter() for enrolment in people}
    by_session: dict[int, Counter[str]] = {session_id: Counter() for session_id in held_ids}
    for enrolment_id, session_id, status in marks:
        by_person[enrolment_id][status] += 1
        by_session[session_id][status] += 1

    def attended(counts: Counter[str]) -> int:
        return sum(counts[status] for status in ATTENDED)

    return AttendanceRates(
        people=[
            PersonAttendance(
                enrolment=enrolment,
                rate=Rate(attended(by_person[enrolment.pk]), len(held_ids)),
                counts=by_person[enrolment.pk],
            )
            for enrolment in people
        ],
        sessions=[
            SessionAttendance(
                session=session,
                held=session.pk in held_ids,
                counts=by_session.get(session.pk, Counter()),
                rate=(
                    Rate(attended(by_session[session.pk]), len(people))
                    if session.pk in held_ids
                    else None
                ),
            )
            for session in sessions
        ],
        held=len(held_ids),
    )
