"""Demo LLMEs who lead more than one Work Group, and the groups they lead this academic year.

- Rachel Osei is GLOW's Assistant Maths Hub Lead (Post 16) and one of its LLMEs. She leads
  four Work Groups: Developing Core Maths Pedagogy (three full days face to face), Developing
  A Level Mathematics Pedagogy, Achieving a Level 2 Qualification in Mathematics (secondary
  and post-16, online) and Sustaining Teaching for Mastery for secondary departments.
- Grace Adeyemi and Daniel Hughes co-lead a second cohort of GLOW's Oracy RIWG (the first is
  full). Each is an LLME of a second hub too, Origin and CODE, and leads a Work Group there.

Their participants sign up one at a time, as people do, from schools and colleges this module
adds to the demo register (the demo's first schools include no college in GLOW's area). They
have no password: they sign in with a code sent by email, because hashing a password for each
of them would make seeding slow. Sessions already held have registers, the Core Maths and
Oracy groups have plans and gap tasks, and a few trials are logged. `seed_demo` runs this
after `seed_work_groups`, so the schools added here never join the demo's other groups.
"""

from dataclasses import dataclass
from datetime import date, time, timedelta

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.utils import timezone

from hubwork.accounts.models import User
from hubwork.accounts.services.users import user_create
from hubwork.core.academic_years import AcademicYear
from hubwork.core.choices import Phase
from hubwork.demo.practice import plan_activities
from hubwork.hubs.models import Accreditation, Hub, HubRole
from hubwork.hubs.services import accreditation_save, hub_role_grant
from hubwork.practice.models import Activity, ClassroomTrial
from hubwork.practice.services.gap_tasks import gap_task_create
from hubwork.practice.services.plans import plan_save
from hubwork.practice.services.trials import trial_create
from hubwork.programmes.mechanisms import Mechanism
from hubwork.programmes.models import IntendedOutcome, Mode, Programme
from hubwork.programmes.seeds import ProgrammeSeed, programmes_seed
from hubwork.schools.models import LocalAuthority, School
from hubwork.workgroups.models import Attendance, Enrolment, Session, WorkGroup
from hubwork.workgroups.services.attendance import apologies_send, register_record
from hubwork.workgroups.services.completion import completion_apply
from hubwork.workgroups.services.places import Applicant, interest_express
from hubwork.workgroups.services.sessions import session_add
from hubwork.workgroups.services.work_groups import (
    work_group_create,
    work_group_set_status,
    work_group_update,
)

Area = IntendedOutcome.Area
Kind = Activity.Kind
M = Mechanism
P = School.Phase
Role = Enrolment.Role
MONDAY, TUESDAY, WEDNESDAY, THURSDAY = range(4)

POST16_LEAD = "assistant-hub-lead-post16@example.org"  # in PEOPLE: it is one of the sign-ins
GRACE = "grace.adeyemi@example.org"
DANIEL = "daniel.hughes@example.org"

# (URN, name, phase, establishment type, ages, local authority code, town, postcode): fictional,
# with URNs outside the range GIAS uses, like the demo's first schools.
SCHOOLS = [
    (990010, "Kingsmere Sixth Form College", P.SIXTEEN_PLUS, "Further education", (16, 19),
     "330", "Birmingham", "B15 3AA"),
    (990011, "Castle View College", P.SIXTEEN_PLUS, "Further education", (16, 99),
     "332", "Dudley", "DY1 4AA"),
    (990012, "St Oswald's Catholic High School", P.SECONDARY, "Voluntary aided school",
     (11, 18), "333", "Oldbury", "B69 2AA"),
    (990013, "Hawthorn Heath Academy", P.SECONDARY, "Academy converter", (11, 18),
     "330", "Birmingham", "B23 5AA"),
    (990014, "Lye Valley Primary School", P.PRIMARY, "Community school", (4, 11),
     "332", "Stourbridge", "DY9 8AA"),
    (990015, "Kingfisher Primary School", P.PRIMARY, "Academy converter", (3, 11),
     "333", "Oldbury", "B68 8AA"),
    (990016, "Witham Meadows Primary School", P.PRIMARY, "Academy sponsor led", (4, 11),
     "925", "Lincoln", "LN6 7AA"),
    (990017, "Saxilby Fen Church of England Primary School", P.PRIMARY,
     "Voluntary controlled school", (4, 11), "925", "Gainsborough", "DN21 2AA"),
    (990018, "Louth Meadows Primary School", P.PRIMARY, "Community school", (4, 11),
     "925", "Louth", "LN11 0AA"),
]  # fmt: skip

