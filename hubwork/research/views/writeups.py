"""A research project's write-up: read by its members, edited by its co-leads together with
the same protection against overwriting each other as session plans (the form carries the
version opened; a stale save is refused and shows both texts), its version history with
what changed, and submitting it for review."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from hubwork.accounts.types import AuthenticatedRequest
from hubwork.core.forms import add_service_errors
from hubwork.research.forms.writeups import RestoreForm, WriteUpForm
from hubwork.research.models import ProjectReview, ResearchProject
from hubwork.research.permissions import ProjectAccess, get_project_for_user, project_access
from hubwork.research.selectors import writeups as selectors
from hubwork.research.selectors.reviews import review_history
from hubwork.research.services.reviews import ReviewRefused, project_submit
from hubwork.research.services.writeups import (
    MAX_FIELD_LENGTH,
    WriteUpConflict,
    WriteUpData,
    can_edit_writeup,
    editing_closed_reason,
    writeup_restore,
    writeup_save,
)


def project_page_url(project: ResearchProject) -> str:
    """The project's own page (built beside these), or "" while there is none."""
    try:
        return reverse("research:project", kwargs={"pk": project.pk})
    except NoReverseMatch:
        return ""


def _render_writeup(
    request: AuthenticatedRequest,
    project: ResearchProject,
    *,
    form: WriteUpForm | None = None,
    conflict: WriteUpConflict | None = None,
    submit_error: ValidationError | None = None,
    unsaved: list[tuple[str, str]] | None = None,
    status: int = 200,
) -> HttpResponse:
    access = project_access(request.user, project)
    is_lead = ProjectAccess.LEAD in access
    editable = is_lead and can_edit_writeup(project)
    if form is None and editable:
        form = WriteUpForm(
            initial={**WriteUpData.of(project).__dict__, "version": project.writeup_version}
        )
    reviews = list(review_history(project))
    last_review = reviews[0] if reviews else None
    submit_errors: dict[str, list[str]] = {}
    if submit_error is not None:
        if hasattr(submit_error, "error_dict"):
            submit_errors = {
                name: [message for error in errors for message in error.messages]
                for name, errors in submit_error.error_dict.items()
            }
        else:
            submit_errors = {"": submit_error.messages}
    return render(
        request,
        "research/writeups/writeup.html",
        {
            "project": project,
            "project_url": project_page_url(project),
            "participants": selectors.writeup_participants(project),
            "is_lead": is_lead,
            "editable": editable,
            "closed_reason": editing_closed_reason(project),
            "form": form if editable else None,
            "conflict": conflict,
            "saved_parts": [
                (label, getattr(project, name)) for name, label in selectors.FIELD_LABELS.items()
            ],
            "submit_errors": submit_errors,
            "unsaved": unsaved,
            "can_submit": is_lead and project.status == ResearchProject.Status.WRITING_UP,
            "returned": last_review
            if last_review
            and last_review.decision == ProjectReview.Decision.RETURNED
            and project.status == ResearchProject.Status.WRITING_UP
            else None,
            "can_review": bool(access & {ProjectAccess.HUB_REVIEW, ProjectAccess.NATIONAL_REVIEW}),
        },
        status=status,
    )


def _typed(request: AuthenticatedRequest) -> list[tuple[str, str]]:
    """What the lead typed into each part, for a page that could not save it."""
    return [
        (label, str(request.POST.get(name, ""))[:MAX_FIELD_LENGTH])
        for name, label in selectors.FIELD_LABELS.items()
        if str(request.POST.get(name, "")).strip()
    ]


