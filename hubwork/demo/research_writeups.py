"""Demo write-ups and reviews of research projects, so each role sees realistic pages.

- GLOW's Oracy RIWG project (seeded by research_projects.py) gets a write-up that its two
  co-leads wrote in turn: three versions, so the history shows who changed what.
- Two projects from last year's Oracy RIWGs of Origin and CODE are published, each with its
  review history (Origin's was returned once by its hub lead with comments, then passed on):
  the public research pages have findings to show.
- GLOW's New to Primary Teaching for Mastery Subject Leaders RIWG from last year (made here)
  has submitted its write-up: it waits in the hub lead's (Helen Marsh's) review queue.

Everything goes through the research services (start, details, statuses, write-up, submit,
reviews), then the dates are moved back to when it happened. Loading again adds nothing: a
Work Group that already has a project is left alone, and a write-up with a version too.
"""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.utils import timezone

from hubwork.accounts.models import User
from hubwork.accounts.services.users import user_create
from hubwork.core.academic_years import AcademicYear
from hubwork.hubs.models import Hub, HubRole
from hubwork.hubs.services import hub_role_grant
from hubwork.programmes.models import Mode, Programme
from hubwork.research.models import ProjectReview, ResearchProject, WriteUpVersion
from hubwork.research.selectors.writeups import project_leads
from hubwork.research.services.projects import (
    project_school_consent_set,
    project_start,
    project_status_set,
    project_update,
)
from hubwork.research.services.reviews import project_submit, review_decide
from hubwork.research.services.writeups import WriteUpData, writeup_save
from hubwork.schools.models import School
from hubwork.workgroups.models import Enrolment, WorkGroup
from hubwork.workgroups.services.sessions import session_add
from hubwork.workgroups.services.work_groups import work_group_create, work_group_set_status

Status = ResearchProject.Status
Stage = ProjectReview.Stage
Decision = ProjectReview.Decision

HUB_LEAD = "hub-lead@example.org"
NATIONAL_ADMIN = "national-admin@example.org"

# Hub leads of Origin and CODE, who gave their hubs' reviews (they sign in with a code).
OTHER_HUB_LEADS = {
    "origin": ("origin-hub-lead@example.org", "Olivia Grant"),
    "code": ("code-hub-lead@example.org", "Marcus Webb"),
}

ORACY_VERSIONS = [
    WriteUpData(
        summary=(
            "Eight Key Stage 2 teachers tried structured talk routines (talk partners with "
            "sentence stems) in their maths lessons for a term."
        ),
        findings="Pupils gave longer explanations.",
    ),
    WriteUpData(
        summary=(
            "Eight Key Stage 2 teachers across four schools tried structured talk routines "
            "(talk partners with sentence stems such as “I know that … because …”) in "
            "their maths lessons for a term, and asked whether pupils explained their "
            "reasoning more fully."
        ),
        findings=(
            "In six of the eight classes, more pupils used “because” when explaining a "
            "method: on average 11 of 28 pupils at the start, 19 of 28 at the end.\n"
            "Teachers found the stems helped quieter pupils start an explanation."
        ),
        implications="Introduce two or three stems at a time and model them first.",
    ),
    WriteUpData(
        summary=(
            "Eight Key Stage 2 teachers across four schools tried structured talk routines "
            "(talk partners with sentence stems such as “I know that … because …”) in "
            "their maths lessons for a term, and asked whether pupils explained their "
            "reasoning more fully."
        ),
        findings=(
            "In six of the eight classes, more pupils used “because” when explaining a "
            "method: on average 11 of 28 pupils at the start, 19 of 28 at the end.\n"
            "Teachers found the stems helped quieter pupils start an explanation, but some "
            "pupils leaned on the stems without adding reasons of their own."
        ),
        implications=(
            "Introduce two or three stems at a time, model them first, and take them away "
            "gradually so that pupils' own words replace them."
        ),
        limitations=(
            "Eight classes over one term; teachers counted explanations themselves, in one "
            "lesson at the start and one at the end."
        ),
    ),
]


