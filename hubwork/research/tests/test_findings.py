"""Published findings through their public pages: full-text search (FTS5 on SQLite, the
english text search on PostgreSQL: the same tests run on both), filters, stable addresses,
citations and the Atom feed, and a flat number of queries as findings grow."""

import xml.etree.ElementTree as ET
from datetime import UTC, datetime, timedelta

import pytest
import rispy
from bibtexparser import model as bibtex
from bibtexparser.entrypoint import parse_string
from bibtexparser.middlewares import LatexDecodingMiddleware
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from hubwork.accounts.tests.factories import UserFactory
from hubwork.core.academic_years import AcademicYear
from hubwork.hubs.tests.factories import HubFactory
from hubwork.programmes.models import Programme
from hubwork.research.models import ProjectSchool, ResearchProject
from hubwork.research.search import findings_matching
from hubwork.research.selectors.findings import published_findings
from hubwork.research.tests.factories import ReadingFactory, ResearchProjectFactory, ThemeFactory
from hubwork.schools.tests.factories import SchoolFactory
from hubwork.workgroups.models import WorkGroup
from hubwork.workgroups.tests.factories import ProgrammeFactory, WorkGroupFactory

pytestmark = pytest.mark.django_db

FINDINGS = reverse("research:findings")
FEED = reverse("research:findings_feed")
ATOM = "{http://www.w3.org/2005/Atom}"
THIS_YEAR = AcademicYear.current().start_year


def riwg_programme(name: str = "RIWG: Oracy", phases: list[str] | None = None) -> Programme:
    return ProgrammeFactory.create(
        name=name,
        slug=name.lower().replace(":", "").replace(" ", "-"),
        kind=Programme.Kind.RIWG,
        phases=phases or ["secondary"],
    )


def finding(
    title: str = "Structured talk in Year 8",
    *,
    hub=None,
    programme: Programme | None = None,
    year: int = THIS_YEAR - 1,
    published: datetime | None = None,
    status: str = ResearchProject.Status.PUBLISHED,
    **fields,
) -> ResearchProject:
    """A project with year 1 in `year`'s Work Group; published unless `status` says not."""
    work_group = WorkGroupFactory.create(
        hub=hub or HubFactory.create(),
        programme=programme or riwg_programme(),
        academic_year=year,
        status=WorkGroup.Status.COMPLETED,
        title=title,
    )
    is_published = status == ResearchProject.Status.PUBLISHED
    return ResearchProjectFactory.create(
        work_group=work_group,
        title=title,
        status=status,
        published_at=(published or datetime(2026, 7, 1, tzinfo=UTC)) if is_published else None,
        slug=title.lower().replace(" ", "-") if is_published else "",
        summary=fields.pop("summary", "Talk rules helped pupils explain."),
        findings=fields.pop("findings", "Pupils gave fuller answers."),
        **fields,
    )


def titles(response) -> list[str]:
    return [project.title for project, _url in response.context["results"]]


# --- Search -------------------------------------------------------------------------------


def test_search_finds_a_published_project_by_a_word_in_its_findings_and_not_an_unpublished_one(
    client,
):
    finding("Published talk", findings="Pupils used sentence stems confidently.")
    finding(
        "Draft talk",
        findings="Pupils used sentence stems confidently.",
        status=ResearchProject.Status.WRITING_UP,
    )
    finding("Something else", findings="Fractions on a number line.")

    response = client.get(FINDINGS, {"q": "stems"})

    assert response.status_code == 200
    assert titles(response) == ["Published talk"]
    assert "1 finding found" in response.content.decode()


def test_search_needs_every_word_and_stems_them(client):
    finding("Talk A", findings="Pupils justified their methods.")
    finding("Talk B", findings="Pupils justified nothing about fractions.")

    assert titles(client.get(FINDINGS, {"q": "justifying methods"})) == ["Talk A"]
    assert sorted(titles(client.get(FINDINGS, {"q": "justify"}))) == ["Talk A", "Talk B"]


@pytest.mark.parametrize(
    "text", ['"', "stems AND", "NEAR(stems", "stems*", "-stems", "(", "title:stems", "'; --"]
)
def test_search_syntax_typed_in_is_read_as_words_and_never_fails(client, text):
    finding("Published talk", findings="Pupils used sentence stems.")

    response = client.get(FINDINGS, {"q": text})

    assert response.status_code == 200


