"""Newsletters: subscribers and their lists, issues (Wagtail pages) and their sending."""

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models.functions import Lower
from django.http import HttpRequest
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from hubwork.content.blocks import ANSWER_RICH_TEXT, GOVUK_RICH_TEXT, NewsletterItemBlock
from hubwork.core.models import TimeStampedModel


class Newsletter(models.TextChoices):
    PRIMARY = "primary", "Primary & Early Years Round-up"
    SECONDARY = "secondary", "Secondary Round-up"
    NATIONAL = "national", "National Newsletter"


class Subscriber(TimeStampedModel):
    """An email address that asked for one or more newsletters.

    No account is needed: signed links reach its preferences page. A signed-in person's
    subscriber row is tied to their account. Mail stops for good once the provider reports a
    bounce or a complaint (`suppressed_at`). Written only by content/services/subscriptions.py.
    """

    class Suppression(models.TextChoices):
        BOUNCED = "bounced", "Bounced"
        COMPLAINED = "complained", "Marked as spam"

    email = models.EmailField()
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="newsletter_subscriber",
    )
    suppressed_at = models.DateTimeField(null=True, blank=True)
    suppressed_reason = models.CharField(max_length=20, choices=Suppression.choices, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(Lower("email"), name="content_subscriber_email_ci_unique")
        ]

    def __str__(self) -> str:
        return self.email


class SubscriptionQuerySet(models.QuerySet["Subscription"]):
    def confirmed(self) -> "SubscriptionQuerySet":
        return self.filter(confirmed_at__isnull=False)

    def receiving(self, newsletter: str) -> "SubscriptionQuerySet":
        """Those an issue of `newsletter` goes to: confirmed, and not suppressed."""
        return self.confirmed().filter(
            newsletter=newsletter, subscriber__suppressed_at__isnull=True
        )


class Subscription(TimeStampedModel):
    """A subscriber's wish for one newsletter; nothing is sent until it is confirmed."""

    subscriber = models.ForeignKey(
        Subscriber, on_delete=models.CASCADE, related_name="subscriptions"
    )
    newsletter = models.CharField(max_length=20, choices=Newsletter.choices)
    confirmed_at = models.DateTimeField(null=True, blank=True)

    objects = SubscriptionQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["subscriber", "newsletter"], name="content_subscription_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.subscriber} to {self.get_newsletter_display()}"


class NewsletterIndexPage(Page):
    """/newsletters/: the three newsletters, a sign-up form and every past issue."""

    intro = RichTextField(features=GOVUK_RICH_TEXT, blank=True)

    max_count = 1
    parent_page_types = ["content.HomePage"]
    subpage_types = ["content.NewsletterIssuePage"]
    content_panels = [*Page.content_panels, FieldPanel("intro")]

    def get_context(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict[str, Any]:
        # Past issues (sent ones) for content/includes/past_issues.html.
        from hubwork.content.selectors.newsletters import newsletter_index_context

        return {**super().get_context(request, *args, **kwargs), **newsletter_index_context()}


class NewsletterIssuePage(Page):
    """One issue of a newsletter, written in Wagtail and readable on the site once sent.

    What was sent, to whom and how far the sending got is kept apart from the page
    (`IssueSend`, `Delivery`), because publishing a revision rewrites the page's own fields.
    """

    newsletter = models.CharField(max_length=20, choices=Newsletter.choices)
    introduction = RichTextField(features=ANSWER_RICH_TEXT)
    items = StreamField([("item", NewsletterItemBlock())], blank=True)

    parent_page_types = ["content.NewsletterIndexPage"]
    subpage_types: list[str] = []
    search_fields = [*Page.search_fields, index.SearchField("introduction")]
    content_panels = [
        *Page.content_panels,
        FieldPanel("newsletter"),
        FieldPanel("introduction"),
        InlinePanel("featured_pages", label="Featured pages"),
        FieldPanel("items"),
    ]

    def get_context(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict[str, Any]:
        from hubwork.content.selectors.newsletters import issue_page_context

        return {**super().get_context(request, *args, **kwargs), **issue_page_context(self)}


class FeaturedPage(Orderable):
    issue = ParentalKey(
        NewsletterIssuePage, on_delete=models.CASCADE, related_name="featured_pages"
    )
    page = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="+")

    panels = [FieldPanel("page")]


class IssueSend(TimeStampedModel):
    """Sending one issue to its newsletter's confirmed subscribers, in batches.

    Recipients are fixed as `Delivery` rows when sending starts; each batch sends only rows
    still pending and marks each sent, so a crashed or restarted send goes on where it
    stopped and nobody gets a second copy. Written only by content/services/sending.py.
    """

    class Status(models.TextChoices):
        SCHEDULED = "scheduled", "Scheduled"
        SENDING = "sending", "Sending"
        SENT = "sent", "Sent"
        CANCELLED = "cancelled", "Cancelled"

    issue = models.OneToOneField(NewsletterIssuePage, on_delete=models.CASCADE, related_name="send")
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.SCHEDULED)
    send_at = models.DateTimeField(help_text="When sending starts.")
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["status", "send_at"])]

    def __str__(self) -> str:
        return f"{self.issue}: {self.get_status_display()}"


class Delivery(models.Model):
    """One recipient of one issue: pending until the email has gone, then sent (or failed)."""

    class Status(models.TextChoices):
        PENDING = "pending", "Waiting to send"
        SENT = "sent", "Sent"
        FAILED = "failed", "Could not send"
        SKIPPED = "skipped", "Not sent (unsubscribed or stopped since)"

    send = models.ForeignKey(IssueSend, on_delete=models.CASCADE, related_name="deliveries")
    subscriber = models.ForeignKey(
        Subscriber, null=True, on_delete=models.SET_NULL, related_name="deliveries"
    )
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.PENDING)
    sent_at = models.DateTimeField(null=True, blank=True)
    # The provider's id for the message, to match its webhooks (bounces, complaints).
    message_id = models.CharField(max_length=200, blank=True)
    error = models.CharField(max_length=300, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["send", "subscriber"], name="content_delivery_once_per_subscriber"
            )
        ]
        indexes = [models.Index(fields=["send", "status"])]

    def __str__(self) -> str:
        return f"{self.send_id}/{self.subscriber_id}: {self.status}"
