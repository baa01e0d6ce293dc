"""Demo data for RIWG research projects, so each role sees a realistic project page.

GLOW's Oracy RIWG from last year gets its project: question, context, method, readings from
the demo library, the ethics checklist ticked, a timeline, the consent of some schools to
be named, and enquiry cycles recorded by four of its members. The project is now writing up
(research_writeups.py adds the write-up and its history). This year's GLOW Oracy group
carries the project on as its year 2, with last year's members continuing and new ones
joining: it is not a copy of last year's group (the demo makes both years itself), so it is
joined through the service the copy's signal uses.

Everything goes through the research services. Loading again adds nothing: a Work Group
that already has a project is left alone.
"""

from hubwork.accounts.models import User
from hubwork.core.academic_years import AcademicYear
from hubwork.hubs.models import Hub
from hubwork.research.models import ProjectYear, Reading, ResearchProject, Theme
from hubwork.research.services.cycles import cycle_create
from hubwork.research.services.projects import (
    project_carry_over,
    project_reading_add,
    project_school_consent_set,
    project_start,
    project_status_set,
    project_update,
)
from hubwork.workgroups.models import Enrolment, WorkGroup

Status = ResearchProject.Status
LLME = "llme@example.org"

QUESTION = (
    "Do talk partners with sentence stems help Key Stage 2 pupils explain their reasoning in maths?"
)
CONTEXT = (
    "Teachers in our schools found that pupils could often get an answer but not say why it "
    "was right. Many of our pupils speak English as an additional language, and quieter "
    "pupils rarely explain in whole-class discussion."
)
METHOD = (
    "Each teacher runs three enquiry cycles with one class, one each half term. In each "
    "cycle we plan one talk routine, use it in at least three lessons, count how many "
    "pupils give a reason with “because” in a short end-of-lesson task, and reflect "
    "together at the next session."
)
TIMELINE_YEAR_1 = (
    "October: agree the question and the ethics checklist; first cycle\n"
    "November: first cycle; count reasons in the end-of-lesson task\n"
    "January: second cycle, with new sentence stems\n"
    "March: third cycle\n"
    "April: pool the counts and analyse them together\n"
    "June: write up the findings"
)
TIMELINE_YEAR_2 = (
    "October: new members join; continuing members share last year's findings\n"
    "November to March: cycles in new classes, Years 3 and 4\n"
    "May: compare the two years"
)
READING_WORDS = ("language solve maths problems", "Improving mathematics Key Stages")
CYCLES = [
    {
        "asked": "Will the stem “I know that … because …” help my class explain a method?",
        "class_description": "Year 4, mixed attainment",
        "did": "Modelled the stem, then used talk partners in three lessons on column addition.",
        "observed": "More pairs used “because” by the third lesson: 9 of 28 at first, 16 "
        "at the end.",
        "concluded": "Pupils need the stem modelled every lesson at first; keep it on the wall.",
    },
    {
        "asked": "Does giving thinking time before talk partners lead to fuller reasons?",
        "class_description": "Year 5, set 2",
        "did": "Thirty seconds of silent thinking before each talk partner question.",
        "observed": "Fewer pupils said “I don't know”; explanations were longer.",
        "concluded": "Keep the thinking time; try it with reasoning about fractions next.",
    },
    {
        "asked": "Can pupils use stems to disagree with a partner politely and with a reason?",
        "class_description": "Year 6, mixed attainment",
        "did": "Added “I disagree because …” and “I agree, and …” to the stems.",
        "observed": "Disagreements became about the maths rather than about who was right.",
        "concluded": "Teach the disagreeing stems explicitly in the autumn term.",
    },
    {
        "asked": "Do the stems help pupils new to English start an explanation?",
        "class_description": "Year 3, two classes taught together for maths",
        "did": "Stems with pictures, practised orally before each lesson.",
        "observed": "Most pupils new to English used a stem at least once a lesson by week 3.",
        "concluded": "Picture stems help; share them with the other Key Stage 2 classes.",
    },
]


def _glow_oracy(glow: Hub, year: AcademicYear) -> WorkGroup | None:
    return WorkGroup.objects.filter(
        hub=glow, academic_year=year.start_year, code=f"GLOW-ORA-{year.start_year % 100:02d}"
    ).first()


def _members(work_group: WorkGroup) -> list[Enrolment]:
    return list(
        work_group.enrolments.filter(status__in=Enrolment.MEMBERS)
        .select_related("user", "school")
        .order_by("pk")
    )


def _seed_project(work_group: WorkGroup, lead: User) -> int:
    project = project_start(work_group=work_group, by=lead)
    year = project.years.get()
    project = project_update(
        project=project,
        by=lead,
        question=QUESTION,
        context=CONTEXT,
        method=METHOD,
        ethics_school_agrees=True,
        ethics_no_identifying_data=True,
        ethics_aggregate_only=True,
        themes=list(Theme.objects.filter(slug__in=["oracy-and-mathematical-talk"])),
        timelines={year.pk: TIMELINE_YEAR_1},
    )
    created = 2
    for words in READING_WORDS:
        reading = Reading.objects.matching(words).order_by("pk").first()
        if reading is not None:
            project_reading_add(project=project, reading=reading, by=lead)
    members = _members(work_group)
    # The first two members' schools agreed to be named in the write-up.
    for enrolment in members[:2]:
        project_school_consent_set(
            project=project, school_id=enrolment.school_id, named_with_consent=True, by=lead
        )
        created += 1
    project = project_status_set(project=project, status=Status.COLLECTING, by=lead)
    for enrolment, cycle in zip(members, CYCLES, strict=False):
        cycle_create(
            project=project,
            year=year,
            by=enrolment.user,
            asked=cycle["asked"],
            class_description=cycle["class_description"],
            did=cycle["did"],
            observed=cycle["observed"],
            concluded=cycle["concluded"],
        )
        created += 1
    for status in (Status.ANALYSING, Status.WRITING_UP):
        project = project_status_set(project=project, status=status, by=lead)
    return created


def seed_research_projects(*, hubs: dict[str, Hub]) -> int:
    """GLOW's Oracy project (last year's group) and its year 2 (this year's group); returns
    how many things it created."""
    glow = hubs.get("glow")
    lead = User.objects.filter(email=LLME).first()
    if glow is None or lead is None:
        return 0
    this_year = AcademicYear.current()
    last = _glow_oracy(glow, this_year.previous())
    if last is None:
        return 0
    created = 0
    if not ProjectYear.objects.filter(work_group=last).exists():
        created += _seed_project(last, lead)
    current = _glow_oracy(glow, this_year)
    if current is not None and not ProjectYear.objects.filter(work_group=current).exists():
        year_2 = project_carry_over(original=last, copy=current, by=lead)
        if year_2 is not None:
            project_update(project=year_2.project, by=lead, timelines={year_2.pk: TIMELINE_YEAR_2})
            created += 1
    return created
