"""An Atom feed of published findings, newest first, for feed readers and other sites."""

from datetime import datetime

from django.contrib.syndication.views import Feed
from django.db.models import QuerySet
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed

from hubwork.research.models import ResearchProject
from hubwork.research.selectors.findings import feed_findings
from hubwork.research.views.findings import finding_url


class FindingsFeed(Feed[ResearchProject, None]):
    feed_type = Atom1Feed
    title = "Maths Hubs research findings"
    subtitle = (
        "Findings of Research and Innovation Work Groups: teachers' own research in their "
        "classrooms, published by the Maths Hubs."
    )

    def link(self) -> str:
        return reverse("research:findings")

    def feed_url(self) -> str:
        return reverse("research:findings_feed")

    def items(self) -> QuerySet[ResearchProject]:
        return feed_findings()

    def item_title(self, item: ResearchProject) -> str:
        return item.title

    def item_description(self, item: ResearchProject) -> str:
        return item.summary or item.question

    def item_link(self, item: ResearchProject) -> str:
        return finding_url(item)

    def item_guid(self, item: ResearchProject) -> str:
        return self.item_link(item)

    def item_pubdate(self, item: ResearchProject) -> datetime | None:
        return item.published_at

    def item_updateddate(self, item: ResearchProject) -> datetime | None:
        return item.updated_at

    def item_author_name(self, item: ResearchProject) -> str:
        return item.hub.name
