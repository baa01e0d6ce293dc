"""The public site's page types (Wagtail): home, listing, spotlights, news, standard pages."""

from datetime import datetime
from typing import Any

from django.db import models
from django.http import HttpRequest
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from hubwork.content.blocks import GOVUK_RICH_TEXT, BodyBlock, SpotlightBodyBlock
from hubwork.content.caching import CachedForVisitors
from hubwork.core.choices import Phase
from hubwork.hubs.models import Hub
from hubwork.programmes.models import Programme


class PhaseTag(models.Model):
    """A phase an article concerns: one row per `Phase`, made by migration 0002."""

    phase = models.CharField(max_length=20, choices=Phase.choices, unique=True)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return self.get_phase_display()


class HomePage(CachedForVisitors, Page):
    """The public site's home page: the root of the page tree, at /."""

    intro = RichTextField(features=GOVUK_RICH_TEXT, blank=True)

    max_count = 1
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "content.StandardPage",
        "content.ArticleIndexPage",
        "content.NewsletterIndexPage",
    ]
    content_panels = [*Page.content_panels, FieldPanel("intro")]


class StandardPage(CachedForVisitors, Page):
    """About, get involved, become an LLME and the like."""

    standfirst = models.TextField(blank=True, help_text="One or two sentences under the title.")
    body = StreamField(BodyBlock(), blank=True)

    parent_page_types = ["content.HomePage", "content.StandardPage"]
    subpage_types = ["content.StandardPage"]
    search_fields = [
        *Page.search_fields,
        index.SearchField("standfirst"),
        index.SearchField("body"),
    ]
    content_panels = [*Page.content_panels, FieldPanel("standfirst"), FieldPanel("body")]


class ArticleIndexPage(CachedForVisitors, Page):
    """The listing of spotlights and news, with filters, pages and an Atom feed."""

    intro = RichTextField(features=GOVUK_RICH_TEXT, blank=True)

    parent_page_types = ["content.HomePage"]
    subpage_types = ["content.SpotlightPage", "content.NewsArticlePage"]
    content_panels = [*Page.content_panels, FieldPanel("intro")]
    template = "content/article_index_page.html"

    def get_context(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict[str, Any]:
        from hubwork.content.selectors.pages import listing_context

        return {**super().get_context(request, *args, **kwargs), **listing_context(self, request)}

    def cache_parts(self, request: HttpRequest) -> tuple[Any, ...]:
        return (*super().cache_parts(request), self.cache_last_modified())

    def cache_last_modified(self) -> datetime | None:
        from hubwork.content.selectors.articles import newest_publication

        newest = newest_publication(index=self)
        return max(filter(None, [newest, self.last_published_at]), default=None)


class ArticlePage(CachedForVisitors, Page):
    """What spotlights and news have in common: a dated article about phases, programmes
    and hubs, with related pages. Concrete, so one query lists and filters both kinds."""

    standfirst = models.TextField(help_text="One or two sentences under the title.")
    published_on = models.DateField(help_text="The date shown on the article.")
    phases = ParentalManyToManyField(PhaseTag, blank=True, related_name="articles")
    programmes = ParentalManyToManyField(Programme, blank=True, related_name="articles")
    hubs = ParentalManyToManyField(Hub, blank=True, related_name="articles")

    is_creatable = False
    parent_page_types = ["content.ArticleIndexPage"]
    subpage_types: list[str] = []
    search_fields = [*Page.search_fields, index.SearchField("standfirst")]
    promote_panels = [
        *Page.promote_panels,
        InlinePanel("related_links", label="Related pages (otherwise chosen for you)"),
    ]

    class Meta:
        ordering = ["-published_on"]

    def get_context(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict[str, Any]:
        from hubwork.content.selectors.pages import article_context

        return {**super().get_context(request, *args, **kwargs), **article_context(self, request)}


ARTICLE_PANELS = [
    FieldPanel("standfirst"),
    FieldPanel("published_on"),
    MultiFieldPanel(
        [FieldPanel("phases"), FieldPanel("programmes"), FieldPanel("hubs")],
        heading="What it concerns",
    ),
]


class RelatedPage(Orderable):
    """A related page the editor chose for an article."""

    article = ParentalKey(ArticlePage, on_delete=models.CASCADE, related_name="related_links")
    page = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="+")

    panels = [FieldPanel("page")]


class SpotlightPage(ArticlePage):
    """A "Spotlight on LLMEs" interview with one or two LLMEs, in questions and answers."""

    body = StreamField(SpotlightBodyBlock())

    template = "content/spotlight_page.html"
    search_fields = [*ArticlePage.search_fields, index.SearchField("body")]
    content_panels = [
        *Page.content_panels,
        *ARTICLE_PANELS,
        InlinePanel("people", label="People interviewed", min_num=1, max_num=2),
        FieldPanel("body"),
    ]


class SpotlightPerson(Orderable):
    """Someone interviewed in a spotlight."""

    spotlight = ParentalKey(SpotlightPage, on_delete=models.CASCADE, related_name="people")
    name = models.CharField(max_length=150)
    role = models.CharField(
        max_length=200, help_text="For example: LLME and Year 6 teacher, Riverside Primary."
    )
    hub = models.ForeignKey(Hub, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    panels = [FieldPanel("name"), FieldPanel("role"), FieldPanel("hub")]


class NewsArticlePage(ArticlePage):
    body = StreamField(BodyBlock())

    template = "content/news_article_page.html"
    search_fields = [*ArticlePage.search_fields, index.SearchField("body")]
    content_panels = [*Page.content_panels, *ARTICLE_PANELS, FieldPanel("body")]
