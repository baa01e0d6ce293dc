"""Reads of people's accounts."""

from django.utils import timezone

from hubwork.accounts.models import EmailCode, User, UserManager


def user_with_email(email: str) -> User | None:
    """The account with this email address, whatever its case, if there is one."""
    return User.objects.filter(email__iexact=email.strip()).first()


def email_code_current(*, email: str, purpose: str) -> EmailCode | None:
    """The code emailed to `email` for `purpose` that still works, if there is one."""
    return EmailCode.objects.filter(
        email=UserManager.normalize_email(email), purpose=purpose, expires_at__gt=timezone.now()
    ).first()
