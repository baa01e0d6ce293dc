"""The hub staff area's team: who holds which role, granting and ending roles. The staff
area's other tabs (schools, Work Groups) belong to workgroups and join through the
"hub_staff" menu (core.navigation)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from hubwork.accounts.types import AuthenticatedRequest
from hubwork.core.forms import add_service_errors
from hubwork.hubs.forms import HubRoleDaysForm, HubRoleEndForm, HubRoleGrantForm
from hubwork.hubs.links import TEAM_MEMBER
from hubwork.hubs.models import HubRole
from hubwork.hubs.permissions import can_manage_hub, get_hub_for_user, get_hub_role_for_user
from hubwork.hubs.selectors import hub_team
from hubwork.hubs.services import hub_role_end, hub_role_grant, hub_role_update


@require_GET
@login_required
def manage_home(request: AuthenticatedRequest, slug: str) -> HttpResponse:
    hub = get_hub_for_user(request.user, slug=slug)
    return redirect("hubs:team", slug=hub.slug)


@require_http_methods(["GET", "POST"])
@login_required
def manage_team(request: AuthenticatedRequest, slug: str) -> HttpResponse:
    hub = get_hub_for_user(request.user, slug=slug)
    can_change = can_manage_hub(request.user, hub, write=True)
    form = HubRoleGrantForm(request.POST or None)
    if request.method == "POST":
        if not can_change:
            raise PermissionDenied
        if form.is_valid():
            try:
                hub_role = hub_role_grant(
                    hub=hub,
                    user=form.cleaned_data["email"],
                    role=form.cleaned_data["role"],
                    phase=form.cleaned_data["phase"],
                    starts_on=form.cleaned_data["starts_on"],
                    by=request.user,
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, f"{hub_role.user} is now {hub_role.get_role_display()}.")
                return redirect("hubs:team", slug=hub.slug)
    return render(
        request,
        "hubs/manage/team.html",
        {
            "hub": hub,
            "team": hub_team(hub=hub),
            "form": form,
            "can_change": can_change,
            "member_links": TEAM_MEMBER,
        },
    )


@require_http_methods(["GET", "POST"])
@login_required
def manage_team_role_end(request: AuthenticatedRequest, slug: str, pk: int) -> HttpResponse:
    hub_role = get_hub_role_for_user(request.user, hub_slug=slug, pk=pk)
    form = HubRoleEndForm(request.POST or None, hub_role=hub_role)
    if request.method == "POST" and form.is_valid():
        hub_role_end(hub_role=hub_role, by=request.user, ends_on=form.cleaned_data["ends_on"])
        messages.success(
            request,
            f"{hub_role.user}'s role as {hub_role.get_role_display()} ends on "
            f"{hub_role.ends_on:%-d %B %Y}.",
        )
        return redirect("hubs:team", slug=hub_role.hub.slug)
    return render(
        request,
        "hubs/manage/role_end.html",
        {"hub": hub_role.hub, "hub_role": hub_role, "form": form},
    )


@require_http_methods(["GET", "POST"])
@login_required
def manage_team_role_days(request: AuthenticatedRequest, slug: str, pk: int) -> HttpResponse:
    """The days a week agreed with an LLME (their load is checked against it)."""
    hub_role = get_hub_role_for_user(request.user, hub_slug=slug, pk=pk)
    if hub_role.role != HubRole.Kind.LLME:
        raise Http404("Days a week are agreed with LLMEs only.")
    form = HubRoleDaysForm(request.POST or None, initial={"days_per_week": hub_role.days_per_week})
    if request.method == "POST" and form.is_valid():
        hub_role.days_per_week = form.cleaned_data["days_per_week"]
        try:
            hub_role_update(hub_role=hub_role, by=request.user)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            agreed = hub_role.days_per_week
            messages.success(
                request,
                f"Days a week agreed with {hub_role.user}: {agreed.normalize():f}."
                if agreed is not None
                else f"No days a week are agreed with {hub_role.user} now.",
            )
            return redirect("hubs:team", slug=hub_role.hub.slug)
    return render(
        request,
        "hubs/manage/role_days.html",
        {"hub": hub_role.hub, "hub_role": hub_role, "form": form},
    )
