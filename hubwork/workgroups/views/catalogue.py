"""The public catalogue of Work Groups and each Work Group's public page."""

from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.cache import patch_vary_headers
from django.views.decorators.http import require_GET
from django_htmx.middleware import HtmxDetails

from hubwork.accounts.models import User
from hubwork.workgroups.filters import CatalogueFilter
from hubwork.workgroups.models import WorkGroup
from hubwork.workgroups.selectors.catalogue import (
    catalogue_work_groups,
    outcomes_by_area,
    work_group_for_public_page,
)
from hubwork.workgroups.selectors.places import invitation_pending_for, live_enrolment_with_queue

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
            "programme_summary": _unless_repeated(
                work_group.programme.summary, work_group.description
            ),
            "outcome_areas": outcomes_by_area(programme=work_group.programme),
            # The viewer's own place, with the places in the queue before them.
            "own_enrolment": (
                live_enrolment_with_queue(work_group=work_group, user=request.user)
                if isinstance(request.user, User)
                else None
            ),
            # A colleague named them on a sign-up: they are asked to confirm.
            "own_invitation": (
                invitation_pending_for(user=request.user, work_group=work_group)
                if isinstance(request.user, User)
                else None
            ),
        },
    )


def _unless_repeated(summary: str, description: str) -> str:
    """The programme's summary for "About the programme", or nothing when the Work Group's
    own description already says it (hubs often start from the programme's words)."""

    def words(text: str) -> str:
        return " ".join(text.split()).casefold()

    return "" if words(summary) in words(description) else summary