def indexed() -> set[int]:
    """The projects in SQLite's FTS5 table (PostgreSQL's index covers every row, and searches
    are of published projects: there, this is what a search of published projects finds)."""
    if connection.vendor != "sqlite":
        return {project.pk for project in findings_matching(published_findings(), "partners")}
    with connection.cursor() as cursor:
        cursor.execute("SELECT rowid FROM research_finding_fts")
        return {row[0] for row in cursor.fetchall()}


def test_the_index_follows_changes_unpublishing_and_deleting():
    project = finding("Talk", findings="Pupils used sentence stems.")
    search = lambda text: list(findings_matching(published_findings(), text))  # noqa: E731

    assert search("stems") == [project]
    project.findings = "Pupils used talk partners."
    project.save()
    assert search("stems") == []
    assert search("partners") == [project]

    project.status = ResearchProject.Status.REVIEWED
    project.save()
    assert search("partners") == []
    assert indexed() == set()

    project.status = ResearchProject.Status.PUBLISHED
    project.save()
    assert search("partners") == [project]
    assert indexed() == {project.pk}
    project.delete()
    assert search("partners") == []
    assert indexed() == set()


def test_a_better_match_comes_first_when_searching_and_the_newest_otherwise(client):
    older = finding(
        "Sentence stems",
        findings="Stems helped.",
        published=datetime(2025, 7, 1, tzinfo=UTC),
    )
    newer = finding("Talk partners", findings="Partners helped; stems less so.")

    assert titles(client.get(FINDINGS)) == [newer.title, older.title]
    assert titles(client.get(FINDINGS, {"q": "stems"}))[0] == older.title


def test_htmx_gets_the_results_alone_and_the_count_to_announce(client):
    finding("Published talk", findings="Pupils used sentence stems.")

    response = client.get(FINDINGS, {"q": "stems"}, HTTP_HX_REQUEST="true")

    page = response.content.decode()
    assert "<html" not in page
    assert 'id="findings-status" data-hx-swap-oob="innerHTML">1 finding found' in page
    assert "HX-Request" in response["Vary"]


# --- Filters ------------------------------------------------------------------------------


def test_filters_by_phase_theme_year_hub_and_programme(client):
    glow = HubFactory.create(name="GLOW Maths Hub", slug="glow")
    primary = riwg_programme("RIWG: Bar models", phases=["primary"])
    oracy = riwg_programme("RIWG: Oracy", phases=["secondary"])
    talk = ThemeFactory.create(name="Oracy", slug="oracy")
    finding("Bar models", hub=glow, programme=primary, year=THIS_YEAR - 2)
    speech = finding("Talk", programme=oracy, year=THIS_YEAR - 1)
    speech.themes.add(talk)

    assert titles(client.get(FINDINGS, {"phase": "primary"})) == ["Bar models"]
    assert titles(client.get(FINDINGS, {"theme": "oracy"})) == ["Talk"]
    assert titles(client.get(FINDINGS, {"year": str(THIS_YEAR - 2)})) == ["Bar models"]
    assert titles(client.get(FINDINGS, {"hub": "glow"})) == ["Bar models"]
    assert titles(client.get(FINDINGS, {"programme": oracy.slug})) == ["Talk"]
    assert titles(client.get(FINDINGS, {"programme": oracy.slug, "hub": "glow"})) == []


def test_a_filter_value_not_offered_is_shown_as_an_error_and_the_rest_still_apply(client):
    finding("Talk", findings="Sentence stems.")

    response = client.get(FINDINGS, {"phase": "nonsense", "year": "abc", "q": "stems"})

    assert response.status_code == 200
    assert titles(response) == ["Talk"]
    page = response.content.decode()
    assert "There is a problem" in page
    assert "govuk-error-message" in page


# --- A finding's page ---------------------------------------------------------------------


def test_a_finding_has_a_stable_address_and_others_redirect_to_it(client):
    project = finding("Structured talk in Year 8")
    address = reverse("research:finding", kwargs={"pk": project.pk, "slug": project.slug})

    assert client.get(address).status_code == 200
    for wrong in (
        reverse("research:finding_redirect", kwargs={"pk": project.pk}),
        reverse("research:finding", kwargs={"pk": project.pk, "slug": "old-title"}),
    ):
        response = client.get(wrong)
        assert response.status_code == 301
        assert response["Location"] == address


