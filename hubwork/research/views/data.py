"""A project's tables of aggregate data: the list, uploading a CSV file, typing a table,
a table with its chart, changing, removing and downloading it. Members read; leads change
(research/permissions.py: 404 for anyone who may not see the project)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from hubwork.accounts.types import AuthenticatedRequest
from hubwork.core.exports import ExportTable, csv_response, safe_text
from hubwork.research.data_checks import NUMBER, TableRefused, problem_messages
from hubwork.research.forms.data import (
    MAX_GRID_COLUMNS,
    MAX_GRID_ROWS,
    ChartForm,
    DataUploadForm,
    TableDetailsForm,
    TableGridForm,
)
from hubwork.research.models import DataTable, ResearchProject
from hubwork.research.permissions import ProjectAccess, get_project_for_user, project_access
from hubwork.research.selectors.data import (
    ChartChoice,
    default_choice,
    display_rows,
    get_data_table_for_user,
    project_data_tables,
    table_charts,
)
from hubwork.research.services import data as services
from hubwork.research.services.data import DetailsRefused

GROW_ACTIONS = frozenset({"add_rows", "add_column"})


def _context(request: AuthenticatedRequest, project: ResearchProject, **extra: object) -> dict:
    return {
        "project": project,
        "is_lead": ProjectAccess.LEAD in project_access(request.user, project),
        **extra,
    }


@require_GET
@login_required
def data_tables(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    project = get_project_for_user(request.user, pk=pk)
    tables = project_data_tables(project)
    return render(
        request,
        "research/data/tables.html",
        _context(request, project, tables=tables, is_list=True),
    )


@require_http_methods(["GET", "POST"])
@login_required
def data_upload(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    project = get_project_for_user(request.user, pk=pk, access=ProjectAccess.LEAD)
    form = DataUploadForm(request.POST or None, request.FILES or None, years=project.years.all())
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            table = services.data_table_upload(
                project=project,
                year=form.cleaned_data["year"],
                by=request.user,
                title=form.cleaned_data["title"],
                description=form.cleaned_data["description"],
                data=upload.read(),
            )
        except DetailsRefused as refused:
            for message in problem_messages(refused.problems):
                form.add_error(None, message)
        except TableRefused as refused:
            form.add_error("file", problem_messages(refused.problems))
        else:
            messages.success(request, f"“{table.title}” is saved: {len(table.rows):,} rows.")
            return redirect("research:data_table", pk=project.pk, table_pk=table.pk)
    return render(request, "research/data/upload.html", _context(request, project, form=form))


def _grid_page(
    request: AuthenticatedRequest,
    project: ResearchProject,
    form: TableGridForm,
    table: DataTable | None,
) -> HttpResponse:
    return render(
        request,
        "research/data/grid.html",
        _context(
            request,
            project,
            form=form,
            grid=form.grid(),
            table=table,
            max_columns=MAX_GRID_COLUMNS,
            max_rows=MAX_GRID_ROWS,
        ),
    )


@require_http_methods(["GET", "POST"])
@login_required
def data_table_create(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    project = get_project_for_user(request.user, pk=pk, access=ProjectAccess.LEAD)
    years = project.years.all()
    action = request.POST.get("action", "")
    if request.method == "POST" and action in GROW_ACTIONS:
        form = TableGridForm(initial=request.POST.dict(), years=years, action=action)
        return _grid_page(request, project, form, None)
    form = TableGridForm(request.POST or None, years=years)
    if request.method == "POST" and form.is_valid():
        try:
            table = services.data_table_create(
                project=project,
                year=form.cleaned_data["year"],
                by=request.user,
                title=form.cleaned_data["title"],
                description=form.cleaned_data["description"],
                **form.table_arguments(),
            )
        except DetailsRefused as refused:
            for message in problem_messages(refused.problems):
                form.add_error(None, message)
        except TableRefused as refused:
            form.add_problems(refused.problems)
        else:
            messages.success(request, f"“{table.title}” is saved.")
            return redirect("research:data_table", pk=project.pk, table_pk=table.pk)
    return _grid_page(request, project, form, None)


@require_GET
@login_required
def data_table(request: AuthenticatedRequest, pk: int, table_pk: int) -> HttpResponse:
    """`?label=&value=&divide_by=&group=` choose the chart (column positions); without them,
    selectors.data.default_choice."""
    table = get_data_table_for_user(request.user, project_pk=pk, pk=table_pk)
    choice: ChartChoice | None
    if request.GET:
        form = ChartForm(request.GET, table=table)
        choice = form.choice() if form.is_valid() else None
    else:
        choice = default_choice(table)
        initial = {}
        if choice is not None:
            initial = {
                "label": str(choice.label),
                "value": str(choice.value),
                "group": "" if choice.group is None else str(choice.group),
            }
        form = ChartForm(initial=initial, table=table)
    has_numbers = any(column["kind"] == NUMBER for column in table.columns)
    return render(
        request,
        "research/data/table.html",
        _context(
            request,
            table.project,
            table=table,
            form=form,
            charts=table_charts(table, choice) if choice is not None else [],
            has_numbers=has_numbers,
            rows=display_rows(table),
            is_table=True,
        ),
    )


@require_http_methods(["GET", "POST"])
@login_required
def data_table_edit(request: AuthenticatedRequest, pk: int, table_pk: int) -> HttpResponse:
    """In the grid when the table fits it; otherwise its title, description and year alone
    (a bigger table's figures change by uploading the file again)."""
    table = get_data_table_for_user(
        request.user, project_pk=pk, pk=table_pk, access=ProjectAccess.LEAD
    )
    project = table.project
    years = project.years.all()
    if not TableGridForm.fits(table):
        details = TableDetailsForm(
            request.POST or None,
            years=years,
            initial={"title": table.title, "description": table.description, "year": table.year_id},
        )
        if request.method == "POST" and details.is_valid():
            try:
                services.data_table_update(table=table, by=request.user, **details.cleaned_data)
            except TableRefused as refused:
                for message in problem_messages(refused.problems):
                    details.add_error(None, message)
            else:
                messages.success(request, "Your changes are saved.")
                return redirect("research:data_table", pk=project.pk, table_pk=table.pk)
        return render(
            request,
            "research/data/details.html",
            _context(request, project, form=details, table=table),
        )
    action = request.POST.get("action", "")
    if request.method == "POST" and action in GROW_ACTIONS:
        form = TableGridForm(initial=request.POST.dict(), years=years, action=action)
        return _grid_page(request, project, form, table)
    form = TableGridForm(
        request.POST or None, years=years, initial=TableGridForm.initial_for(table)
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.data_table_update(
                table=table,
                by=request.user,
                year=form.cleaned_data["year"],
                title=form.cleaned_data["title"],
                description=form.cleaned_data["description"],
                **form.table_arguments(),
            )
        except DetailsRefused as refused:
            for message in problem_messages(refused.problems):
                form.add_error(None, message)
        except TableRefused as refused:
            form.add_problems(refused.problems)
        else:
            messages.success(request, "Your changes are saved.")
            return redirect("research:data_table", pk=project.pk, table_pk=table.pk)
    return _grid_page(request, project, form, table)


@require_http_methods(["GET", "POST"])
@login_required
def data_table_delete(request: AuthenticatedRequest, pk: int, table_pk: int) -> HttpResponse:
    table = get_data_table_for_user(
        request.user, project_pk=pk, pk=table_pk, access=ProjectAccess.LEAD
    )
    project = table.project
    if request.method == "POST":
        services.data_table_delete(table=table, by=request.user)
        messages.success(request, f"“{table.title}” is removed.")
        return redirect("research:data_tables", pk=project.pk)
    return render(request, "research/data/delete.html", _context(request, project, table=table))


@require_GET
@login_required
def data_table_csv(request: AuthenticatedRequest, pk: int, table_pk: int) -> StreamingHttpResponse:
    """The table as CSV: text a spreadsheet would read as a formula, headings too, is kept
    as text."""
    table = get_data_table_for_user(request.user, project_pk=pk, pk=table_pk)
    return csv_response(
        ExportTable(
            filename=f"{table.project.title}-{table.title}"[:120],
            sheet=table.title,
            columns=[safe_text(column["name"]) for column in table.columns],
            rows=table.rows,
        )
    )
