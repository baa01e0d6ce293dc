"""Erasing a person's account: asked for by the person (confirmed with their password or an
emailed code, then carried out after a cooling-off period they can cancel), by email to the
national team (carried out at once), or by the unused-accounts retention rule (warned, then
carried out unless they sign in).

`account_erase` runs every app's registered part (core/privacy.py) in one transaction, so the
person's data goes from every app or from none; stored files are deleted once it commits.
The account's row itself stays, emptied ("Someone who has left", an address no mail reaches,
no password, inactive), so the enrolments it held stay as anonymous rows and schools'
engagement and attendance counts are unchanged. The audit log keeps that an erasure happened,
under a reference that says nothing about whose it was.
"""

import secrets
from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone

from hubwork.accounts.models import EmailCode, ErasureRequest, User
from hubwork.accounts.selectors import erasure_pending_for
from hubwork.accounts.services.codes import email_code_issue, email_code_spend
from hubwork.core.audit import audit
from hubwork.core.outbox import enqueue
from hubwork.core.privacy import personal_data_parts
from hubwork.core.tasks import send_email
from hubwork.core.times import date_and_time, time_of_day

# How long a person has to change their mind after asking.
COOLING_OFF = timedelta(days=14)
# How long an unused account has after its warning.
UNUSED_NOTICE = timedelta(days=30)


def erasure_request(
    *,
    user: User,
    by: User | None,
    reason: str = ErasureRequest.Reason.SELF,
    now: datetime | None = None,
    after: timedelta = COOLING_OFF,
) -> ErasureRequest:
    """Schedule the person's erasure `after` from now (the confirmation is the form's: password
    or emailed code) and email them when it will happen. Asking again while one is pending
    returns that one."""
    now = now or timezone.now()
    with transaction.atomic():
        User.objects.select_for_update().get(pk=user.pk)
        pending = erasure_pending_for(user)
        if pending is not None:
            return pending
        erasure = ErasureRequest(
            user=user,
            reason=reason,
            requested_by=by,
            requested_at=now,
            due_at=now + after,
        )
        erasure.full_clean()
        erasure.save()
        audit(by, "account.erasure_requested", erasure, reason=reason, due_at=erasure.due_at)
        template = "unused_warning" if reason == ErasureRequest.Reason.UNUSED else "scheduled"
        _email(user, template, erasure)
    return erasure


def erasure_cancel(*, erasure: ErasureRequest, by: User | None) -> ErasureRequest:
    """Call off a pending erasure (the person changed their mind, or signed in again)."""
    with transaction.atomic():
        erasure = ErasureRequest.objects.select_for_update().get(pk=erasure.pk)
        if not erasure.is_pending:
            raise ValidationError("This deletion can no longer be cancelled.")
        erasure.cancelled_at = timezone.now()
        erasure.save(update_fields=["cancelled_at"])
        audit(by, "account.erasure_cancelled", erasure, reason=erasure.reason)
        if erasure.user is not None and erasure.reason != ErasureRequest.Reason.UNUSED:
            _email(erasure.user, "cancelled", erasure)
    return erasure


def erasure_cancel_unused_on_sign_in(*, user: User) -> None:
    """Signing in shows the account is used: its pending unused-account erasure is off."""
    pending = ErasureRequest.objects.filter(
        user=user,
        reason=ErasureRequest.Reason.UNUSED,
        cancelled_at__isnull=True,
        carried_out_at__isnull=True,
    )
    for erasure in pending:
        erasure_cancel(erasure=erasure, by=user)


