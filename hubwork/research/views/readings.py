"""One reading: its page for anyone signed in; adding, changing and removing for its list's
curators (research/permissions.py)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from hubwork.accounts.types import AuthenticatedRequest
from hubwork.core.forms import add_service_errors
from hubwork.research.forms.readings import ReadingForm
from hubwork.research.permissions import (
    can_curate,
    get_reading_for_user,
    get_reading_list_for_user,
    require_curator,
)
from hubwork.research.services import readings as services


@require_GET
@login_required
def reading_detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    reading = get_reading_for_user(request.user, pk=pk)
    return render(
        request,
        "research/reading_detail.html",
        {"reading": reading, "can_change": can_curate(request.user, reading.hub)},
    )


@require_http_methods(["GET", "POST"])
@login_required
def reading_create(request: AuthenticatedRequest) -> HttpResponse:
    """`?list=` (a hub's slug or "national") chooses the list to add to, when it is asked
    for; without it, the form offers every list the person may add to."""
    reading_lists = require_curator(request.user)
    chosen = request.GET.get("list", "")
    if chosen:
        reading_lists = [get_reading_list_for_user(request.user, key=chosen)]
    form = ReadingForm(
        request.POST or None,
        reading_lists=reading_lists,
        initial={"source_kind": "journal_article"},
    )
    if request.method == "POST" and form.is_valid():
        try:
            reading = services.reading_create(by=request.user, **form.service_arguments())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"“{reading.title}” is in the library.")
            return redirect("research:reading", pk=reading.pk)
    return render(request, "research/reading_form.html", {"form": form, "reading": None})


@require_http_methods(["GET", "POST"])
@login_required
def reading_edit(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    reading = get_reading_for_user(request.user, pk=pk, write=True)
    form = ReadingForm(request.POST or None, initial=ReadingForm.initial_for(reading))
    if request.method == "POST" and form.is_valid():
        try:
            services.reading_update(reading=reading, by=request.user, **form.service_arguments())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Your changes are saved.")
            return redirect("research:reading", pk=reading.pk)
    return render(request, "research/reading_form.html", {"form": form, "reading": reading})


@require_http_methods(["GET", "POST"])
@login_required
def reading_delete(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    reading = get_reading_for_user(request.user, pk=pk, write=True)
    error = ""
    if request.method == "POST":
        try:
            services.reading_delete(reading=reading, by=request.user)
        except ValidationError as refused:
            error = refused.messages[0]
        else:
            messages.success(request, f"“{reading.title}” is no longer in the library.")
            return redirect("research:library")
    return render(
        request,
        "research/reading_delete.html",
        {"reading": reading, "error": error},
        status=409 if error else 200,
    )
