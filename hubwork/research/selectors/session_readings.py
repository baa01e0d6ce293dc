"""Reads about readings set for sessions: a session's readings for its leads (with how many
members have read each), who has read what, what members should read before their next
sessions, and the group's shared responses. Each keeps a fixed number of queries however
many members and readings there are."""

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from django.conf import settings
from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone

from hubwork.accounts.models import User
from hubwork.practice.models import Activity
from hubwork.practice.reminder_items import ReminderLine
from hubwork.research.models import Reading, ReadingProgress, SessionReading
from hubwork.research.services.session_readings import plan_activity_title
from hubwork.workgroups.models import Enrolment, Session, WorkGroup

MAX_CANDIDATES = 20


def member_count(work_group: WorkGroup) -> int:
    return Enrolment.objects.filter(work_group=work_group, status__in=Enrolment.MEMBERS).count()


def readings_set_for(session: Session) -> list[SessionReading]:
    """The session's readings in order, each with `done_count` and `shared_count` (members
    only) and `in_plan` (whether the session plan holds its activity)."""
    members = Enrolment.objects.filter(
        work_group_id=session.work_group_id, status__in=Enrolment.MEMBERS
    ).values("user_id")
    readings: list[SessionReading] = list(
        SessionReading.objects.filter(session=session)
        .select_related("reading")
        .annotate(
            done_count=Count(
                "progress",
                filter=Q(progress__done_at__isnull=False, progress__user__in=members),
                distinct=True,
            ),
            shared_count=Count(
                "progress",
                filter=Q(
                    progress__shared_at__isnull=False,
                    progress__user__in=members,
                )
                & ~Q(progress__response=""),
                distinct=True,
            ),
        )
        .order_by("position", "pk")
    )
    titles = set(
        Activity.objects.filter(plan__session=session, kind=Activity.Kind.RESEARCH).values_list(
            "title", flat=True
        )
    )
    for session_reading in readings:
        session_reading.session = session
        session_reading.in_plan = (  # type: ignore[attr-defined]
            session_reading.activity_id is not None
            or plan_activity_title(session_reading.reading) in titles
        )
    return readings


def reading_candidates(session: Session, text: str) -> list[Reading]:
    """Readings in the library matching `text` (title, authors or summary) that are not set
    for the session yet, the best-known first."""
    if not text.strip():
        return []
    return list(
        Reading.objects.matching(text)
        .exclude(set_for__session=session)
        .select_related("hub")
        .order_by("title_key", "year", "pk")[:MAX_CANDIDATES]
    )


@dataclass
class MemberRow:
    enrolment: Enrolment
    cells: list[ReadingProgress | None]

    @property
    def done_count(self) -> int:
        return sum(1 for progress in self.cells if progress and progress.is_done)


@dataclass
class SharedResponse:
    session_reading: SessionReading
    progress: ReadingProgress


@dataclass
class WhoHasRead:
    readings: list[SessionReading]
    rows: list[MemberRow]
    done_counts: list[int]
    shared: list[SharedResponse] = field(default_factory=list)


def who_has_read(session: Session) -> WhoHasRead:
    """Members × the session's readings: who has marked each read, and the responses they
    shared with the group. Three queries, however many members and readings."""
    readings = list(
        SessionReading.objects.filter(session=session)
        .select_related("reading")
        .order_by("position", "pk")
    )
    enrolments = list(
        Enrolment.objects.filter(work_group_id=session.work_group_id, status__in=Enrolment.MEMBERS)
        .select_related("user", "school")
        .order_by("user__display_name", "user__email", "pk")
    )
    progress = {
        (item.session_reading_id, item.user_id): item
        for item in ReadingProgress.objects.filter(
            session_reading__in=[reading.pk for reading in readings],
            user_id__in=[enrolment.user_id for enrolment in enrolments],
        )
    }
    rows = [
        MemberRow(
            enrolment=enrolment,
            cells=[progress.get((reading.pk, enrolment.user_id)) for reading in readings],
        )
        for enrolment in enrolments
    ]
    done_counts = [
        sum(1 for row in rows if (cell := row.cells[index]) and cell.is_done)
        for index in range(len(readings))
    ]
    by_user = {enrolment.user_id: enrolment for enrolment in enrolments}
    order = {reading.pk: index for index, reading in enumerate(readings)}
    by_pk = {reading.pk: reading for reading in readings}
    shared = sorted(
        (
            SharedResponse(session_reading=by_pk[item.session_reading_id], progress=item)
            for item in progress.values()
            if item.is_shared
        ),
        key=lambda response: (
            order[response.session_reading.pk],
            response.progress.shared_at,
            response.progress.pk,
        ),
    )
    for response in shared:
        response.progress.user = by_user[response.progress.user_id].user
    return WhoHasRead(readings=readings, rows=rows, done_counts=done_counts, shared=shared)


# --- For members ------------------------------------------------------------------------------


@dataclass
class ReadingForMember:
    session_reading: SessionReading
    progress: ReadingProgress | None

    @property
    def is_done(self) -> bool:
        return self.progress is not None and self.progress.is_done


@dataclass
class SessionReadings:
    session: Session
    readings: list[ReadingForMember]