# National programmes for post-16 and across secondary and post-16 that the starting set
# (programmes/seeds.py) lacks; the national team would add them in the admin.
PROGRAMMES = [
    ProgrammeSeed(
        "Developing A Level Mathematics Pedagogy",
        "developing-a-level-mathematics-pedagogy",
        Programme.Kind.WORK_GROUP,
        (Phase.POST16,),
        "For teachers of A level Mathematics in schools and colleges: teaching that builds "
        "students' understanding of proof, modelling and problem solving, and helps them make "
        "the step up from GCSE.",
        outcomes={
            Area.PROFESSIONAL_LEARNING: [
                "Teachers know how students come to understand the big ideas of A level."
            ],
            Area.PRACTICE: ["Problem solving and proof run through the course, not just its end."],
            Area.PUPIL_LEARNING: ["Students explain and justify the steps in their solutions."],
        },
    ),
    ProgrammeSeed(
        "Achieving a Level 2 Qualification in Mathematics",
        "achieving-a-level-2-qualification-in-mathematics",
        Programme.Kind.WORK_GROUP,
        (Phase.SECONDARY, Phase.POST16),
        "For teachers in schools and colleges whose students are working towards a grade 4 in "
        "GCSE mathematics, in Year 11 or resitting after 16: rebuilding number sense and "
        "confidence rather than re-teaching the whole course.",
        sessions=4,
        hours=1.5,
        mode=Mode.ONLINE,
        outcomes={
            Area.PROFESSIONAL_LEARNING: [
                "Teachers understand the gaps in number sense that hold students back."
            ],
            Area.PRACTICE: ["Teachers plan short sequences that revisit the key ideas."],
            Area.PUPIL_LEARNING: ["Students approach GCSE questions with more confidence."],
        },
    ),
]


@dataclass(frozen=True)
class DemoLead:
    email: str
    display_name: str
    hubs: tuple[str, ...]
    accreditations: tuple[tuple[str, int], ...]


LEADS = [
    DemoLead(
        POST16_LEAD,
        "Rachel Osei",
        ("glow",),
        (
            (Accreditation.Kind.SECONDARY_MASTERY_SPECIALIST, 2017),
            (Accreditation.Kind.PD_LEAD, 2019),
            (Accreditation.Kind.POST16_SPECIALIST, 2021),
        ),
    ),
    DemoLead(
        GRACE,
        "Grace Adeyemi",
        ("glow", "origin"),
        ((Accreditation.Kind.MASTERY_SPECIALIST, 2018), (Accreditation.Kind.PD_LEAD, 2020)),
    ),
    DemoLead(
        DANIEL,
        "Daniel Hughes",
        ("glow", "code"),
        (
            (Accreditation.Kind.MASTERY_SPECIALIST, 2020),
            (Accreditation.Kind.SPECIALIST_LEAD, 2023),
        ),
    ),
]


def _email(name: str) -> str:
    return f"{name.lower().replace(' ', '.')}@example.org"


@dataclass(frozen=True)
class DemoGroup:
    hub_slug: str
    short: str
    programme_slug: str
    title: str
    description: str
    leads: tuple[str, ...]
    capacity: int
    per_school_limit: int
    mode: str
    venue: str
    weekday: int
    starts_at: time
    ends_at: time
    # Each session as (month, week of the month), in date order.
    dates: tuple[tuple[int, int], ...]
    # Each sign-up as (name, URN of their school, role), in the order they signed up.
    sign_ups: tuple[tuple[str, int, str], ...]


