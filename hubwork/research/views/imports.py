"""Importing readings from a reference manager's file: the upload, then the report of what
was added, what was already there and what could not be used."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from hubwork.accounts.types import AuthenticatedRequest
from hubwork.core.forms import add_service_errors
from hubwork.research.forms.imports import ReadingImportForm
from hubwork.research.permissions import get_reading_list_for_user, require_curator
from hubwork.research.services.imports import readings_import


@require_http_methods(["GET", "POST"])
@login_required
def readings_import_page(request: AuthenticatedRequest) -> HttpResponse:
    """`?list=` chooses the list as on the add page."""
    reading_lists = require_curator(request.user)
    chosen = request.GET.get("list", "")
    if chosen:
        reading_lists = [get_reading_list_for_user(request.user, key=chosen)]
    form = ReadingImportForm(
        request.POST or None, request.FILES or None, reading_lists=reading_lists
    )
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            report = readings_import(
                by=request.user,
                reading_list=form.reading_lists[form.cleaned_data["reading_list"]],
                file_name=upload.name or "",
                data=upload.read(),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return render(request, "research/import_report.html", {"report": report})
    return render(request, "research/import.html", {"form": form})
