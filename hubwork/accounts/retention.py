"""The accounts app's retention rules (core/retention.py): data exports after their 7 days,
and accounts nobody has signed in to for ACCOUNT_RETENTION_YEARS (settings), which are warned
by email and erased 30 days later unless they sign in (the daily erasure task carries it out).
"""

from datetime import datetime
from typing import Any

from django.contrib.auth.signals import user_logged_in

from hubwork.accounts.models import DataExport, User
from hubwork.accounts.selectors import unused_accounts
from hubwork.accounts.services.erasure import (
    erasure_cancel_unused_on_sign_in,
    unused_accounts_warn,
)
from hubwork.accounts.services.exports import data_exports_expire
from hubwork.core.retention import RetentionRule, register_retention_rule


def _exports_due(now: datetime) -> list[str]:
    return [
        f"Data export {export.pk}, ready {export.ready_at:%Y-%m-%d}"
        for export in DataExport.objects.filter(
            status=DataExport.Status.READY, expires_at__lte=now
        ).order_by("pk")
    ]


def _unused_due(now: datetime) -> list[str]:
    return [
        f"Account {user.pk}: warn, and erase 30 days later unless they sign in"
        for user in unused_accounts(now=now)
    ]


def _unused_apply(now: datetime) -> list[str]:
    return unused_accounts_warn(now=now)


def cancel_unused_erasure_on_sign_in(sender: Any, request: Any, user: User, **kwargs: Any) -> None:
    """Signing in shows the account is used: a pending unused-account erasure is called off."""
    erasure_cancel_unused_on_sign_in(user=user)


register_retention_rule(
    RetentionRule(
        name="data-exports",
        description="Data exports, 7 days after they are ready: deleted from storage.",
        due=_exports_due,
        apply=lambda now: data_exports_expire(now=now),
    )
)
register_retention_rule(
    RetentionRule(
        name="unused-accounts",
        description=(
            "Accounts not signed in to for ACCOUNT_RETENTION_YEARS: warned by email, then "
            "erased 30 days later unless they sign in (staff accounts are kept)."
        ),
        due=_unused_due,
        apply=_unused_apply,
    )
)
user_logged_in.connect(cancel_unused_erasure_on_sign_in, dispatch_uid="accounts-unused-sign-in")
