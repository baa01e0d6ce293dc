"""Time the research library and the public findings on a national-sized body of research.

    .venv/bin/python bench/research.py                # SQLite (FTS5), in a throwaway folder
    .venv/bin/python bench/research.py --database-url postgres://postgres@127.0.0.1:5432/hubwork_research_1

It makes 40 hubs, 5,000 readings and 400 RIWG research projects over 10 academic years (one
or two years each, each year its own Work Group), with their schools, readings, themes,
enquiry cycles and aggregate data tables; 300 of them are published findings. Rows go in
with bulk inserts, so the SQLite search table is filled afresh afterwards
(research.search.finding_index_rebuild); PostgreSQL's index follows the table by itself.

It then requests the library, the findings (listed, searched, filtered, a later page) and
finding pages through Django's test client, printing the median and 95th percentile in
milliseconds and the queries of each; the query counts of the same page for different data
(pages of results, findings with few or many readings and schools) must be equal, or it
stops with an error. PostgreSQL needs a fresh database name (created if missing).
"""

import argparse
import random
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from common import generate, postgres_database, throwaway_database, time_requests

HUBS = 40
YEARS = 10
USERS = 300
SCHOOLS = 2_000
RIWG_PROGRAMMES = [
    ("RIWG: Oracy", ["primary", "secondary"]),
    ("RIWG: Retrieval practice", ["secondary"]),
    ("RIWG: Bar models", ["primary"]),
    ("RIWG: Early number", ["early_years"]),
    ("RIWG: Resit motivation", ["post16"]),
    ("RIWG: Fluency", ["primary"]),
    ("RIWG: Reasoning", ["secondary"]),
    ("RIWG: Transition", ["primary", "secondary"]),
]
TOPICS = [
    "fractions", "place value", "algebra", "ratio", "geometry", "multiplication", "division",
    "probability", "statistics", "number bonds", "times tables", "equations", "graphs",
    "measurement", "decimals", "percentages", "proportion", "reasoning", "problem solving",
]  # fmt: skip
METHODS = [
    "sentence stems", "talk partners", "bar models", "retrieval quizzes", "worked examples",
    "concrete resources", "number lines", "mini whiteboards", "interleaving", "self-explanation",
    "variation", "manipulatives", "dialogic teaching", "low-stakes testing", "modelling",
]  # fmt: skip
VERBS = ["helped", "did not help", "slightly improved", "changed how", "made it easier for"]
GROUPS = ["Year 3", "Year 5", "Year 7", "Year 8", "Year 10", "resit students", "Reception"]


@dataclass(frozen=True)
class Sizes:
    readings: int = 5_000
    projects: int = 400
    published: int = 300


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--readings", type=int, default=5_000)
    parser.add_argument("--projects", type=int, default=400)
    parser.add_argument("--published", type=int, default=300)
    parser.add_argument("--runs", type=int, default=20, help="requests timed per page")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--database-url", default="", help="a fresh local PostgreSQL database")
    arguments = parser.parse_args()
    sizes = Sizes(arguments.readings, arguments.projects, arguments.published)
    if sizes.published > sizes.projects:
        raise SystemExit("--published must be at most --projects.")

    if arguments.database_url:
        with postgres_database(arguments.database_url):
            from hubwork.research.models import Reading

            if Reading.objects.exists():
                raise SystemExit("That database holds data already: name a fresh one.")
            run(sizes, runs=arguments.runs, seed=arguments.seed)
    else:
        with throwaway_database():
            run(sizes, runs=arguments.runs, seed=arguments.seed)


def run(sizes: Sizes, *, runs: int, seed: int) -> None:
    from django.db import connection

    generate(lambda: build(sizes, random.Random(seed)))
    print(f"Database: {connection.vendor}")
    time_pages(runs=runs)


def _sentence(rng: random.Random) -> str:
    return (
        f"Using {rng.choice(METHODS)} {rng.choice(VERBS)} {rng.choice(GROUPS)} pupils "
        f"with {rng.choice(TOPICS)}."
    )


