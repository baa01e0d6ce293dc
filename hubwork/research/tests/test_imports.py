"""Importing a reference manager's file: exactly the expected report for good, broken and
duplicate entries, through the page as a hub's LLME."""

import codecs
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from hubwork.core.models import AuditEvent
from hubwork.research.models import Reading
from hubwork.research.permissions import ReadingList
from hubwork.research.services.imports import MAX_IMPORT_BYTES, readings_import
from hubwork.research.tests.factories import ReadingFactory

pytestmark = pytest.mark.django_db

FILES = Path(__file__).parent / "files"


@pytest.fixture
def already_there():
    return ReadingFactory.create(title="Already in the library", year=2019)


def notes(entries):
    return [(note.position, note.reason) for note in entries]


def test_a_bibtex_file_imports_with_exactly_the_expected_report(client, hub, llme, already_there):
    client.force_login(llme)
    upload = SimpleUploadedFile("library.bib", (FILES / "library.bib").read_bytes())
    response = client.post(reverse("research:import"), {"reading_list": hub.slug, "file": upload})
    assert response.status_code == 200
    report = response.context["report"]
    assert [reading.title for reading in report.created] == [
        "The shuffling of mathematics problems improves learning",
        "Mathematical Mindsets",
    ]
    assert notes(report.rejected) == [
        ("Entry 3 (notitle2020), line 18", "It has no title"),
        ("Entry 4 (baddoi), line 24", "The DOI “not-a-doi” is not a DOI"),
        ("Entry 5 (badyear), line 31", "The year “20x9” is not a year"),
        (
            "Entry 6 (broken), line 37",
            "Could not be read: it is not valid BibTeX (check its braces, quotes and commas)",
        ),
    ]
    assert notes(report.duplicates) == [
        (
            "Entry 7 (samedoi), line 42",
            "Same DOI as Entry 1 (rohrer2010), line 2, earlier in the file",
        ),
        (
            "Entry 8 (boaler2016again), line 49",
            "Same title and year as Entry 2 (boaler2016), line 11, earlier in the file",
        ),
        ("Entry 9 (library2019), line 55", "Already in the library: Already in the library (2019)"),
    ]
    # The good ones are kept, on the hub's list, as the file has them.
    shuffling = Reading.objects.get(doi="10.1007/s11251-007-9015-8")
    assert (shuffling.hub, shuffling.added_by, shuffling.year) == (hub, llme, 2007)
    assert shuffling.authors == "Rohrer, Doug; Taylor, Kelli"
    assert shuffling.source == "Instructional Science"
    assert shuffling.source_kind == Reading.SourceKind.JOURNAL_ARTICLE
    assert shuffling.summary.startswith("Interleaved practice")
    book = Reading.objects.get(title="Mathematical Mindsets")
    assert (book.source, book.source_kind) == ("Jossey-Bass", Reading.SourceKind.BOOK)
    assert Reading.objects.count() == 3
    event = AuditEvent.objects.get(verb="reading.imported")
    assert event.hub_id == hub.pk
    assert (event.data["created"], event.data["duplicates"], event.data["rejected"]) == (2, 3, 4)
    # The page says so, entry by entry.
    text = response.content.decode()
    assert 'data-testid="created">2<' in text
    assert 'data-testid="duplicates">3<' in text
    assert 'data-testid="rejected">4<' in text
    assert "Entry 6 (broken), line 37" in text


def test_importing_the_same_file_again_adds_nothing(hub, llme, already_there):
    data = (FILES / "library.bib").read_bytes()
    reading_list = ReadingList(hub=hub)
    readings_import(by=llme, reading_list=reading_list, file_name="library.bib", data=data)
    again = readings_import(by=llme, reading_list=reading_list, file_name="library.bib", data=data)
    assert again.created == []
    assert len(again.duplicates) == 5
    assert len(again.rejected) == 4
    assert Reading.objects.count() == 3


