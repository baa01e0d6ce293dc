"""Reads of people's accounts."""

from datetime import datetime, timedelta

from django.conf import settings
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.db.models.functions import Coalesce
from django.utils import timezone

from hubwork.accounts.models import DataExport, EmailCode, ErasureRequest, User, UserManager


def user_with_email(email: str) -> User | None:
    """The account with this email address, whatever its case, if there is one."""
    return User.objects.filter(email__iexact=email.strip()).first()


def email_code_current(*, email: str, purpose: str) -> EmailCode | None:
    """The code emailed to `email` for `purpose` that still works, if there is one."""
    return EmailCode.objects.filter(
        email=UserManager.normalize_email(email), purpose=purpose, expires_at__gt=timezone.now()
    ).first()


def erasure_pending_for(user: User) -> ErasureRequest | None:
    """The person's erasure waiting to be carried out, if there is one."""
    return (
        ErasureRequest.objects.filter(
            user=user, cancelled_at__isnull=True, carried_out_at__isnull=True
        )
        .order_by("due_at")
        .first()
    )


def unused_accounts(*, now: datetime) -> QuerySet[User]:
    """Accounts nobody has signed in to for ACCOUNT_RETENTION_YEARS (or, never signed in,
    made that long ago), not yet warned since, with no erasure pending. Staff accounts
    (national admins, anyone with a current hub role) are left alone: the national team
    takes their roles away first, and the rule applies from then on."""
    cutoff = now - timedelta(days=365 * settings.ACCOUNT_RETENTION_YEARS)
    last_seen = Coalesce("last_login", "date_joined")
    warned_since = ErasureRequest.objects.filter(
        user=OuterRef("pk"),
        reason=ErasureRequest.Reason.UNUSED,
        requested_at__gte=OuterRef("last_seen"),
    )
    pending = ErasureRequest.objects.filter(
        user=OuterRef("pk"), cancelled_at__isnull=True, carried_out_at__isnull=True
    )
    today = timezone.localdate(now)
    # One filter() call, so both conditions are about the same role row.
    staff = User.objects.filter(
        Q(pk=OuterRef("pk")),
        Q(hub_roles__starts_on__lte=today),
        Q(hub_roles__ends_on__isnull=True) | Q(hub_roles__ends_on__gte=today),
    )
    return (
        User.objects.filter(is_active=True, is_national_admin=False)
        .exclude(Exists(staff))
        .annotate(last_seen=last_seen)
        .filter(last_seen__lt=cutoff)
        .exclude(Exists(warned_since))
        .exclude(Exists(pending))
        .order_by("pk")
    )


def data_export_latest(user: User) -> DataExport | None:
    """The person's most recent data export, whatever its state."""
    return DataExport.objects.filter(user=user).order_by("-created_at", "-pk").first()


def erasures_pending() -> QuerySet[ErasureRequest]:
    """Every erasure waiting for its date, soonest first, with the person (national admins'
    page)."""
    return ErasureRequest.objects.filter(
        cancelled_at__isnull=True, carried_out_at__isnull=True, user__isnull=False
    ).select_related("user", "requested_by")
