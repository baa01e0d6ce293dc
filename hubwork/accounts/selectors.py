"""Reads of people's accounts."""

from hubwork.accounts.models import User


def user_with_email(email: str) -> User | None:
    """The account with this email address, whatever its case, if there is one."""
    return User.objects.filter(email__iexact=email.strip()).first()
