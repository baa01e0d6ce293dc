"""Who may reach a Work Group, its sessions and its enrolments.

Three kinds of access, from the widest circle of people to the narrowest:

- `Access.MEMBER`: the Work Group's members (holding a place or completed), its leads and its
  hub's staff (and national admins): the group space, its sessions' apologies;
- `Access.LEAD`: its own leads and its hub's staff: registers, participants, completion,
  session plans, gap tasks and "What we tried", rearranging sessions;
- `Access.MANAGE`: its hub's staff alone: the Work Group's details, status and copies.

Participants' names and emails are personal data, so views reach Work Groups, sessions and
enrolments only through the one getter per type below. Each says when it answers 404 (there
is no such object where the address says) and when 403 (there is, but not for this person).
"""

from enum import StrEnum

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from hubwork.accounts.models import User
from hubwork.hubs.models import Hub
from hubwork.hubs.permissions import can_manage_hub, get_hub_for_user
from hubwork.workgroups.models import (
    ColleagueInvitation,
    ContinuationInvitation,
    Enrolment,
    Session,
    WorkGroup,
)


class Access(StrEnum):
    MEMBER = "member"
    LEAD = "lead"
    MANAGE = "manage"


def is_member(user: User, work_group: WorkGroup) -> bool:
    """Holds (or has completed) a place in the Work Group."""
    if not user.is_authenticated or not user.is_active:
        return False
    return Enrolment.objects.filter(
        work_group=work_group, user=user, status__in=Enrolment.MEMBERS
    ).exists()


def can_lead_or_manage(user: User, work_group: WorkGroup) -> bool:
    """Hub staff (or national admins) of the Work Group's hub, or one of its leads."""
    if not user.is_authenticated or not user.is_active:
        return False
    return can_manage_hub(user, work_group.hub) or work_group.leads.filter(pk=user.pk).exists()


def has_access(user: User, work_group: WorkGroup, access: Access) -> bool:
    if access == Access.MANAGE:
        return can_manage_hub(user, work_group.hub)
    if access == Access.LEAD:
        return can_lead_or_manage(user, work_group)
    return is_member(user, work_group) or can_lead_or_manage(user, work_group)


def _work_groups() -> QuerySet[WorkGroup]:
    return WorkGroup.objects.select_related("programme", "hub")


def get_work_group_for_user(
    user: User,
    *,
    access: Access,
    hub_slug: str | None = None,
    pk: int | None = None,
    slug: str | None = None,
) -> WorkGroup:
    """A Work Group that `user` may reach with `access`, found by `hub_slug` and `pk` (the
    hub staff area's addresses) or by `slug` (the group space's).

    404 if there is no such hub or no such Work Group in it; 403 if there is but `user` lacks
    the access. With `Access.MANAGE` the hub is checked first: someone who is not on its
    staff gets 403 whichever Work Group the address names.
    """
    if slug is not None:
        work_group = get_object_or_404(_work_groups(), slug=slug)
    elif access == Access.MANAGE:
        hub = get_hub_for_user(user, slug=str(hub_slug))
        return get_object_or_404(_work_groups(), pk=pk, hub=hub)
    else:
        hub = get_object_or_404(Hub, slug=hub_slug)
        work_group = get_object_or_404(_work_groups(), pk=pk, hub=hub)
    if not has_access(user, work_group, access):
        raise PermissionDenied
    return work_group


def get_session_for_user(
    user: User,
    *,
    pk: int,
    work_group_pk: int | None = None,
    hub_slug: str | None = None,
    via: Enrolment | None = None,
) -> Session:
    """A session of a Work Group, for its leads and hub staff (`Access.LEAD`), found by the
    staff area's address (`hub_slug`, `work_group_pk`, `pk`): 404 if there is no such session
    there, 403 for anyone else.

    `via` is the person's own enrolment, already fetched by `get_enrolment_for_user(own=…)`
    (sending apologies): the session must then be one of that Work Group's, or 404.
    """
    if via is not None:
        session = get_object_or_404(Session, pk=pk, work_group_id=via.work_group_id)
        session.work_group = via.work_group
        return session
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


def get_enrolment_for_user(
    user: User,
    *,
    pk: int,
    own: bool = False,
    hub_slug: str | None = None,
    work_group_pk: int | None = None,
    statuses: tuple[str, ...] | None = None,
) -> Enrolment:
    """An enrolment, in one of `statuses` if given.

    With `own`, one of `user`'s own enrolments: anyone else's is 404, never 403, so the
    address says nothing about other people's places. Otherwise an enrolment in a Work Group
    of the hub staff area's address that `user` leads or manages: 404 if there is no such
    enrolment there, 403 (from the Work Group) for anyone who is neither its lead nor staff.
    """
    enrolments = Enrolment.objects.select_related("school")
    if statuses is not None:
        enrolments = enrolments.filter(status__in=statuses)
    if own:
        return get_object_or_404(
            enrolments.select_related("work_group", "work_group__hub"), pk=pk, user=user
        )
    work_group = get_work_group_for_user(
        user, access=Access.LEAD, hub_slug=hub_slug, pk=work_group_pk
    )
    enrolment = get_object_or_404(enrolments.select_related("user"), pk=pk, work_group=work_group)
    enrolment.work_group = work_group
    return enrolment


def get_invitation_for_user(user: User, *, pk: int) -> ColleagueInvitation:
    """An invitation to confirm a place, sent to `user`'s own email address (answered or
    not, so the page can say what became of it).

    404 for anyone else's, never 403, so the address says nothing about who was invited.
    """
    return get_object_or_404(
        ColleagueInvitation.objects.select_related(
            "work_group__hub", "work_group__programme", "school", "invited_by"
        ),
        pk=pk,
        email=User.objects.normalize_email(user.email),
    )


def get_continuation_invitation_for_user(user: User, *, pk: int) -> ContinuationInvitation:
    """An invitation to continue in next year's Work Group, sent to `user` as one of last
    year's completers (answered or not, so the page can say what became of it).

    404 for anyone else's, never 403, so the address says nothing about who was invited."""
    return get_object_or_404(
        ContinuationInvitation.objects.select_related(
            "work_group__hub",
            "work_group__programme",
            "previous__school",
            "previous__work_group__hub",
            "invited_by",
            "enrolment",
        ),
        pk=pk,
        previous__user_id=user.pk,
    )