GROUPS = [
    DemoGroup(
        "glow",
        "CM",
        "developing-core-maths-pedagogy",
        "Developing Core Maths Pedagogy: Birmingham and the Black Country",
        "Three full days for teachers of Core Maths in sixth forms and colleges: lessons that "
        "start from real problems and data, financial mathematics, and making the case for "
        "Core Maths to students and colleagues. Lunch is provided.",
        (POST16_LEAD,),
        16,
        2,
        Mode.FACE_TO_FACE,
        "Kingsmere Sixth Form College, Birmingham",
        THURSDAY,
        time(9, 30),
        time(15, 30),
        ((10, 3), (2, 1), (6, 3)),
        (
            ("Hannah Whitfield", 990010, Role.HEAD_OF_DEPARTMENT),
            ("Marcus Bell", 990010, Role.CLASS_TEACHER),
            ("Imran Siddiqui", 990011, Role.CLASS_TEACHER),
            ("Beth Callaghan", 990011, Role.HEAD_OF_DEPARTMENT),
            ("Olu Adebayo", 990012, Role.CLASS_TEACHER),
            ("Sinead Murphy", 990012, Role.EARLY_CAREER_TEACHER),
            ("Tom Harding", 990013, Role.HEAD_OF_DEPARTMENT),
            ("Kavita Sharma", 990013, Role.CLASS_TEACHER),
            ("Ryan Cooper", 990002, Role.CLASS_TEACHER),
            ("Eleanor Fisher", 990008, Role.CLASS_TEACHER),
            # A third from one college: waiting, as the college is at its limit of two.
            ("Joanna Price", 990010, Role.CLASS_TEACHER),
        ),
    ),
    DemoGroup(
        "glow",
        "ALM",
        "developing-a-level-mathematics-pedagogy",
        "Developing A Level Mathematics Pedagogy: proof and problem solving",
        "For teachers of A level Mathematics: teaching proof and problem solving throughout "
        "the course, and helping Year 12 make the step up from GCSE.",
        (POST16_LEAD, "llme2-glow@example.org"),
        12,
        2,
        Mode.BLENDED,
        "Hawthorn Heath Academy, Birmingham",
        WEDNESDAY,
        time(13, 30),
        time(16, 30),
        ((11, 2), (3, 1), (6, 4)),
        (
            ("Hannah Whitfield", 990010, Role.HEAD_OF_DEPARTMENT),
            ("David Okoro", 990010, Role.CLASS_TEACHER),
            ("Tom Harding", 990013, Role.HEAD_OF_DEPARTMENT),
            ("Lucy Chen", 990013, Role.CLASS_TEACHER),
            ("James Whitaker", 990002, Role.CLASS_TEACHER),
            ("Priyanka Desai", 990012, Role.CLASS_TEACHER),
            ("Samuel Grant", 990008, Role.EARLY_CAREER_TEACHER),
        ),
    ),
    DemoGroup(
        "glow",
        "L2",
        "achieving-a-level-2-qualification-in-mathematics",
        "Achieving a Level 2 Qualification in Mathematics: Year 11 and GCSE resit (online)",
        "Four online twilights for teachers in schools and colleges whose students are aiming "
        "for a grade 4: rebuilding number sense and confidence without re-teaching everything.",
        (POST16_LEAD,),
        20,
        3,
        Mode.ONLINE,
        "Online across the hub's area",
        TUESDAY,
        time(16, 0),
        time(17, 30),
        ((10, 2), (12, 1), (2, 4), (5, 2)),
        (
            ("Imran Siddiqui", 990011, Role.CLASS_TEACHER),
            ("Natalie Brooks", 990011, Role.TEACHING_ASSISTANT),
            ("George Ward", 990002, Role.CLASS_TEACHER),
            ("Aisha Rahman", 990008, Role.CLASS_TEACHER),
            ("Kieran Doyle", 990012, Role.CLASS_TEACHER),
            ("Megan Lloyd", 990013, Role.EARLY_CAREER_TEACHER),
        ),
    ),
    DemoGroup(
        "glow",
        "SfMS",
        "sustaining-teaching-for-mastery",
        "Sustaining Teaching for Mastery: secondary departments",
        "For secondary maths departments that have taken part in the Teaching for Mastery "
        "programme: keeping it going through Key Stage 4 and into the sixth form.",
        (POST16_LEAD, "llme2-glow@example.org"),
        16,
        2,
        Mode.FACE_TO_FACE,
        "St Oswald's Catholic High School, Oldbury",
        MONDAY,
        time(13, 0),
        time(16, 0),
        ((11, 3), (3, 2), (6, 2)),
        (
            ("Fatima Noor", 990002, Role.HEAD_OF_DEPARTMENT),
            ("Chris Palmer", 990002, Role.CLASS_TEACHER),
            ("Ben Holloway", 990008, Role.HEAD_OF_DEPARTMENT),
            ("Zara Hussain", 990012, Role.CLASS_TEACHER),
            ("Oliver Nash", 990013, Role.CLASS_TEACHER),
            ("Rebecca Shaw", 990013, Role.EARLY_CAREER_TEACHER),
        ),
    ),
    DemoGroup(
        "glow",
        "ORA2",
        "riwg-oracy",
        "Oracy RIWG: talk for reasoning in Key Stage 2 (second cohort)",
        "A second cohort of the hub's Oracy research group, for schools in Dudley and Sandwell: "
        "each teacher researches how one way of structuring talk helps pupils reason, and we "
        "share what we find.",
        (GRACE, DANIEL),
        10,
        2,
        Mode.FACE_TO_FACE,
        "Lye Valley Primary School, Stourbridge",
        THURSDAY,
        time(13, 0),
        time(16, 0),
        ((10, 2), (1, 4), (3, 4), (6, 4)),
        (
            ("Amy Jackson", 990001, Role.CLASS_TEACHER),
            ("Sam Patel", 990001, Role.SUBJECT_LEADER),
            ("Chloe Wright", 990009, Role.CLASS_TEACHER),
            ("Mohammed Ali", 990009, Role.CLASS_TEACHER),
            ("Laura Bennett", 990008, Role.CLASS_TEACHER),
            ("Emma Hughes", 990014, Role.SUBJECT_LEADER),
            ("Jack Morgan", 990014, Role.EARLY_CAREER_TEACHER),
            ("Nadia Begum", 990015, Role.CLASS_TEACHER),
        ),
    ),
    DemoGroup(
        "origin",
        "SKTM",
        "sktm-teaching-assistants",
        "Specialist Knowledge for Teaching Mathematics: Teaching Assistants (Staffordshire)",
        "Five mornings for teaching assistants in primary schools: the mathematics behind "
        "what pupils learn, and supporting them with the same models as the teacher.",
        (GRACE,),
        12,
        3,
        Mode.FACE_TO_FACE,
        "Meadow Lane Primary, Lichfield",
        WEDNESDAY,
        time(9, 30),
        time(12, 30),
        ((10, 1), (11, 4), (1, 3), (3, 3), (5, 3)),
        (
            ("Karen Wilson", 990003, Role.TEACHING_ASSISTANT),
            ("Sue Thompson", 990003, Role.TEACHING_ASSISTANT),
            ("Dawn Mitchell", 990004, Role.TEACHING_ASSISTANT),
            ("Jo Barker", 990004, Role.TEACHING_ASSISTANT),
        ),
    ),
    DemoGroup(
        "code",
        "SL",
        "riwg-new-primary-tfm-subject-leaders",
        "New to Primary Teaching for Mastery Subject Leaders RIWG: Lincolnshire (online)",
        "Online twilights for maths subject leaders new to the role: each researches how to "
        "lead teaching for mastery in their own school.",
        (DANIEL, "llme1-code@example.org"),
        8,
        1,
        Mode.ONLINE,
        "Online across Lincolnshire",
        TUESDAY,
        time(15, 45),
        time(17, 45),
        ((10, 3), (2, 2), (5, 3)),
        (
            ("Harriet Cole", 990016, Role.SUBJECT_LEADER),
            ("Peter Lowe", 990017, Role.SUBJECT_LEADER),
            ("Olivia Reed", 990018, Role.SUBJECT_LEADER),
        ),
    ),
]

