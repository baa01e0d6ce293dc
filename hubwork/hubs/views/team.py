"""The hub staff area's team: who holds which role, granting and ending roles. The staff
area's other tabs (schools, Work Groups) belong to workgroups and join through the
"hub_staff" menu (core.navigation)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from hubwork.accounts.types import AuthenticatedRequest
from hubwork.hubs.forms import HubRoleEndForm, HubRoleGrantForm
from hubwork.hubs.permissions import can_manage_hub, get_hub_for_user, get_hub_role_for_user
from hubwork.hubs.selectors import hub_team
from hubwork.hubs.services import hub_role_end, hub_role_grant


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
        {"hub": hub, "team": hub_team(hub=hub), "form": form, "can_change": can_change},
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
