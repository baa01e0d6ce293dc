"""Who may test, send and schedule newsletter issues (Wagtail's admin, content/hooks/sending.py).

Content editors write issues and may send a test to themselves; sending to subscribers, or
scheduling that, is for content reviewers and national admins, as publishing is.
"""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from hubwork.accounts.models import Role, User
from hubwork.content.models import NewsletterIssuePage


def may_test_issues(user: User) -> bool:
    """Content editors, content reviewers and national admins."""
    if not user.is_authenticated or not user.is_active:
        return False
    return user.is_national_admin or user.content_role in {
        Role.CONTENT_EDITOR,
        Role.CONTENT_REVIEWER,
    }


def may_send_issues(user: User) -> bool:
    """Content reviewers and national admins: an issue goes to thousands of inboxes."""
    if not user.is_authenticated or not user.is_active:
        return False
    return user.is_national_admin or user.content_role == Role.CONTENT_REVIEWER


def get_issue_for_sending(user: User, page_id: int, *, send: bool = False) -> NewsletterIssuePage:
    """The issue page `page_id` for its sending page.

    403 for anyone who may not test issues (or, with `send`, may not send them to
    subscribers); 404 when there is no such issue.
    """
    if not (may_send_issues(user) if send else may_test_issues(user)):
        raise PermissionDenied
    return get_object_or_404(NewsletterIssuePage, pk=page_id)