def test_a_ris_file_imports_with_exactly_the_expected_report(national_admin, already_there):
    report = readings_import(
        by=national_admin,
        reading_list=ReadingList(hub=None),
        file_name="Library.RIS",
        data=codecs.BOM_UTF8 + (FILES / "library.ris").read_bytes(),
    )
    assert report.file_format == "RIS"
    assert [reading.title for reading in report.created] == [
        "The shuffling of mathematics problems improves learning",
        "Mathematical Mindsets",
    ]
    assert notes(report.rejected) == [
        ("Entry 3, line 18", "It has no title"),
        ("Entry 4, line 23", "The DOI “10.abc/xyz” is not a DOI"),
        ("Entry 5, line 30", "The year “next year” is not a year"),
        ("Entry 8, line 46", "Could not be read: it has no end (ER) line"),
    ]
    assert notes(report.duplicates) == [
        ("Entry 6, line 36", "Same title and year as Entry 2, line 11, earlier in the file"),
        ("Entry 7, line 41", "Already in the library: Already in the library (2019)"),
    ]
    shuffling = Reading.objects.get(doi="10.1007/s11251-007-9015-8")
    assert shuffling.hub is None
    assert shuffling.year == 2007  # from "2007///"
    assert shuffling.authors == "Rohrer, Doug; Taylor, Kelli"
    report_book = Reading.objects.get(title="Mathematical Mindsets")
    assert report_book.source_kind == Reading.SourceKind.BOOK


def test_a_doi_already_in_the_library_is_a_duplicate_whatever_its_form(hub, llme):
    ReadingFactory.create(title="Another title", doi="10.1007/s11251-007-9015-8")
    report = readings_import(
        by=llme,
        reading_list=ReadingList(hub=hub),
        file_name="one.bib",
        data=b"@article{one, title={Interleaving}, year={2007}, doi={10.1007/S11251-007-9015-8}}",
    )
    assert notes(report.duplicates) == [
        ("Entry 1 (one), line 1", "Already in the library (same DOI): Another title")
    ]


def test_lines_outside_ris_records_are_reported_once(national_admin):
    report = readings_import(
        by=national_admin,
        reading_list=ReadingList(hub=None),
        file_name="x.ris",
        data=b"stray\nlines\nTY  - JOUR\nTI  - Kept\nER  - \n",
    )
    assert [reading.title for reading in report.created] == ["Kept"]
    assert notes(report.rejected) == [
        (
            "Entry 1, line 1",
            "Could not be read: this line is outside any record (a record starts with TY)",
        )
    ]


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("refs.txt", b"@article{a, title={T}}", "Choose a BibTeX file (.bib) or a RIS file (.ris)"),
        ("refs.bib", b"@article{a,\n title={Caf\xe9}}", "line 2 is not"),
        ("refs.bib", b"% only a comment\n", "The file has no BibTeX entries"),
        ("refs.ris", b"", "The submitted file is empty"),
        ("refs.ris", b"\n\n", "The file has no RIS entries"),
        ("refs.bib", b"x" * (MAX_IMPORT_BYTES + 1), "smaller than 2 MB"),
    ],
)
def test_a_file_that_cannot_be_read_is_refused_by_the_field(client, llme, hub, name, data, message):
    client.force_login(llme)
    response = client.post(
        reverse("research:import"),
        {"reading_list": hub.slug, "file": SimpleUploadedFile(name, data)},
    )
    assert response.status_code == 200
    assert message in str(response.context["form"].errors["file"])
    assert not Reading.objects.exists()
    assert not AuditEvent.objects.filter(verb="reading.imported").exists()


def test_the_import_page_offers_only_the_lists_the_person_curates(
    client, hub, other_hub, llme, participant
):
    client.force_login(llme)
    page = client.get(reverse("research:import"))
    assert page.status_code == 200
    # One list: it is chosen for them.
    assert page.context["form"].fields["reading_list"].initial == hub.slug
    response = client.post(
        reverse("research:import"),
        {
            "reading_list": other_hub.slug,
            "file": SimpleUploadedFile("a.bib", b"@article{a, title={T}, year={2001}}"),
        },
    )
    assert "reading_list" in response.context["form"].errors
    assert client.get(reverse("research:import") + f"?list={other_hub.slug}").status_code == 403
    assert not Reading.objects.exists()
    client.force_login(participant)
    assert client.get(reverse("research:import")).status_code == 403