# Registers: most come to every session; the rota gives each person the odd late arrival,
# apologies or absence, differing from session to session.
ROTA: list[str] = [
    *[Attendance.Status.PRESENT] * 10,
    Attendance.Status.LATE,
    Attendance.Status.APOLOGIES,
    Attendance.Status.ABSENT,
]

# Core Maths: full days (six hours with lunch), in the planner as the lead typed them.
CORE_MATHS_PLANS = [
    [
        ("Welcome, introductions and agreeing our goals", Kind.INPUT, 30, [M.SETTING_GOALS]),
        (
            "What Core Maths is for: the aims and the qualifications",
            Kind.INPUT,
            40,
            [M.CREDIBLE_SOURCE, M.MANAGING_COGNITIVE_LOAD],
        ),
        ("Break", Kind.BREAK, 15, []),
        (
            "Starting from a real problem: a Fermi estimate, modelled",
            Kind.INPUT,
            45,
            [M.MODELLING, M.INSTRUCTING],
        ),
        ("What makes a good Core Maths problem?", Kind.DISCUSSION, 40, [M.SOCIAL_SUPPORT]),
        ("Lunch", Kind.BREAK, 45, []),
        (
            "Reading: students using mathematics outside maths lessons",
            Kind.RESEARCH,
            40,
            [M.CREDIBLE_SOURCE],
        ),
        (
            "Planning a lesson that starts from data students care about",
            Kind.PLANNING,
            75,
            [M.ACTION_PLANNING, M.REHEARSING, M.CONTEXT_SPECIFIC_REPETITION],
        ),
        ("Reflection and our gap task", Kind.REFLECTION, 30, [M.PROMPTS_AND_CUES]),
    ],
    [
        (
            "Welcome back: estimation and modelling revisited",
            Kind.INPUT,
            20,
            [M.REVISITING_PRIOR_LEARNING],
        ),
        (
            "What we tried: evaluating our real-problem lessons",
            Kind.EVALUATING,
            60,
            [M.FEEDBACK, M.AFFIRMATION, M.ENCOURAGING_MONITORING],
        ),
        ("Break", Kind.BREAK, 15, []),
        (
            "Financial mathematics: modelling student loan repayments",
            Kind.INPUT,
            45,
            [M.MODELLING, M.INSTRUCTING],
        ),
        ("Spreadsheets and large data sets in lessons", Kind.DISCUSSION, 40, [M.SOCIAL_SUPPORT]),
        ("Lunch", Kind.BREAK, 45, []),
        ("Journal club: statistics in the news", Kind.RESEARCH, 45, [M.CREDIBLE_SOURCE]),
        (
            "Co-planning a sequence on risk and probability",
            Kind.PLANNING,
            60,
            [M.ACTION_PLANNING, M.REHEARSING],
        ),
        (
            "Reflection and the next gap task",
            Kind.REFLECTION,
            30,
            [M.PROMPTS_AND_CUES, M.CONTEXT_SPECIFIC_REPETITION],
        ),
    ],
]
ORACY_FIRST_PLAN = [
    ("Welcome and our research questions", Kind.INPUT, 20, [M.SETTING_GOALS]),
    ("What the research says about talk in maths", Kind.RESEARCH, 35, [M.CREDIBLE_SOURCE]),
    (
        "Talk moves modelled: revoicing and pressing for reasons",
        Kind.INPUT,
        25,
        [M.MODELLING, M.INSTRUCTING],
    ),
    ("Break", Kind.BREAK, 10, []),
    ("Which talk move, in which class?", Kind.DISCUSSION, 30, [M.SOCIAL_SUPPORT]),
    (
        "Planning our first research cycle: what to try, what to collect",
        Kind.PLANNING,
        45,
        [M.ACTION_PLANNING, M.ENCOURAGING_MONITORING],
    ),
    ("Reflection and our gap task", Kind.REFLECTION, 15, [M.PROMPTS_AND_CUES]),
]


