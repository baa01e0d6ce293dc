"""Who may manage a Work Group: its hub's staff (hub lead, assistant hub leads) and national
admins; a Work Group's own leads may also rearrange its sessions."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from hubwork.accounts.models import User
from hubwork.hubs.models import Hub
from hubwork.hubs.permissions import can_manage_hub, get_hub_for_user
from hubwork.workgroups.models import Session, WorkGroup


def get_work_group_for_user(user: User, hub_slug: str, pk: int) -> WorkGroup:
    """A Work Group of this hub that `user` may manage (403 if not their hub, 404 if none)."""
    hub = get_hub_for_user(user, hub_slug)
    return get_object_or_404(WorkGroup.objects.select_related("programme", "hub"), pk=pk, hub=hub)


def get_session_for_user(user: User, hub_slug: str, work_group_pk: int, pk: int) -> Session:
    """A session that `user` may rearrange: hub staff, or one of the Work Group's leads."""
    hub = get_object_or_404(Hub, slug=hub_slug)
    session = get_object_or_404(
        Session.objects.select_related("work_group__programme", "work_group__hub"),
        pk=pk,
        work_group_id=work_group_pk,
        work_group__hub=hub,
    )
    if not (can_manage_hub(user, hub) or session.work_group.leads.filter(pk=user.pk).exists()):
        raise PermissionDenied
    return session
