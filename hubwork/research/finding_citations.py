"""How to cite a published finding: APA-style text to copy, and BibTeX and RIS files for
reference managers, written with bibtexparser and rispy as citations.py writes readings.

The author is the hub, as an organisation: a finding is the Work Group's, and its members are
not named in public."""

from dataclasses import dataclass

import rispy
from bibtexparser import model as bibtex
from bibtexparser.entrypoint import write_string
from bibtexparser.library import Library
from bibtexparser.middlewares import LatexEncodingMiddleware

from hubwork.research.citations import RisWriter, ascii_word, field_text
from hubwork.research.models import ResearchProject

PUBLISHER = "NCETM Maths Hubs Programme"
REPORT_KIND = "Research and innovation Work Group report"


@dataclass(frozen=True)
class Licence:
    code: str
    name: str
    url: str
    credit: str  # how to credit, in a line


LICENCES = {
    "CC-BY-4.0": Licence(
        code="CC BY 4.0",
        name="Creative Commons Attribution 4.0 International",
        url="https://creativecommons.org/licenses/by/4.0/",
        credit="You may share and adapt it for any purpose, if you credit the hub, link to "
        "this page and say what you changed.",
    ),
}


def licence_of(project: ResearchProject) -> Licence:
    """The finding's licence (an unknown code is shown as it is, without a link)."""
    code = project.licence or ResearchProject.DEFAULT_LICENCE
    return LICENCES.get(
        code,
        Licence(code=code, name=code, url="", credit="Credit the hub and link to this page."),
    )


def _year(project: ResearchProject) -> str:
    return str(project.published_at.year) if project.published_at else "n.d."


def citation_key(project: ResearchProject) -> str:
    """A key such as "glowmathshub2026oracy3": hub, year, a word of the title and the id."""
    words = [ascii_word(word) for word in project.title.split()]
    first_word = next((word for word in words if len(word) > 3), "") or "finding"
    hub = ascii_word(project.hub.name) or "hub"
    return f"{hub[:20]}{_year(project)}{first_word[:20]}{project.pk}"


def as_apa(project: ResearchProject, *, url: str) -> str:
    """APA style: Hub. (Year). Title [Report kind]. Publisher. URL"""
    title = " ".join(project.title.split()).rstrip(".")
    return f"{project.hub.name}. ({_year(project)}). {title} [{REPORT_KIND}]. {PUBLISHER}. {url}"


def as_bibtex(project: ResearchProject, *, url: str) -> str:
    """The finding as one BibTeX @techreport (special characters as LaTeX; the hub braced as
    an organisation, so it is not read as a person's name)."""
    values = {
        "title": project.title,
        "institution": project.hub.name,
        "type": REPORT_KIND,
        "year": _year(project),
        "url": url,
        "abstract": " ".join(project.summary.split()),
        "copyright": licence_of(project).code,
    }
    fields = [bibtex.Field(name, field_text(value)) for name, value in values.items() if value]
    library = Library()
    library.add(bibtex.Entry("techreport", citation_key(project), fields))
    library = LatexEncodingMiddleware(keep_math=False, enclose_urls=False).transform(library)
    entry = library.entries[0]
    entry.set_field(bibtex.Field("author", "{" + entry["institution"] + "}"))
    # Author first, as reference managers write it.
    entry.fields = [entry.fields_dict["author"], *(f for f in entry.fields if f.key != "author")]
    return str(write_string(library))


def as_ris(project: ResearchProject, *, url: str) -> str:
    """The finding as one RIS report record."""
    record: dict[str, object] = {
        "type_of_reference": "RPRT",
        "authors": [project.hub.name],
        "title": " ".join(project.title.split()),
        "publisher": PUBLISHER,
        "urls": [url],
    }
    if project.published_at:
        record["year"] = str(project.published_at.year)
    if project.summary:
        record["abstract"] = " ".join(project.summary.split())
    keywords = [theme.name for theme in project.themes.all()]
    if keywords:
        record["keywords"] = keywords
    return str(rispy.dumps([record], implementation=RisWriter))