def _day(year: AcademicYear, month: int, week: int, weekday: int) -> date:
    """The `week`th `weekday` (0 is Monday) of `month` in the academic year."""
    first = date(year.start_year if month >= 9 else year.start_year + 1, month, 1)
    return first + timedelta(days=(weekday - first.weekday()) % 7, weeks=week - 1)


def _person(email: str, name: str, password: str | None) -> tuple[User, int]:
    user = User.objects.filter(email=email).first()
    if user is not None:
        return user, 0
    user = user_create(email=email, password=password, display_name=name)
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    return user, 1


def _seed_schools() -> int:
    created = 0
    local_authorities = {la.code: la for la in LocalAuthority.objects.all()}
    for urn, name, phase, kind, (low, high), la_code, town, postcode in SCHOOLS:
        _, new = School.objects.get_or_create(
            urn=urn,
            defaults={
                "name": name,
                "phase": phase,
                "establishment_type": kind,
                "statutory_low_age": low,
                "statutory_high_age": high,
                "local_authority": local_authorities[la_code],
                "town": town,
                "postcode": postcode,
            },
        )
        created += new
    return created


def _seed_programmes() -> int:
    return programmes_seed(programmes=PROGRAMMES)


def _seed_leads(*, hubs: dict[str, Hub], by: User, password: str) -> int:
    created = 0
    for lead in LEADS:
        user, created_now = _person(lead.email, lead.display_name, password)
        created += created_now
        for slug in lead.hubs:
            if (
                not HubRole.objects.current()
                .filter(hub=hubs[slug], user=user, role=HubRole.Kind.LLME)
                .exists()
            ):
                hub_role_grant(hub=hubs[slug], user=user, role=HubRole.Kind.LLME, by=by)
                created += 1
        # Leads see their participants' details only with two-factor authentication: with an
        # authenticator app set up, the demo's code lets them straight in.
        if not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
            TOTP.activate(user, generate_totp_secret())
            created += 1
        held = set(user.accreditations.values_list("kind", flat=True))
        for kind, year in lead.accreditations:
            if kind not in held:
                accreditation_save(
                    accreditation=Accreditation(user=user, kind=kind, year_achieved=year), by=by
                )
                created += 1
    return created


