"""Enquiry cycles: a member of a research project records their own (what they asked, what
they did with which class, what they observed, what they concluded); everyone in the project
reads them on its page; only their author changes or removes them."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from hubwork.accounts.types import AuthenticatedRequest
from hubwork.core.forms import add_service_errors
from hubwork.research.forms.cycles import CycleForm
from hubwork.research.models import ResearchProject
from hubwork.research.permissions import get_project_for_user
from hubwork.research.selectors.projects import cycle_year_for, own_cycle_or_404, own_trials
from hubwork.research.services import cycles as services


def _cycles_url(project: ResearchProject) -> str:
    return reverse("research:project", kwargs={"pk": project.pk}) + "#cycles"


@require_http_methods(["GET", "POST"])
@login_required
def cycle_create(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    project = get_project_for_user(request.user, pk=pk)
    year = cycle_year_for(project, request.user)
    form = CycleForm(
        request.POST if request.method == "POST" else None, trials=own_trials(project, request.user)
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.cycle_create(project=project, year=year, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Your enquiry cycle is recorded.")
            return redirect(_cycles_url(project))
    return render(
        request,
        "research/projects/cycle_form.html",
        {"project": project, "form": form, "cycle": None, "year": year},
    )


@require_http_methods(["GET", "POST"])
@login_required
def cycle_edit(request: AuthenticatedRequest, pk: int, cycle_pk: int) -> HttpResponse:
    project = get_project_for_user(request.user, pk=pk)
    cycle = own_cycle_or_404(project, request.user, pk=cycle_pk)
    form = CycleForm(
        request.POST if request.method == "POST" else None,
        trials=own_trials(project, request.user),
        initial=CycleForm.initial_for(cycle),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.cycle_update(cycle=cycle, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Your changes are saved.")
            return redirect(_cycles_url(project))
    return render(
        request,
        "research/projects/cycle_form.html",
        {"project": project, "form": form, "cycle": cycle, "year": cycle.year},
    )


@require_http_methods(["GET", "POST"])
@login_required
def cycle_delete(request: AuthenticatedRequest, pk: int, cycle_pk: int) -> HttpResponse:
    project = get_project_for_user(request.user, pk=pk)
    cycle = own_cycle_or_404(project, request.user, pk=cycle_pk)
    if request.method == "POST":
        services.cycle_delete(cycle=cycle, by=request.user)
        messages.success(request, "Your enquiry cycle is deleted.")
        return redirect(_cycles_url(project))
    return render(
        request, "research/projects/cycle_delete.html", {"project": project, "cycle": cycle}
    )
