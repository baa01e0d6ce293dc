"""Demo practice between sessions: template plans for a programme, plans for GLOW's Sustaining
Teaching for Mastery group this year, a gap task, trials (shared and a draft, one with a
photo as evidence), a reflection, outputs, and a few messages in the group's discussion; and
a trial with a photo in last year's group, for the retention dry run to find."""

import io
from collections.abc import Sequence
from datetime import date, timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image, ImageDraw

from hubwork.accounts.models import User
from hubwork.core.academic_years import AcademicYear
from hubwork.hubs.models import Hub
from hubwork.practice.models import Activity, ClassroomTrial, Output, SessionPlan
from hubwork.practice.services.gap_tasks import gap_task_create
from hubwork.practice.services.group import contact_sharing_set, post_create
from hubwork.practice.services.outputs import output_create
from hubwork.practice.services.plans import ActivityData, plan_save
from hubwork.practice.services.reflections import reflection_create
from hubwork.practice.services.trials import trial_create
from hubwork.programmes.mechanisms import Mechanism
from hubwork.programmes.models import Programme
from hubwork.workgroups.models import Enrolment, WorkGroup

Kind = Activity.Kind
M = Mechanism

# (title, kind, minutes, mechanisms): a three-hour Sustaining Teaching for Mastery session.
FIRST_SESSION = [
    ("Welcome and agreeing our goals", Kind.INPUT, 20, [M.SETTING_GOALS]),
    (
        "What the research says about stem sentences",
        Kind.RESEARCH,
        30,
        [M.CREDIBLE_SOURCE, M.MANAGING_COGNITIVE_LOAD],
    ),
    ("Modelling a stem sentence in a lesson", Kind.INPUT, 25, [M.MODELLING, M.INSTRUCTING]),
    ("Break", Kind.BREAK, 15, []),
    ("Where would this fit in our classes?", Kind.DISCUSSION, 30, [M.SOCIAL_SUPPORT]),
    (
        "Planning a lesson to try it in",
        Kind.PLANNING,
        40,
        [M.ACTION_PLANNING, M.REHEARSING, M.CONTEXT_SPECIFIC_REPETITION],
    ),
    ("Reflection and our gap task", Kind.REFLECTION, 15, [M.PROMPTS_AND_CUES]),
]
SECOND_SESSION = [
    ("Revisiting stem sentences", Kind.INPUT, 20, [M.REVISITING_PRIOR_LEARNING]),
    (
        "What we tried: evaluating our trials",
        Kind.EVALUATING,
        45,
        [M.FEEDBACK, M.AFFIRMATION, M.ENCOURAGING_MONITORING],
    ),
    ("Break", Kind.BREAK, 15, []),
    ("Journal club: representations", Kind.RESEARCH, 45, [M.CREDIBLE_SOURCE]),
    ("Planning a sequence of lessons", Kind.PLANNING, 60, [M.ACTION_PLANNING]),
    # A plan that runs over and leaves out discussion, so the warnings show.
    ("Sharing resources", Kind.INPUT, 30, [M.SOCIAL_SUPPORT]),
]
TRIALS = [
    (
        "teacher1@example.org",
        "Year 4",
        "Stem sentences for explaining equivalent fractions at the start of each lesson.",
        "Most pupils used the sentences when explaining to a partner by the third lesson.",
        "Keen; quieter pupils spoke more in pairs.",
        ClassroomTrial.Rating.GOOD,
        True,
    ),
    (
        "teacher2@example.org",
        "Year 3 set 2",
        "A stem sentence displayed on the board for comparing lengths.",
        "Helpful for some; others copied it without thinking.",
        "Mixed: confident pupils found it slowed them down.",
        ClassroomTrial.Rating.SOME,
        True,
    ),
    (
        "teacher3@example.org",
        "Year 5",
        "Stem sentences in a reasoning starter.",
        "Still writing this up.",
        "",
        None,
        False,
    ),
]


def _photo() -> SimpleUploadedFile:
    """A made-up photo of a working wall: no pupils, and nothing identifying."""
    image = Image.new("RGB", (480, 320), "#f3f2f1")
    draw = ImageDraw.Draw(image)
    draw.rectangle((20, 20, 460, 300), outline="#4a2a8a", width=6)
    draw.text((40, 60), "1/2 is equivalent to 2/4 because ...", fill="#0b0c0c")
    draw.text((40, 120), "I know ... so I know ...", fill="#0b0c0c")
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=85)
    return SimpleUploadedFile("working-wall.jpg", buffer.getvalue(), content_type="image/jpeg")


def plan_activities(rows: Sequence[tuple[str, str, int, list[Mechanism]]]) -> list[ActivityData]:
    """A plan's activities from (title, kind, minutes, mechanisms) rows."""
    return [
        ActivityData(title=title, kind=kind, minutes=minutes, mechanisms=list(mechanisms))
        for title, kind, minutes, mechanisms in rows
    ]


def _seed_templates() -> int:
    """The national template plans for Sustaining Teaching for Mastery (kept by national
    admins in the admin site; seeded here as they would type them)."""
    programme = Programme.objects.filter(slug="sustaining-teaching-for-mastery").first()
    if programme is None or programme.template_plans.exists():
        return 0
    created = 0
    for number, rows in ((1, FIRST_SESSION), (2, SECOND_SESSION[:-1])):
        plan = SessionPlan.objects.create(
            programme=programme, template_number=number, template_minutes=180
        )
        Activity.objects.bulk_create(
            Activity(
                plan=plan,
                position=position,
                title=title,
                kind=kind,
                minutes=minutes,
                mechanisms=list(mechanisms),
            )
            for position, (title, kind, minutes, mechanisms) in enumerate(rows, start=1)
        )
        created += 1
    return created


