"""Reads for research project pages: one project as its page shows it, and the lists of
projects for a hub's staff and for the national team. Each decides its queries once, so a
page costs the same number of queries however many members, schools and cycles it has."""

from dataclasses import dataclass, field

from django.db.models import Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404

from hubwork.accounts.models import HUB_STAFF_ROLES, User
from hubwork.hubs.models import Hub, HubRole
from hubwork.practice.models import ClassroomTrial
from hubwork.programmes.models import Programme
from hubwork.research.models import (
    EnquiryCycle,
    ProjectSchool,
    ProjectYear,
    Reading,
    ResearchProject,
)
from hubwork.research.permissions import ProjectAccess
from hubwork.research.services.projects import (
    collecting_problems,
    is_open_to_edit,
    next_lead_status,
    previous_lead_status,
)
from hubwork.schools.models import School
from hubwork.workgroups.models import Enrolment, WorkGroup

Status = ResearchProject.Status
ETHICS_FIELDS = ("ethics_school_agrees", "ethics_no_identifying_data", "ethics_aggregate_only")

# What each status asks of the project's leads next.
NEXT_STEPS = {
    Status.PLANNING: "Agree the research question, tick the ethics checklist and plan the "
    "year's timeline. Then start collecting data.",
    Status.COLLECTING: "Members run their enquiry cycles and record them here. Add the "
    "aggregate data as it comes in.",
    Status.ANALYSING: "Look at the cycles and the data together. What do they show?",
    Status.WRITING_UP: "Write up the findings, then submit the project for review.",
    Status.SUBMITTED: "The hub's staff review the write-up.",
    Status.REVIEWED: "The national team review it and decide whether to publish it.",
    Status.PUBLISHED: "The findings are published for everyone to read.",
}


@dataclass
class Member:
    enrolment: Enrolment
    continuing: bool


@dataclass
class YearView:
    year: ProjectYear
    work_group: WorkGroup
    members: list[Member] = field(default_factory=list)

    @property
    def continuing_count(self) -> int:
        return sum(1 for member in self.members if member.continuing)

    @property
    def new_count(self) -> int:
        return len(self.members) - self.continuing_count


@dataclass
class SchoolView:
    school: School
    named_with_consent: bool


@dataclass
class ProjectPage:
    project: ResearchProject
    access: set[ProjectAccess]
    years: list[YearView]
    hubs: list[Hub]
    schools: list[SchoolView]
    readings: list[Reading]
    cycles: list[EnquiryCycle]
    next_status: str | None
    previous_status: str | None
    collecting_problems: list[str]

    @property
    def is_lead(self) -> bool:
        return ProjectAccess.LEAD in self.access

    @property
    def can_edit(self) -> bool:
        return self.is_lead and is_open_to_edit(self.project)

    @property
    def can_review(self) -> bool:
        return bool({ProjectAccess.HUB_REVIEW, ProjectAccess.NATIONAL_REVIEW} & self.access)

    @property
    def next_step(self) -> str:
        return NEXT_STEPS.get(Status(self.project.status), "")

    @property
    def next_status_label(self) -> str:
        return Status(self.next_status).label if self.next_status else ""

    @property
    def previous_status_label(self) -> str:
        return Status(self.previous_status).label if self.previous_status else ""

    @property
    def latest_year(self) -> YearView | None:
        return self.years[-1] if self.years else None

    @property
    def ethics_items(self) -> list[tuple[str, bool]]:
        """The ethics checklist: each item's text and whether it is ticked."""
        return [
            (
                str(
                    getattr(ResearchProject._meta.get_field(name), "verbose_name", name)
                ).capitalize(),
                bool(getattr(self.project, name)),
            )
            for name in ETHICS_FIELDS
        ]

    @property
    def timeline_years(self) -> list[tuple[YearView, list[str]]]:
        """Each year with its timeline's steps, one a line."""
        return [
            (year, [line.strip() for line in year.year.timeline.splitlines() if line.strip()])
            for year in self.years
        ]

    @property
    def status_steps(self) -> list[tuple[str, str, str]]:
        """Every status in order, each (value, label, "done" / "current" / "to do")."""
        values = list(Status.values)
        current = values.index(self.project.status)
        return [
            (
                value,
                Status(value).label,
                "done" if index < current else "current" if index == current else "to do",
            )
            for index, value in enumerate(values)
        ]


def project_years(project: ResearchProject) -> list[ProjectYear]:
    """The project's years in order, with their Work Groups (hub and programme loaded)."""
    return list(
        project.years.select_related("work_group__hub", "work_group__programme").order_by("number")
    )


