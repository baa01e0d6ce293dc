"""Who may see and change a hub's staff area. Views get hubs and roles only through these."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from hubwork.accounts.models import HUB_STAFF_ROLES, Role, User
from hubwork.hubs.models import Hub, HubRole

# Hub leads and assistant hub leads see their hub's staff area; only hub leads change its team.
READ_ROLES = HUB_STAFF_ROLES
WRITE_ROLES = frozenset({Role.HUB_LEAD})


def can_manage_hub(user: User, hub: Hub, *, write: bool = False) -> bool:
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_national_admin:
        return True
    allowed = WRITE_ROLES if write else READ_ROLES
    return HubRole.objects.current().filter(user=user, hub=hub, role__in=allowed).exists()


def get_hub_for_user(user: User, *, slug: str, write: bool = False) -> Hub:
    """The hub with this slug if `user` may see its staff area, or with `write` change its
    team (404 if there is no such hub, 403 if `user` may not)."""
    hub = get_object_or_404(Hub, slug=slug)
    if not can_manage_hub(user, hub, write=write):
        raise PermissionDenied
    return hub


def get_hub_role_for_user(user: User, *, hub_slug: str, pk: int) -> HubRole:
    """A role in a hub's team that `user` may change: 404 if the hub has no such role, 403
    (from the hub) if `user` may not change its team."""
    hub = get_hub_for_user(user, slug=hub_slug, write=True)
    return get_object_or_404(HubRole.objects.select_related("user", "hub"), pk=pk, hub=hub)