def seed_practice(*, hubs: dict[str, Hub]) -> int:
    """Create the demo practice once; leave it alone after that."""
    created = _seed_templates()
    this_year = AcademicYear.current()
    created += _seed_last_years_trial(hub=hubs["glow"], last_year=this_year.previous())
    work_group = (
        WorkGroup.objects.filter(
            hub=hubs["glow"],
            academic_year=this_year.start_year,
            programme__slug="sustaining-teaching-for-mastery",
        )
        .order_by("pk")
        .first()
    )
    if work_group is None:
        return created
    sessions = list(work_group.sessions.order_by("date", "starts_at"))
    if len(sessions) < 2 or SessionPlan.objects.filter(session__in=sessions).exists():
        return created
    lead = work_group.leads.order_by("pk").first()
    if lead is None:
        return created
    first, second = sessions[0], sessions[1]
    plan_save(session=first, activities=plan_activities(FIRST_SESSION), version=0, by=lead)
    plan_save(session=second, activities=plan_activities(SECOND_SESSION), version=0, by=lead)
    created += 2
    today = timezone.localdate()
    if first.date >= today:
        return created  # nothing can have been tried yet
    gap_task = gap_task_create(
        session=first,
        title="Use a stem sentence in three lessons",
        description="Choose one stem sentence that fits what your class is learning and use "
        "it in at least three lessons. Note how pupils use it.",
        classes="Any class you teach",
        due_on=second.date - timedelta(days=7),
        by=lead,
    )
    created += 1
    members = {
        enrolment.user.email: enrolment.user
        for enrolment in Enrolment.objects.filter(
            work_group=work_group, status=Enrolment.Status.ENROLLED
        ).select_related("user")
    }
    tried_on = min(first.date + timedelta(days=10), today)
    for email, group, tried, happened, response, rating, share in TRIALS:
        author = members.get(email)
        if author is None:
            continue
        trial_create(
            author=author,
            work_group=work_group,
            gap_task=gap_task,
            class_or_year_group=group,
            tried_on=tried_on,
            what_tried=tried,
            what_happened=happened,
            pupil_response=response,
            impact_rating=rating,
            next_steps="Try it with a second topic." if share else "",
            share=share,
            evidence=[_photo()] if email == "teacher1@example.org" else [],
        )
        created += 1
    created += _seed_group_life(work_group=work_group, members=members, lead=lead, today=today)
    return created


def _seed_last_years_trial(*, hub: Hub, last_year: AcademicYear) -> int:
    """A shared trial with a photo in last year's group, so that the retention dry run has
    something to list: `PRACTICE_EVIDENCE_RETENTION_YEARS=0 manage.py retention --dry-run`."""
    work_group = (
        WorkGroup.objects.filter(
            hub=hub,
            academic_year=last_year.start_year,
            programme__slug="sustaining-teaching-for-mastery",
        )
        .order_by("pk")
        .first()
    )
    first = work_group.sessions.order_by("date").first() if work_group else None
    if (
        work_group is None
        or first is None
        or ClassroomTrial.objects.filter(work_group=work_group).exists()
    ):
        return 0
    author = User.objects.filter(
        email="teacher1@example.org",
        enrolments__work_group=work_group,
        enrolments__status__in=Enrolment.MEMBERS,
    ).first()
    if author is None:
        return 0
    trial_create(
        author=author,
        work_group=work_group,
        gap_task=None,
        own_idea="Bar models for fractions of amounts",
        class_or_year_group="Year 5",
        tried_on=first.date + timedelta(days=10),
        what_tried="Bar models drawn with the class before any calculating.",
        what_happened="Pupils chose the bar model themselves by the end of the week.",
        pupil_response="Confident; they explained their drawings to each other.",
        impact_rating=ClassroomTrial.Rating.GOOD,
        next_steps="Use bar models for ratio next term.",
        share=True,
        evidence=[_photo()],
    )
    return 1


def _seed_group_life(
    *, work_group: WorkGroup, members: dict[str, User], lead: User, today: date
) -> int:
    created = 0
    first_teacher = members.get("teacher1@example.org")
    second_teacher = members.get("teacher2@example.org")
    if first_teacher is not None:
        contact_sharing_set(work_group=work_group, user=first_teacher, share=True)
        reflection_create(
            author=first_teacher,
            work_group=work_group,
            idea="Stem sentences",
            body="Using one stem sentence a week across the year group would make it routine "
            "rather than a one-off.",
        )
        output_create(
            author=first_teacher,
            work_group=work_group,
            kind=Output.Kind.RESOURCE,
            title="Equivalent fractions stem sentences",
            description="A set of stem sentences for Years 3 to 5, with when to use each.",
            link="https://example.org/stem-sentences",
            visibility=Output.Visibility.NATIONAL,
        )
        post_create(
            work_group=work_group,
            author=first_teacher,
            body="The stem sentence worked best when I modelled it twice before asking pupils "
            "to use it. Has anyone tried it with Year 2?",
        )
        created += 4
    if second_teacher is not None:
        post_create(
            work_group=work_group,
            author=second_teacher,
            body="Not Year 2, but my Year 3s needed it on the board all week.",
        )
        created += 1
    post_create(
        work_group=work_group,
        author=lead,
        body="Thank you both: bring an example of pupils' work to the next session.",
    )
    return created + 1