def _with_progress(
    session_readings: Sequence[SessionReading], user: User
) -> list[ReadingForMember]:
    progress = {
        item.session_reading_id: item
        for item in ReadingProgress.objects.filter(
            session_reading__in=[item.pk for item in session_readings], user=user
        )
    }
    return [
        ReadingForMember(session_reading=item, progress=progress.get(item.pk))
        for item in session_readings
    ]


def readings_before_next_sessions(
    user: User, *, today: date | None = None
) -> list[SessionReadings]:
    """For each Work Group `user` is a member of, its next session (today or later, not
    cancelled) that has readings set, with their progress on each. Two queries."""
    today = today or timezone.localdate()
    set_readings = list(
        SessionReading.objects.filter(
            session__work_group_id__in=Enrolment.objects.filter(
                user=user, status__in=Enrolment.MEMBERS
            ).values("work_group_id"),
            session__date__gte=today,
        )
        .exclude(session__status=Session.Status.CANCELLED)
        .select_related("reading", "session__work_group__hub")
        .order_by("session__date", "session__starts_at", "session_id", "position", "pk")
    )
    first_session: dict[int, int] = {}
    for item in set_readings:
        first_session.setdefault(item.session.work_group_id, item.session_id)
    chosen = [
        item
        for item in set_readings
        if first_session[item.session.work_group_id] == item.session_id
    ]
    grouped: dict[int, SessionReadings] = {}
    for entry in _with_progress(chosen, user):
        session = entry.session_reading.session
        grouped.setdefault(session.pk, SessionReadings(session=session, readings=[]))
        grouped[session.pk].readings.append(entry)
    return list(grouped.values())


@dataclass
class GroupSession:
    session: Session
    readings: list[ReadingForMember]
    shared: list[ReadingProgress]
    is_coming: bool


def group_readings(
    work_group: WorkGroup, user: User, *, today: date | None = None
) -> list[GroupSession]:
    """Every session of the Work Group with readings set, coming ones first (soonest first)
    then earlier ones (latest first), with `user`'s own progress on each reading and the
    responses members shared with the group. Three queries."""
    today = today or timezone.localdate()
    set_readings = list(
        SessionReading.objects.filter(session__work_group=work_group)
        .select_related("reading", "session")
        .order_by("session__date", "session__starts_at", "session_id", "position", "pk")
    )
    members = Enrolment.objects.filter(work_group=work_group, status__in=Enrolment.MEMBERS).values(
        "user_id"
    )
    shared = list(
        ReadingProgress.objects.filter(
            session_reading__in=[item.pk for item in set_readings],
            shared_at__isnull=False,
            user__in=members,
        )
        .exclude(response="")
        .select_related("user")
        .order_by("shared_at", "pk")
    )
    grouped: dict[int, GroupSession] = {}
    for entry in _with_progress(set_readings, user):
        session = entry.session_reading.session
        session.work_group = work_group
        if session.pk not in grouped:
            grouped[session.pk] = GroupSession(
                session=session,
                readings=[],
                shared=[],
                is_coming=session.date >= today and not session.is_cancelled,
            )
        grouped[session.pk].readings.append(entry)
    by_reading = {item.pk: item.session_id for item in set_readings}
    for response in shared:
        grouped[by_reading[response.session_reading_id]].shared.append(response)
    sessions = list(grouped.values())
    coming = [item for item in sessions if item.is_coming]
    earlier = [item for item in sessions if not item.is_coming][::-1]
    return coming + earlier


def shared_responses(session_reading: SessionReading) -> list[ReadingProgress]:
    """The responses members shared with the group on one reading, oldest first."""
    members = Enrolment.objects.filter(
        work_group_id=session_reading.session.work_group_id, status__in=Enrolment.MEMBERS
    ).values("user_id")
    return list(
        ReadingProgress.objects.filter(
            session_reading=session_reading, shared_at__isnull=False, user__in=members
        )
        .exclude(response="")
        .select_related("user")
        .order_by("shared_at", "pk")
    )


# --- For the reminder before a session (practice/reminder_items.py) -------------------------

READ_BEFORE = "Read before the session"


def readings_not_done(session: Session, user_ids: Sequence[int]) -> dict[int, list[ReminderLine]]:
    """For each of `user_ids`, the readings set for `session` they have not marked read. Two
    queries."""
    readings = list(
        SessionReading.objects.filter(session=session)
        .select_related("reading")
        .order_by("position", "pk")
    )
    if not readings:
        return {}
    done = set(
        ReadingProgress.objects.filter(
            session_reading__in=readings, user_id__in=user_ids, done_at__isnull=False
        ).values_list("session_reading_id", "user_id")
    )
    lines = {
        item.pk: ReminderLine(
            heading=READ_BEFORE,
            text=item.reading.citation_title,
            detail=item.guiding_question,
            url=settings.SITE_URL + reverse("research:my_reading", kwargs={"pk": item.pk}),
        )
        for item in readings
    }
    answer: dict[int, list[ReminderLine]] = {}
    for user_id in user_ids:
        missing = [lines[item.pk] for item in readings if (item.pk, user_id) not in done]
        if missing:
            answer[user_id] = missing
    return answer
