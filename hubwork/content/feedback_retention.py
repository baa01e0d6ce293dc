"""Page feedback's retention rule (core/retention.py): comments are cleared two years after
they were given; the yes/no answers, which say nothing about anyone, are kept for the trend."""

from datetime import datetime

from hubwork.content.models import PageFeedback
from hubwork.content.services.feedback import COMMENT_RETENTION, feedback_comments_expire
from hubwork.core.retention import RetentionRule, register_retention_rule


def _comments_due(now: datetime) -> list[str]:
    return [
        f"Page feedback {pk} on {path}, {created:%Y-%m-%d}: comment to clear"
        for pk, path, created in PageFeedback.objects.filter(created_at__lt=now - COMMENT_RETENTION)
        .exclude(comment="")
        .order_by("pk")
        .values_list("pk", "path", "created_at")
    ]


register_retention_rule(
    RetentionRule(
        name="page-feedback-comments",
        description="Comments on page feedback, two years after they were given: cleared "
        "(the yes/no answers are kept).",
        due=_comments_due,
        apply=lambda now: feedback_comments_expire(now=now),
    )
)
