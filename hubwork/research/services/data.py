"""Adding, changing and removing a project's tables of aggregate data (research/data_checks.py
says what a table may hold). Only a project's leads change its data; every table is checked
whole, and kept whole or not at all."""

from collections.abc import Sequence
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction

from hubwork.accounts.models import User
from hubwork.core.audit import audit
from hubwork.research.data_checks import (
    CheckedTable,
    Problem,
    TableRefused,
    check_table,
    read_csv,
)
from hubwork.research.models import DataTable, ProjectYear, ResearchProject
from hubwork.research.permissions import ProjectAccess, project_access

MAX_TITLE = 200


def _require_lead(by: User, project: ResearchProject) -> None:
    if ProjectAccess.LEAD not in project_access(by, project):
        raise PermissionDenied


def _details_problems(*, project: ResearchProject, year: ProjectYear, title: str) -> list[Problem]:
    problems = []
    if year.project_id != project.pk:
        problems.append(Problem("Choose a year of this project"))
    if not title:
        problems.append(Problem("Enter a title for the table"))
    elif len(title) > MAX_TITLE:
        problems.append(Problem(f"The title must be {MAX_TITLE} characters or fewer"))
    return problems


class DetailsRefused(TableRefused):
    """The title or year is wrong (the table itself may be fine)."""


def _check_details(*, project: ResearchProject, year: ProjectYear, title: str) -> None:
    if problems := _details_problems(project=project, year=year, title=title):
        raise DetailsRefused(problems)


def _save(
    *,
    project: ResearchProject,
    year: ProjectYear,
    by: User,
    title: str,
    description: str,
    checked: CheckedTable,
    source: str,
) -> DataTable:
    with transaction.atomic():
        table = DataTable.objects.create(
            project=project,
            year=year,
            title=title,
            description=description,
            columns=checked.columns,
            rows=checked.rows,
            added_by=by,
        )
        audit(
            by,
            "data_table.created",
            table,
            hub=project.hub_id,
            project=project.pk,
            source=source,
            columns=[column["name"] for column in checked.columns],
            rows=len(checked.rows),
        )
    return table


def data_table_upload(
    *,
    project: ResearchProject,
    year: ProjectYear,
    by: User,
    title: str,
    description: str = "",
    data: bytes,
) -> DataTable:
    """A table from a CSV file, its column kinds inferred. Raises DetailsRefused for a wrong
    title or year, TableRefused with every problem in the file (by line); nothing is kept
    then."""
    _require_lead(by, project)
    title = " ".join(title.split())
    _check_details(project=project, year=year, title=title)
    checked = read_csv(data)
    return _save(
        project=project,
        year=year,
        by=by,
        title=title,
        description=description.strip(),
        checked=checked,
        source="upload",
    )


def _check_entered(
    headings: Sequence[str], kinds: Sequence[str], cells: Sequence[Sequence[str]]
) -> CheckedTable:
    checked = check_table(headings=headings, cells=cells, kinds=kinds)
    if checked.problems:
        raise TableRefused(checked.problems)
    return checked


def data_table_create(
    *,
    project: ResearchProject,
    year: ProjectYear,
    by: User,
    title: str,
    description: str = "",
    headings: Sequence[str],
    kinds: Sequence[str],
    cells: Sequence[Sequence[str]],
) -> DataTable:
    """A table typed on a page: each column's heading and kind, and the rows' cells as text.
    Raises DetailsRefused or TableRefused (problems by row and column from 0)."""
    _require_lead(by, project)
    title = " ".join(title.split())
    _check_details(project=project, year=year, title=title)
    checked = _check_entered(headings, kinds, cells)
    return _save(
        project=project,
        year=year,
        by=by,
        title=title,
        description=description.strip(),
        checked=checked,
        source="page",
    )


def data_table_update(
    *,
    table: DataTable,
    by: User,
    year: ProjectYear,
    title: str,
    description: str = "",
    headings: Sequence[str] | None = None,
    kinds: Sequence[str] | None = None,
    cells: Sequence[Sequence[str]] | None = None,
) -> DataTable:
    """Change a table's details and, when `headings` is given, its figures (checked again as
    a whole)."""
    project = table.project
    _require_lead(by, project)
    title = " ".join(title.split())
    _check_details(project=project, year=year, title=title)
    changed: dict[str, Any] = {}
    if headings is not None:
        checked = _check_entered(headings, kinds or [], cells or [])
        if checked.columns != table.columns or checked.rows != table.rows:
            changed["figures"] = True
        table.columns, table.rows = checked.columns, checked.rows
    description = description.strip()
    for name, value in (("title", title), ("description", description), ("year", year)):
        before = getattr(table, name)
        if before != value:
            changed[name] = [str(before), str(value)]
            setattr(table, name, value)
    with transaction.atomic():
        table.save()
        if changed:
            audit(
                by,
                "data_table.changed",
                table,
                hub=project.hub_id,
                project=project.pk,
                changes=changed,
            )
    return table


def data_table_delete(*, table: DataTable, by: User) -> None:
    """Remove the table (its figures go with it)."""
    project = table.project
    _require_lead(by, project)
    with transaction.atomic():
        audit(
            by,
            "data_table.deleted",
            table,
            hub=project.hub_id,
            project=project.pk,
            title=table.title,
            rows=len(table.rows),
        )
        table.delete()