def seed_leads(*, hubs: dict[str, Hub], by: User, password: str) -> int:
    """Create the missing schools, programmes, leads and Work Groups described above."""
    created = (
        _seed_schools() + _seed_programmes() + _seed_leads(hubs=hubs, by=by, password=password)
    )
    this_year = AcademicYear.current()
    schools = {school.urn: school for school in School.objects.filter(urn__gte=990001)}
    programmes = {programme.slug: programme for programme in Programme.objects.all()}
    for group in GROUPS:
        hub = hubs[group.hub_slug]
        code = f"{group.hub_slug.upper()}-{group.short}-{this_year.start_year % 100:02d}"
        if WorkGroup.objects.filter(
            hub=hub, academic_year=this_year.start_year, code=code
        ).exists():
            continue
        people = {}
        for name, _, _ in group.sign_ups:
            people[name], created_now = _person(_email(name), name, None)
            created += created_now
        leads = [User.objects.get(email=email) for email in group.leads]
        work_group = work_group_create(
            hub=hub,
            leads=leads,
            by=by,
            programme=programmes[group.programme_slug],
            academic_year=this_year.start_year,
            code=code,
            title=group.title,
            description=group.description,
            capacity=group.capacity,
            per_school_limit=group.per_school_limit,
            mode=group.mode,
            venue=group.venue,
        )
        for month, week in group.dates:
            session_add(
                work_group=work_group,
                date=_day(this_year, month, week, group.weekday),
                starts_at=group.starts_at,
                ends_at=group.ends_at,
                mode=group.mode,
                venue="" if group.mode == Mode.ONLINE else group.venue,
                joining_link=""
                if group.mode == Mode.FACE_TO_FACE
                else f"https://meet.example.org/{code.lower()}",
                by=by,
            )
        work_group_set_status(work_group=work_group, status=WorkGroup.Status.OPEN, by=by)
        for name, urn, role in group.sign_ups:
            interest_express(
                work_group=work_group,
                school=schools[urn],
                applicant=Applicant(user=people[name], role=role),
                leader_supports=True,
                by=people[name],
            )
        created += 1 + len(group.dates) + len(group.sign_ups)
        created += _run_until_today(work_group=work_group, leads=leads, by=by)
    return created


def _run_until_today(*, work_group: WorkGroup, leads: list[User], by: User) -> int:
    """Close recruitment a week before the first session and take the registers of the
    sessions held by today; then practice between sessions for the Core Maths and Oracy
    groups, and completion once every session has been held."""
    today = timezone.localdate()
    sessions = list(work_group.sessions.order_by("date", "starts_at"))
    work_group_update(
        work_group=work_group,
        leads=leads,
        by=by,
        recruitment_closes_on=sessions[0].date - timedelta(weeks=1),
    )
    held = [session for session in sessions if session.date < today]
    if held:
        work_group_set_status(work_group=work_group, status=WorkGroup.Status.RUNNING, by=by)
    members = list(
        Enrolment.objects.filter(work_group=work_group, status=Enrolment.Status.ENROLLED)
        .select_related("user")
        .order_by("pk")
    )
    for session in held:
        marks = {
            enrolment.pk: ROTA[(position + 4 * session.number) % len(ROTA)]
            for position, enrolment in enumerate(members)
        }
        register_record(session=session, marks=marks, by=leads[0])
    created = len(held)
    if work_group.programme.slug == "developing-core-maths-pedagogy":
        created += _core_maths_practice(sessions=sessions, members=members, lead=leads[0])
    if work_group.programme.slug == "riwg-oracy":
        created += _oracy_practice(sessions=sessions, members=members, lead=leads[0])
    if held and len(held) == len(sessions):
        completion_apply(work_group=work_group, by=by)
    return created


