"""Who may manage a Work Group: its hub's staff (hub lead, assistant hub leads) and national
admins. A Work Group's own leads may also rearrange its sessions, take registers and see and
move its participants. Participants' names and emails are personal data, so pages get Work
Groups, sessions and enrolments only through these getters."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from hubwork.accounts.models import User
from hubwork.hubs.models import Hub
from hubwork.hubs.permissions import can_manage_hub, get_hub_for_user
from hubwork.workgroups.models import Enrolment, Session, WorkGroup


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
    if not can_lead_or_manage(user, session.work_group):
        raise PermissionDenied
    return session


def can_lead_or_manage(user: User, work_group: WorkGroup) -> bool:
    """Hub staff (or national admins) of the Work Group's hub, or one of its leads."""
    if not user.is_authenticated or not user.is_active:
        return False
    return can_manage_hub(user, work_group.hub) or work_group.leads.filter(pk=user.pk).exists()


def get_work_group_for_lead_or_staff(user: User, hub_slug: str, pk: int) -> WorkGroup:
    """A Work Group of this hub whose participants `user` may see and move (404 if there is
    no such Work Group in this hub, 403 if `user` is neither hub staff nor one of its leads)."""
    hub = get_object_or_404(Hub, slug=hub_slug)
    work_group = get_object_or_404(
        WorkGroup.objects.select_related("programme", "hub"), pk=pk, hub=hub
    )
    if not can_lead_or_manage(user, work_group):
        raise PermissionDenied
    return work_group


def get_enrolment_for_lead_or_staff(
    user: User, hub_slug: str, work_group_pk: int, pk: int
) -> Enrolment:
    """An enrolment in a Work Group whose participants `user` may move."""
    work_group = get_work_group_for_lead_or_staff(user, hub_slug, work_group_pk)
    enrolment = get_object_or_404(
        Enrolment.objects.select_related("user", "school"), pk=pk, work_group=work_group
    )
    enrolment.work_group = work_group
    return enrolment
