"""Exports of the library's current result: BibTeX read back by bibtexparser field by field,
RIS by rispy, and both imported again as duplicates of what they came from."""

import pytest
import rispy
from bibtexparser.entrypoint import parse_string
from bibtexparser.middlewares import LatexDecodingMiddleware
from django.urls import reverse

from hubwork.research.models import Reading
from hubwork.research.permissions import ReadingList
from hubwork.research.services.imports import readings_import
from hubwork.research.tests.factories import ReadingFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def readings(hub):
    return [
        ReadingFactory.create(
            authors="Rohrer, Doug; Taylor, Kelli",
            title="The shuffling of mathematics problems improves learning",
            year=2007,
            source="Instructional Science",
            doi="10.1007/s11251-007-9015-8",
            summary="Mixing problem types (interleaving) beat practising one type at a time.",
            open_access=False,
        ),
        ReadingFactory.create(
            authors="Müller, Ä.; O'Brien, S.",
            title="Talk {and} reasoning: 50% & more in Year 5 – “oracy”",
            year=2021,
            source="Education Endowment Foundation",
            source_kind=Reading.SourceKind.REPORT,
            url="https://example.org/oracy?x=1&y=2",
            summary="Structured talk helped.",
            open_access=True,
            hub=hub,
        ),
        ReadingFactory.create(
            authors="Same, A.",
            title="Same surname and year",
            year=2021,
            source_kind=Reading.SourceKind.WEB_PAGE,
        ),
    ]


def test_bibtex_export_reads_back_field_by_field(client, participant, readings):
    client.force_login(participant)
    response = client.get(reverse("research:export", kwargs={"file_format": "bib"}))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/x-bibtex; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="readings.bib"'
    library = parse_string(response.content.decode(), append_middleware=[LatexDecodingMiddleware()])
    assert library.failed_blocks == []
    entries = {entry.key: entry for entry in library.entries}
    assert len(entries) == 3  # keys are unique
    shuffling = entries["rohrer2007shuffling"]
    assert shuffling.entry_type == "article"
    assert shuffling["author"] == "Rohrer, Doug and Taylor, Kelli"
    assert shuffling["title"] == "The shuffling of mathematics problems improves learning"
    assert shuffling["journal"] == "Instructional Science"
    assert shuffling["year"] == "2007"
    assert shuffling["doi"] == "10.1007/s11251-007-9015-8"
    talk = next(entry for entry in library.entries if entry.entry_type == "techreport")
    assert talk["author"] == "Müller, Ä. and O'Brien, S."
    # Braces in a title become brackets so they cannot end the value early.
    assert talk["title"] == "Talk (and) reasoning: 50% & more in Year 5 – “oracy”"
    assert talk["institution"] == "Education Endowment Foundation"
    assert talk["url"] == "https://example.org/oracy?x=1&y=2"


def test_ris_export_reads_back_with_rispy(client, participant, readings):
    client.force_login(participant)
    response = client.get(reverse("research:export", kwargs={"file_format": "ris"}))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/x-research-info-systems; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="readings.ris"'
    records = rispy.loads(response.content.decode())
    assert len(records) == 3
    by_title = {record["title"]: record for record in records}
    shuffling = by_title["The shuffling of mathematics problems improves learning"]
    assert shuffling["type_of_reference"] == "JOUR"
    assert shuffling["authors"] == ["Rohrer, Doug", "Taylor, Kelli"]
    assert shuffling["year"] == "2007"
    assert shuffling["doi"] == "10.1007/s11251-007-9015-8"
    assert shuffling["journal_name"] == "Instructional Science"
    talk = by_title["Talk {and} reasoning: 50% & more in Year 5 – “oracy”"]
    assert talk["type_of_reference"] == "RPRT"
    assert talk["urls"] == ["https://example.org/oracy?x=1&y=2"]


@pytest.mark.parametrize("file_format", ["bib", "ris"])
def test_an_export_imported_again_is_all_duplicates(client, national_admin, readings, file_format):
    client.force_login(national_admin)
    exported = client.get(reverse("research:export", kwargs={"file_format": file_format}))
    report = readings_import(
        by=national_admin,
        reading_list=ReadingList(hub=None),
        file_name=f"readings.{file_format}",
        data=exported.content,
    )
    assert report.created == []
    assert report.rejected == []
    assert len(report.duplicates) == 3


def test_the_export_is_the_current_search_and_filter_result(client, participant, readings, hub):
    client.force_login(participant)
    url = reverse("research:export", kwargs={"file_format": "ris"})
    records = rispy.loads(client.get(url, {"reading_list": hub.slug}).content.decode())
    assert [record["title"] for record in records] == [readings[1].title]
    records = rispy.loads(client.get(url, {"q": "shuffling"}).content.decode())
    assert [record["title"] for record in records] == [readings[0].title]
    # An invalid filter is left out, not a failure.
    assert client.get(url, {"phase": "nonsense", "theme": "x" * 500}).status_code == 200


def test_other_formats_are_not_found(client, participant):
    client.force_login(participant)
    assert client.get(reverse("research:export", kwargs={"file_format": "csv"})).status_code == 404
