"""Adding, changing and removing readings. Views reach readings through the getters in
research/permissions.py; each service checks again that the person may change the list."""

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.template.defaultfilters import pluralize
from django.utils import timezone

from hubwork.accounts.models import User
from hubwork.core.audit import audit, field_changes
from hubwork.core.choices import Phase
from hubwork.research.doi import normalise_doi
from hubwork.research.models import EARLIEST_YEAR, Reading, ReadingPhase, Theme, title_key
from hubwork.research.permissions import ReadingList, can_curate


def latest_year() -> int:
    """Readings may be dated up to next year (journals date issues ahead)."""
    return timezone.localdate().year + 1


def year_problem(year: int | None) -> str:
    """Why a year cannot be a reading's year ("" when it can)."""
    if year is not None and not EARLIEST_YEAR <= year <= latest_year():
        return f"Enter a year from {EARLIEST_YEAR} to {latest_year()}"
    return ""


def duplicate_message(reading: Reading) -> str:
    return f"Already in the library: {reading.citation_title}"


def find_duplicate(
    *, doi: str, title: str, year: int | None, exclude_pk: int | None = None
) -> tuple[str, Reading] | None:
    """The reading already in the library with this DOI, or with the same title (as compared
    by `title_key`) and year, and the field it clashes on."""
    others = Reading.objects.exclude(pk=exclude_pk) if exclude_pk else Reading.objects.all()
    if doi and (same := others.filter(doi=doi).first()):
        return "doi", same
    if same := others.filter(title_key=title_key(title), year=year).first():
        return "title", same
    return None


def _check(reading: Reading) -> None:
    """Normalise the DOI, check the year and duplicates, then the model's own rules: every
    problem by its field."""
    errors: dict[str, list[str]] = {}
    try:
        reading.doi = normalise_doi(reading.doi)
    except ValidationError as error:
        errors["doi"] = error.messages
    if problem := year_problem(reading.year):
        errors["year"] = [problem]
    reading.title = " ".join(reading.title.split())
    reading.title_key = title_key(reading.title)
    if not reading.title_key and "title" not in errors:
        errors["title"] = ["Enter the title"]
    if not errors:
        clash = find_duplicate(
            doi=reading.doi, title=reading.title, year=reading.year, exclude_pk=reading.pk
        )
        if clash:
            field, same = clash
            errors[field] = [duplicate_message(same)]
    if errors:
        raise ValidationError(errors)
    reading.full_clean(exclude=["themes", "added_by", "hub"])


def _set_phases(reading: Reading, phases: Iterable[str]) -> None:
    wanted = {phase for phase in phases if phase in Phase.values}
    ReadingPhase.objects.filter(reading=reading).exclude(phase__in=wanted).delete()
    have = set(ReadingPhase.objects.filter(reading=reading).values_list("phase", flat=True))
    ReadingPhase.objects.bulk_create(
        [ReadingPhase(reading=reading, phase=phase) for phase in sorted(wanted - have)]
    )


def _save(reading: Reading) -> None:
    try:
        with transaction.atomic():
            reading.save()
    except IntegrityError:
        # Someone added the same DOI a moment ago, between the check and the save.
        raise ValidationError(
            {"doi": ["A reading with this DOI is already in the library."]}
        ) from None


def reading_create(
    *,
    by: User,
    reading_list: ReadingList,
    authors: str,
    title: str,
    year: int | None = None,
    source: str = "",
    source_kind: str = Reading.SourceKind.OTHER,
    doi: str = "",
    url: str = "",
    open_access: bool = False,
    summary: str = "",
    phases: Iterable[str] = (),
    themes: Iterable[Theme] = (),
) -> Reading:
    """Add a reading to the national list or a hub's list; refuses a duplicate by its field."""
    if not can_curate(by, reading_list.hub):
        raise PermissionDenied
    reading = Reading(
        hub=reading_list.hub,
        added_by=by,
        authors=authors.strip(),
        title=title,
        year=year,
        source=source.strip(),
        source_kind=source_kind,
        doi=doi,
        url=url.strip(),
        open_access=open_access,
        summary=summary.strip(),
    )
    with transaction.atomic():
        _check(reading)
        _save(reading)
        reading.themes.set(list(themes))
        _set_phases(reading, phases)
        audit(by, "reading.created", reading, changed=field_changes(None, reading))
    return reading


def reading_update(
    *,
    reading: Reading,
    by: User,
    phases: Iterable[str] | None = None,
    themes: Iterable[Theme] | None = None,
    **fields: Any,
) -> Reading:
    """Change a reading's details (its list stays as it is)."""
    if not can_curate(by, reading.hub):
        raise PermissionDenied
    editable = {
        "authors",
        "title",
        "year",
        "source",
        "source_kind",
        "doi",
        "url",
        "open_access",
        "summary",
    }
    unknown = set(fields) - editable
    if unknown:
        raise TypeError(f"Not a reading's detail: {', '.join(sorted(unknown))}")
    before = Reading.objects.get(pk=reading.pk)
    for name, value in fields.items():
        setattr(reading, name, value.strip() if isinstance(value, str) else value)
    with transaction.atomic():
        _check(reading)
        _save(reading)
        if themes is not None:
            reading.themes.set(list(themes))
        if phases is not None:
            _set_phases(reading, phases)
        audit(by, "reading.changed", reading, changed=field_changes(before, reading))
    return reading


def reading_delete(*, reading: Reading, by: User) -> None:
    """Remove a reading from the library: refused while it is set for a session or a research
    project builds on it (participants' notes and published findings point at it)."""
    if not can_curate(by, reading.hub):
        raise PermissionDenied
    with transaction.atomic():
        sessions = reading.set_for.count()
        projects = reading.projects.count()
        if sessions or projects:
            uses = []
            if sessions:
                uses.append(f"set for {sessions} session{pluralize(sessions)}")
            if projects:
                uses.append(f"cited by {projects} research project{pluralize(projects)}")
            raise ValidationError(
                f"This reading is {' and '.join(uses)}, so it stays in the library. "
                "You can still change its details."
            )
        audit(
            by, "reading.deleted", reading, title=reading.title, year=reading.year, doi=reading.doi
        )
        reading.delete()
