"""Members read what their leads set before a session: their page per reading (read or not,
private notes, a response they may share), and the group's readings and shared responses."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_htmx.middleware import HtmxDetails

from hubwork.accounts.types import AuthenticatedRequest
from hubwork.core.forms import add_service_errors
from hubwork.research.forms.session_readings import DoneForm, ReadingProgressForm
from hubwork.research.models import ReadingProgress
from hubwork.research.permissions import get_session_reading_for_user
from hubwork.research.selectors.session_readings import (
    ReadingForMember,
    shared_responses,
)
from hubwork.research.selectors.session_readings import (
    group_readings as group_readings_for,
)
from hubwork.research.services.session_readings import reading_done_set, reading_progress_save
from hubwork.workgroups.permissions import Access, get_work_group_for_user, is_member


@require_http_methods(["GET", "POST"])
@login_required
def my_reading(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    session_reading = get_session_reading_for_user(request.user, pk=pk)
    progress = ReadingProgress.objects.filter(
        session_reading=session_reading, user=request.user
    ).first()
    initial = {
        "done": bool(progress and progress.is_done),
        "private_notes": progress.private_notes if progress else "",
        "response": progress.response if progress else "",
        "share": bool(progress and progress.is_shared),
    }
    # Every box may be left empty, so an empty POST is a form to save all the same.
    form = ReadingProgressForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            saved = reading_progress_save(
                session_reading=session_reading, user=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            if saved.is_shared:
                messages.success(request, "Saved. Your response is shared with the group.")
            else:
                messages.success(request, "Saved. Only you can see your notes.")
            return redirect("research:my_reading", pk=session_reading.pk)
    work_group = session_reading.session.work_group
    return render(
        request,
        "research/session_readings/my_reading.html",
        {
            "session_reading": session_reading,
            "session": session_reading.session,
            "work_group": work_group,
            "hub": work_group.hub,
            "reading": session_reading.reading,
            "progress": progress,
            "form": form,
            "shared": shared_responses(session_reading),
        },
    )


def _safe_next(request: AuthenticatedRequest, fallback: str) -> str:
    target = str(request.POST.get("next", ""))
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return fallback


class HtmxRequest(AuthenticatedRequest):
    htmx: HtmxDetails


@require_POST
@login_required
def my_reading_done(request: HtmxRequest, pk: int) -> HttpResponse:
    """Mark a reading read or not yet read: in place with htmx, or back where they were."""
    session_reading = get_session_reading_for_user(request.user, pk=pk)
    form = DoneForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Choose whether you have read it.")
        return redirect("research:my_reading", pk=session_reading.pk)
    progress = reading_done_set(
        session_reading=session_reading,
        user=request.user,
        done=form.cleaned_data["done"] == "yes",
    )
    if request.htmx:
        return render(
            request,
            "research/session_readings/done_toggle.html",
            {
                "entry": ReadingForMember(session_reading=session_reading, progress=progress),
                "next": _safe_next(request, ""),
                "announce": True,
            },
        )
    messages.success(
        request,
        f"“{session_reading.reading.title}” is marked "
        + ("read." if progress.is_done else "not read yet."),
    )
    return redirect(
        _safe_next(request, reverse("research:my_reading", kwargs={"pk": session_reading.pk}))
    )


@require_GET
@login_required
def group_readings(request: AuthenticatedRequest, slug: str) -> HttpResponse:
    work_group = get_work_group_for_user(request.user, access=Access.MEMBER, slug=slug)
    return render(
        request,
        "research/session_readings/group.html",
        {
            "work_group": work_group,
            "hub": work_group.hub,
            "sessions": group_readings_for(work_group, request.user),
            "is_member": is_member(request.user, work_group),
        },
    )
