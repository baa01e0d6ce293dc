"""The public site's own addresses beside Wagtail's page tree: search, the listing's short
addresses, and Wagtail's front-end sign-in sent to Hubwork's."""

from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET
from wagtail.views import serve

from hubwork.content.forms.articles import SiteSearchForm
from hubwork.content.selectors.search import pages_found
from hubwork.content.services.site import LISTING_SLUG
from hubwork.core.caching import cache_headers_apply, cache_validator

RESULTS_PER_PAGE = 10


@require_GET
def articles(request: HttpRequest) -> HttpResponseBase:
    """The spotlights-and-news listing (a page of the tree), under a name other apps link to."""
    return serve(request, f"{LISTING_SLUG}/")


@require_GET
def news(request: HttpRequest) -> HttpResponse:
    """/news/: an address people guess, sent to the listing of news."""
    return redirect(f"{reverse('content:articles')}?type=news", permanent=False)


@require_GET
def search(request: HttpRequest) -> HttpResponseBase:
    """Search over the public site's pages."""
    form = SiteSearchForm(request.GET or None)
    query = form.cleaned_data["q"].strip() if form.is_valid() else ""
    results = Paginator(pages_found(query=query), RESULTS_PER_PAGE).get_page(
        request.GET.get("page")
    )
    response = render(
        request,
        "content/search.html",
        {
            "form": form,
            "query": query,
            "page_obj": results,
            "filter_query": urlencode({"q": query}),
        },
    )
    return cache_headers_apply(
        request, response, etag=cache_validator("search", request.GET.urlencode())
    )


@require_GET
def frontend_login(request: HttpRequest) -> HttpResponse:
    """Wagtail's own front-end sign-in (for private pages): Hubwork's sign-in instead, with
    two-factor for the roles that need it."""
    url = reverse("account_login")
    if request.GET.get("next"):
        url = f"{url}?{request.GET.urlencode()}"
    return redirect(url)
