"""Readings written out as BibTeX and RIS, with bibtexparser's and rispy's writers, for
reference managers (research/views/exports.py)."""

import re
import unicodedata
from collections.abc import Iterable

import rispy
from bibtexparser import model as bibtex
from bibtexparser.entrypoint import write_string
from bibtexparser.library import Library
from bibtexparser.middlewares import LatexEncodingMiddleware

from hubwork.research.models import Reading

Kind = Reading.SourceKind

BIBTEX_TYPES = {
    Kind.JOURNAL_ARTICLE: "article",
    Kind.BOOK: "book",
    Kind.CHAPTER: "incollection",
    Kind.REPORT: "techreport",
    Kind.WEB_PAGE: "misc",
    Kind.OTHER: "misc",
}
# Where the source goes in each BibTeX type.
BIBTEX_SOURCE_FIELDS = {
    "article": "journal",
    "book": "publisher",
    "incollection": "booktitle",
    "techreport": "institution",
    "misc": "howpublished",
}
RIS_TYPES = {
    Kind.JOURNAL_ARTICLE: "JOUR",
    Kind.BOOK: "BOOK",
    Kind.CHAPTER: "CHAP",
    Kind.REPORT: "RPRT",
    Kind.WEB_PAGE: "ELEC",
    Kind.OTHER: "GEN",
}


def author_names(reading: Reading) -> list[str]:
    """The authors one by one, as written ("Smith, J.; Jones, K.")."""
    return [name.strip() for name in re.split(r";|\s+and\s+", reading.authors) if name.strip()]


def ascii_word(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    return re.sub(r"[^a-z0-9]", "", text.encode("ascii", "ignore").decode().lower())


def citation_key(reading: Reading, taken: set[str]) -> str:
    """A key such as "smith2019retrieval", unique among `taken` (which it joins)."""
    names = author_names(reading)
    surname = ascii_word(names[0].split(",")[0].split()[-1]) if names and names[0].split() else ""
    words = [ascii_word(word) for word in reading.title.split()]
    first_word = next((word for word in words if len(word) > 3), "") or (words[0] if words else "")
    base = f"{surname or 'anon'}{reading.year or ''}{first_word}" or f"reading{reading.pk}"
    key, suffix = base, 0
    while key in taken:
        suffix += 1
        key = f"{base}{chr(ord('a') + suffix - 1) if suffix <= 26 else suffix}"
    taken.add(key)
    return key


def field_text(text: str) -> str:
    # Braces delimit BibTeX values: unbalanced ones in a title would end the entry early.
    return text.replace("{", "(").replace("}", ")")


def as_bibtex(readings: Iterable[Reading]) -> str:
    """The readings as a BibTeX file (non-ASCII letters and special characters as LaTeX)."""
    library = Library()
    taken: set[str] = set()
    for reading in readings:
        entry_type = BIBTEX_TYPES.get(Kind(reading.source_kind), "misc")
        values = {
            "author": " and ".join(author_names(reading)),
            "title": reading.title,
            "year": str(reading.year or ""),
            BIBTEX_SOURCE_FIELDS[entry_type]: reading.source,
            "doi": reading.doi,
            "url": reading.url,
            "abstract": reading.summary,
        }
        fields = [bibtex.Field(name, field_text(value)) for name, value in values.items() if value]
        library.add(bibtex.Entry(entry_type, citation_key(reading, taken), fields))
    return write_string(
        library,
        prepend_middleware=[LatexEncodingMiddleware(keep_math=False, enclose_urls=False)],
    )


class RisWriter(rispy.RisWriter):
    """rispy's, without the record numbers ("1.") it writes before each record."""

    def set_header(self, count: int) -> str:
        return ""


def as_ris(readings: Iterable[Reading]) -> str:
    """The readings as a RIS file."""
    records = []
    for reading in readings:
        record: dict[str, object] = {
            "type_of_reference": RIS_TYPES.get(Kind(reading.source_kind), "GEN"),
            "authors": author_names(reading),
            "title": " ".join(reading.title.split()),
        }
        if reading.year:
            record["year"] = str(reading.year)
        if reading.source:
            key = "journal_name" if reading.source_kind == Kind.JOURNAL_ARTICLE else "publisher"
            if reading.source_kind == Kind.CHAPTER:
                key = "secondary_title"
            record[key] = " ".join(reading.source.split())
        if reading.doi:
            record["doi"] = reading.doi
        if reading.url:
            record["urls"] = [reading.url]
        if reading.summary:
            record["abstract"] = " ".join(reading.summary.split())
        records.append(record)
    return str(rispy.dumps(records, implementation=RisWriter))
