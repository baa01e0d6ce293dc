"""Reads for a research project's write-up: who took part (hubs and schools, named only with
consent), its leads, its version history and what changed between two versions."""

import difflib
import re
from dataclasses import dataclass

from django.db.models import QuerySet

from hubwork.accounts.models import User
from hubwork.hubs.models import Hub
from hubwork.research.models import ResearchProject, WriteUpVersion
from hubwork.research.services.writeups import WRITEUP_FIELDS
from hubwork.schools.models import School
from hubwork.workgroups.models import WorkGroup

FIELD_LABELS = {
    "summary": "Summary",
    "findings": "Findings",
    "implications": "Implications for teaching",
    "limitations": "Limitations",
}


@dataclass(frozen=True)
class Participants:
    """The hubs and schools that took part, as the write-up may name them."""

    hubs: list[Hub]
    named_schools: list[School]
    unnamed_count: int  # schools that did not agree to be named

    @property
    def school_count(self) -> int:
        return len(self.named_schools) + self.unnamed_count


def writeup_participants(project: ResearchProject) -> Participants:
    """The hubs of the project's years' Work Groups and its schools (two queries)."""
    hubs = list(
        Hub.objects.filter(work_groups__research_year__project=project).distinct().order_by("name")
    )
    named: list[School] = []
    unnamed = 0
    for row in project.schools.select_related("school").order_by("school__name"):
        if row.named_with_consent:
            named.append(row.school)
        else:
            unnamed += 1
    return Participants(hubs=hubs, named_schools=named, unnamed_count=unnamed)


def project_leads(project: ResearchProject) -> list[User]:
    """The leads of the project's years' Work Groups who can still sign in, by name."""
    return list(
        User.objects.filter(
            is_active=True,
            pk__in=WorkGroup.leads.through.objects.filter(
                workgroup__research_year__project=project
            ).values("user_id"),
        ).order_by("display_name", "pk")
    )


def writeup_history(project: ResearchProject) -> QuerySet[WriteUpVersion]:
    """Every saved version, newest first, with who saved it."""
    return project.writeup_versions.select_related("saved_by").order_by("-number")


@dataclass(frozen=True)
class Segment:
    kind: str  # "equal", "insert" or "delete"
    text: str


@dataclass(frozen=True)
class FieldDiff:
    name: str
    label: str
    segments: list[Segment]

    @property
    def changed(self) -> bool:
        return any(segment.kind != "equal" for segment in self.segments)


# Words, the spaces between them and line breaks, so a diff shows whole words changed.
_TOKENS = re.compile(r"\n|[^\S\n]+|[^\s]+")


def text_diff(before: str, after: str) -> list[Segment]:
    """`after` as changes from `before`, word by word."""
    old, new = _TOKENS.findall(before), _TOKENS.findall(after)
    segments: list[Segment] = []
    matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    for tag, old_start, old_end, new_start, new_end in matcher.get_opcodes():
        if tag in ("delete", "replace"):
            segments.append(Segment("delete", "".join(old[old_start:old_end])))
        if tag in ("insert", "replace"):
            segments.append(Segment("insert", "".join(new[new_start:new_end])))
        if tag == "equal":
            segments.append(Segment("equal", "".join(old[old_start:old_end])))
    return segments


def writeup_diff(version: WriteUpVersion, previous: WriteUpVersion | None) -> list[FieldDiff]:
    """Each part of the write-up in `version`, marked with what changed since `previous`
    (everything is new in the first version)."""
    return [
        FieldDiff(
            name=name,
            label=FIELD_LABELS[name],
            segments=text_diff(getattr(previous, name) if previous else "", getattr(version, name)),
        )
        for name in WRITEUP_FIELDS
    ]


def writeup_version(project: ResearchProject, number: int) -> WriteUpVersion | None:
    return project.writeup_versions.select_related("saved_by").filter(number=number).first()


def previous_version(version: WriteUpVersion) -> WriteUpVersion | None:
    return (
        WriteUpVersion.objects.filter(project_id=version.project_id, number__lt=version.number)
        .order_by("-number")
        .first()
    )
