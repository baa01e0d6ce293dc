"""Answers to "Is this page useful?" and "Was this written in plain English?"."""

from django.db import models

from hubwork.core.models import TimeStampedModel


class PageFeedbackQuerySet(models.QuerySet["PageFeedback"]):
    def for_path(self, path: str) -> "PageFeedbackQuerySet":
        return self.filter(path=path)


class PageFeedback(TimeStampedModel):
    """One visitor's answer to one question about one page.

    A visitor who answers again changes their answer rather than adding one, so each page
    counts one answer per question per visitor. The visitor is a random key kept in a cookie
    (hashed here), never who they are; the comment has email addresses and phone numbers
    taken out before it is saved (content/services/feedback.py writes every row).
    """

    class Question(models.TextChoices):
        USEFUL = "useful", "Is this page useful?"
        PLAIN_ENGLISH = "plain_english", "Was this written in plain English?"

    # The page's address without its query string: content pages, the catalogue, Work
    # Group and hub pages alike.
    path = models.CharField(max_length=300)
    # Set when the address is a Wagtail page, so editors see it beside the page.
    page = models.ForeignKey(
        "wagtailcore.Page", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    question = models.CharField(max_length=20, choices=Question.choices)
    answer = models.BooleanField()
    comment = models.TextField(blank=True)
    visitor = models.CharField(max_length=64)

    objects = PageFeedbackQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["path", "question", "visitor"], name="content_feedback_once_per_visitor"
            )
        ]
        indexes = [models.Index(fields=["path", "question"]), models.Index(fields=["created_at"])]

    def __str__(self) -> str:
        return f"{self.path}: {self.get_question_display()} {'Yes' if self.answer else 'No'}"
