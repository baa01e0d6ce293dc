"""Importing readings from a BibTeX or RIS file, as reference managers export them.

Every entry is checked on its own: one that cannot be used (it could not be read, has no
title, a DOI that is not a DOI or a year that is not a year) is rejected with its position and
reason; one already in the library, or earlier in the same file (same DOI, or same title and
year), is skipped as a duplicate; the rest are added, in one transaction, to the chosen list.
"""

import codecs
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from hubwork.accounts.models import User
from hubwork.core.audit import audit
from hubwork.core.imports import UnreadableFileError
from hubwork.research.doi import normalise_doi
from hubwork.research.models import Reading, title_key
from hubwork.research.permissions import ReadingList, can_curate
from hubwork.research.references import Candidate, read_bibtex, read_ris
from hubwork.research.services.readings import year_problem

MAX_IMPORT_BYTES = 2 * 1024 * 1024
FORMATS = {".bib": "BibTeX", ".bibtex": "BibTeX", ".ris": "RIS"}


@dataclass(frozen=True)
class ImportNote:
    """An entry not added, where it is in the file and why."""

    position: str
    title: str
    reason: str


@dataclass
class ImportReport:
    file_name: str
    file_format: str
    created: list[Reading] = field(default_factory=list)
    duplicates: list[ImportNote] = field(default_factory=list)
    rejected: list[ImportNote] = field(default_factory=list)


def file_format_of(file_name: str) -> str:
    """ "BibTeX" or "RIS" by the file's extension; ValidationError for anything else."""
    name = file_name.lower()
    for extension, file_format in FORMATS.items():
        if name.endswith(extension):
            return file_format
    raise ValidationError(
        {"file": ["Choose a BibTeX file (.bib) or a RIS file (.ris)"]}, code="file_type"
    )


def decode_reference_file(data: bytes) -> str:
    """UTF-8 text, with or without a byte order mark, as reference managers save it.
    UnreadableFileError names the first line that is not UTF-8."""
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        raise UnreadableFileError(
            f"The file must be saved as UTF-8 text: line {line} is not. Export it again "
            "from your reference manager choosing UTF-8 (Unicode)."
        ) from None
    if "\x00" in text:
        raise UnreadableFileError("The file is not a text file.")
    return text


def _year(text: str) -> tuple[int | None, str]:
    text = text.strip()
    if not text:
        return None, ""
    if not text.isdecimal() or len(text) != 4:
        return None, f"The year “{text[:20]}” is not a year"
    year = int(text)
    if year_problem(year):
        return None, f"The year {year} is not possible: {year_problem(year).lower()}"
    return year, ""


def _reading(
    candidate: Candidate, reading_list: ReadingList, by: User
) -> tuple[Reading | None, str]:
    """The candidate as an unsaved reading, or why it cannot be one."""
    if candidate.problem:
        return None, candidate.problem
    details = candidate.details
    title = " ".join(details.get("title", "").split())
    if not title_key(title):
        return None, "It has no title"
    try:
        doi = normalise_doi(details.get("doi", ""))
    except ValidationError:
        return None, f"The DOI “{details.get('doi', '')[:60]}” is not a DOI"
    year, problem = _year(details.get("year", ""))
    if problem:
        return None, problem
    reading = Reading(
        hub=reading_list.hub,
        added_by=by,
        authors=details.get("authors", "")[:500],
        title=title[:500],
        title_key=title_key(title),
        year=year,
        source=details.get("source", "")[:300],
        source_kind=details.get("source_kind", Reading.SourceKind.OTHER),
        doi=doi,
        url=details.get("url", "") if len(details.get("url", "")) <= 500 else "",
        summary=details.get("summary", ""),
    )
    try:
        reading.clean_fields(exclude=["title_key", "hub", "added_by", "url"])
    except ValidationError as error:
        field_name, messages = next(iter(error.message_dict.items()))
        label = getattr(Reading._meta.get_field(field_name), "verbose_name", field_name)
        return None, f"{str(label).capitalize()}: {messages[0]}"
    try:
        reading.clean_fields(exclude=["title_key", "hub", "added_by", *details.keys() - {"url"}])
    except ValidationError:
        reading.url = ""  # a link that is not a web address is left out, not the reading
    return reading, ""


def readings_import(
    *, by: User, reading_list: ReadingList, file_name: str, data: bytes
) -> ImportReport:
    """Add the usable entries of a BibTeX or RIS file to a list and report on every other.

    ValidationError (by the form's `file`) when the file as a whole cannot be read: too large,
    not .bib or .ris, not UTF-8 text. Nothing is written then."""
    if not can_curate(by, reading_list.hub):
        raise PermissionDenied
    file_format = file_format_of(file_name)
    if len(data) > MAX_IMPORT_BYTES:
        raise ValidationError({"file": ["The file must be smaller than 2 MB"]}, code="file_size")
    try:
        text = decode_reference_file(data)
    except UnreadableFileError as error:
        raise ValidationError({"file": [str(error)]}, code="encoding") from None
    candidates = read_bibtex(text) if file_format == "BibTeX" else read_ris(text)
    if not candidates:
        raise ValidationError({"file": [f"The file has no {file_format} entries"]}, code="empty")
    report = ImportReport(file_name=file_name, file_format=file_format)
    usable: list[tuple[Candidate, Reading]] = []
    for candidate in candidates:
        reading, problem = _reading(candidate, reading_list, by)
        title = candidate.details.get("title", "")
        if reading is None:
            report.rejected.append(ImportNote(candidate.position, title, problem))
        else:
            usable.append((candidate, reading))

    with transaction.atomic():
        # What the library holds already, asked once for the whole file.
        dois = {reading.doi for _candidate, reading in usable if reading.doi}
        keys = {reading.title_key for _candidate, reading in usable}
        existing_dois = dict(Reading.objects.filter(doi__in=dois).values_list("doi", "title"))
        existing_titles = {
            (key, year): title
            for key, year, title in Reading.objects.filter(title_key__in=keys).values_list(
                "title_key", "year", "title"
            )
        }
        seen_dois: dict[str, str] = {}
        seen_titles: dict[tuple[str, int | None], str] = {}
        to_create = []
        for candidate, reading in usable:
            same_title = (reading.title_key, reading.year)
            reason = ""
            if reading.doi in existing_dois:
                reason = f"Already in the library (same DOI): {existing_dois[reading.doi]}"
            elif same_title in existing_titles:
                reason = f"Already in the library: {reading.citation_title}"
            elif reading.doi in seen_dois:
                reason = f"Same DOI as {seen_dois[reading.doi]}, earlier in the file"
            elif same_title in seen_titles:
                reason = f"Same title and year as {seen_titles[same_title]}, earlier in the file"
            if reason:
                report.duplicates.append(ImportNote(candidate.position, reading.title, reason))
                continue
            if reading.doi:
                seen_dois[reading.doi] = candidate.position
            seen_titles[same_title] = candidate.position
            to_create.append(reading)
        report.created = Reading.objects.bulk_create(to_create)
        audit(
            by,
            "reading.imported",
            None,
            hub=reading_list.hub,
            file_name=file_name[:200],
            file_format=file_format,
            created=len(report.created),
            duplicates=len(report.duplicates),
            rejected=len(report.rejected),
            list=reading_list.key,
        )
    return report
