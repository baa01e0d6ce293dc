"""Recording a visitor's answer to "Is this page useful?" or "Was this written in plain
English?", and clearing old comments.

Nothing personal is kept: the visitor is a random key from a cookie, stored hashed, and the
comment has email addresses and phone numbers taken out before it is saved (visitors are
warned not to write personal details, and some will anyway).
"""

import hashlib
import re
from datetime import datetime, timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from wagtail.models import Page

from hubwork.content.models import PageFeedback
from hubwork.core.audit import audit

COMMENT_MAX_LENGTH = 1200
# Comments are kept two years, long enough to compare a page before and after a rewrite;
# the yes/no answers, which say nothing about anyone, are kept.
COMMENT_RETENTION = timedelta(days=2 * 365)

REMOVED_EMAIL = "[email removed]"
REMOVED_PHONE = "[phone number removed]"

# An address, with or without spaces around its @ ("jo @ school.org.uk") ...
_EMAIL = re.compile(
    r"[\w.!#$%&'*+/=?^`{|}~-]+\s*@\s*[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}\b", re.IGNORECASE
)
# ... or written out to dodge filters: "jo at school dot org", "jo(at)school(dot)org".
_EMAIL_WRITTEN_OUT = re.compile(
    r"[\w.+-]+\s*(?:\(at\)|\[at\]|\s+at\s+)\s*[\w-]+"
    r"(?:\s*(?:\(dot\)|\[dot\]|\s+dot\s+|\.)\s*[\w-]+)*\s*(?:\(dot\)|\[dot\]|\s+dot\s+)\s*[a-z]{2,}\b",
    re.IGNORECASE,
)
# A phone number: UK or international, with spaces, dots, dashes or brackets between its
# digits: 9 or more digits in a run that starts with + or 0 (or "(0"). Years, counts and
# dates ("2025", "12/03/2026", "Year 6") have fewer digits or other separators.
_PHONE = re.compile(r"(?<![\w/])(?:\+|\(?0)[\d\s().-]{8,}\d(?![\w/])")


def _digits(text: str) -> int:
    return sum(character.isdigit() for character in text)


def personal_details_strip(text: str) -> str:
    """The text with email addresses and phone numbers replaced by a note that they were."""
    text = _EMAIL.sub(REMOVED_EMAIL, text)
    text = _EMAIL_WRITTEN_OUT.sub(REMOVED_EMAIL, text)
    text = _PHONE.sub(
        lambda match: REMOVED_PHONE if 9 <= _digits(match.group()) <= 15 else match.group(),
        text,
    )
    return text.strip()


def visitor_hash(visitor_key: str) -> str:
    """What is stored for a visitor: a keyed hash of their cookie's random value, so the
    table cannot be matched back to a browser without the site's secret."""
    return hashlib.sha256(f"{settings.SECRET_KEY}:feedback:{visitor_key}".encode()).hexdigest()


def feedback_record(
    *,
    path: str,
    page: Page | None,
    question: PageFeedback.Question,
    answer: bool,
    comment: str,
    visitor_key: str,
) -> PageFeedback:
    """Record this visitor's answer for this page, or replace the one they gave before (so
    each page counts one answer per question per visitor). Only a "No" keeps a comment: the
    box is offered after "No" alone."""
    comment = personal_details_strip(comment)[:COMMENT_MAX_LENGTH] if not answer else ""
    visitor = visitor_hash(visitor_key)
    with transaction.atomic():
        feedback = (
            PageFeedback.objects.select_for_update()
            .filter(path=path, question=question, visitor=visitor)
            .first()
        )
        verb = "page_feedback.changed"
        if feedback is None:
            feedback = PageFeedback(path=path, question=question, visitor=visitor)
            verb = "page_feedback.recorded"
        feedback.page = page
        feedback.answer = answer
        feedback.comment = comment
        feedback.full_clean(validate_unique=False)
        try:
            with transaction.atomic():
                feedback.save()
        except IntegrityError:
            # The same visitor's answer arrived twice at once (a double click): the other
            # request made the row, so this one changes it.
            feedback = PageFeedback.objects.select_for_update().get(
                path=path, question=question, visitor=visitor
            )
            feedback.page, feedback.answer, feedback.comment = page, answer, comment
            feedback.save(update_fields=["page", "answer", "comment", "updated_at"])
            verb = "page_feedback.changed"
        # The audit says which page and answer, never the comment.
        audit(None, verb, feedback, path=path, question=question, answer=answer)
    return feedback


def feedback_comments_expire(*, now: datetime) -> list[str]:
    """Clear comments older than COMMENT_RETENTION, keeping their answers."""
    cutoff = now - COMMENT_RETENTION
    with transaction.atomic():
        expired = list(
            PageFeedback.objects.filter(created_at__lt=cutoff)
            .exclude(comment="")
            .order_by("pk")
            .values_list("pk", "path", "created_at")
        )
        PageFeedback.objects.filter(pk__in=[pk for pk, _, _ in expired]).update(comment="")
    return [
        f"Page feedback {pk} on {path}, {created:%Y-%m-%d}: comment cleared"
        for pk, path, created in expired
    ]