@require_http_methods(["GET", "POST"])
@login_required
def writeup(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Members read the write-up; its leads change it (403 for anyone else who posts)."""
    if request.method != "POST":
        return _render_writeup(request, get_project_for_user(request.user, pk=pk))
    project = get_project_for_user(request.user, pk=pk, access=ProjectAccess.LEAD)
    if not can_edit_writeup(project):
        messages.error(request, editing_closed_reason(project))
        return _render_writeup(request, project, unsaved=_typed(request), status=409)
    form = WriteUpForm(request.POST)
    if not form.is_valid():
        return _render_writeup(request, project, form=form)
    try:
        project, changed = writeup_save(
            project=project,
            data=form.data_entered(),
            version=form.cleaned_data["version"],
            by=request.user,
        )
    except WriteUpConflict as conflict:
        # Nothing is lost: what the co-lead typed stays in the form, which now carries the
        # version saved meanwhile, so saving again (after bringing in theirs) succeeds.
        data = request.POST.copy()
        data["version"] = str(conflict.project.writeup_version)
        return _render_writeup(
            request, conflict.project, form=WriteUpForm(data), conflict=conflict, status=409
        )
    except ValidationError as error:
        if getattr(error, "code", None) == "closed":
            # Submitted by a co-lead meanwhile: show what was typed, so nothing is lost.
            messages.error(request, " ".join(error.messages))
            project.refresh_from_db()
            return _render_writeup(request, project, unsaved=_typed(request), status=409)
        add_service_errors(form, error)
        return _render_writeup(request, project, form=form)
    if changed:
        messages.success(request, f"The write-up is saved as version {project.writeup_version}.")
    else:
        messages.info(request, "You had not changed anything, so there was nothing to save.")
    return redirect("research:writeup", pk=project.pk)


@require_POST
@login_required
def project_submit_view(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Leads send the write-up to the hub's staff for review."""
    project = get_project_for_user(request.user, pk=pk, access=ProjectAccess.LEAD)
    try:
        project = project_submit(project=project, by=request.user)
    except ReviewRefused as error:
        return _render_writeup(request, project, submit_error=error, status=409)
    except ValidationError as error:
        return _render_writeup(request, project, submit_error=error)
    messages.success(
        request,
        "The project is submitted. The hub's staff will review it: you will get an email when "
        "they decide.",
    )
    return redirect("research:writeup", pk=project.pk)


@require_GET
@login_required
def writeup_history(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Every saved version of the write-up: who saved it and when."""
    project = get_project_for_user(request.user, pk=pk, access=ProjectAccess.LEAD)
    return render(
        request,
        "research/writeups/history.html",
        {
            "project": project,
            "project_url": project_page_url(project),
            "versions": selectors.writeup_history(project),
        },
    )


def _render_version(
    request: AuthenticatedRequest, project: ResearchProject, number: int, *, status: int = 200
) -> HttpResponse:
    version = selectors.writeup_version(project, number)
    if version is None:
        raise Http404("No such version of this write-up.")
    previous = selectors.previous_version(version)
    context: dict[str, Any] = {
        "project": project,
        "project_url": project_page_url(project),
        "version": version,
        "previous": previous,
        "parts": selectors.writeup_diff(version, previous),
        "is_current": version.number == project.writeup_version,
        "can_restore": can_edit_writeup(project) and version.number != project.writeup_version,
        "restore_form": RestoreForm(initial={"version": project.writeup_version}),
    }
    return render(request, "research/writeups/version.html", context, status=status)


@require_http_methods(["GET", "POST"])
@login_required
def writeup_version(request: AuthenticatedRequest, pk: int, number: int) -> HttpResponse:
    """One version with what changed since the one before; POST makes it the write-up again
    (a new version)."""
    project = get_project_for_user(request.user, pk=pk, access=ProjectAccess.LEAD)
    if request.method != "POST":
        return _render_version(request, project, number)
    form = RestoreForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Something went wrong with the form. Try again.")
        return _render_version(request, project, number, status=400)
    try:
        project = writeup_restore(
            project=project, number=number, version=form.cleaned_data["version"], by=request.user
        )
    except WriteUpConflict as conflict:
        messages.error(
            request,
            f"{conflict.messages[0]} Nothing was restored: check the latest version, then "
            "restore this one again if you still want to.",
        )
        return _render_version(request, conflict.project, number, status=409)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return _render_version(request, project, number, status=409)
    messages.success(
        request,
        f"Version {number} is the write-up again, saved as version {project.writeup_version}.",
    )
    return redirect("research:writeup", pk=project.pk)
