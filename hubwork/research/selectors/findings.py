"""Published findings as the public pages show them: searched, filtered and fetched with what
each page shows in a fixed number of queries, however many findings there are.

A finding's year, for the year filter, is the academic year its research began (year 1's
Work Group): the year a teacher would say the research was done, which a later write-up or
publication does not change.
"""

from dataclasses import dataclass

from django.db.models import Case, IntegerField, Prefetch, Q, QuerySet, Value, When
from django.utils import timezone

from hubwork.core.academic_years import AcademicYear
from hubwork.core.choices import Phase
from hubwork.hubs.models import Hub
from hubwork.programmes.models import Programme, ProgrammePhase
from hubwork.research.models import ProjectSchool, ProjectYear, Reading, ResearchProject, Theme
from hubwork.research.search import findings_matching
from hubwork.workgroups.models import WorkGroup
from hubwork.workgroups.selectors.catalogue import catalogue_work_groups

JOINABLE_SHOWN = 5


@dataclass(frozen=True)
class FindingFilters:
    """What findings are searched and filtered by (each empty for "any")."""

    text: str = ""
    phase: str = ""
    theme: str = ""  # a theme's slug
    year: int | None = None  # the academic year the research began, by its start year
    hub: str = ""  # a hub's slug
    programme: str = ""  # a programme's slug


def published_findings() -> QuerySet[ResearchProject]:
    """Every published project: the only ones the public may see."""
    return ResearchProject.objects.filter(
        status=ResearchProject.Status.PUBLISHED, published_at__isnull=False
    )


def _years() -> Prefetch:
    return Prefetch(
        "years",
        queryset=ProjectYear.objects.select_related(
            "work_group__programme", "work_group__hub"
        ).order_by("number"),
    )


def findings_list(filters: FindingFilters) -> QuerySet[ResearchProject]:
    """The findings that match: best match first when searched, otherwise newest first."""
    findings = published_findings()
    in_years = ProjectYear.objects.all()
    if filters.phase:
        findings = findings.filter(
            pk__in=in_years.filter(work_group__programme__phases__phase=filters.phase).values(
                "project_id"
            )
        )
    if filters.programme:
        findings = findings.filter(
            pk__in=in_years.filter(work_group__programme__slug=filters.programme).values(
                "project_id"
            )
        )
    if filters.year is not None:
        findings = findings.filter(
            pk__in=in_years.filter(number=1, work_group__academic_year=filters.year).values(
                "project_id"
            )
        )
    if filters.theme:
        findings = findings.filter(
            pk__in=ResearchProject.themes.through.objects.filter(theme__slug=filters.theme).values(
                "researchproject_id"
            )
        )
    if filters.hub:
        findings = findings.filter(hub__slug=filters.hub)
    findings = findings_matching(findings, filters.text)
    order = ("-search_rank", "-published_at", "pk") if filters.text else ("-published_at", "pk")
    return findings.select_related("hub").prefetch_related("themes", _years()).order_by(*order)


@dataclass(frozen=True)
class FilterChoices:
    """The values each filter offers: those that published findings have."""

    phases: list[tuple[str, str]]
    themes: list[tuple[str, str]]
    years: list[tuple[int, str]]
    hubs: list[tuple[str, str]]
    programmes: list[tuple[str, str]]


def filter_choices() -> FilterChoices:
    """Four queries, whatever the number of findings."""
    published = published_findings()
    published_years = ProjectYear.objects.filter(project__in=published)
    phases = set(
        ProgrammePhase.objects.filter(
            programme__work_groups__research_year__in=published_years
        ).values_list("phase", flat=True)
    )
    years = (
        published_years.filter(number=1)
        .order_by("-work_group__academic_year")
        .values_list("work_group__academic_year", flat=True)
        .distinct()
    )
    return FilterChoices(
        phases=[(value, label) for value, label in Phase.choices if value in phases],
        themes=list(
            Theme.objects.filter(projects__in=published)
            .distinct()
            .order_by("name")
            .values_list("slug", "name")
        ),
        years=[(year, AcademicYear(year).label) for year in years],
        hubs=list(
            Hub.objects.filter(research_projects__in=published)
            .distinct()
            .order_by("name")
            .values_list("slug", "name")
        ),
        programmes=list(
            Programme.objects.filter(work_groups__research_year__in=published_years)
            .distinct()
            .order_by("name")
            .values_list("slug", "name")
        ),
    )


def finding_for_page(*, pk: int) -> ResearchProject:
    """A published finding with everything its page shows; others raise DoesNotExist."""
    return (
        published_findings()
        .select_related("hub")
        .prefetch_related(
            "themes",
            Prefetch(
                "years",
                queryset=ProjectYear.objects.select_related(
                    "work_group__programme", "work_group__hub"
                )
                .prefetch_related("work_group__programme__phases")
                .order_by("number"),
            ),
            Prefetch(
                "schools",
                queryset=ProjectSchool.objects.select_related("school").order_by("school__name"),
            ),
            Prefetch("readings", queryset=Reading.objects.order_by("title_key", "year", "pk")),
        )
        .get(pk=pk)
    )


@dataclass(frozen=True)
class FindingFacts:
    """What a finding's page says about where and when (from prefetched rows; no queries)."""

    hubs: list[Hub]
    year_labels: list[str]
    named_schools: list[str]
    unnamed_schools: int


def finding_facts(project: ResearchProject) -> FindingFacts:
    years = list(project.years.all())
    hubs = [project.hub]
    for year in years:
        if year.work_group.hub not in hubs:
            hubs.append(year.work_group.hub)
    schools = list(project.schools.all())
    return FindingFacts(
        hubs=hubs,
        year_labels=[AcademicYear(year.work_group.academic_year).label for year in years],
        named_schools=[school.school.name for school in schools if school.named_with_consent],
        unnamed_schools=sum(1 for school in schools if not school.named_with_consent),
    )


def joinable_work_groups(project: ResearchProject) -> list[WorkGroup]:
    """Work Groups a teacher could join now, to take the finding further: published and
    recruiting for this academic year or next, the project's own programme first, then
    programmes for a phase it shared. Needs `finding_for_page`'s prefetching; one query."""
    years = list(project.years.all())
    programme_ids = {year.work_group.programme_id for year in years}
    phases = {phase.phase for year in years for phase in year.work_group.programme.phases.all()}
    current = AcademicYear.current()
    today = timezone.localdate()
    same_programme = Q(programme_id__in=programme_ids)
    return list(
        catalogue_work_groups()
        .filter(
            same_programme
            | Q(programme__in=Programme.objects.filter(phases__phase__in=phases).values("pk")),
            # As `recruiting` in WorkGroupQuerySet.with_availability: taking sign-ups now.
            Q(recruitment_closes_on__isnull=True) | Q(recruitment_closes_on__gte=today),
            status=WorkGroup.Status.OPEN,
            academic_year__in=(current.start_year, current.next().start_year),
        )
        .exclude(pk__in=[year.work_group_id for year in years])
        .annotate(
            programme_rank=Case(
                When(same_programme, then=Value(0)), default=Value(1), output_field=IntegerField()
            )
        )
        .order_by("programme_rank", "academic_year", "title", "pk")[:JOINABLE_SHOWN]
    )


def feed_findings(limit: int = 50) -> QuerySet[ResearchProject]:
    """The newest findings, for the Atom feed."""
    return published_findings().select_related("hub").order_by("-published_at", "pk")[:limit]