def _paragraph(rng: random.Random, sentences: int) -> str:
    return " ".join(_sentence(rng) for _ in range(sentences))


def build(sizes: Sizes, rng: random.Random) -> str:
    """Make the dataset in one transaction; return what was made, for `generate`."""
    from django.contrib.auth.hashers import make_password
    from django.db import transaction

    from hubwork.accounts.models import User
    from hubwork.core.academic_years import AcademicYear
    from hubwork.hubs.models import Hub
    from hubwork.programmes.models import Programme, ProgrammePhase
    from hubwork.research.models import (
        DataTable,
        EnquiryCycle,
        ProjectSchool,
        ProjectYear,
        Reading,
        ReadingPhase,
        ResearchProject,
        Theme,
        title_key,
    )
    from hubwork.research.search import finding_index_rebuild
    from hubwork.schools.models import LocalAuthority, School
    from hubwork.workgroups.models import WorkGroup

    current = AcademicYear.current().start_year
    password = make_password(None)  # hashing hundreds would time the hasher
    Status = ResearchProject.Status
    unpublished = [status for status in Status.values if status != Status.PUBLISHED]
    with transaction.atomic():
        hubs = Hub.objects.bulk_create(
            Hub(name=f"Hub {number} Maths Hub", slug=f"hub-{number}") for number in range(HUBS)
        )
        authority = LocalAuthority.objects.create(code="999", name="Bench Borough")
        schools = School.objects.bulk_create(
            School(urn=800_000 + n, name=f"Bench School {n}", local_authority=authority)
            for n in range(SCHOOLS)
        )
        users = User.objects.bulk_create(
            User(email=f"teacher{n}@example.org", display_name=f"Teacher {n}", password=password)
            for n in range(USERS)
        )
        programmes = Programme.objects.bulk_create(
            Programme(
                name=name,
                slug=f"bench-riwg-{number}",
                kind=Programme.Kind.RIWG,
                summary="Teachers research one question in their own classrooms.",
            )
            for number, (name, _phases) in enumerate(RIWG_PROGRAMMES)
        )
        ProgrammePhase.objects.bulk_create(
            ProgrammePhase(programme=programme, phase=phase)
            for programme, (_name, phases) in zip(programmes, RIWG_PROGRAMMES, strict=True)
            for phase in phases
        )
        themes = list(Theme.objects.all()) or Theme.objects.bulk_create(
            Theme(name=topic.capitalize(), slug=topic.replace(" ", "-")) for topic in TOPICS
        )

        readings = []
        for number in range(sizes.readings):
            title = f"{rng.choice(METHODS).capitalize()} and {rng.choice(TOPICS)}: study {number}"
            readings.append(
                Reading(
                    title=title,
                    title_key=title_key(title),
                    authors=f"Author{number % 700}, A.; Writer{number % 300}, B.",
                    year=rng.randint(1990, 2026),
                    source="Journal of Mathematics Teacher Education",
                    source_kind=Reading.SourceKind.JOURNAL_ARTICLE,
                    summary=_paragraph(rng, 2),
                    hub=rng.choice(hubs) if number % 3 == 0 else None,
                )
            )
        readings = Reading.objects.bulk_create(readings, batch_size=1_000)
        ReadingPhase.objects.bulk_create(
            (
                ReadingPhase(reading=reading, phase=rng.choice(["primary", "secondary"]))
                for reading in readings
            ),
            batch_size=1_000,
        )
        Reading.themes.through.objects.bulk_create(
            (
                Reading.themes.through(reading_id=reading.pk, theme_id=rng.choice(themes).pk)
                for reading in readings
            ),
            batch_size=1_000,
        )

        # Projects: year 1 spread over the last ten years; the published ones finished.
        projects, plans = [], []
        for number in range(sizes.projects):
            hub = hubs[number % HUBS]
            programme = rng.choice(programmes)
            first_year = current - 1 - (number % YEARS)
            year_count = 2 if number % 4 == 0 and first_year < current - 1 else 1
            is_published = number < sizes.published
            published_at = (
                datetime(first_year + year_count, 7, 1, tzinfo=UTC) + timedelta(days=number % 60)
                if is_published
                else None
            )
            title = f"{rng.choice(METHODS).capitalize()} for {rng.choice(TOPICS)} {number}"
            projects.append(
                ResearchProject(
                    hub=hub,
                    title=title,
                    question=f"Does {rng.choice(METHODS)} help {rng.choice(GROUPS)} with "
                    f"{rng.choice(TOPICS)}?",
                    status=Status.PUBLISHED if is_published else rng.choice(unpublished),
                    summary=_paragraph(rng, 3),
                    findings=_paragraph(rng, 8),
                    implications=_paragraph(rng, 3),
                    limitations="Few schools, one class each.",
                    published_at=published_at,
                    slug=f"finding-{number}" if is_published else "",
                    ethics_school_agrees=True,
                    ethics_no_identifying_data=True,
                    ethics_aggregate_only=True,
                )
            )
            plans.append((hub, programme, first_year, year_count))
        projects = ResearchProject.objects.bulk_create(projects)
        work_groups = []
        for number, (hub, programme, first_year, year_count) in enumerate(plans):
            for year in range(year_count):
                work_groups.append(
                    WorkGroup(
                        programme=programme,
                        hub=hub,
                        academic_year=first_year + year,
                        code=f"RIWG-{number}-{year}",
                        slug=f"riwg-{number}-{year}",
                        title=f"{programme.name} {number}",
                        capacity=12,
                        status=WorkGroup.Status.COMPLETED
                        if first_year + year < current
                        else WorkGroup.Status.RUNNING,
                    )
                )
        work_groups = WorkGroup.objects.bulk_create(work_groups, batch_size=1_000)
        project_years, at = [], 0
        for project, (_hub, _programme, _first, year_count) in zip(projects, plans, strict=True):
            for year in range(year_count):
                project_years.append(
                    ProjectYear(project=project, work_group=work_groups[at], number=year + 1)
                )
                at += 1
        project_years = ProjectYear.objects.bulk_create(project_years, batch_size=1_000)

        ProjectSchool.objects.bulk_create(
            (
                ProjectSchool(project=project, school=school, named_with_consent=rng.random() < 0.5)
                for project in projects
                for school in rng.sample(schools, rng.randint(3, 8))
            ),
            batch_size=1_000,
        )
        ResearchProject.readings.through.objects.bulk_create(
            (
                ResearchProject.readings.through(
                    researchproject_id=project.pk, reading_id=reading.pk
                )
                for project in projects
                for reading in rng.sample(readings, rng.randint(3, 15))
            ),
            batch_size=1_000,
        )
        ResearchProject.themes.through.objects.bulk_create(
            (
                ResearchProject.themes.through(researchproject_id=project.pk, theme_id=theme.pk)
                for project in projects
                for theme in rng.sample(themes, rng.randint(1, min(3, len(themes))))
            ),
            batch_size=1_000,
        )
        cycles = EnquiryCycle.objects.bulk_create(
            (
                EnquiryCycle(
                    project=project_year.project,
                    year=project_year,
                    author=rng.choice(users),
                    asked=f"Will {rng.choice(METHODS)} help with {rng.choice(TOPICS)}?",
                    class_description=rng.choice(GROUPS),
                    did=_paragraph(rng, 2),
                    observed=_paragraph(rng, 2),
                    concluded=_paragraph(rng, 1),
                )
                for project_year in project_years
                for _ in range(rng.randint(4, 8))
            ),
            batch_size=1_000,
        )
        tables = DataTable.objects.bulk_create(
            (
                DataTable(
                    project=project_year.project,
                    year=project_year,
                    title=f"Correct answers before and after, table {table}",
                    columns=[
                        {"name": "class", "kind": "text"},
                        {"name": "before", "kind": "number"},
                        {"name": "after", "kind": "number"},
                    ],
                    rows=[
                        [group, rng.randint(5, 20), rng.randint(8, 28)]
                        for group in rng.sample(GROUPS, 4)
                    ],
                )
                for project_year in project_years
                for table in range(rng.randint(1, 3))
            ),
            batch_size=1_000,
        )
        indexed = finding_index_rebuild()
        assert indexed == sizes.published, (indexed, sizes.published)
    return (
        f"{len(readings):,} readings, {len(projects):,} projects ({sizes.published:,} published) "
        f"in {len(project_years):,} project years, {len(cycles):,} enquiry cycles, "
        f"{len(tables):,} data tables"
    )


