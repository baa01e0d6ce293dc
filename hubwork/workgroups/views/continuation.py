"""Continuing participants: a copy's leads (and its hub's staff) invite last year's
completers, and each completer accepts or declines from the link in their email. Every change
goes through `workgroups.services.continuation`."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from hubwork.accounts.two_factor import require_two_factor
from hubwork.accounts.types import AuthenticatedRequest
from hubwork.core.forms import add_service_errors
from hubwork.hubs.permissions import can_manage_hub
from hubwork.workgroups.forms.continuation import ContinuationAcceptForm, ContinuationInviteForm
from hubwork.workgroups.links import work_group_home_url
from hubwork.workgroups.permissions import (
    Access,
    get_continuation_invitation_for_user,
    get_work_group_for_user,
)
from hubwork.workgroups.selectors.continuation import (
    completers_for,
    invitation_closed_reason,
)
from hubwork.workgroups.services.continuation import (
    continuation_accept,
    continuation_decline,
    continuation_invite,
)


@require_http_methods(["GET", "POST"])
@login_required
def invite(request: AuthenticatedRequest, hub_slug: str, pk: int) -> HttpResponse:
    """Last year's completers, with the invitations already sent and how each was answered,
    and the form to invite the others."""
    work_group = get_work_group_for_user(request.user, access=Access.LEAD, hub_slug=hub_slug, pk=pk)
    require_two_factor(request.user)
    completers = completers_for(work_group)
    form = ContinuationInviteForm(request.POST or None, completers=completers)
    if request.method == "POST" and form.is_valid():
        try:
            sent = continuation_invite(
                work_group=work_group, previous=form.cleaned_data["completers"], by=request.user
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                f"{len(sent)} invitation{'s' if len(sent) != 1 else ''} sent. Each person "
                "has an email with a link to accept or say no.",
            )
            return redirect("workgroups:continuation_invite", hub_slug=hub_slug, pk=pk)
    is_hub_staff = can_manage_hub(request.user, work_group.hub)
    return render(
        request,
        "workgroups/continuation/invite.html",
        {
            "hub": work_group.hub,
            "work_group": work_group,
            "completers": completers,
            "invited": [c for c in completers if c.invitation is not None],
            "form": form,
            "is_hub_staff": is_hub_staff,
            "back_url": work_group_home_url(work_group, is_hub_staff=is_hub_staff),
        },
    )


@require_http_methods(["GET", "POST"])
@login_required
def answer(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """What the completer is invited to, with the form to accept and the link to say no; or
    what became of the invitation."""
    invitation = get_continuation_invitation_for_user(request.user, pk=pk)
    form = ContinuationAcceptForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            enrolment = continuation_accept(
                invitation=invitation,
                user=request.user,
                leader_supports=form.cleaned_data["leader_supports"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            if enrolment.status == enrolment.Status.ENROLLED:
                messages.success(
                    request, f"You have a place in {invitation.work_group.title}. Welcome back."
                )
            else:
                messages.success(
                    request,
                    f"{invitation.work_group.title} has no room for you now, so you are on "
                    "its waiting list. We email you if a place comes free.",
                )
            return redirect("workgroups:mine")
    return render(
        request,
        "workgroups/continuation/answer.html",
        {
            "invitation": invitation,
            "work_group": invitation.work_group,
            "previous": invitation.previous,
            "form": form,
            "closed": invitation_closed_reason(invitation),
        },
    )


@require_http_methods(["GET", "POST"])
@login_required
def decline(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Ask once more, then decline: one button, so a link followed by an email scanner
    changes nothing."""
    invitation = get_continuation_invitation_for_user(request.user, pk=pk)
    if request.method == "GET":
        return render(
            request,
            "workgroups/continuation/decline.html",
            {"invitation": invitation, "work_group": invitation.work_group},
        )
    try:
        continuation_decline(invitation=invitation, user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            f"You have said no to carrying on in {invitation.work_group.title}. "
            "Nothing is booked for you.",
        )
    return redirect("workgroups:mine")
