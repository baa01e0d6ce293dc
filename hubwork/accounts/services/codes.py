"""Codes we email (sign-in codes, confirmation codes): issued, sent again while they still
work, and spent. Not audited: each lives for minutes, and the sign-in or confirmation it leads
to is what matters (allauth records those)."""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from hubwork.accounts.models import EmailCode, UserManager


def email_code_issue(
    *, email: str, purpose: str, code: str, lifetime: timedelta, reuse: bool = True
) -> tuple[EmailCode, bool]:
    """The code to email to `email` for `purpose`: with `reuse`, the one sent before while it
    still works (so that one keeps working, whichever browser asks again), or else `code`,
    new from now. Returns it, and whether it was sent before."""
    email = UserManager.normalize_email(email)
    now = timezone.now()
    with transaction.atomic():
        stored = EmailCode.objects.select_for_update().filter(email=email, purpose=purpose).first()
        if stored is not None and reuse and stored.expires_at > now:
            return stored, True
        if stored is None:
            stored = EmailCode(email=email, purpose=purpose)
        stored.code, stored.sent_at, stored.expires_at = code, now, now + lifetime
        stored.full_clean()
        stored.save()
    return stored, False


def email_code_spend(*, emails: list[str], purpose: str) -> None:
    """The code was used, or guessed at too often: it stops working everywhere, and the next
    request gets a new one."""
    addresses = [UserManager.normalize_email(email) for email in emails]
    EmailCode.objects.filter(email__in=addresses, purpose=purpose).delete()