def account_erase(
    *, user: User, by: User | None, reason: str, note: str = "", now: datetime | None = None
) -> ErasureRequest:
    """Erase the person now, across every registered part; returns the carried-out request
    (theirs if one was pending, else a new one). Erasing an account already erased does
    nothing more."""
    now = now or timezone.now()
    with transaction.atomic():
        user = User.objects.select_for_update().get(pk=user.pk)
        erasure = erasure_pending_for(user)
        if erasure is None:
            erasure = ErasureRequest(
                user=user,
                reason=reason,
                requested_by=by,
                note=note,
                requested_at=now,
                due_at=now,
            )
            erasure.full_clean()
            erasure.save()
            audit(by, "account.erasure_requested", erasure, reason=reason, due_at=now)
        counts: dict[str, int] = {}
        for part in personal_data_parts():
            for kind, count in part.erase(user).items():
                if count:
                    counts[f"{part.name}.{kind}"] = count
        ErasureRequest.objects.filter(pk=erasure.pk).update(
            user=None, requested_by=None, carried_out_at=now
        )
        erasure.refresh_from_db()
        # `by` may be the person themselves (when due): the log keeps no one for them.
        actor = by if by is not None and by.pk != user.pk else AnonymousUser()
        audit(actor, "account.erasure_carried_out", erasure, reason=erasure.reason, removed=counts)
    return erasure


def erasures_carry_out_due(*, now: datetime | None = None) -> list[str]:
    """Carry out every erasure whose cooling-off has ended; returns their references."""
    now = now or timezone.now()
    due = ErasureRequest.objects.filter(
        cancelled_at__isnull=True,
        carried_out_at__isnull=True,
        due_at__lte=now,
        user__isnull=False,
    ).select_related("user")
    done = []
    for erasure in due:
        if erasure.user is None:
            continue
        account_erase(user=erasure.user, by=None, reason=erasure.reason, now=now)
        done.append(erasure.reference)
    return done


def _email(user: User, template: str, erasure: ErasureRequest) -> None:
    context = {
        "user": user,
        "erasure": erasure,
        "due": date_and_time(erasure.due_at),
        "site_url": settings.SITE_URL,
    }
    subject = render_to_string(f"accounts/email/erasure_{template}_subject.txt", context).strip()
    body = render_to_string(f"accounts/email/erasure_{template}.txt", context)
    enqueue(send_email, to=[user.email], subject=subject, text_body=body)


def delete_account_code() -> str:
    """A new code to confirm deleting an account, as sign-in codes look (six characters)."""
    alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
    return "".join(secrets.choice(alphabet) for _ in range(6))


def unused_accounts_warn(*, now: datetime) -> list[str]:
    """Warn each account unused for ACCOUNT_RETENTION_YEARS, once, and schedule its erasure
    `UNUSED_NOTICE` later (signing in before then calls it off); returns one line each."""
    from hubwork.accounts.selectors import unused_accounts

    lines = []
    for user in unused_accounts(now=now):
        erasure = erasure_request(
            user=user,
            by=None,
            reason=ErasureRequest.Reason.UNUSED,
            now=now,
            after=UNUSED_NOTICE,
        )
        lines.append(
            f"Account {user.pk}: warned, erasure {erasure.reference} due {erasure.due_at:%Y-%m-%d}"
        )
    return lines


# How long a code to confirm deleting an account works.
DELETE_CODE_LIFETIME = timedelta(minutes=15)


def delete_account_code_send(*, user: User) -> EmailCode:
    """Email the person a code to confirm deleting their account (people who sign in with a
    code have no password to confirm with); asking again sends the same code while it works."""
    code, _sent_before = email_code_issue(
        email=user.email,
        purpose=EmailCode.Purpose.DELETE_ACCOUNT,
        code=delete_account_code(),
        lifetime=DELETE_CODE_LIFETIME,
    )
    context = {
        "user": user,
        "code": code.code,
        "expires": time_of_day(code.expires_at),
    }
    with transaction.atomic():
        enqueue(
            send_email,
            to=[user.email],
            subject="Your code to delete your Hubwork account",
            text_body=render_to_string("accounts/email/delete_account_code.txt", context),
        )
    return code


def delete_account_code_spend(*, user: User) -> None:
    email_code_spend(emails=[user.email], purpose=EmailCode.Purpose.DELETE_ACCOUNT)
