"""A Work Group's participants, for its leads and its hub's staff: the list by state and
school, moving someone between states, messaging the group, and a CSV export."""

import csv
from datetime import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.text import slugify
from django.views.decorators.http import require_GET, require_http_methods

from hubwork.accounts.two_factor import require_two_factor
from hubwork.accounts.types import AuthenticatedRequest
from hubwork.core.audit import audit
from hubwork.core.exports import safe_text
from hubwork.core.forms import add_service_errors
from hubwork.hubs.permissions import can_manage_hub
from hubwork.workgroups.forms.participants import EnrolmentMoveForm, GroupMessageForm
from hubwork.workgroups.links import work_group_home_url
from hubwork.workgroups.models import (
    Allocation,
    Enrolment,
    WorkGroup,
)
from hubwork.workgroups.permissions import (
    Access,
    get_enrolment_for_user,
    get_work_group_for_user,
)
from hubwork.workgroups.selectors.participants import participants_for
from hubwork.workgroups.services.messages import (
    MESSAGE_LIMIT,
    over_message_limit,
    work_group_message,
)
from hubwork.workgroups.services.places import enrolment_move

Status = Enrolment.Status


# Views --------------------------------------------------------------------------------------


def _context(request: AuthenticatedRequest, work_group: WorkGroup) -> dict[str, object]:
    is_hub_staff = can_manage_hub(request.user, work_group.hub)
    return {
        "hub": work_group.hub,
        "work_group": work_group,
        "is_hub_staff": is_hub_staff,
        "back_url": work_group_home_url(work_group, is_hub_staff=is_hub_staff),
    }


@require_GET
@login_required
def participant_list(request: AuthenticatedRequest, hub_slug: str, pk: int) -> HttpResponse:
    work_group = get_work_group_for_user(request.user, access=Access.LEAD, hub_slug=hub_slug, pk=pk)
    require_two_factor(request.user)
    participants = participants_for(work_group)
    by_status = participants.by_status
    return render(
        request,
        "workgroups/participants/list.html",
        {
            **_context(request, work_group),
            "participants": participants,
            "enrolled": by_status.get(Status.ENROLLED, []),
            "completed": by_status.get(Status.COMPLETED, []),
            "offered": by_status.get(Status.OFFERED, []),
            "interested": by_status.get(Status.INTERESTED, []),
            "waitlisted": by_status.get(Status.WAITLISTED, []),
            "closed": participants.closed,
            "is_review": work_group.allocation == Allocation.REVIEW,
        },
    )


@require_http_methods(["GET", "POST"])
@login_required
def participant_move(
    request: AuthenticatedRequest, hub_slug: str, pk: int, enrolment_pk: int
) -> HttpResponse:
    enrolment = get_enrolment_for_user(
        request.user, hub_slug=hub_slug, work_group_pk=pk, pk=enrolment_pk
    )
    require_two_factor(request.user)
    work_group = enrolment.work_group
    initial = {"status": request.GET.get("status", "")}
    form = EnrolmentMoveForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            moved = enrolment_move(
                enrolment=enrolment,
                status=form.cleaned_data["status"],
                by=request.user,
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            if moved.status == enrolment.status:
                messages.info(request, f"{enrolment.user.display_name} was already there.")
            else:
                messages.success(
                    request,
                    f"{enrolment.user.display_name} is now {moved.get_status_display().lower()}.",
                )
            return redirect("workgroups:participants", hub_slug=hub_slug, pk=work_group.pk)
    return render(
        request,
        "workgroups/participants/move.html",
        {**_context(request, work_group), "enrolment": enrolment, "form": form},
    )


@require_http_methods(["GET", "POST"])
@login_required
def participant_message(request: AuthenticatedRequest, hub_slug: str, pk: int) -> HttpResponse:
    work_group = get_work_group_for_user(request.user, access=Access.LEAD, hub_slug=hub_slug, pk=pk)
    require_two_factor(request.user)
    form = GroupMessageForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if over_message_limit(work_group):
            form.add_error(
                None,
                f"This Work Group has been sent {MESSAGE_LIMIT} messages in the last hour, "
                "which is as many as Hubwork sends. Try again later.",
            )
        else:
            count = work_group_message(
                work_group=work_group,
                by=request.user,
                subject=form.cleaned_data["subject"],
                message=form.cleaned_data["message"],
                include_waiting=form.cleaned_data["include_waiting"],
            )
            if count:
                messages.success(
                    request, f"Your message is being sent to {count} {_people(count)}."
                )
            else:
                messages.info(request, "Nobody is in the group yet, so nobody was emailed.")
            return redirect("workgroups:participants", hub_slug=hub_slug, pk=work_group.pk)
    return render(
        request,
        "workgroups/participants/message.html",
        {**_context(request, work_group), "form": form},
    )


def _people(count: int) -> str:
    return "person" if count == 1 else "people"


CSV_HEADER = [
    "Name",
    "Email",
    "School",
    "URN",
    "Role",
    "Status",
    "Requested at",
    "Waiting position",
]


def _when(moment: datetime) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M")


@require_GET
@login_required
def participant_export(request: AuthenticatedRequest, hub_slug: str, pk: int) -> HttpResponse:
    work_group = get_work_group_for_user(request.user, access=Access.LEAD, hub_slug=hub_slug, pk=pk)
    require_two_factor(request.user)
    participants = participants_for(work_group)
    filename = f"{slugify(work_group.code) or 'work-group'}-participants.csv"
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.write("\ufeff")  # the byte order mark tells Excel the file is UTF-8
    writer = csv.writer(response)
    writer.writerow(CSV_HEADER)
    for enrolment in participants.enrolments:
        writer.writerow(
            [
                safe_text(enrolment.user.display_name),
                safe_text(enrolment.user.email),
                safe_text(enrolment.school.name),
                enrolment.school.urn,
                enrolment.get_role_display(),
                enrolment.get_status_display(),
                _when(enrolment.requested_at),
                enrolment.position or "",  # type: ignore[attr-defined]
            ]
        )
    audit(
        request.user,
        "work_group.participants_exported",
        work_group,
        count=len(participants.enrolments),
    )
    return response
