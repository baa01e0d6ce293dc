"""Demo data for readings set for sessions: two readings, each with a guiding question, for
the next session of every demo Work Group the demo participant is a member of or the demo
LLME leads; one added to the session plan; some members have read them, with private notes
and responses shared with the group. Loading again adds only what is missing: a session that
has readings set is left alone."""

from django.utils import timezone

from hubwork.accounts.models import User
from hubwork.hubs.models import Hub
from hubwork.practice.models import Activity
from hubwork.research.models import Reading, ReadingProgress, SessionReading
from hubwork.research.services.session_readings import (
    reading_progress_save,
    session_reading_add_to_plan,
    session_reading_set,
)
from hubwork.workgroups.models import Enrolment, Session, WorkGroup

PARTICIPANT = "participant@example.org"
LLME = "llme@example.org"

# (words of the title to find in the library, the guiding question or task)
READINGS = [
    (
        "shuffling of mathematics problems",
        "Read the introduction and the discussion. Which of your next topics could you mix "
        "with earlier ones in homework, and how would you know it helped?",
    ),
    (
        "test-enhanced learning",
        "Read pages 249 to 252. Which three questions would you ask at the start of your next "
        "lesson to get pupils recalling last week's work?",
    ),
]

RESPONSES = [
    (
        "I will mix fractions questions into the Year 8 homework from now on.",
        "Mixed practice with Year 8 set 3: start with two old topics, one new.",
    ),
    (
        "Try three recall questions on the board as they come in.",
        "Three recall questions at the door worked well with my Year 5s.",
    ),
]


def _next_session(work_group: WorkGroup) -> Session | None:
    return (
        work_group.sessions.filter(date__gte=timezone.localdate(), status=Session.Status.SCHEDULED)
        .order_by("date", "starts_at", "number")
        .first()
    )


def _readings() -> list[tuple[Reading, str]]:
    found = []
    for words, question in READINGS:
        reading = Reading.objects.matching(words).order_by("pk").first()
        if reading is not None:
            found.append((reading, question))
    return found


def seed_research_sessions(*, hubs: dict[str, Hub]) -> int:
    """Set readings for the demo participant's and LLME's next sessions, once."""
    people = {user.email: user for user in User.objects.filter(email__in=[PARTICIPANT, LLME])}
    if not people:
        return 0
    work_groups = WorkGroup.objects.filter(hub__in=hubs.values()).exclude(
        status__in=[WorkGroup.Status.DRAFT, WorkGroup.Status.CANCELLED]
    )
    chosen = list(
        (
            work_groups.filter(
                enrolments__user__email=PARTICIPANT, enrolments__status__in=Enrolment.MEMBERS
            )
            | work_groups.filter(leads__email=LLME)
        )
        .distinct()
        .prefetch_related("leads")
        .order_by("pk")
    )
    readings = _readings()
    created = 0
    for work_group in chosen:
        session = _next_session(work_group)
        if session is None or not readings:
            continue
        if SessionReading.objects.filter(session=session).exists():
            continue
        leads = list(work_group.leads.all())
        lead = people.get(LLME) if people.get(LLME) in leads else (leads[0] if leads else None)
        if lead is None:
            continue
        session.work_group = work_group
        set_readings = [
            session_reading_set(
                session=session, reading=reading, guiding_question=question, by=lead
            )
            for reading, question in readings
        ]
        created += len(set_readings)
        # Only into a plan the leads have begun: a session with no plan yet stays so, for
        # the homes' "no plan yet" reminders.
        if Activity.objects.filter(plan__session=session).exists():
            session_reading_add_to_plan(session_reading=set_readings[0], by=lead)
            created += 1
        created += _seed_progress(work_group, set_readings)
    return created


def _seed_progress(work_group: WorkGroup, set_readings: list[SessionReading]) -> int:
    """The demo participant has read the first reading and shared a response; other members
    have read some, a few sharing a response too."""
    members = list(
        Enrolment.objects.filter(work_group=work_group, status__in=Enrolment.MEMBERS)
        .select_related("user")
        .order_by("pk")
    )
    created = 0
    for index, enrolment in enumerate(members[:4]):
        user = enrolment.user
        is_participant = user.email == PARTICIPANT
        for number, session_reading in enumerate(set_readings):
            if ReadingProgress.objects.filter(session_reading=session_reading, user=user).exists():
                continue
            # The participant has read the first only, so the second is still to do.
            if is_participant and number > 0:
                continue
            if not is_participant and (index + number) % 3 == 2:
                continue
            notes, response = RESPONSES[number % len(RESPONSES)]
            reading_progress_save(
                session_reading=session_reading,
                user=user,
                done=True,
                private_notes=notes if is_participant else "",
                response=response if (is_participant or index % 2 == 0) else "",
                share=is_participant or index % 2 == 0,
            )
            created += 1
    return created
