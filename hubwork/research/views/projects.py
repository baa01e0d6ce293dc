"""An RIWG's research project: starting it from its Work Group, its page (for its members,
leads, hub staff and national admins), its leads' edits and status steps, and the lists of
projects for each person, for a hub's staff and for the national team
(research/permissions.py says who may do what)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from hubwork.accounts.types import AuthenticatedRequest
from hubwork.core.forms import add_service_errors
from hubwork.hubs.permissions import get_hub_for_user
from hubwork.research.forms.projects import (
    ProjectForm,
    ReadingChoiceForm,
    ReadingSearchForm,
    SchoolConsentForm,
    StatusForm,
)
from hubwork.research.models import Reading, ResearchProject
from hubwork.research.permissions import ProjectAccess, get_project_for_user, project_access
from hubwork.research.selectors import projects as selectors
from hubwork.research.services import projects as services
from hubwork.workgroups.permissions import Access, can_lead_or_manage, get_work_group_for_user


@require_http_methods(["GET", "POST"])
@login_required
def work_group_project(request: AuthenticatedRequest, slug: str) -> HttpResponse:
    """A Work Group's research project: its page once started; before, for its leads and
    hub staff, a button to start it. A Work Group that is not an RIWG has none (404)."""
    work_group = get_work_group_for_user(request.user, access=Access.MEMBER, slug=slug)
    project = selectors.project_of_work_group(work_group)
    if project is not None:
        return redirect("research:project", pk=project.pk)
    if not services.is_riwg(work_group):
        raise Http404("Only a research and innovation Work Group has a research project.")
    can_start = can_lead_or_manage(request.user, work_group)
    if request.method == "POST":
        if not can_start:
            raise PermissionDenied
        project = services.project_start(work_group=work_group, by=request.user)
        messages.success(request, "The research project has started. Add its details next.")
        return redirect("research:project_edit", pk=project.pk)
    return render(
        request,
        "research/projects/start.html",
        {"work_group": work_group, "can_start": can_start},
    )


@require_GET
@login_required
def project_detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    project = get_project_for_user(request.user, pk=pk)
    access = project_access(request.user, project)
    page = selectors.project_page(project, access)
    search_form = ReadingSearchForm(request.GET or None)
    candidates: list[Reading] = []
    if ProjectAccess.LEAD in access and search_form.is_valid() and search_form.cleaned_data["q"]:
        candidates = list(selectors.reading_candidates(project, search_form.cleaned_data["q"]))
    return render(
        request,
        "research/projects/project.html",
        {
            "project": project,
            "page": page,
            "search_form": search_form,
            "candidates": candidates,
            "user_id": request.user.pk,
        },
    )


@require_http_methods(["GET", "POST"])
@login_required
def project_edit(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    project = get_project_for_user(request.user, pk=pk, access=ProjectAccess.LEAD)
    years = selectors.project_years(project)
    form = ProjectForm(
        request.POST if request.method == "POST" else None,
        years=years,
        initial=ProjectForm.initial_for(project, years),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.project_update(project=project, by=request.user, **form.service_arguments())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Your changes are saved.")
            return redirect("research:project", pk=project.pk)
    return render(
        request,
        "research/projects/edit.html",
        {"project": project, "form": form, "years": years},
    )


@require_POST
@login_required
def project_status(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    project = get_project_for_user(request.user, pk=pk, access=ProjectAccess.LEAD)
    form = StatusForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Choose the status to move the project to.")
        return redirect("research:project", pk=project.pk)
    try:
        project = services.project_status_set(
            project=project, status=form.cleaned_data["status"], by=request.user
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"The project is now: {project.get_status_display()}.")
    return redirect("research:project", pk=project.pk)


@require_POST
@login_required
def project_reading_add(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    project = get_project_for_user(request.user, pk=pk, access=ProjectAccess.LEAD)
    form = ReadingChoiceForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Choose a reading from the library.")
        return redirect("research:project", pk=project.pk)
    reading = get_object_or_404(Reading, pk=form.cleaned_data["reading"])
    services.project_reading_add(project=project, reading=reading, by=request.user)
    messages.success(request, f"The project builds on “{reading.title}”.")
    return redirect(f"{_project_url(project)}#readings")


@require_POST
@login_required
def project_reading_remove(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    project = get_project_for_user(request.user, pk=pk, access=ProjectAccess.LEAD)
    form = ReadingChoiceForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Choose a reading the project builds on.")
        return redirect("research:project", pk=project.pk)
    reading = get_object_or_404(project.readings.all(), pk=form.cleaned_data["reading"])
    services.project_reading_remove(project=project, reading=reading, by=request.user)
    messages.success(request, f"“{reading.title}” is no longer on the project's readings.")
    return redirect(f"{_project_url(project)}#readings")


@require_POST
@login_required
def project_school_consent(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Leads record whether a participating school agreed to be named in the write-up."""
    project = get_project_for_user(request.user, pk=pk, access=ProjectAccess.LEAD)
    form = SchoolConsentForm(request.POST)
    if not form.is_valid() or form.cleaned_data["school"] not in (
        selectors.participating_school_ids(project)
    ):
        messages.error(request, "Choose a school taking part in the project.")
        return redirect("research:project", pk=project.pk)
    services.project_school_consent_set(
        project=project,
        school_id=form.cleaned_data["school"],
        named_with_consent=form.cleaned_data["named_with_consent"],
        by=request.user,
    )
    messages.success(request, "The school's consent is recorded.")
    return redirect(f"{_project_url(project)}#schools")


@require_GET
@login_required
def my_projects(request: AuthenticatedRequest) -> HttpResponse:
    """The projects someone takes part in or leads, and where to find their hubs' and the
    national lists."""
    return render(
        request,
        "research/projects/mine.html",
        {
            "projects": selectors.projects_for_member(request.user).select_related("hub"),
            "to_start": selectors.riwgs_to_start(request.user),
            "staff_hubs": selectors.hubs_managed_by(request.user),
        },
    )


@require_GET
@login_required
def hub_projects(request: AuthenticatedRequest, hub_slug: str) -> HttpResponse:
    hub = get_hub_for_user(request.user, slug=hub_slug)
    return render(
        request,
        "research/projects/hub_list.html",
        {"hub": hub, "projects": selectors.projects_list(hub=hub)},
    )


@require_GET
@login_required
def national_projects(request: AuthenticatedRequest) -> HttpResponse:
    if not request.user.is_national_admin:
        raise PermissionDenied
    status = request.GET.get("status", "")
    if status not in ResearchProject.Status.values:
        status = ""
    return render(
        request,
        "research/projects/national_list.html",
        {
            "projects": selectors.projects_list(status=status),
            "status": status,
            "statuses": ResearchProject.Status.choices,
        },
    )


def _project_url(project: ResearchProject) -> str:
    return reverse("research:project", kwargs={"pk": project.pk})
