"""What each page type's template shows beyond the page's own fields. Every function runs a
fixed number of queries, whatever the number of articles."""

from typing import Any
from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.http import HttpRequest
from django.urls import reverse

from hubwork.content.forms.articles import ArticleFilterForm
from hubwork.content.models.pages import ArticleIndexPage, ArticlePage, SpotlightPage
from hubwork.content.selectors.articles import (
    ArticleKind,
    article_kind_by_content_type,
    articles_listed,
    become_an_llme_page,
    related_pages,
)

ARTICLES_PER_PAGE = 10


def listing_context(page: ArticleIndexPage, request: HttpRequest) -> dict[str, Any]:
    """The listing's filter form, one page of articles and the query that keeps the filters."""
    form = ArticleFilterForm(request.GET or None)
    filters = form.filters() if request.GET else {}
    articles = articles_listed(index=page, **filters)
    results = Paginator(articles, ARTICLES_PER_PAGE).get_page(request.GET.get("page"))
    kinds = article_kind_by_content_type()
    for article in results:
        article.kind_label = ArticleKind.LABELS.get(kinds.get(article.content_type_id, ""), "")
    query = request.GET.copy()
    query.pop("page", None)
    return {
        "filter_form": form,
        "page_obj": results,
        "filter_query": query.urlencode(),
        "filtered": any(filters.values()),
    }


def programme_catalogue_url(programme: Any) -> str:
    """The catalogue of Work Groups, filtered to one programme."""
    return f"{reverse('workgroups:catalogue')}?{urlencode({'programme': programme.slug})}"


def article_context(page: ArticlePage, request: HttpRequest) -> dict[str, Any]:
    """Related pages for every article; for a spotlight, its people and where to go next."""
    programmes = list(page.programmes.all())
    context: dict[str, Any] = {
        "related_pages": related_pages(article=page, request=request),
        "article_programmes": programmes,
        "article_phases": list(page.phases.all()),
        "article_hubs": list(page.hubs.all()),
        "listing_url": page.get_parent().get_url(request) if page.depth > 1 else "",
    }
    if isinstance(page, SpotlightPage):
        become = become_an_llme_page()
        context |= {
            "people": list(page.people.select_related("hub")),
            "get_involved": [
                {"programme": programme, "url": programme_catalogue_url(programme)}
                for programme in programmes
            ],
            "catalogue_url": reverse("workgroups:catalogue"),
            "become_an_llme_url": become.get_url(request) if become else "",
        }
    return context
