"""Demo Work Groups: the seeded programmes run by the demo hubs this academic year and last."""

from datetime import date, time, timedelta

from allauth.account.models import EmailAddress

from hubwork.accounts.models import User
from hubwork.core.academic_years import AcademicYear
from hubwork.hubs.models import Hub, HubRole
from hubwork.hubs.services import hub_role_grant
from hubwork.programmes.models import Mode, Programme
from hubwork.schools.models import School
from hubwork.workgroups.models import Attendance, Enrolment, WorkGroup
from hubwork.workgroups.services.attendance import register_record
from hubwork.workgroups.services.completion import completion_apply
from hubwork.workgroups.services.sessions import session_add
from hubwork.workgroups.services.work_groups import work_group_create, work_group_set_status

# (programme slug, short code, capacity, mode, venue) run by every demo hub each year.
RUNS = [
    ("sustaining-teaching-for-mastery", "SfM", 20, Mode.FACE_TO_FACE, "Hub lead school"),
    ("mastering-number", "MN", 24, Mode.ONLINE, "Online across the hub's area"),
    ("years-5-8-continuity", "Y58", 16, Mode.BLENDED, "Partner secondary school"),
    ("riwg-oracy", "ORA", 12, Mode.FACE_TO_FACE, "Hub lead school"),
]
# Session dates as (month, week of the month): autumn, spring and summer terms.
PATTERN = [(10, 1), (1, 3), (4, 4)]


def _tuesday(year: AcademicYear, month: int, week: int) -> date:
    calendar_year = year.start_year if month >= 9 else year.start_year + 1
    first = date(calendar_year, month, 1)
    first_tuesday = first + timedelta(days=(1 - first.weekday()) % 7)
    return first_tuesday + timedelta(weeks=week - 1)


def _person(email: str, name: str, password: str) -> tuple[User, int]:
    user = User.objects.filter(email=email).first()
    if user is not None:
        return user, 0
    user = User.objects.create_user(email, password, display_name=name)
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    return user, 1


def seed_work_groups(*, hubs: dict[str, Hub], by: User, password: str) -> int:
    """Create the missing demo Work Groups, their leads, sessions and some sign-ups."""
    created = 0
    programmes = {programme.slug: programme for programme in Programme.objects.all()}
    this_year = AcademicYear.current()
    teachers = []
    for number in range(1, 25):
        teacher, new = _person(f"teacher{number}@example.org", f"Demo Teacher {number}", password)
        teachers.append(teacher)
        created += new
    participant = User.objects.get(email="participant@example.org")
    for slug, hub in hubs.items():
        leads = []
        for number in (1, 2):
            lead, new = _person(
                f"llme{number}-{slug}@example.org", f"{hub.name.split()[0]} LLME {number}", password
            )
            created += new
            if not HubRole.objects.current().filter(hub=hub, user=lead).exists():
                hub_role_grant(hub=hub, user=lead, role=HubRole.Kind.LLME, by=by)
            leads.append(lead)
        if slug == "glow":
            leads[0] = User.objects.get(email="llme@example.org")
        schools = list(School.objects.filter(local_authority__hub_area__hub=hub).order_by("urn"))
        for year in (this_year.previous(), this_year):
            for index, (programme_slug, short, capacity, mode, venue) in enumerate(RUNS):
                code = f"{slug.upper()}-{short}-{year.start_year % 100:02d}"
                if WorkGroup.objects.filter(
                    hub=hub, academic_year=year.start_year, code=code
                ).exists():
                    continue
                programme = programmes[programme_slug]
                work_group = work_group_create(
                    hub=hub,
                    leads=leads if index % 2 == 0 else leads[:1],
                    by=by,
                    programme=programme,
                    academic_year=year.start_year,
                    code=code,
                    title=f"{programme.name}: {hub.name.replace(' Maths Hub', '')} {year.label}",
                    description=programme.summary,
                    capacity=capacity,
                    per_school_limit=2,
                    mode=mode,
                    venue=venue,
                    # This year's groups still take people who join from the spring term.
                    recruitment_closes_on=_tuesday(year, 9, 3)
                    if year < this_year
                    else _tuesday(year, 1, 2),
                )
                created += 1
                for month, week in PATTERN:
                    session_add(
                        work_group=work_group,
                        date=_tuesday(year, month, week),
                        starts_at=time(15, 45) if mode == Mode.ONLINE else time(13, 0),
                        ends_at=time(17, 15) if mode == Mode.ONLINE else time(16, 0),
                        mode=mode,
                        venue="" if mode == Mode.ONLINE else venue,
                        joining_link=""
                        if mode == Mode.FACE_TO_FACE
                        else "https://meet.example.org/hubwork-demo",
                        by=by,
                    )
                past = year < this_year
                status = WorkGroup.Status.OPEN
                # Sign-ups: a few teachers each; GLOW's Oracy group is full this year.
                taking = capacity if (slug == "glow" and short == "ORA" and not past) else 3 + index
                people = list(zip(teachers[:taking], schools * 12, strict=False))
                if slug == "glow" and short == "SfM" and schools:
                    people.append((participant, schools[0]))
                # Demo sign-ups are placed directly: the allocation rules are for real ones.
                enrolments = Enrolment.objects.bulk_create(
                    Enrolment(
                        work_group=work_group,
                        user=teacher,
                        school=school,
                        status=Enrolment.Status.ENROLLED,
                        role=Enrolment.Role.CLASS_TEACHER,
                        leader_supports=True,
                    )
                    for teacher, school in people
                )
                if taking >= capacity and not past:
                    status = WorkGroup.Status.FULL
                work_group_set_status(
                    work_group=work_group,
                    status=WorkGroup.Status.RUNNING if past else status,
                    by=by,
                )
                if past:
                    # Last year's registers: most came to every session, a few missed some;
                    # applying the programme's rule then records completions and engagement.
                    for number, session in enumerate(work_group.sessions.all()):
                        marks: dict[int, str] = {
                            enrolment.pk: (
                                Attendance.Status.ABSENT
                                if (position + number) % 7 == 0
                                else Attendance.Status.PRESENT
                            )
                            for position, enrolment in enumerate(enrolments)
                        }
                        register_record(session=session, marks=marks, by=by)
                    completion_apply(work_group=work_group, by=by)
    return created
