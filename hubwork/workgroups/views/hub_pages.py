"""The hub pages that show Work Groups: a hub's public page with this year's offer, and the
hub staff area's schools with their engagement. Their addresses sit under /hubs/<slug>/ with
the rest of the hub's pages; they live here because hubs sit below Work Groups."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from hubwork.accounts.types import AuthenticatedRequest
from hubwork.hubs.models import Hub
from hubwork.hubs.permissions import can_manage_hub, get_hub_for_user
from hubwork.hubs.selectors import hub_school_counts
from hubwork.workgroups.forms.hub_pages import HubSchoolFilterForm
from hubwork.workgroups.selectors.hub_pages import hub_for_public_page, hub_schools

SCHOOLS_PER_PAGE = 50


@require_GET
def hub_detail(request: HttpRequest, slug: str) -> HttpResponse:
    try:
        hub = hub_for_public_page(slug=slug)
    except Hub.DoesNotExist:
        raise Http404("No Maths Hub has that address.") from None
    user = request.user
    can_manage = user.is_authenticated and can_manage_hub(user, hub)
    return render(request, "workgroups/hubs/detail.html", {"hub": hub, "can_manage": can_manage})


@require_GET
@login_required
def hub_school_list(request: AuthenticatedRequest, hub_slug: str) -> HttpResponse:
    hub = get_hub_for_user(request.user, slug=hub_slug)
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
        "workgroups/hubs/schools.html",
        {
            "hub": hub,
            "form": form,
            "page": page,
            "counts": hub_school_counts(hub=hub),
            "filter_query": query.urlencode(),
        },
    )
