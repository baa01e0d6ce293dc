"""The research library as an LLME uses it: from the menu to the library, adding a reading,
importing a reference manager's BibTeX file (and reading its report), then searching."""

from pathlib import Path

import pytest
from playwright.sync_api import expect

from hubwork.accounts.tests.factories import UserFactory
from hubwork.hubs.models import HubRole
from hubwork.hubs.tests.factories import HubFactory, HubRoleFactory
from hubwork.research.models import Reading
from hubwork.research.tests.factories import ReadingFactory, ThemeFactory
from tests.browser.conftest import assert_accessible, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

BIB = Path(__file__).resolve().parents[2] / "hubwork/research/tests/files/library.bib"


def test_an_llme_adds_imports_and_searches_readings(page, transactional_db):
    hub = HubFactory.create(name="GLOW Maths Hub", slug="glow")
    lead = UserFactory.create(email="liam@example.org", display_name="Liam Evans")
    HubRoleFactory.create(user=lead, hub=hub, role=HubRole.Kind.LLME)
    ThemeFactory.create(name="Oracy and mathematical talk", slug="oracy-and-mathematical-talk")
    ReadingFactory.create(title="Already in the library", year=2019)

    sign_in(page, "liam@example.org")
    page.get_by_role("link", name="Research library").first.click()
    expect(page.get_by_role("heading", name="Research library", level=1)).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Add a reading").click()
    page.get_by_label("Title").fill("Teaching children how to use language to solve maths problems")
    page.get_by_label("Authors").fill("Mercer, N.; Sams, C.")
    page.get_by_label("Year published").fill("2006")
    page.get_by_label("Source", exact=True).fill("Language and Education")
    page.get_by_label("Journal article").check()
    page.get_by_label("Summary").fill("Ground rules for talk helped Year 5 solve problems.")
    page.get_by_label("Primary", exact=True).check()
    page.get_by_label("Oracy and mathematical talk").check()
    assert_accessible(page)
    page.get_by_role("button", name="Add the reading").click()
    expect(page.get_by_text("is in the library.")).to_be_visible()
    expect(
        page.get_by_role(
            "heading", name="Teaching children how to use language to solve maths problems"
        )
    ).to_be_visible()
    assert_accessible(page)
    reading = Reading.objects.get(title__startswith="Teaching children")
    assert (reading.hub, reading.added_by, reading.year) == (hub, lead, 2006)

    page.get_by_role("link", name="Research library", exact=True).first.click()
    page.get_by_role("link", name="Import from BibTeX or RIS").click()
    assert_accessible(page)
    page.get_by_label("Upload a file").set_input_files(str(BIB))
    page.get_by_role("button", name="Import the readings").click()
    expect(page.get_by_role("heading", name="Import report")).to_be_visible()
    expect(page.get_by_test_id("created")).to_have_text("2")
    expect(page.get_by_test_id("duplicates")).to_have_text("3")
    expect(page.get_by_test_id("rejected")).to_have_text("4")
    expect(page.get_by_test_id("rejected-entries")).to_contain_text("Entry 6 (broken), line 37")
    assert_accessible(page)

    page.get_by_role("link", name="Go to the library").click()
    page.get_by_label("Search titles, authors and summaries").fill("mindsets")
    page.get_by_role("button", name="Search").click()
    expect(page.get_by_role("heading", name="1 reading found")).to_be_visible()
    expect(page.get_by_test_id("reading")).to_contain_text("Mathematical Mindsets")
    assert_accessible(page)
