"""Demo content for the homes of hub staff and leads: something for each to act on today.

Three GLOW Work Groups dated from the day the demo is loaded, so that whenever it is loaded:

- Mastering Number, Dudley twilight (led by the demo LLME): a session a week ago with no
  register, one in nine days with no plan, a member offered a place and two waiting, and two
  trials shared since the last session (so most of its twelve members show as quiet);
- Years 5–8 Continuity, autumn taster (led by the demo LLME): both its sessions held and
  registered, its completion still to decide;
- Sustaining Teaching for Mastery, Sandwell spring (places by hub review): four sign-ups
  waiting for the hub to review them.

Leads of Work Groups see participants' details, so, like staff, they get an authenticator
app (the demo code works for them too).
"""

from datetime import date, time, timedelta

from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.utils import timezone

from hubwork.accounts.models import User
from hubwork.core.academic_years import AcademicYear
from hubwork.hubs.models import Hub
from hubwork.practice.services.trials import trial_create
from hubwork.programmes.models import Mode, Programme
from hubwork.schools.models import School
from hubwork.workgroups.models import Allocation, Attendance, Enrolment, WorkGroup
from hubwork.workgroups.services.attendance import register_record
from hubwork.workgroups.services.sessions import session_add
from hubwork.workgroups.services.work_groups import work_group_create, work_group_set_status

LLME = "llme@example.org"


def _within(year: AcademicYear, day: date) -> date:
    """`day`, moved into the academic year if it falls outside it."""
    return min(max(day, year.starts_on + timedelta(days=1)), year.ends_on)


def _teachers(numbers: range) -> list[User]:
    return list(
        User.objects.filter(
            email__in=[f"teacher{number}@example.org" for number in numbers]
        ).order_by("pk")
    )


def _work_group(
    *,
    hub: Hub,
    code: str,
    programme_slug: str,
    title: str,
    leads: list[User],
    capacity: int,
    offsets: list[int],
    by: User,
    allocation: str = Allocation.FIRST_COME,
) -> WorkGroup | None:
    """The Work Group with its sessions `offsets` days from today, or None if it exists."""
    year = AcademicYear.current()
    if WorkGroup.objects.filter(hub=hub, academic_year=year.start_year, code=code).exists():
        return None
    programme = Programme.objects.get(slug=programme_slug)
    work_group = work_group_create(
        hub=hub,
        leads=leads,
        by=by,
        programme=programme,
        academic_year=year.start_year,
        code=code,
        title=title,
        description=programme.summary,
        capacity=capacity,
        per_school_limit=3,
        mode=Mode.FACE_TO_FACE,
        venue="Northgate All-through School, Dudley",
        allocation=allocation,
    )
    today = timezone.localdate()
    for offset in offsets:
        session_add(
            work_group=work_group,
            date=_within(year, today + timedelta(days=offset)),
            starts_at=time(15, 45),
            ends_at=time(17, 45),
            mode=Mode.FACE_TO_FACE,
            venue="Northgate All-through School, Dudley",
            by=by,
        )
    return work_group


def _place(work_group: WorkGroup, people: list[tuple[User, School, str]]) -> list[Enrolment]:
    """Demo sign-ups are placed directly, as in the other demo Work Groups."""
    now = timezone.now()
    return Enrolment.objects.bulk_create(
        Enrolment(
            work_group=work_group,
            user=user,
            school=school,
            status=status,
            role=Enrolment.Role.CLASS_TEACHER,
            leader_supports=True,
            requested_at=now - timedelta(days=60 - position),
            offer_expires_at=now + timedelta(hours=48)
            if status == Enrolment.Status.OFFERED
            else None,
        )
        for position, (user, school, status) in enumerate(people)
    )


def _from_schools(
    teachers: list[User], schools: list[School], status: str
) -> list[tuple[User, School, str]]:
    """Each teacher from the next school in turn."""
    return [(teacher, schools[n % len(schools)], status) for n, teacher in enumerate(teachers)]


def _register(work_group: WorkGroup, enrolments: list[Enrolment], number: int, by: User) -> None:
    session = work_group.sessions.get(number=number)
    marks: dict[int, str] = {
        enrolment.pk: Attendance.Status.ABSENT if position % 5 == 4 else Attendance.Status.PRESENT
        for position, enrolment in enumerate(enrolments)
    }
    register_record(session=session, marks=marks, by=by)


def seed_staff_home(*, hubs: dict[str, Hub], by: User) -> int:
    """Create the missing Work Groups above, and authenticator apps for every lead."""
    created = 0
    glow = hubs["glow"]
    llme = User.objects.get(email=LLME)
    co_lead = User.objects.filter(email="llme2-glow@example.org").first() or llme
    schools = list(School.objects.order_by("urn"))
    teachers = _teachers(range(1, 25))
    status = Enrolment.Status

    twilight = _work_group(
        hub=glow,
        code="GLOW-MN-TW",
        programme_slug="mastering-number",
        title="Mastering Number: Dudley twilight",
        leads=[llme],
        capacity=14,
        offsets=[-28, -7, 9, 37],
        by=by,
    )
    if twilight is not None:
        people = _from_schools(teachers[:12], schools, status.ENROLLED)
        people += [(teachers[12], schools[0], status.OFFERED)]
        people += [(teacher, schools[1], status.WAITLISTED) for teacher in teachers[13:15]]
        enrolments = _place(twilight, people)
        work_group_set_status(work_group=twilight, status=WorkGroup.Status.RUNNING, by=by)
        members = enrolments[:12]
        _register(twilight, members, 1, by=llme)
        since = twilight.sessions.get(number=2).date
        for enrolment, what in [
            (members[1], "Counting on from the larger number with a bead string."),
            (members[9], "A daily five-minute subitising warm-up with dot cards."),
        ]:
            trial_create(
                author=enrolment.user,
                work_group=twilight,
                gap_task=None,
                own_idea="Number sense warm-ups",
                class_or_year_group="Year 1",
                tried_on=min(since + timedelta(days=2), timezone.localdate()),
                what_tried=what,
                what_happened="Most of the class joined in by the third day.",
                share=True,
            )
        created += 1 + len(people) + 2

    taster = _work_group(
        hub=glow,
        code="GLOW-Y58-AT",
        programme_slug="years-5-8-continuity",
        title="Years 5–8 Continuity: autumn taster",
        leads=[llme],
        capacity=8,
        offsets=[-45, -16],
        by=by,
    )
    if taster is not None:
        enrolments = _place(taster, _from_schools(teachers[15:21], schools, status.ENROLLED))
        work_group_set_status(work_group=taster, status=WorkGroup.Status.RUNNING, by=by)
        for number in (1, 2):
            _register(taster, enrolments, number, by=llme)
        created += 1 + len(enrolments)

    review = _work_group(
        hub=glow,
        code="GLOW-SfM-RV",
        programme_slug="sustaining-teaching-for-mastery",
        title="Sustaining Teaching for Mastery: Sandwell spring (places by hub review)",
        leads=[co_lead],
        capacity=12,
        offsets=[70, 110, 150],
        by=by,
        allocation=Allocation.REVIEW,
    )
    if review is not None:
        interested = _place(review, _from_schools(teachers[20:24], schools, status.INTERESTED))
        work_group_set_status(work_group=review, status=WorkGroup.Status.OPEN, by=by)
        created += 1 + len(interested)

    for lead in User.objects.filter(led_work_groups__isnull=False).distinct():
        if not Authenticator.objects.filter(user=lead, type=Authenticator.Type.TOTP).exists():
            TOTP.activate(lead, generate_totp_secret())
            created += 1
    return created
