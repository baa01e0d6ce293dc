from datetime import date

from django.db import transaction
from django.utils import timezone

from hubwork.accounts.models import User
from hubwork.core.audit import audit
from hubwork.hubs.models import Hub, HubRole


def hub_role_grant(
    *,
    hub: Hub,
    user: User,
    role: str,
    by: User | None,
    phase: str = "",
    starts_on: date | None = None,
) -> HubRole:
    """Give a person a role in a hub's team; an identical current role is returned as it is."""
    with transaction.atomic():
        existing = (
            HubRole.objects.current().filter(hub=hub, user=user, role=role, phase=phase).first()
        )
        if existing is not None:
            return existing
        hub_role = HubRole(
            hub=hub, user=user, role=role, phase=phase, starts_on=starts_on or timezone.localdate()
        )
        hub_role.full_clean()
        hub_role.save()
        audit(by, "hub_role.granted", hub_role, hub=hub, role=role, phase=phase, user_id=user.pk)
    return hub_role


def hub_role_end(*, hub_role: HubRole, by: User | None, ends_on: date | None = None) -> HubRole:
    """End a role from a date (today by default); the row stays as history."""
    with transaction.atomic():
        hub_role.ends_on = ends_on or timezone.localdate()
        hub_role.full_clean()
        hub_role.save(update_fields=["ends_on", "updated_at"])
        audit(by, "hub_role.ended", hub_role, ends_on=hub_role.ends_on)
    return hub_role
