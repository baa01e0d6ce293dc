"""A colleague named on someone's sign-up confirms, or declines, before a place is theirs.
The links in the invitation email open these pages; My Work Groups lists them too. Every
change goes through `workgroups.services.places`."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from hubwork.accounts.types import AuthenticatedRequest
from hubwork.core.forms import add_service_errors
from hubwork.workgroups.forms.sign_up import InvitationConfirmForm
from hubwork.workgroups.models import ColleagueInvitation
from hubwork.workgroups.permissions import get_invitation_for_user
from hubwork.workgroups.services.places import invitation_confirm, invitation_decline


@require_http_methods(["GET", "POST"])
@login_required
def confirm_invitation(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """What the colleague was asked to join and by whom, with the form to confirm; or what
    became of the invitation once it is answered or lapsed."""
    invitation = get_invitation_for_user(request.user, pk=pk)
    work_group = invitation.work_group
    form = InvitationConfirmForm(
        request.POST if request.method == "POST" else None, work_group=work_group
    )
    if request.method == "POST" and form.is_valid():
        try:
            invitation_confirm(
                invitation=invitation,
                user=request.user,
                role=form.cleaned_data["role"],
                trn=form.cleaned_data.get("trn", ""),
                leader_supports=form.cleaned_data["leader_supports"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return redirect("workgroups:sign_up_done", slug=work_group.slug)
    return render(
        request,
        "workgroups/participation/invitation.html",
        {
            "invitation": invitation,
            "work_group": work_group,
            "form": form,
            "open": invitation.status == ColleagueInvitation.Status.PENDING
            and invitation.expires_at >= timezone.now(),
        },
    )


@require_http_methods(["GET", "POST"])
@login_required
def decline_invitation(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Ask once more, then decline: one button, so a link followed by an email scanner
    changes nothing."""
    invitation = get_invitation_for_user(request.user, pk=pk)
    if request.method == "GET":
        return render(
            request,
            "workgroups/participation/invitation_decline.html",
            {"invitation": invitation, "work_group": invitation.work_group},
        )
    try:
        invitation_decline(invitation=invitation, user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            f"You have said no to {invitation.work_group.title}. Nothing is booked for you.",
        )
    return redirect("workgroups:mine")
