"""Saving a research project's write-up, checked against the version the co-lead opened, as
session plans are (practice/services/plans.py): two co-leads editing at once never overwrite
each other's words. Every save is kept as a WriteUpVersion; restoring an old one is a save."""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction

from hubwork.accounts.models import User
from hubwork.core.audit import audit
from hubwork.core.times import date_and_time
from hubwork.research.models import ResearchProject, WriteUpVersion

WRITEUP_FIELDS = ("summary", "findings", "implications", "limitations")
# Generous for a practitioner write-up, small enough that nobody pastes a book by mistake.
MAX_FIELD_LENGTH = 20_000


@dataclass(frozen=True)
class WriteUpData:
    """The four parts of a write-up as a co-lead entered them."""

    summary: str = ""
    findings: str = ""
    implications: str = ""
    limitations: str = ""

    @classmethod
    def of(cls, source: ResearchProject | WriteUpVersion) -> "WriteUpData":
        return cls(**{name: getattr(source, name) for name in WRITEUP_FIELDS})

    def tidied(self) -> "WriteUpData":
        # Line endings as browsers send them (\r\n) are kept as \n, so versions compare.
        return WriteUpData(
            **{name: getattr(self, name).replace("\r\n", "\n").strip() for name in WRITEUP_FIELDS}
        )


def can_edit_writeup(project: ResearchProject) -> bool:
    """The write-up is open while the project is with its leads; once submitted it is with
    the reviewers, and a published finding is not rewritten."""
    return project.status in ResearchProject.LEAD_STATUSES


def editing_closed_reason(project: ResearchProject) -> str:
    """Why the write-up cannot be changed now, for the page ("" when it can)."""
    Status = ResearchProject.Status
    if project.status == Status.PUBLISHED:
        return "This project is published, so its write-up can no longer be changed."
    if project.status in (Status.SUBMITTED, Status.REVIEWED):
        return (
            "This write-up is with the reviewers, so it cannot be changed now. If they return "
            "it with comments, you can change it again."
        )
    return ""


class WriteUpConflict(ValidationError):
    """A co-lead saved the write-up after this edit began: nothing was written.

    `project` is the project as it now stands and `saved` its latest version, so the page can
    show their text beside the co-lead's own.
    """

    def __init__(self, project: ResearchProject, saved: WriteUpVersion | None) -> None:
        self.project = project
        self.saved = saved
        who = project.writeup_updated_by.display_name if project.writeup_updated_by else ""
        when = f" at {date_and_time(saved.saved_at)}" if saved else ""
        super().__init__(
            f"{who or 'Someone else'} saved the write-up{when}, after you opened it.",
            code="stale",
        )


def _validate(data: WriteUpData) -> None:
    errors = {
        name: f"This must be {MAX_FIELD_LENGTH:,} characters or fewer."
        for name in WRITEUP_FIELDS
        if len(getattr(data, name)) > MAX_FIELD_LENGTH
    }
    if errors:
        raise ValidationError(errors)


def _lock(project: ResearchProject, version: int) -> ResearchProject:
    """The project row, locked; refused if it is no longer editable or `version` is stale."""
    locked = (
        ResearchProject.objects.select_for_update(of=("self",))
        .select_related("writeup_updated_by")
        .get(pk=project.pk)
    )
    if not can_edit_writeup(locked):
        raise ValidationError(editing_closed_reason(locked), code="closed")
    if locked.writeup_version != version:
        saved = locked.writeup_versions.filter(number=locked.writeup_version).first()
        raise WriteUpConflict(locked, saved)
    return locked


def _write(
    project: ResearchProject, data: WriteUpData, by: User, restored_from: int | None = None
) -> ResearchProject:
    for name in WRITEUP_FIELDS:
        setattr(project, name, getattr(data, name))
    project.writeup_version += 1
    project.writeup_updated_by = by
    project.save(update_fields=[*WRITEUP_FIELDS, "writeup_version", "writeup_updated_by"])
    WriteUpVersion.objects.create(
        project=project, number=project.writeup_version, saved_by=by, **data.__dict__
    )
    audit(
        by,
        "research_project.writeup_saved",
        project,
        version=project.writeup_version,
        restored_from=restored_from,
    )
    return project


def writeup_save(
    *, project: ResearchProject, data: WriteUpData, version: int, by: User
) -> tuple[ResearchProject, bool]:
    """Save the write-up as `data`; returns the project and whether anything changed (an
    unchanged save writes no version).

    `version` is the write-up's version when the co-lead opened it (0 before the first
    save): if another lead has saved since, nothing is written and `WriteUpConflict` says who
    and when.
    """
    data = data.tidied()
    _validate(data)
    with transaction.atomic():
        locked = _lock(project, version)
        if WriteUpData.of(locked) == data:
            return locked, False
        return _write(locked, data, by), True


def writeup_restore(
    *, project: ResearchProject, number: int, version: int, by: User
) -> ResearchProject:
    """Make an earlier version the write-up again, as a new version (history is kept)."""
    with transaction.atomic():
        locked = _lock(project, version)
        earlier = locked.writeup_versions.filter(number=number).first()
        if earlier is None:
            raise ValidationError("There is no such version of this write-up.")
        return _write(locked, WriteUpData.of(earlier), by, restored_from=number)
