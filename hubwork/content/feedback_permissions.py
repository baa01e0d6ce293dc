"""Who reads page feedback: content editors, content reviewers and national admins."""

from django.core.exceptions import PermissionDenied

from hubwork.accounts.models import Role

REPORT_ROLES = frozenset({Role.CONTENT_EDITOR, Role.CONTENT_REVIEWER, Role.NATIONAL_ADMIN})


def can_read_feedback(user: object) -> bool:
    roles: frozenset[str] = getattr(user, "roles", frozenset())
    return bool(getattr(user, "is_active", False) and roles & REPORT_ROLES)


def require_feedback_reader(user: object) -> None:
    """403 for anyone but content editors, content reviewers and national admins."""
    if not can_read_feedback(user):
        raise PermissionDenied
