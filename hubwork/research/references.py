"""Reading the files reference managers export (BibTeX and RIS) into candidate readings,
each with where it is in the file, for the import to check (research/services/imports.py).
Parsing is bibtexparser's and rispy's; this module only maps their fields to a reading's."""

import re
from dataclasses import dataclass, field

import rispy
from bibtexparser import model as bibtex
from bibtexparser.entrypoint import parse_string
from bibtexparser.middlewares import LatexDecodingMiddleware

from hubwork.research.models import Reading

Kind = Reading.SourceKind

BIBTEX_KINDS = {
    "article": Kind.JOURNAL_ARTICLE,
    "book": Kind.BOOK,
    "inbook": Kind.CHAPTER,
    "incollection": Kind.CHAPTER,
    "techreport": Kind.REPORT,
    "report": Kind.REPORT,
    "online": Kind.WEB_PAGE,
    "webpage": Kind.WEB_PAGE,
}
RIS_KINDS = {
    "JOUR": Kind.JOURNAL_ARTICLE,
    "JFULL": Kind.JOURNAL_ARTICLE,
    "EJOUR": Kind.JOURNAL_ARTICLE,
    "BOOK": Kind.BOOK,
    "EBOOK": Kind.BOOK,
    "CHAP": Kind.CHAPTER,
    "ECHAP": Kind.CHAPTER,
    "RPRT": Kind.REPORT,
    "ELEC": Kind.WEB_PAGE,
    "WEB": Kind.WEB_PAGE,
}
BIBTEX_KEY = re.compile(r"@\w+\s*[{(]\s*([^,\s{}()]+)\s*,")
RECORD_NUMBER = re.compile(r"^\d+\.?$")
RIS_TAG = re.compile(r"^([A-Z][A-Z0-9])  - ?(.*)$")


@dataclass
class Candidate:
    """One entry of a file, as a reading's details (still unchecked), or why it could not be
    read at all (`problem`)."""

    number: int  # its place among the file's entries, from 1
    line: int  # the line it starts on, from 1
    key: str = ""  # its BibTeX key
    details: dict[str, str] = field(default_factory=dict)
    problem: str = ""

    @property
    def position(self) -> str:
        key = f" ({self.key})" if self.key else ""
        return f"Entry {self.number}{key}, line {self.line}"


def _clean(text: str) -> str:
    return " ".join((text or "").replace("{", "").replace("}", "").split())


def _first(values: object) -> str:
    if isinstance(values, list):
        return str(values[0]) if values else ""
    return str(values or "")


def _key_in(raw: str) -> str:
    """The key of an entry bibtexparser could not read, from its first line."""
    match = BIBTEX_KEY.match(raw.lstrip())
    return match.group(1)[:100] if match else ""


def read_bibtex(text: str) -> list[Candidate]:
    """Every entry of a BibTeX file in file order, broken blocks included with bibtexparser's
    reason. @string, @preamble and @comment blocks are not entries."""
    library = parse_string(text, append_middleware=[LatexDecodingMiddleware()])
    candidates: list[Candidate] = []
    for block in library.blocks:
        if isinstance(block, bibtex.ParsingFailedBlock):
            reason = (
                "an entry with this key comes earlier in the file"
                if isinstance(block, bibtex.DuplicateBlockKeyBlock)
                else "it is not valid BibTeX (check its braces, quotes and commas)"
            )
            key = getattr(block, "key", "") or _key_in(str(block.raw or ""))
            candidates.append(
                Candidate(
                    number=len(candidates) + 1,
                    line=(block.start_line or 0) + 1,
                    key=str(key),
                    problem=f"Could not be read: {reason}",
                )
            )
        elif isinstance(block, bibtex.Entry):
            fields = {
                name.lower(): _clean(str(entry_field.value))
                for name, entry_field in block.fields_dict.items()
            }
            authors = [name.strip() for name in re.split(r"\s+and\s+", fields.get("author", ""))]
            if not any(authors):
                authors = [
                    name.strip() for name in re.split(r"\s+and\s+", fields.get("editor", ""))
                ]
            year = fields.get("year") or fields.get("date", "")[:4]
            source = (
                fields.get("journal")
                or fields.get("journaltitle")
                or fields.get("booktitle")
                or fields.get("publisher")
                or fields.get("institution")
                or fields.get("organization")
                or fields.get("howpublished", "")
            )
            candidates.append(
                Candidate(
                    number=len(candidates) + 1,
                    line=(block.start_line or 0) + 1,
                    key=block.key,
                    details={
                        "authors": "; ".join(name for name in authors if name),
                        "title": fields.get("title", ""),
                        "year": year,
                        "source": source,
                        "source_kind": BIBTEX_KINDS.get(block.entry_type.lower(), Kind.OTHER),
                        "doi": fields.get("doi", ""),
                        "url": fields.get("url", ""),
                        "summary": fields.get("abstract", ""),
                    },
                )
            )
    return candidates


