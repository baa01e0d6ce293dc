"""Research findings as a visitor who is not signed in finds them: from the footer to the
findings, searching and filtering, opening one, copying its citation and downloading it;
and the search and filters again without JavaScript."""

from datetime import UTC, datetime
from pathlib import Path

import pytest
from playwright.sync_api import expect

from hubwork.core.academic_years import AcademicYear
from hubwork.hubs.tests.factories import HubFactory
from hubwork.programmes.models import Programme
from hubwork.research.models import ProjectSchool, ResearchProject
from hubwork.research.tests.factories import ReadingFactory, ResearchProjectFactory, ThemeFactory
from hubwork.schools.tests.factories import SchoolFactory
from hubwork.workgroups.models import WorkGroup
from hubwork.workgroups.tests.factories import ProgrammeFactory, WorkGroupFactory
from tests.browser.conftest import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LAST_YEAR = AcademicYear.current().start_year - 1


def _findings() -> ResearchProject:
    glow = HubFactory.create(name="GLOW Maths Hub", slug="glow")
    north = HubFactory.create(name="North Maths Hub", slug="north")
    oracy = ProgrammeFactory.create(
        name="RIWG: Oracy", slug="riwg-oracy", kind=Programme.Kind.RIWG, phases=["secondary"]
    )
    bars = ProgrammeFactory.create(
        name="RIWG: Bar models", slug="riwg-bars", kind=Programme.Kind.RIWG, phases=["primary"]
    )
    theme = ThemeFactory.create(name="Talk in lessons", slug="talk-in-lessons")
    projects = []
    for hub, programme, title, findings in (
        (glow, oracy, "Sentence stems in Year 8", "Pupils used sentence stems to explain."),
        (north, oracy, "Talk partners in Year 7", "Talk partners helped pupils use stems."),
        (north, bars, "Bar models in Year 4", "Bar models helped with word problems."),
    ):
        work_group = WorkGroupFactory.create(
            hub=hub,
            programme=programme,
            title=title,
            academic_year=LAST_YEAR,
            status=WorkGroup.Status.COMPLETED,
        )
        projects.append(
            ResearchProjectFactory.create(
                work_group=work_group,
                title=title,
                summary="What a group of teachers found.",
                findings=findings,
                implications="Plan the talk as carefully as the task.",
                limitations="Four schools, one year.",
                status=ResearchProject.Status.PUBLISHED,
                published_at=datetime(2026, 7, 1, tzinfo=UTC),
                slug=title.lower().replace(" ", "-"),
            )
        )
    stems = projects[0]
    stems.themes.add(theme)
    stems.readings.add(
        ReadingFactory.create(title="Thinking together", authors="Mercer, N.", year=2000)
    )
    ProjectSchool.objects.create(
        project=stems, school=SchoolFactory.create(name="Hillside Academy"), named_with_consent=True
    )
    ProjectSchool.objects.create(project=stems, school=SchoolFactory.create())
    WorkGroupFactory.create(hub=north, programme=oracy, title="Oracy in Key Stage 3")
    return stems


def test_a_visitor_searches_filters_opens_a_finding_and_copies_its_citation(page, live_server):
    stems = _findings()

    page.goto("/")
    page.get_by_role("contentinfo").get_by_role("link", name="Research findings").click()
    expect(page.get_by_role("heading", name="Research findings", level=1)).to_be_visible()
    expect(page.get_by_role("heading", name="3 findings")).to_be_visible()
    assert_accessible(page)

    page.get_by_label("Search findings").fill("stems")
    page.get_by_role("button", name="Search").click()
    expect(page.get_by_role("heading", name="2 findings found")).to_be_visible()
    page.get_by_label("Maths Hub").select_option(label="GLOW Maths Hub")
    expect(page.get_by_role("heading", name="1 finding found")).to_be_visible()
    expect(page.get_by_test_id("finding")).to_contain_text("Sentence stems in Year 8")
    assert "hub=glow" in page.url
    assert_accessible(page)

    page.get_by_role("link", name="Sentence stems in Year 8").click()
    expect(page.get_by_role("heading", name="Sentence stems in Year 8", level=1)).to_be_visible()
    assert page.url.endswith(f"/research/{stems.pk}/sentence-stems-in-year-8/")
    expect(page.get_by_test_id("schools")).to_contain_text(
        "Hillside Academy, and 1 other school not named"
    )
    expect(page.get_by_test_id("readings")).to_contain_text("Mercer, N. (2000). Thinking together")
    expect(page.get_by_test_id("work-groups")).to_contain_text("Oracy in Key Stage 3")
    expect(page.get_by_test_id("licence")).to_contain_text("CC BY 4.0")
    assert_accessible(page)

    citation = page.get_by_label("APA style")
    expect(citation).to_have_value(
        "GLOW Maths Hub. (2026). Sentence stems in Year 8 [Research and innovation Work Group "
        f"report]. NCETM Maths Hubs Programme. {page.url}"
    )
    page.get_by_role("button", name="Copy the APA citation").click()
    expect(page.locator("#copy-status")).to_have_text("APA citation copied.")

    with page.expect_download() as download:
        page.get_by_role("link", name="BibTeX file").click()
    assert download.value.suggested_filename == "sentence-stems-in-year-8.bib"
    assert "@techreport{" in Path(download.value.path()).read_text(encoding="utf-8")


def test_search_and_filters_work_without_javascript(page_without_javascript, live_server):
    _findings()
    page = page_without_javascript

    page.goto("/research/")
    page.get_by_label("Search findings").fill("helped")
    page.get_by_label("Phase").select_option(label="Primary")
    page.get_by_role("button", name="Search").click()
    expect(page.get_by_role("heading", name="1 finding found")).to_be_visible()
    expect(page.get_by_test_id("finding")).to_contain_text("Bar models in Year 4")

    page.get_by_role("link", name="Bar models in Year 4").click()
    expect(page.get_by_role("heading", name="Bar models in Year 4", level=1)).to_be_visible()
    expect(page.get_by_role("button", name="Copy the APA citation")).to_be_hidden()
