"""Who is on a register, which sessions went ahead, and attendance rates."""

from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from django.db.models import QuerySet
from django.utils import timezone

from hubwork.workgroups.models import Attendance, Enrolment, Session, WorkGroup
from hubwork.workgroups.selectors.continuation import continuing_label


def register_people(work_group: WorkGroup) -> QuerySet[Enrolment]:
    """The enrolments a Work Group's register lists, in name order, with person and school."""
    return (
        Enrolment.objects.filter(work_group=work_group, status__in=Enrolment.MEMBERS)
        .select_related("user", "school")
        .annotate(continuing_label=continuing_label())
        .order_by("user__display_name", "pk")
    )


def register_marks(*, session: Session, people: list[Enrolment]) -> dict[int, Attendance]:
    """The marks already made on a session's register for these people, by enrolment id."""
    return {
        mark.enrolment_id: mark
        for mark in Attendance.objects.filter(
            session=session, enrolment__in=[enrolment.pk for enrolment in people]
        )
    }


def apologies_sent(*, enrolment: Enrolment, session: Session) -> Attendance | None:
    """The apologies a person has sent for a session, if they have."""
    return Attendance.objects.filter(
        enrolment=enrolment, session=session, status=Attendance.Status.APOLOGIES
    ).first()


def sessions_held(work_group: WorkGroup, *, today: date | None = None) -> QuerySet[Session]:
    """Sessions that went ahead: not cancelled, and dated today or earlier."""
    return work_group.sessions.exclude(status=Session.Status.CANCELLED).filter(
        date__lte=today or timezone.localdate()
    )


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
        return sum(counts[status] for status in Attendance.ATTENDED)

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
