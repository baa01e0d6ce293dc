"""Reads for the public site's articles: the listing, related pages, the latest few."""

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, cast

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Max, Q
from wagtail.models import Page
from wagtail.query import PageQuerySet

if TYPE_CHECKING:
    from datetime import datetime

from hubwork.content.models.pages import (
    ArticleIndexPage,
    ArticlePage,
    NewsArticlePage,
    SpotlightPage,
    StandardPage,
)

RELATED_PAGES = 3
BECOME_AN_LLME_SLUG = "become-an-llme"


class ArticleKind:
    SPOTLIGHT = "spotlight"
    NEWS = "news"
    CHOICES = [(SPOTLIGHT, "Spotlights"), (NEWS, "News")]
    LABELS = {SPOTLIGHT: "Spotlight", NEWS: "News"}


def _kind_models() -> dict[str, type[ArticlePage]]:
    return {ArticleKind.SPOTLIGHT: SpotlightPage, ArticleKind.NEWS: NewsArticlePage}


def article_kind_by_content_type() -> dict[int, str]:
    """Each article kind by its content type id (content types are cached after first use)."""
    return {
        ContentType.objects.get_for_model(model).pk: kind for kind, model in _kind_models().items()
    }


def articles_published() -> PageQuerySet:
    """Live, public articles, newest first."""
    articles = (
        ArticlePage.objects.live()
        .public()
        .order_by("-published_on", "-pk")
        .only(
            "pk",
            "title",
            "slug",
            "url_path",
            "path",
            "depth",
            "content_type_id",
            "standfirst",
            "published_on",
        )
    )
    return cast(PageQuerySet, articles)


def articles_listed(
    *,
    index: ArticleIndexPage,
    kind: str = "",
    phase: str = "",
    programme: str = "",
    hub: str = "",
) -> PageQuerySet:
    """The listing's articles, filtered by kind, phase, programme (slug) and hub (slug)."""
    articles = articles_published().child_of(index)
    if kind in _kind_models():
        articles = articles.filter(
            content_type=ContentType.objects.get_for_model(_kind_models()[kind])
        )
    if phase:
        articles = articles.filter(phases__phase=phase)
    if programme:
        articles = articles.filter(programmes__slug=programme)
    if hub:
        articles = articles.filter(hubs__slug=hub)
    return articles.distinct()


def newest_publication(*, index: Page) -> "datetime | None":
    """When an article under the listing was last published (for its cache validator)."""
    return ArticlePage.objects.child_of(index).aggregate(newest=Max("last_published_at"))["newest"]


@dataclass(frozen=True)
class RelatedLink:
    title: str
    url: str
    kind: str


def related_pages(*, article: ArticlePage, request: Any = None) -> list[RelatedLink]:
    """The pages the editor chose for an article, otherwise the articles sharing most of its
    programmes, phases and hubs (newest first among equals). A fixed number of queries."""
    chosen = [link.page for link in article.related_links.select_related("page") if link.page.live]
    if chosen:
        return [
            RelatedLink(title=page.title, url=page.get_url(request) or "", kind="")
            for page in chosen[:RELATED_PAGES]
        ]
    programmes = [programme.pk for programme in article.programmes.all()]
    phases = [phase.pk for phase in article.phases.all()]
    hubs = [hub.pk for hub in article.hubs.all()]
    if not (programmes or phases or hubs):
        return []
    shared = (
        Count("programmes", filter=Q(programmes__in=programmes), distinct=True)
        + Count("phases", filter=Q(phases__in=phases), distinct=True)
        + Count("hubs", filter=Q(hubs__in=hubs), distinct=True)
    )
    candidates = (
        articles_published()
        .exclude(pk=article.pk)
        .filter(Q(programmes__in=programmes) | Q(phases__in=phases) | Q(hubs__in=hubs))
        .annotate(shared=shared)
        .order_by("-shared", "-published_on", "-pk")[:RELATED_PAGES]
    )
    kinds = article_kind_by_content_type()
    return [
        RelatedLink(
            title=page.title,
            url=page.get_url(request) or "",
            kind=ArticleKind.LABELS.get(kinds.get(page.content_type_id, ""), ""),
        )
        for page in candidates
    ]


def become_an_llme_page() -> StandardPage | None:
    """The standard page on becoming an LLME, which spotlights link to."""
    return StandardPage.objects.live().public().filter(slug=BECOME_AN_LLME_SLUG).first()