def test_unpublished_projects_are_not_found_at_any_finding_address(client):
    project = finding("Draft", status=ResearchProject.Status.REVIEWED)

    for address in (
        reverse("research:finding_redirect", kwargs={"pk": project.pk}),
        reverse("research:finding", kwargs={"pk": project.pk, "slug": "draft"}),
        reverse("research:finding_citation", kwargs={"pk": project.pk, "file_format": "bib"}),
    ):
        assert client.get(address).status_code == 404


def test_the_page_names_consenting_schools_counts_others_and_links_readings_when_signed_in(
    client,
):
    project = finding("Talk", limitations="Only four schools.")
    named = SchoolFactory.create(name="Hillside Academy")
    ProjectSchool.objects.create(project=project, school=named, named_with_consent=True)
    for _ in range(2):
        ProjectSchool.objects.create(project=project, school=SchoolFactory.create())
    reading = ReadingFactory.create(title="Thinking together", authors="Mercer, N.", year=2000)
    project.readings.add(reading)
    address = reverse("research:finding", kwargs={"pk": project.pk, "slug": project.slug})
    reading_address = reverse("research:reading", kwargs={"pk": reading.pk})

    page = client.get(address).content.decode()
    assert "Hillside Academy, and 2 other schools not named" in page
    assert "Mercer, N. (2000)" in page
    assert "<cite>Thinking together</cite>" in page
    assert reading_address not in page
    assert "Only four schools." in page
    assert "https://creativecommons.org/licenses/by/4.0/" in page

    client.force_login(UserFactory.create())
    assert reading_address in client.get(address).content.decode()


def test_the_page_offers_work_groups_taking_sign_ups_now_same_programme_first(client):
    oracy = riwg_programme("RIWG: Oracy", phases=["secondary"])
    project = finding("Talk", programme=oracy)
    shared_phase = WorkGroupFactory.create(
        programme=ProgrammeFactory.create(phases=["secondary"]), title="Secondary mastery"
    )
    same = WorkGroupFactory.create(
        programme=oracy, title="Oracy next year", academic_year=THIS_YEAR + 1
    )
    WorkGroupFactory.create(programme=oracy, title="Oracy full", status=WorkGroup.Status.FULL)
    WorkGroupFactory.create(programme=oracy, title="Oracy long ago", academic_year=THIS_YEAR - 3)
    WorkGroupFactory.create(programme=ProgrammeFactory.create(phases=["primary"]), title="Primary")

    response = client.get(
        reverse("research:finding_redirect", kwargs={"pk": project.pk}), follow=True
    )

    assert [work_group.title for work_group in response.context["work_groups"]] == [
        same.title,
        shared_phase.title,
    ]


# --- Citations and the feed ---------------------------------------------------------------


def test_the_bibtex_and_ris_of_a_finding_parse_back_to_what_it_says(client):
    hub = HubFactory.create(name="GLOW & Partners Maths Hub", slug="glow")
    project = finding("Talk: what pupils say {and write}", hub=hub, summary="Talk – it helps.")
    project.themes.add(ThemeFactory.create(name="Oracy", slug="oracy"))
    address = "http://testserver" + reverse(
        "research:finding", kwargs={"pk": project.pk, "slug": project.slug}
    )

    response = client.get(
        reverse("research:finding_citation", kwargs={"pk": project.pk, "file_format": "bib"})
    )
    assert response["Content-Type"].startswith("application/x-bibtex")
    library = parse_string(response.content.decode(), append_middleware=[LatexDecodingMiddleware()])
    assert not library.failed_blocks
    (entry,) = library.entries
    assert isinstance(entry, bibtex.Entry)
    assert entry.entry_type == "techreport"
    fields = {name: str(field.value) for name, field in entry.fields_dict.items()}
    assert fields["title"] == "Talk: what pupils say (and write)"
    # Braced twice in the file, so it is read as an organisation, not a person's name.
    assert "author = {{GLOW \\& Partners Maths Hub}}" in response.content.decode()
    assert fields["author"] == "GLOW & Partners Maths Hub"
    assert fields["year"] == "2026"
    assert fields["url"] == address
    assert fields["abstract"] == "Talk – it helps."

    ris = client.get(
        reverse("research:finding_citation", kwargs={"pk": project.pk, "file_format": "ris"})
    )
    (record,) = rispy.loads(ris.content.decode())
    assert record["type_of_reference"] == "RPRT"
    assert record["authors"] == ["GLOW & Partners Maths Hub"]
    assert record["year"] == "2026"
    assert record["urls"] == [address]
    assert record["keywords"] == ["Oracy"]

    missing = reverse("research:finding_citation", kwargs={"pk": project.pk, "file_format": "doc"})
    assert client.get(missing).status_code == 404


