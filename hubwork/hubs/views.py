from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from hubwork.accounts.types import AuthenticatedRequest
from hubwork.hubs.forms import HubRoleEndForm, HubRoleGrantForm, HubSchoolFilterForm
from hubwork.hubs.models import Hub
from hubwork.hubs.permissions import can_manage_hub, get_hub_for_user, get_hub_role_for_user
from hubwork.hubs.selectors import (
    hub_for_public_page,
    hub_school_counts,
    hub_schools,
    hub_team,
    hubs_for_listing,
)
from hubwork.hubs.services import hub_role_end, hub_role_grant

SCHOOLS_PER_PAGE = 50


@require_GET
def hub_list(request: HttpRequest) -> HttpResponse:
    return render(request, "hubs/list.html", {"hubs": hubs_for_listing()})


@require_GET
def hub_detail(request: HttpRequest, slug: str) -> HttpResponse:
    try:
        hub = hub_for_public_page(slug=slug)
    except Hub.DoesNotExist:
        raise Http404("No Maths Hub has that address.") from None
    user = request.user
    can_manage = user.is_authenticated and can_manage_hub(user, hub)
    return render(request, "hubs/detail.html", {"hub": hub, "can_manage": can_manage})


@require_GET
@login_required
def manage_home(request: AuthenticatedRequest, slug: str) -> HttpResponse:
    hub = get_hub_for_user(request.user, slug)
    return redirect("hubs:team", slug=hub.slug)


@require_http_methods(["GET", "POST"])
@login_required
def manage_team(request: AuthenticatedRequest, slug: str) -> HttpResponse:
    hub = get_hub_for_user(request.user, slug)
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
    hub_role = get_hub_role_for_user(request.user, slug, pk)
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


@require_GET
@login_required
def manage_schools(request: AuthenticatedRequest, slug: str) -> HttpResponse:
    hub = get_hub_for_user(request.user, slug)
    form = HubSchoolFilterForm(request.GET or None, hub=hub)
    filters = form.cleaned_data if form.is_valid() else {}
    schools = hub_schools(
        hub=hub,
        phase=filters.get("phase", ""),
        local_authority_code=filters.get("local_authority", ""),
        status=filters.get("status", ""),
    )
    page = Paginator(schools, SCHOOLS_PER_PAGE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "hubs/manage/schools.html",
        {
            "hub": hub,
            "form": form,
            "page": page,
            "counts": hub_school_counts(hub=hub),
            "filter_query": query.urlencode(),
        },
    )