def _get(client: Any, path: str, params: dict[str, str]) -> Any:
    return lambda: client.get(path, params)


def time_pages(*, runs: int) -> dict[str, int]:
    """Time each page; print the figures; fail unless query counts are flat. Returns the
    queries of each page (for the smoke test)."""
    from django.db.models import Count
    from django.test import Client
    from django.urls import reverse

    from hubwork.accounts.models import User
    from hubwork.research.selectors.findings import published_findings

    reader = User.objects.order_by("pk").first()
    assert reader is not None
    library_client = Client(HTTP_HOST="localhost")
    library_client.force_login(reader)
    client = Client(HTTP_HOST="localhost")

    findings = published_findings().annotate(
        reading_count=Count("readings", distinct=True), school_count=Count("schools", distinct=True)
    )
    few = findings.order_by("reading_count", "school_count", "pk").first()
    many = findings.order_by("-reading_count", "-school_count", "pk").first()
    assert few is not None
    assert many is not None
    first_hub = few.hub.slug
    findings_url = reverse("research:findings")
    library_url = reverse("research:library")

    def finding_url(project: Any) -> str:
        return reverse("research:finding", kwargs={"pk": project.pk, "slug": project.slug})

    pages: dict[str, tuple[Any, str, dict[str, str]]] = {
        "library": (library_client, library_url, {}),
        "library, search": (library_client, library_url, {"q": "bar models"}),
        "library, page 50": (library_client, library_url, {"page": "50"}),
        "findings": (client, findings_url, {}),
        "findings, page 10": (client, findings_url, {"page": "10"}),
        "findings, search one word": (client, findings_url, {"q": "retrieval"}),
        "findings, search three words": (client, findings_url, {"q": "bar models fractions"}),
        "findings, search, page 3": (client, findings_url, {"q": "pupils", "page": "3"}),
        "findings, filters": (
            client,
            findings_url,
            {"phase": "primary", "hub": first_hub, "q": "helped"},
        ),
        "finding page, fewest readings": (client, finding_url(few), {}),
        "finding page, most readings": (client, finding_url(many), {}),
        "findings feed": (client, reverse("research:findings_feed"), {}),
        "citation, BibTeX": (
            client,
            reverse("research:finding_citation", kwargs={"pk": many.pk, "file_format": "bib"}),
            {},
        ),
    }
    print(f"Pages through django.test.Client ({runs} requests each, after one warm-up):")
    print(f"  {'page':<32} {'median':>8} {'p95':>8} {'queries':>8}")
    queries: dict[str, int] = {}
    for label, (page_client, path, params) in pages.items():
        timing = time_requests(label, _get(page_client, path, params), runs=runs)
        queries[label] = timing.queries
        print(f"  {label:<32} {timing.median:>6.1f}ms {timing.p95:>6.1f}ms {timing.queries:>8}")

    flat = [
        ("library", "library, page 50"),
        ("findings", "findings, page 10"),
        ("findings, search one word", "findings, search, page 3"),
        ("finding page, fewest readings", "finding page, most readings"),
    ]
    uneven = [(a, b) for a, b in flat if queries[a] != queries[b]]
    if uneven:
        raise SystemExit(f"Query counts are not flat: {uneven} {queries}")
    print("Query counts flat: " + "; ".join(f"{a} = {b}" for a, b in flat))
    return queries


if __name__ == "__main__":
    main()
