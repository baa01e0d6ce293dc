"""Writes to registered interest: registering, confirming, withdrawing, and telling people
once when a matching Work Group opens.

The audit log records what happened to which registration (by id), never the address: a
visitor has no account, so nothing would scrub it from the log later.
"""

from datetime import datetime
from typing import Any

from allauth.account.models import EmailAddress
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from hubwork.accounts.models import User
from hubwork.content.interest_tasks import interest_send_confirmation, interest_send_opened
from hubwork.content.models import InterestRegistration
from hubwork.content.selectors.interest import describe_registration, expired_registrations
from hubwork.core.audit import audit
from hubwork.core.outbox import enqueue
from hubwork.hubs.models import Hub
from hubwork.programmes.models import Programme
from hubwork.workgroups.models import WorkGroup

# How many people one email task writes to: a Work Group many asked about is told in
# several tasks, so one slow batch does not hold up the rest.
NOTIFY_BATCH_SIZE = 100


def _verified_address(user: User) -> bool:
    return EmailAddress.objects.filter(user=user, email__iexact=user.email, verified=True).exists()


def interest_register(
    *,
    email: str,
    programme: Programme,
    phase: str,
    hub: Hub,
    user: User | None = None,
) -> InterestRegistration:
    """Ask to be told once when a Work Group of `programme` (and `phase`, blank for any)
    opens at `hub`.

    A signed-in person asking for their own verified address is confirmed at once; anyone
    else is sent a confirmation link first. Asking again while a registration is waiting
    makes no second one: an unconfirmed one gets its confirmation link again.
    """
    email = email.strip()
    signed_in = user is not None and user.email.casefold() == email.casefold()
    confirmed_now = signed_in and user is not None and _verified_address(user)
    now = timezone.now()
    with transaction.atomic():
        registration = (
            InterestRegistration.objects.select_for_update()
            .filter(
                email__iexact=email,
                programme=programme,
                phase=phase,
                hub=hub,
                notified_at__isnull=True,
            )
            .order_by("pk")
            .first()
        )
        if registration is None:
            registration = InterestRegistration(
                email=email,
                user=user if signed_in else None,
                programme=programme,
                phase=phase,
                hub=hub,
                confirmed_at=now if confirmed_now else None,
            )
            registration.full_clean()
            registration.save()
            audit(
                user,
                "interest.registered",
                hub=hub,
                registration=registration.pk,
                programme=programme.slug,
                phase=phase,
                confirmed=confirmed_now,
            )
        elif registration.confirmed_at is None and confirmed_now:
            registration.confirmed_at = now
            registration.user = user
            registration.save(update_fields=["confirmed_at", "user", "updated_at"])
            audit(user, "interest.confirmed", hub=hub, registration=registration.pk)
        if registration.confirmed_at is None:
            enqueue(interest_send_confirmation, registration_id=registration.pk)
    return registration


def interest_confirm(*, registration: InterestRegistration) -> InterestRegistration:
    """The address is theirs (they followed the emailed link): the registration now waits
    for a matching Work Group. Confirming twice changes nothing."""
    with transaction.atomic():
        locked = InterestRegistration.objects.select_for_update().get(pk=registration.pk)
        if locked.confirmed_at is None:
            locked.confirmed_at = timezone.now()
            locked.save(update_fields=["confirmed_at", "updated_at"])
            audit(None, "interest.confirmed", hub=locked.hub_id, registration=locked.pk)
    return locked


def interest_withdraw(*, registration: InterestRegistration, by: User | None) -> None:
    """They no longer want to hear: the registration is deleted."""
    with transaction.atomic():
        deleted, _ = InterestRegistration.objects.filter(pk=registration.pk).delete()
        if deleted:
            audit(by, "interest.withdrawn", hub=registration.hub_id, registration=registration.pk)


def _matching(work_group: WorkGroup) -> Any:
    """Confirmed registrations waiting for a Work Group like this one: same programme and
    hub, and a phase the programme is for (or none given)."""
    phases = list(work_group.programme.phases.values_list("phase", flat=True))
    return InterestRegistration.objects.waiting().filter(
        Q(phase="") | Q(phase__in=phases),
        programme_id=work_group.programme_id,
        hub_id=work_group.hub_id,
    )


def interest_notify_work_group_opened(*, work_group: WorkGroup, by: User | None) -> int:
    """Mark every matching waiting registration as told about `work_group`, and queue their
    emails to go once this transaction commits. Each registration is told once: a second
    Work Group opening later finds it no longer waiting. Returns how many."""
    with transaction.atomic():
        ids = list(
            _matching(work_group).select_for_update().order_by("pk").values_list("pk", flat=True)
        )
        if not ids:
            return 0
        InterestRegistration.objects.filter(pk__in=ids).update(
            notified_at=timezone.now(), notified_work_group=work_group, updated_at=timezone.now()
        )
        for start in range(0, len(ids), NOTIFY_BATCH_SIZE):
            enqueue(
                interest_send_opened,
                work_group_id=work_group.pk,
                registration_ids=ids[start : start + NOTIFY_BATCH_SIZE],
            )
        audit(by, "interest.notified", work_group, registrations=len(ids))
    return len(ids)


def on_work_group_published(
    sender: type[WorkGroup], *, work_group: WorkGroup, by: User | None, **kwargs: Any
) -> None:
    """workgroups' work_group_published receiver (connected in content/interest_wiring.py)."""
    interest_notify_work_group_opened(work_group=work_group, by=by)


def interest_expire(*, now: datetime) -> list[str]:
    """Retention: registrations never confirmed after NEWSLETTER_UNCONFIRMED_RETENTION_DAYS,
    and registrations already told about a Work Group after INTEREST_NOTIFIED_RETENTION_DAYS,
    are deleted. Returns one line per registration removed (without the address)."""
    with transaction.atomic():
        expired = list(expired_registrations(now=now).select_related("programme", "hub"))
        lines = [describe_registration(registration) for registration in expired]
        InterestRegistration.objects.filter(pk__in=[r.pk for r in expired]).delete()
    return lines


def interest_follow_account_email(*, user: User) -> int:
    """A person changed their account's address: their registrations go to the new one.
    Returns how many changed."""
    return (
        InterestRegistration.objects.filter(user=user)
        .exclude(email=user.email)
        .update(email=user.email, updated_at=timezone.now())
    )


def interest_erase(user: User) -> dict[str, int]:
    """Erasing a person (content/interest_privacy.py): their registrations, by account or by
    address, are deleted. Returns how many."""
    deleted, _ = InterestRegistration.objects.filter(
        Q(user=user) | Q(email__iexact=user.email)
    ).delete()
    return {"interest_registrations_deleted": deleted}
