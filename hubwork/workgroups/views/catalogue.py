"""The public catalogue of Work Groups and each Work Group's public page."""

from django.core.paginator import Paginator
from django.db.models import OuterRef, Subquery
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.cache import patch_vary_headers
from django.views.decorators.http import require_GET
from django_htmx.middleware import HtmxDetails

from hubwork.workgroups.filters import CatalogueFilter
from hubwork.workgroups.models import Enrolment, WorkGroup
from hubwork.workgroups.selectors.catalogue import (
    catalogue_work_groups,
    outcomes_by_area,
    work_group_for_public_page,
)
from hubwork.workgroups.selectors.places import places_in_queue
from hubwork.workgroups.services.places import CLOSED, WAITING

WORK_GROUPS_PER_PAGE = 20


class HtmxHttpRequest(HttpRequest):
    htmx: HtmxDetails


@require_GET
def catalogue(request: HtmxHttpRequest) -> HttpResponse:
    filters = CatalogueFilter(request.GET, queryset=catalogue_work_groups())
    page = Paginator(filters.qs, WORK_GROUPS_PER_PAGE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {"filter": filters, "page": page, "filter_query": query.urlencode()}
    # htmx swaps in the results alone; restoring history after a cache miss needs the page.
    if request.htmx and not request.htmx.history_restore_request:
        response = render(request, "workgroups/catalogue/results.html", context)
    else:
        response = render(request, "workgroups/catalogue/catalogue.html", context)
    # The same address answers with a partial or a page, so caches must tell them apart.
    patch_vary_headers(response, ["HX-Request"])
    return response


@require_GET
def work_group_detail(request: HttpRequest, slug: str) -> HttpResponse:
    try:
        work_group = work_group_for_public_page(slug=slug)
    except WorkGroup.DoesNotExist:
        raise Http404("No published Work Group has that address.") from None
    return render(
        request,
        "workgroups/catalogue/detail.html",
        {
            "work_group": work_group,
            "programme": work_group.programme,
            "outcome_areas": outcomes_by_area(programme=work_group.programme),
            "own_enrolment": _own_enrolment(request, work_group),
        },
    )


def _own_enrolment(request: HttpRequest, work_group: WorkGroup) -> Enrolment | None:
    """The viewer's own live enrolment, with `ahead` (places in the queue before them) — one
    query, and none for a signed-out visitor."""
    if not request.user.is_authenticated:
        return None
    ahead = (
        Enrolment.objects.filter(
            work_group=work_group,
            status__in=WAITING,
            requested_at__lt=OuterRef("requested_at"),
        )
        .order_by()
        .values("work_group")
        # Colleagues who signed up together are one place in the queue, as everywhere else.
        .annotate(count=places_in_queue())
        .values("count")
    )
    return (
        Enrolment.objects.filter(work_group=work_group, user=request.user)
        .exclude(status__in=CLOSED)
        .select_related("school")
        .annotate(ahead=Subquery(ahead))
        .first()
    )