def test_the_apa_citation_is_on_the_page(client):
    project = finding("Talk in Year 8", hub=HubFactory.create(name="GLOW Maths Hub"))

    response = client.get(
        reverse("research:finding_redirect", kwargs={"pk": project.pk}), follow=True
    )

    assert response.context["apa"] == (
        "GLOW Maths Hub. (2026). Talk in Year 8 [Research and innovation Work Group report]. "
        f"NCETM Maths Hubs Programme. http://testserver/research/{project.pk}/talk-in-year-8/"
    )


def test_the_atom_feed_has_an_entry_per_finding_at_its_stable_address(client):
    first = finding("First", published=datetime(2026, 3, 1, 9, tzinfo=UTC))
    second = finding("Second", published=datetime(2026, 6, 1, 9, tzinfo=UTC))
    finding("Draft", status=ResearchProject.Status.SUBMITTED)

    response = client.get(FEED)

    assert response["Content-Type"].startswith("application/atom+xml")
    feed = ET.fromstring(response.content)  # noqa: S314 - our own feed
    entries = feed.findall(f"{ATOM}entry")
    assert [entry.findtext(f"{ATOM}title") for entry in entries] == ["Second", "First"]
    links = [entry.find(f"{ATOM}link").get("href") for entry in entries]  # type: ignore[union-attr]
    assert links == [
        f"http://testserver/research/{second.pk}/second/",
        f"http://testserver/research/{first.pk}/first/",
    ]
    assert entries[1].findtext(f"{ATOM}published") == "2026-03-01T09:00:00+00:00"
    assert 'rel="alternate" type="application/atom+xml"' in client.get(FINDINGS).content.decode()


# --- Links --------------------------------------------------------------------------------


def test_anonymous_visitors_find_the_findings_from_the_footer_and_readers_from_the_library(
    client,
):
    home = client.get(reverse("dashboard:home"), follow=True).content.decode()
    assert f'href="{FINDINGS}"' in home

    client.force_login(UserFactory.create())
    assert f'href="{FINDINGS}"' in client.get(reverse("research:library")).content.decode()


# --- Queries ------------------------------------------------------------------------------


def _queries(client, address: str, **params) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(address, params).status_code == 200
    return len(queries)


def test_the_findings_pages_cost_the_same_number_of_queries_as_findings_grow(client):
    def grow(count: int, offset: int) -> ResearchProject:
        theme = ThemeFactory.create()
        for number in range(count):
            project = finding(
                f"Talk {offset + number}",
                findings="Sentence stems helped.",
                published=datetime(2026, 1, 1, tzinfo=UTC) + timedelta(days=number),
            )
            project.themes.add(theme)
            project.readings.add(ReadingFactory.create())
            ProjectSchool.objects.create(project=project, school=SchoolFactory.create())
        return project

    project = grow(2, 0)
    detail = reverse("research:finding", kwargs={"pk": project.pk, "slug": project.slug})
    few = (
        _queries(client, FINDINGS),
        _queries(client, FINDINGS, q="stems"),
        _queries(client, detail),
    )

    project = grow(8, 10)
    project.readings.add(*ReadingFactory.create_batch(5))
    for _ in range(5):
        ProjectSchool.objects.create(project=project, school=SchoolFactory.create())
    detail = reverse("research:finding", kwargs={"pk": project.pk, "slug": project.slug})
    many = (
        _queries(client, FINDINGS),
        _queries(client, FINDINGS, q="stems"),
        _queries(client, detail),
    )

    assert many == few
