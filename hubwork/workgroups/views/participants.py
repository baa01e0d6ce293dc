"""A Work Group's participants, for its leads and its hub's staff: the list by state and
school, moving someone between states, messaging the group, and a CSV export."""

import csv
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from functools import partial

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.text import slugify
from django.views.decorators.http import require_GET, require_http_methods

from hubwork.accounts.models import User
from hubwork.accounts.types import AuthenticatedRequest
from hubwork.core.audit import audit
from hubwork.core.ratelimit import over_limit
from hubwork.core.tasks import send_email
from hubwork.hubs.permissions import can_manage_hub
from hubwork.schools.models import School
from hubwork.workgroups.allocation import WAITING, enrolment_move
from hubwork.workgroups.models import (
    TAKING_PART,
    Allocation,
    Enrolment,
    SchoolEngagement,
    WorkGroup,
)
from hubwork.workgroups.participant_forms import EnrolmentMoveForm, GroupMessageForm
from hubwork.workgroups.permissions import (
    get_enrolment_for_lead_or_staff,
    get_work_group_for_lead_or_staff,
)

Status = Enrolment.Status

# Messages to a whole group: enough for a busy term, too few to turn Hubwork into a mailer.
MESSAGE_LIMIT = 10
MESSAGE_WINDOW_SECONDS = 60 * 60


# Reads --------------------------------------------------------------------------------------


@dataclass
class SchoolSummary:
    school: School
    holding: int = 0
    waiting: int = 0


@dataclass
class Participants:
    """A Work Group's enrolments, read in one query and grouped for the page and the export."""

    work_group: WorkGroup
    enrolments: Sequence[Enrolment]
    by_status: dict[str, list[Enrolment]] = field(default_factory=dict)
    schools: list[SchoolSummary] = field(default_factory=list)

    @property
    def holding(self) -> int:
        return sum(len(self.by_status.get(status, [])) for status in TAKING_PART)

    @property
    def closed(self) -> list[Enrolment]:
        return self.by_status.get(Status.WITHDRAWN, []) + self.by_status.get(Status.DECLINED, [])


def participants_for(work_group: WorkGroup) -> Participants:
    """Every enrolment with its person and school, whether the school has ever engaged, and
    waiting positions, in one query however many people there are.

    Positions follow `allocation.waiting_position`: everyone still asking queues in the order
    they asked, and colleagues who signed up together share a position.
    """
    engaged = SchoolEngagement.objects.filter(school_id=OuterRef("school_id"))
    enrolments = list(
        Enrolment.objects.filter(work_group=work_group)
        .select_related("user", "school")
        .annotate(school_has_engaged=Exists(engaged))
        .order_by("requested_at", "pk")
    )
    waiting_times = sorted(e.requested_at for e in enrolments if e.status in WAITING)
    schools: dict[int, SchoolSummary] = {}
    by_status: dict[str, list[Enrolment]] = {}
    for enrolment in enrolments:
        enrolment.work_group = work_group
        enrolment.position = (  # type: ignore[attr-defined]
            bisect_left(waiting_times, enrolment.requested_at) + 1
            if enrolment.status in WAITING
            else None
        )
        by_status.setdefault(enrolment.status, []).append(enrolment)
        if enrolment.status in TAKING_PART or enrolment.status in WAITING:
            summary = schools.setdefault(enrolment.school_id, SchoolSummary(enrolment.school))
            if enrolment.status in TAKING_PART:
                summary.holding += 1
            else:
                summary.waiting += 1
    return Participants(
        work_group=work_group,
        enrolments=enrolments,
        by_status=by_status,
        schools=sorted(schools.values(), key=lambda summary: summary.school.name),
    )


# Writes -------------------------------------------------------------------------------------


def _over_message_limit(work_group: WorkGroup) -> bool:
    """Keyed by Work Group rather than by address, so co-leads and hub staff share one
    allowance for the group."""
    return over_limit(
        f"work-group-message:{work_group.pk}",
        limit=MESSAGE_LIMIT,
        window_seconds=MESSAGE_WINDOW_SECONDS,
    )


def work_group_message(
    *, work_group: WorkGroup, by: User, subject: str, message: str, include_waiting: bool
) -> int:
    """Email everyone holding a place (and, if asked, everyone waiting), one email each, once
    the transaction commits. The audit log keeps how many, never the text."""
    statuses = list(TAKING_PART) + (list(WAITING) if include_waiting else [])
    people = list(
        User.objects.filter(enrolments__work_group=work_group, enrolments__status__in=statuses)
        .order_by("email")
        .distinct()
    )
    url = settings.SITE_URL + work_group.get_absolute_url()
    with transaction.atomic():
        audit(
            by,
            "work_group.messaged",
            work_group,
            count=len(people),
            include_waiting=include_waiting,
        )
        for person in people:
            text_body = render_to_string(
                "workgroups/participants/email/message.txt",
                {
                    "person": person,
                    "work_group": work_group,
                    "sender": by,
                    "message": message,
                    "url": url,
                },
            )
            transaction.on_commit(
                partial(
                    send_email.delay,
                    to=[person.email],
                    subject=f"{work_group.title}: {subject}",
                    text_body=text_body,
                )
            )
    return len(people)


# Views --------------------------------------------------------------------------------------


def _context(request: AuthenticatedRequest, work_group: WorkGroup) -> dict[str, object]:
    return {
        "hub": work_group.hub,
        "work_group": work_group,
        "is_hub_staff": can_manage_hub(request.user, work_group.hub),
    }


@require_GET
@login_required
def participant_list(request: AuthenticatedRequest, hub_slug: str, pk: int) -> HttpResponse:
    work_group = get_work_group_for_lead_or_staff(request.user, hub_slug, pk)
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
    enrolment = get_enrolment_for_lead_or_staff(request.user, hub_slug, pk, enrolment_pk)
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
            form.add_error(None, error)
        else:
            if moved.status == enrolment.status:
                messages.info(request, f"{enrolment.user.display_name} was already there.")
            else:
                messages.success(
                    request,
                    f"{enrolment.user.display_name} is now {moved.get_status_display().lower()}.",
                )
            return redirect("manage_participants", hub_slug=hub_slug, pk=work_group.pk)
    return render(
        request,
        "workgroups/participants/move.html",
        {**_context(request, work_group), "enrolment": enrolment, "form": form},
    )


@require_http_methods(["GET", "POST"])
@login_required
def participant_message(request: AuthenticatedRequest, hub_slug: str, pk: int) -> HttpResponse:
    work_group = get_work_group_for_lead_or_staff(request.user, hub_slug, pk)
    form = GroupMessageForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if _over_message_limit(work_group):
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
            return redirect("manage_participants", hub_slug=hub_slug, pk=work_group.pk)
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


def _cell(value: object) -> str:
    """Text as a spreadsheet shows it, never as a formula (a name can start with '=')."""
    text = "" if value is None else str(value)
    if text[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + text
    return text


def _when(moment: datetime) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M")


@require_GET
@login_required
def participant_export(request: AuthenticatedRequest, hub_slug: str, pk: int) -> HttpResponse:
    work_group = get_work_group_for_lead_or_staff(request.user, hub_slug, pk)
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
                _cell(enrolment.user.display_name),
                _cell(enrolment.user.email),
                _cell(enrolment.school.name),
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