def project_page(project: ResearchProject, access: set[ProjectAccess]) -> ProjectPage:
    """Everything the project's page shows, in a fixed number of queries."""
    years = list(
        project.years.select_related("work_group__hub", "work_group__programme")
        .prefetch_related(
            Prefetch(
                "work_group__enrolments",
                queryset=Enrolment.objects.filter(status__in=Enrolment.MEMBERS)
                .select_related("user", "school", "continues_from")
                .order_by("user__display_name", "pk"),
                to_attr="member_enrolments",
            ),
            "work_group__leads",
        )
        .order_by("number")
    )
    year_views: list[YearView] = []
    previous_users: set[int] = set()
    previous_enrolments: set[int] = set()
    for year in years:
        enrolments = year.work_group.member_enrolments  # type: ignore[attr-defined]
        members = [
            Member(
                enrolment=enrolment,
                continuing=bool(year.number > 1)
                and (
                    enrolment.user_id in previous_users
                    or enrolment.continues_from_id in previous_enrolments
                ),
            )
            for enrolment in enrolments
        ]
        year_views.append(YearView(year=year, work_group=year.work_group, members=members))
        previous_users = {enrolment.user_id for enrolment in enrolments}
        previous_enrolments = {enrolment.pk for enrolment in enrolments}

    hubs: dict[int, Hub] = {}
    schools: dict[int, School] = {}
    for year in years:
        hubs.setdefault(year.work_group.hub_id, year.work_group.hub)
        for enrolment in year.work_group.member_enrolments:  # type: ignore[attr-defined]
            schools.setdefault(enrolment.school_id, enrolment.school)
    consent = dict(
        ProjectSchool.objects.filter(project=project).values_list("school_id", "named_with_consent")
    )
    school_views = [
        SchoolView(school=school, named_with_consent=consent.get(school.pk, False))
        for school in sorted(schools.values(), key=lambda school: school.name)
    ]
    return ProjectPage(
        project=project,
        access=access,
        years=year_views,
        hubs=sorted(hubs.values(), key=lambda hub: hub.name),
        schools=school_views,
        readings=list(project.readings.select_related("hub").order_by("title_key", "pk")),
        cycles=project_cycles(project),
        next_status=next_lead_status(project),
        previous_status=previous_lead_status(project),
        collecting_problems=collecting_problems(project)
        if project.status == Status.PLANNING
        else [],
    )


def project_cycles(project: ResearchProject) -> list[EnquiryCycle]:
    """Every enquiry cycle of the project, year by year, with who recorded it and the
    classroom trials it links to."""
    return list(
        EnquiryCycle.objects.filter(project=project)
        .select_related("author", "year")
        .prefetch_related("trials")
        .order_by("year__number", "created_at", "pk")
    )


def participating_school_ids(project: ResearchProject) -> set[int]:
    """The schools of the members of any of the project's years."""
    return set(
        Enrolment.objects.filter(
            work_group__research_year__project=project, status__in=Enrolment.MEMBERS
        ).values_list("school_id", flat=True)
    )


def project_of_work_group(work_group: WorkGroup) -> ResearchProject | None:
    year = ProjectYear.objects.filter(work_group=work_group).select_related("project").first()
    return year.project if year else None


def reading_candidates(project: ResearchProject, text: str) -> QuerySet[Reading]:
    """Readings of the library matching `text` that the project does not build on yet."""
    return (
        Reading.objects.matching(text)
        .exclude(pk__in=project.readings.values("pk"))
        .select_related("hub")[:20]
    )


def projects_list(*, hub: Hub | None = None, status: str = "") -> QuerySet[ResearchProject]:
    """Projects (of one hub, or all) with their hub and years' Work Groups, by title."""
    projects = ResearchProject.objects.select_related("hub").prefetch_related(
        Prefetch(
            "years",
            queryset=ProjectYear.objects.select_related("work_group").order_by("number"),
        )
    )
    if hub is not None:
        projects = projects.filter(hub=hub)
    if status:
        projects = projects.filter(status=status)
    return projects.order_by("title", "pk")


def hubs_managed_by(user: User) -> list[Hub]:
    """The hubs whose staff `user` is on (national admins see the national list instead)."""
    return list(
        Hub.objects.filter(
            pk__in=HubRole.objects.current()
            .filter(user=user, role__in=HUB_STAFF_ROLES)
            .values("hub_id")
        ).order_by("name")
    )


def riwgs_to_start(user: User) -> QuerySet[WorkGroup]:
    """The RIWG Work Groups `user` leads that have no research project yet."""
    return (
        WorkGroup.objects.filter(
            leads=user, programme__kind=Programme.Kind.RIWG, research_year__isnull=True
        )
        .exclude(status__in=[WorkGroup.Status.CANCELLED])
        .select_related("hub")
        .order_by("-academic_year", "title")
    )


def projects_for_member(user: User) -> QuerySet[ResearchProject]:
    """The projects whose Work Groups `user` is a member or lead of."""
    return (
        ResearchProject.objects.filter(
            Q(
                years__work_group__enrolments__user=user,
                years__work_group__enrolments__status__in=Enrolment.MEMBERS,
            )
            | Q(years__work_group__leads=user)
        )
        .distinct()
        .order_by("title", "pk")
    )


# --- Enquiry cycles --------------------------------------------------------------------------


def cycle_year_for(project: ResearchProject, user: User) -> ProjectYear:
    """The year a new cycle of `user`'s belongs to: the latest they are a member in, or the
    project's latest year (a lead or hub staff)."""
    years = project.years.select_related("work_group").order_by("-number")
    own = years.filter(
        work_group__enrolments__user=user,
        work_group__enrolments__status__in=Enrolment.MEMBERS,
    ).first()
    return own or years.first() or ProjectYear.objects.get(project=project)


def own_cycle_or_404(project: ResearchProject, user: User, *, pk: int) -> EnquiryCycle:
    """One of `user`'s own cycles in the project: anyone else's is 404, never 403, so the
    address says nothing about other people's cycles."""
    return get_object_or_404(
        EnquiryCycle.objects.select_related("year").prefetch_related("trials"),
        pk=pk,
        project=project,
        author=user,
    )


def own_trials(project: ResearchProject, user: User) -> QuerySet[ClassroomTrial]:
    """`user`'s own classroom trials in the project's Work Groups, newest first."""
    return (
        ClassroomTrial.objects.filter(author=user, work_group__research_year__project=project)
        .select_related("work_group")
        .order_by("-tried_on", "-pk")
    )