def _ris_records(text: str) -> list[tuple[int, list[str], str]]:
    """(first line, lines, problem) for each record: from a "TY" line to its "ER" line."""
    records: list[tuple[int, list[str], str]] = []
    start = 0
    lines: list[str] = []
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.rstrip()
        match = RIS_TAG.match(line)
        tag = match.group(1) if match else ""
        if tag == "TY":
            if lines:
                records.append((start, lines, "it has no end (ER) line before the next record"))
            start, lines = number, [line]
        elif not lines:
            # Some tools number their records ("1.") between them.
            if line.strip() and not RECORD_NUMBER.match(line.strip()):
                records.append(
                    (number, [], "this line is outside any record (a record starts with TY)")
                )
        else:
            lines.append(line)
            if tag == "ER":
                records.append((start, lines, ""))
                lines = []
    if lines:
        records.append((start, lines, "it has no end (ER) line"))
    # Lines outside records next to each other are one problem, not one per line.
    merged: list[tuple[int, list[str], str]] = []
    for record in records:
        if merged and not record[1] and not merged[-1][1] and merged[-1][2] == record[2]:
            continue
        merged.append(record)
    return merged


def read_ris(text: str) -> list[Candidate]:
    """Every record of a RIS file in file order, with the line its TY tag is on."""
    candidates: list[Candidate] = []
    for line, lines, problem in _ris_records(text):
        number = len(candidates) + 1
        if problem:
            candidates.append(
                Candidate(number=number, line=line, problem=f"Could not be read: {problem}")
            )
            continue
        try:
            parsed = rispy.loads("\n".join(lines) + "\n")
        except Exception:  # rispy raises plain exceptions for malformed records
            candidates.append(
                Candidate(
                    number=number, line=line, problem="Could not be read: it is not valid RIS"
                )
            )
            continue
        record = parsed[0] if parsed else {}
        authors = (
            record.get("authors")
            or record.get("first_authors")
            or record.get("secondary_authors")
            or []
        )
        year = str(record.get("year") or record.get("publication_year") or record.get("date") or "")
        source = (
            record.get("journal_name")
            or record.get("alternate_title3")
            or record.get("secondary_title")
            or record.get("alternate_title1")
            or record.get("publisher")
            or ""
        )
        candidates.append(
            Candidate(
                number=number,
                line=line,
                details={
                    "authors": "; ".join(
                        _clean(str(name)) for name in authors if str(name).strip()
                    ),
                    "title": _clean(str(record.get("title") or record.get("primary_title") or "")),
                    # "2019///" or "2019/05/01/": the year is before the first slash.
                    "year": year.split("/")[0].strip(),
                    "source": _clean(str(source)),
                    "source_kind": RIS_KINDS.get(
                        str(record.get("type_of_reference", "")).upper(), Kind.OTHER
                    ),
                    "doi": _clean(str(record.get("doi") or "")),
                    "url": _clean(_first(record.get("urls") or record.get("url"))),
                    "summary": " ".join(str(record.get("abstract") or "").split()),
                },
            )
        )
    return candidates