@dataclass(frozen=True)
class DemoProject:
    hub_slug: str
    title: str
    question: str
    context: str
    method: str
    drafts: tuple[WriteUpData, ...]
    # (stage, decision, comments, the write-up revised after a return or None)
    reviews: tuple[tuple[str, str, str, WriteUpData | None], ...]
    named_schools: int  # how many of its schools agreed to be named


PUBLISHED = [
    DemoProject(
        "origin",
        "Talk frames for reasoning in Year 5",
        "Do talk frames help Year 5 pupils give reasons when they compare fractions?",
        "Teachers in Staffordshire found pupils could compare fractions but rarely said why.",
        "Three enquiry cycles: plan a talk frame, use it for two weeks, count explanations.",
        (
            WriteUpData(
                summary="Five Year 5 teachers used talk frames when comparing fractions.",
                findings="Pupils gave more reasons.",
            ),
            WriteUpData(
                summary=(
                    "Five Year 5 teachers used talk frames (“… is greater than … because …”) "
                    "for six weeks when pupils compared fractions."
                ),
                findings=(
                    "Across the five classes, pupils giving a reason rose from about a third "
                    "to about two thirds of those asked."
                ),
                implications="Pair talk frames with a bar model so pupils have something "
                "to reason about.",
                limitations="Five classes, counted by their own teachers.",
            ),
        ),
        (
            (
                Stage.HUB,
                Decision.RETURNED,
                "Say how many pupils were asked in each class, so readers can judge the change.",
                WriteUpData(
                    summary=(
                        "Five Year 5 teachers used talk frames (“… is greater than … "
                        "because …”) for six weeks when pupils compared fractions."
                    ),
                    findings=(
                        "Across the five classes (138 pupils), pupils giving a reason rose "
                        "from 46 to 91 of those asked."
                    ),
                    implications="Pair talk frames with a bar model so pupils have "
                    "something to reason about.",
                    limitations="Five classes, counted by their own teachers in one lesson "
                    "at the start and one at the end.",
                ),
            ),
            (Stage.HUB, Decision.APPROVED, "Clear now. Thank you.", None),
            (Stage.NATIONAL, Decision.PUBLISHED, "", None),
        ),
        named_schools=1,
    ),
    DemoProject(
        "code",
        "Rehearsing explanations before whole-class discussion",
        "Does rehearsing an explanation with a partner first help pupils explain to the class?",
        "Lincolnshire teachers saw the same few pupils explain in whole-class discussion.",
        "Two enquiry cycles with a partner rehearsal of 2 minutes before discussion.",
        (
            WriteUpData(
                summary=(
                    "Six teachers gave pupils two minutes to rehearse an explanation with a "
                    "partner before whole-class discussion, for a term."
                ),
                findings=(
                    "The number of different pupils who explained to the class in a lesson "
                    "rose from 5 to 9 on average."
                ),
                implications="Keep the rehearsal short and give pupils a question to answer.",
                limitations="Six classes over a term; no comparison classes.",
            ),
        ),
        (
            (Stage.HUB, Decision.APPROVED, "", None),
            (
                Stage.NATIONAL,
                Decision.PUBLISHED,
                "A useful, practical finding. Published.",
                None,
            ),
        ),
        named_schools=0,
    ),
]

WAITING = DemoProject(
    "glow",
    "What helps new subject leaders lead teaching for mastery",
    "Which routines help a new maths subject leader support colleagues' teaching for mastery?",
    "Many of GLOW's primary schools have a maths subject leader new to the role.",
    "Each subject leader tried one routine (a short lesson study, a planning meeting, or "
    "coaching) for a term and recorded what changed in colleagues' planning.",
    (
        WriteUpData(
            summary="Four new subject leaders each tried one routine for a term.",
            findings="Planning meetings changed the most.",
        ),
        WriteUpData(
            summary=(
                "Four primary maths subject leaders, new to the role, each tried one routine "
                "with colleagues for a term: short lesson studies, joint planning meetings or "
                "coaching."
            ),
            findings=(
                "Joint planning meetings led to the most change in colleagues' plans: small "
                "steps and representations appeared in 14 of 16 plans afterwards, against 6 "
                "of 16 before."
            ),
            implications="Start with joint planning before trying lesson study.",
            limitations="Four schools, one term; the subject leaders judged the plans.",
        ),
    ),
    (),
    named_schools=2,
)


