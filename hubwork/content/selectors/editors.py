"""Who holds a content role."""

from django.db.models import QuerySet

from hubwork.accounts.models import User


def content_role_holders() -> QuerySet[User]:
    """Everyone with a content role, editors first, by name."""
    return (
        User.objects.exclude(content_role="")
        .filter(is_active=True)
        .order_by("content_role", "display_name", "email")
        .only("pk", "email", "display_name", "content_role")
    )
