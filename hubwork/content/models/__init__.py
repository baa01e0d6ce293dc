"""The public site's models, by subject: pages, page feedback, newsletters, registered interest."""

from hubwork.content.models.feedback import PageFeedback
from hubwork.content.models.interest import InterestRegistration
from hubwork.content.models.newsletters import (
    Delivery,
    FeaturedPage,
    IssueSend,
    Newsletter,
    NewsletterIndexPage,
    NewsletterIssuePage,
    Subscriber,
    Subscription,
)
from hubwork.content.models.pages import (
    ArticleIndexPage,
    ArticlePage,
    HomePage,
    NewsArticlePage,
    PhaseTag,
    RelatedPage,
    SpotlightPage,
    SpotlightPerson,
    StandardPage,
)

__all__ = [
    "ArticleIndexPage",
    "ArticlePage",
    "Delivery",
    "FeaturedPage",
    "HomePage",
    "InterestRegistration",
    "IssueSend",
    "NewsArticlePage",
    "Newsletter",
    "NewsletterIndexPage",
    "NewsletterIssuePage",
    "PageFeedback",
    "PhaseTag",
    "RelatedPage",
    "SpotlightPage",
    "SpotlightPerson",
    "StandardPage",
    "Subscriber",
    "Subscription",
]
