"""Reads for newsletter issues on the site: past issues, and what an issue page shows.

An issue page is public once published (its address is in every email sent of it); the
list of past issues shows only issues that have been sent, newest first.
"""

from dataclasses import dataclass
from typing import Any

from django.db.models import F
from wagtail.models import Page

from hubwork.content.models import IssueSend, Newsletter, NewsletterIssuePage


@dataclass(frozen=True)
class PastIssues:
    newsletter: str
    label: str
    issues: list[NewsletterIssuePage]


def past_issues(*, newsletter: str | None = None) -> list[NewsletterIssuePage]:
    """Published issues that have been sent (each with `sent_at`), newest first. One query."""
    issues = (
        NewsletterIssuePage.objects.live()
        .filter(send__status=IssueSend.Status.SENT)
        .annotate(sent_at=F("send__finished_at"))
        .order_by("-send__finished_at", "-pk")
    )
    if newsletter:
        issues = issues.filter(newsletter=newsletter)
    return list(issues)


def past_issues_by_newsletter(issues: list[NewsletterIssuePage] | None = None) -> list[PastIssues]:
    """Past issues (`issues`, or all of them) grouped by newsletter, in the newsletters' own
    order; lists with no sent issue are left out. One query at most."""
    issues = past_issues() if issues is None else issues
    return [
        PastIssues(
            newsletter=value,
            label=label,
            issues=[issue for issue in issues if issue.newsletter == value],
        )
        for value, label in Newsletter.choices
        if any(issue.newsletter == value for issue in issues)
    ]


def newsletter_index_context() -> dict[str, Any]:
    """What the newsletters page adds to its context for the past-issues list."""
    issues = past_issues()
    return {"past_issues": issues, "past_issue_groups": past_issues_by_newsletter(issues)}


def issue_page_context(issue: NewsletterIssuePage) -> dict[str, Any]:
    """An issue page's featured pages (those still published) and when it was sent."""
    page_ids = [featured.page_id for featured in issue.featured_pages.all()]
    pages = {page.pk: page for page in Page.objects.live().filter(pk__in=page_ids).specific()}
    send = IssueSend.objects.filter(issue=issue, status=IssueSend.Status.SENT).first()
    return {
        "featured": [pages[page_id] for page_id in page_ids if page_id in pages],
        "sent_at": send.finished_at if send else None,
    }
