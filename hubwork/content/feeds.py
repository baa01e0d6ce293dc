"""The Atom feed of spotlights and news."""

from datetime import datetime, time
from typing import Any

from django.contrib.syndication.views import Feed
from django.http import HttpRequest
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed

from hubwork.content.models.pages import ArticleIndexPage, ArticlePage
from hubwork.content.selectors.articles import articles_published

FEED_ITEMS = 20


class ArticlesFeed(Feed):
    feed_type = Atom1Feed
    title = "Maths Hubs: spotlights and news"
    subtitle = (
        "Interviews with local leaders of mathematics education, and news from the Maths Hubs."
    )

    def get_object(self, request: HttpRequest, *args: Any, **kwargs: Any) -> ArticleIndexPage:
        self.request = request
        return ArticleIndexPage.objects.live().first()

    def link(self, obj: ArticleIndexPage | None) -> str:
        return obj.get_url(self.request) if obj else "/"

    def items(self, obj: ArticleIndexPage | None) -> list[ArticlePage]:
        if obj is None:
            return []
        return list(articles_published().child_of(obj)[:FEED_ITEMS])

    def item_title(self, item: ArticlePage) -> str:
        return item.title

    def item_description(self, item: ArticlePage) -> str:
        return item.standfirst

    def item_link(self, item: ArticlePage) -> str:
        return item.get_url(self.request) or ""

    def item_pubdate(self, item: ArticlePage) -> datetime:
        return timezone.make_aware(datetime.combine(item.published_on, time(9)))