def _person(email: str, name: str) -> tuple[User, int]:
    user = User.objects.filter(email=email).first()
    if user is not None:
        return user, 0
    user = user_create(email=email, password=None, display_name=name)
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    return user, 1


def _hub_lead(hub: Hub) -> tuple[User, int]:
    email, name = OTHER_HUB_LEADS[hub.slug]
    user, created = _person(email, name)
    hub_role_grant(hub=hub, user=user, role=HubRole.Kind.HUB_LEAD, by=None)
    if not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
        TOTP.activate(user, generate_totp_secret())
    return user, created


def _at(day: date, hour: int = 16) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour, 0)))


def _write(project: ResearchProject, drafts: tuple[WriteUpData, ...], writers: list[User]) -> int:
    for number, draft in enumerate(drafts):
        project, _ = writeup_save(
            project=project,
            data=draft,
            version=project.writeup_version,
            by=writers[number % len(writers)],
        )
    return len(drafts)


def _schools(project: ResearchProject, work_group: WorkGroup, named: int, by: User) -> int:
    school_ids = list(
        Enrolment.objects.filter(work_group=work_group, status__in=Enrolment.MEMBERS)
        .order_by("school__name")
        .values_list("school_id", flat=True)
        .distinct()
    )
    for position, school_id in enumerate(dict.fromkeys(school_ids)):
        project_school_consent_set(
            project=project, school_id=school_id, named_with_consent=position < named, by=by
        )
    return len(school_ids)


def _seed_project(
    spec: DemoProject, work_group: WorkGroup, *, reviewers: dict[str, User], when: date
) -> int:
    """Start the project on `work_group`, write it up, submit it and give its reviews; the
    dates then moved back to `when` (submitted) and after."""
    leads = project_leads_of(work_group)
    lead = leads[0]
    project = project_start(work_group=work_group, by=lead)
    project = project_update(
        project=project,
        by=lead,
        title=spec.title,
        question=spec.question,
        context=spec.context,
        method=spec.method,
        ethics_school_agrees=True,
        ethics_no_identifying_data=True,
        ethics_aggregate_only=True,
    )
    created = 1 + _schools(project, work_group, spec.named_schools, lead)
    for status in (Status.COLLECTING, Status.ANALYSING, Status.WRITING_UP):
        project = project_status_set(project=project, status=status, by=lead)
    created += _write(project, spec.drafts, leads)
    project.refresh_from_db()
    project = project_submit(project=project, by=lead)
    for stage, decision, comments, revised in spec.reviews:
        review_decide(
            project=project, stage=stage, decision=decision, comments=comments, by=reviewers[stage]
        )
        created += 1
        project.refresh_from_db()
        if revised is not None:
            created += _write(project, (revised,), leads)
            project.refresh_from_db()
            project = project_submit(project=project, by=lead)
    _backdate(project, when)
    return created


def project_leads_of(work_group: WorkGroup) -> list[User]:
    return list(work_group.leads.order_by("display_name", "pk"))


def _backdate(project: ResearchProject, when: date) -> None:
    """Move the write-up's versions and the reviews back to when they happened: versions in
    the weeks before `when`, each review a week after the one before."""
    versions = list(project.writeup_versions.order_by("number"))
    for position, version in enumerate(versions):
        saved = _at(when - timedelta(days=7 * (len(versions) - position)))
        WriteUpVersion.objects.filter(pk=version.pk).update(saved_at=saved)
    decided = when
    for review in project.reviews.order_by("pk"):
        decided += timedelta(days=7)
        ProjectReview.objects.filter(pk=review.pk).update(decided_at=_at(decided, 10))
    if project.published_at is not None:
        ResearchProject.objects.filter(pk=project.pk).update(published_at=_at(decided, 10))


