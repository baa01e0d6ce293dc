"""The research library: every reading, searched and filtered, for anyone signed in."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from hubwork.accounts.types import AuthenticatedRequest
from hubwork.research.forms.library import LibrarySearchForm
from hubwork.research.permissions import reading_lists_for, require_library_reader
from hubwork.research.selectors.library import library_readings, theme_choices

READINGS_PER_PAGE = 25


def search_form(request: AuthenticatedRequest) -> LibrarySearchForm:
    return LibrarySearchForm(request.GET or None, themes=theme_choices())


def filter_query(request: AuthenticatedRequest) -> str:
    """The search and filters as a query string, without the page number."""
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


@require_GET
@login_required
def library(request: AuthenticatedRequest) -> HttpResponse:
    require_library_reader(request.user)
    form = search_form(request)
    filters = form.filters()
    page = Paginator(library_readings(filters), READINGS_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "research/library.html",
        {
            "form": form,
            "page": page,
            "readings": list(page.object_list),
            "filter_query": filter_query(request),
            "searched": any(key in request.GET for key in form.fields),
            "can_add": bool(reading_lists_for(request.user)),
        },
    )