def _core_maths_practice(*, sessions: list[Session], members: list[Enrolment], lead: User) -> int:
    """Plans for the first two days; once the first is held, its gap task and two trials; one
    participant's apologies, sent ahead, for the next day."""
    for session, rows in zip(sessions, CORE_MATHS_PLANS, strict=False):
        plan_save(session=session, activities=plan_activities(rows), version=0, by=lead)
    created = len(CORE_MATHS_PLANS)
    today = timezone.localdate()
    by_email = {enrolment.user.email: enrolment for enrolment in members}
    upcoming = [session for session in sessions if session.starts() > timezone.now()]
    if upcoming and (enrolment := by_email.get(_email("Olu Adebayo"))):
        apologies_send(
            enrolment=enrolment,
            session=upcoming[0],
            note="I am with Year 13 on a university visit that day.",
            by=enrolment.user,
        )
        created += 1
    first, second = sessions[0], sessions[1]
    if first.date >= today:
        return created
    gap_task = gap_task_create(
        session=first,
        title="Teach one lesson that starts from a real problem",
        description="Choose a problem from your students' lives, work or other subjects (an "
        "estimate, a budget, a statistic in the news) and let the mathematics come out of it. "
        "Bring the problem, one piece of anonymised student work and what you would change.",
        classes="A Core Maths class, Year 12 or 13",
        due_on=max(first.date, second.date - timedelta(weeks=1)),
        by=lead,
    )
    created += 1
    tried_on = min(first.date + timedelta(days=10), today)
    if enrolment := by_email.get(_email("Marcus Bell")):
        trial_create(
            author=enrolment.user,
            work_group=enrolment.work_group,
            gap_task=gap_task,
            class_or_year_group="Year 12 Core Maths",
            tried_on=tried_on,
            what_tried="A Fermi question to open the lesson: how many litres of water does "
            "the college use in a day? Groups estimated, then checked against the water bill.",
            what_happened="Every group reached an estimate with its reasons; two argued about "
            "their assumptions, which was the point of the lesson.",
            pupil_response="Students who say they cannot do maths talked the most.",
            impact_rating=ClassroomTrial.Rating.GOOD,
            next_steps="Use the college's energy data next, with a spreadsheet.",
            share=True,
        )
        created += 1
    if enrolment := by_email.get(_email("Sinead Murphy")):
        trial_create(
            author=enrolment.user,
            work_group=enrolment.work_group,
            gap_task=gap_task,
            class_or_year_group="Year 13 Core Maths",
            tried_on=tried_on,
            what_tried="Planning a student loan repayment calculator in a spreadsheet.",
            what_happened="We ran out of time; finishing it next lesson.",
        )
        created += 1
    return created


def _oracy_practice(*, sessions: list[Session], members: list[Enrolment], lead: User) -> int:
    """A plan for the first session and, once it is held, its gap task and a shared trial."""
    first, second = sessions[0], sessions[1]
    plan_save(session=first, activities=plan_activities(ORACY_FIRST_PLAN), version=0, by=lead)
    today = timezone.localdate()
    if first.date >= today:
        return 1
    gap_task = gap_task_create(
        session=first,
        title="Use one talk move for three weeks",
        description="Choose revoicing or 'Who can add to that?' and use it in every maths "
        "lesson for three weeks. In the first and last week, tally how many pupils give a "
        "reason when they answer (a tally only: no names).",
        classes="Your Key Stage 2 class",
        due_on=max(first.date, second.date - timedelta(weeks=1)),
        by=lead,
    )
    author = next((e.user for e in members if e.user.email == _email("Amy Jackson")), None)
    if author is None:
        return 2
    trial_create(
        author=author,
        work_group=first.work_group,
        gap_task=gap_task,
        class_or_year_group="Year 5",
        tried_on=min(first.date + timedelta(days=21), today),
        what_tried="Revoicing in every lesson: 'So you are saying that ... ?' before asking "
        "the class whether they agree.",
        what_happened="Pupils giving a reason went from 6 to 14 a lesson on the tally over "
        "three weeks.",
        pupil_response="Pupils began to revoice each other without being asked.",
        impact_rating=ClassroomTrial.Rating.GOOD,
        next_steps="Add 'Who can add to that?' and tally again.",
        share=True,
    )
    return 3
