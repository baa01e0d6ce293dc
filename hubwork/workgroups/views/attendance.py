"""Registers, attendance rates and completion for leads and hub staff; apologies for
participants."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from hubwork.accounts.two_factor import require_two_factor
from hubwork.accounts.types import AuthenticatedRequest
from hubwork.core.forms import add_service_errors
from hubwork.hubs.permissions import can_manage_hub
from hubwork.workgroups.forms.attendance import ApologiesForm, RegisterForm
from hubwork.workgroups.forms.completion import CompletionOverrideForm
from hubwork.workgroups.links import work_group_home_url
from hubwork.workgroups.models import Attendance, Enrolment, WorkGroup
from hubwork.workgroups.permissions import (
    Access,
    get_enrolment_for_user,
    get_session_for_user,
    get_work_group_for_user,
)
from hubwork.workgroups.selectors import attendance as attendance_selectors
from hubwork.workgroups.selectors import completion as completion_selectors
from hubwork.workgroups.services import attendance as attendance_services
from hubwork.workgroups.services import completion as completion_services


def _back_url(request: AuthenticatedRequest, work_group: WorkGroup) -> str:
    return work_group_home_url(
        work_group, is_hub_staff=can_manage_hub(request.user, work_group.hub)
    )


@require_http_methods(["GET", "POST"])
@login_required
def session_register(
    request: AuthenticatedRequest, hub_slug: str, pk: int, session_pk: int
) -> HttpResponse:
    session = get_session_for_user(request.user, hub_slug=hub_slug, work_group_pk=pk, pk=session_pk)
    require_two_factor(request.user)
    work_group = session.work_group
    people = list(attendance_selectors.register_people(work_group))
    marked = attendance_selectors.register_marks(session=session, people=people)
    form = RegisterForm(request.POST or None, people=people, marked=marked)
    if request.method == "POST" and form.is_valid():
        marks = form.marks(rest_present="rest_present" in request.POST)
        try:
            counts = attendance_services.register_record(
                session=session, marks=marks, by=request.user
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            summary = ", ".join(
                f"{counts[status]} {label.lower()}"
                for status, label in Attendance.Status.choices
                if counts.get(status)
            )
            messages.success(
                request,
                f"The register for session {session.number} is saved"
                + (f": {summary}." if summary else "."),
            )
            return redirect("workgroups:attendance", hub_slug=hub_slug, pk=work_group.pk)
    return render(
        request,
        "workgroups/attendance/register.html",
        {"hub": work_group.hub, "work_group": work_group, "session": session, "form": form},
    )


@require_GET
@login_required
def work_group_attendance(request: AuthenticatedRequest, hub_slug: str, pk: int) -> HttpResponse:
    work_group = get_work_group_for_user(request.user, access=Access.LEAD, hub_slug=hub_slug, pk=pk)
    require_two_factor(request.user)
    return render(
        request,
        "workgroups/attendance/rates.html",
        {
            "hub": work_group.hub,
            "work_group": work_group,
            "back_url": _back_url(request, work_group),
            "rates": attendance_selectors.attendance_rates(work_group),
        },
    )


@require_http_methods(["GET", "POST"])
@login_required
def work_group_completion(request: AuthenticatedRequest, hub_slug: str, pk: int) -> HttpResponse:
    work_group = get_work_group_for_user(request.user, access=Access.LEAD, hub_slug=hub_slug, pk=pk)
    require_two_factor(request.user)
    error = ""
    if request.method == "POST":
        try:
            report = completion_services.completion_apply(work_group=work_group, by=request.user)
        except ValidationError as problem:
            error = " ".join(problem.messages)
        else:
            messages.success(
                request,
                f"{len(report.completed)} completed and {len(report.not_completed)} did not. "
                f"{work_group.title} is now marked completed.",
            )
            return redirect("workgroups:completion", hub_slug=hub_slug, pk=work_group.pk)
    return render(
        request,
        "workgroups/attendance/completion.html",
        {
            "hub": work_group.hub,
            "work_group": work_group,
            "report": completion_selectors.completion_preview(work_group),
            "error": error,
            "back_url": _back_url(request, work_group),
        },
    )


@require_http_methods(["GET", "POST"])
@login_required
def completion_change(
    request: AuthenticatedRequest, hub_slug: str, pk: int, enrolment_pk: int
) -> HttpResponse:
    enrolment = get_enrolment_for_user(
        request.user,
        hub_slug=hub_slug,
        work_group_pk=pk,
        pk=enrolment_pk,
        statuses=Enrolment.MEMBERS,
    )
    require_two_factor(request.user)
    work_group = enrolment.work_group
    is_completed = enrolment.status == Enrolment.Status.COMPLETED
    form = CompletionOverrideForm(
        request.POST or None, initial={"completed": "no" if is_completed else "yes"}
    )
    if request.method == "POST" and form.is_valid():
        completed = form.cleaned_data["completed"]
        try:
            completion_services.completion_override(
                enrolment=enrolment,
                completed=completed,
                by=request.user,
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                f"{enrolment.user.display_name} is now "
                f"{'completed' if completed else 'not completed'}.",
            )
            return redirect("workgroups:completion", hub_slug=hub_slug, pk=work_group.pk)
    return render(
        request,
        "workgroups/attendance/completion_change.html",
        {
            "hub": work_group.hub,
            "work_group": work_group,
            "enrolment": enrolment,
            "is_completed": is_completed,
            "form": form,
        },
    )


@require_http_methods(["GET", "POST"])
@login_required
def apologies(request: AuthenticatedRequest, enrolment_pk: int, session_pk: int) -> HttpResponse:
    # Only the person's own enrolment: anyone else's is "not found", never "forbidden".
    enrolment = get_enrolment_for_user(
        request.user, pk=enrolment_pk, own=True, statuses=Enrolment.MEMBERS
    )
    session = get_session_for_user(request.user, pk=session_pk, via=enrolment)
    sent = attendance_selectors.apologies_sent(enrolment=enrolment, session=session)
    form = ApologiesForm(request.POST or None, initial={"note": sent.note if sent else ""})
    if request.method == "POST" and form.is_valid():
        try:
            attendance_services.apologies_send(
                enrolment=enrolment,
                session=session,
                note=form.cleaned_data["note"],
                by=request.user,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                f"Your apologies for session {session.number} are sent to the leads.",
            )
            return redirect(
                "workgroups:apologies", enrolment_pk=enrolment.pk, session_pk=session.pk
            )
    return render(
        request,
        "workgroups/attendance/apologies.html",
        {
            "enrolment": enrolment,
            "work_group": enrolment.work_group,
            "session": session,
            "sent": sent,
            "form": form,
            "open": not session.is_cancelled and session.starts() > timezone.now(),
        },
    )