def _oracy_writeup(glow: Hub) -> int:
    """Three versions of GLOW's Oracy project write-up, by its co-leads in turn."""
    project = (
        ResearchProject.objects.filter(hub=glow, years__work_group__programme__slug="riwg-oracy")
        .order_by("pk")
        .first()
    )
    if (
        project is None
        or project.writeup_version
        or project.status not in ResearchProject.LEAD_STATUSES
    ):
        return 0
    writers = project_leads(project)
    hub_lead = User.objects.filter(email=HUB_LEAD).first()
    if len(writers) < 2 and hub_lead is not None:
        writers.append(hub_lead)  # hub staff edit a project as its leads do
    if not writers:
        return 0
    return _write(project, tuple(ORACY_VERSIONS), writers)


def _subject_leaders_group(glow: Hub, year: AcademicYear, by: User) -> tuple[WorkGroup, int]:
    """GLOW's New to Primary TfM Subject Leaders RIWG last year, with four members."""
    code = f"GLOW-SL-{year.start_year % 100:02d}"
    existing = WorkGroup.objects.filter(hub=glow, academic_year=year.start_year, code=code).first()
    if existing is not None:
        return existing, 0
    programme = Programme.objects.get(slug="riwg-new-primary-tfm-subject-leaders")
    leads = list(
        User.objects.filter(email__in=["llme@example.org", "llme2-glow@example.org"]).order_by(
            "email"
        )
    )
    work_group = work_group_create(
        hub=glow,
        leads=leads,
        by=by,
        programme=programme,
        academic_year=year.start_year,
        code=code,
        title=f"{programme.name}: GLOW {year.label}",
        description=programme.summary,
        capacity=8,
        per_school_limit=1,
        mode=Mode.ONLINE,
        venue="",
        recruitment_closes_on=date(year.start_year, 9, 20),
    )
    for month, day in ((10, 8), (2, 4), (5, 13)):
        session_add(
            work_group=work_group,
            date=date(year.start_year + (month < 9), month, day),
            starts_at=time(15, 45),
            ends_at=time(17, 15),
            mode=Mode.ONLINE,
            venue="",
            joining_link="https://meet.example.org/hubwork-demo",
            by=by,
        )
    teachers = list(User.objects.filter(email__startswith="teacher").order_by("pk")[20:24])
    schools = list(School.objects.filter(local_authority__hub_area__hub=glow).order_by("urn")[:4])
    Enrolment.objects.bulk_create(
        Enrolment(
            work_group=work_group,
            user=teacher,
            school=school,
            status=Enrolment.Status.ENROLLED,
            role=Enrolment.Role.SUBJECT_LEADER,
            leader_supports=True,
        )
        for teacher, school in zip(teachers, schools, strict=False)
    )
    work_group_set_status(work_group=work_group, status=WorkGroup.Status.RUNNING, by=by)
    return work_group, 1


def seed_research_writeups(*, hubs: dict[str, Hub], by: User) -> int:
    """Create the demo write-ups and reviews that are missing; leave what exists alone."""
    created = _oracy_writeup(hubs["glow"])
    last_year = AcademicYear.current().previous()
    national_admin = User.objects.filter(email=NATIONAL_ADMIN).first() or by
    for spec in PUBLISHED:
        hub = hubs.get(spec.hub_slug)
        if hub is None:
            continue
        work_group = (
            WorkGroup.objects.filter(
                hub=hub,
                academic_year=last_year.start_year,
                programme__slug="riwg-oracy",
                research_year__isnull=True,
            )
            .order_by("pk")
            .first()
        )
        if work_group is None or ResearchProject.objects.filter(title=spec.title).exists():
            continue
        hub_lead, new = _hub_lead(hub)
        created += new
        created += _seed_project(
            spec,
            work_group,
            reviewers={Stage.HUB: hub_lead, Stage.NATIONAL: national_admin},
            when=date(last_year.start_year + 1, 6, 20),
        )
    glow = hubs["glow"]
    glow_lead = User.objects.filter(email=HUB_LEAD).first()
    if glow_lead is not None and not ResearchProject.objects.filter(title=WAITING.title).exists():
        work_group, new = _subject_leaders_group(glow, last_year, by)
        created += new
        created += _seed_project(
            WAITING,
            work_group,
            reviewers={Stage.HUB: glow_lead, Stage.NATIONAL: national_admin},
            when=timezone.localdate() - timedelta(days=3),
        )
    return created
