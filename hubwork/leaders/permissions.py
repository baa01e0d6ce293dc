"""Who may see and change what the leaders app holds. Views reach its objects only through
these getters, one per object type; each subject keeps its own block.
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

from hubwork.accounts.models import HUB_STAFF_ROLES, Role, User
from hubwork.hubs.models import Accreditation, HubRole
from hubwork.hubs.permissions import can_manage_hub, get_hub_for_user
from hubwork.leaders.models import (
    Application,
    DevelopmentEntry,
    HubApplication,
    Pairing,
    QualityVisit,
)
from hubwork.leaders.selectors.development import is_llme

# --- Applications ---------------------------------------------------------------------------
#
# An application is its applicant's: they see every hub's part of it, withdraw from a hub and
# accept an offer. Each hub's staff (hub lead and assistant hub leads, READ_ROLES of hubs, and
# national admins) see their own hub's part only: what the applicant wrote (shared by every
# hub they applied to), and that hub's status, history and notes, never another hub's part,
# nor that the person applied elsewhere. Every member of a hub's staff may move an
# application on (a hub lead need not be there for each step), so `write` asks the same.


def _active(user: User) -> bool:
    return bool(user.is_authenticated and user.is_active)


def get_hub_application_for_user(
    user: User, *, pk: int, hub_slug: str | None = None, write: bool = False
) -> HubApplication:
    """One hub's part of an application.

    Addressed through the hub staff area (`hub_slug`): for that hub's staff, to read and
    move on; 404 when there is no such hub or the hub has no such application (another
    hub's part is not found, as if it did not exist), 403 (from the hub) when `user` is not
    one of its staff. Reading and moving on are for the same people, so `write` asks the
    same. Addressed by `pk` alone: the applicant's own, to withdraw from or accept; 404 for
    anyone else's (never 403: the address says nothing about other people).
    """
    if hub_slug is None:
        if not _active(user):
            raise PermissionDenied
        return get_object_or_404(
            HubApplication.objects.select_related("application", "hub"),
            pk=pk,
            application__applicant=user,
        )
    hub = get_hub_for_user(user, slug=hub_slug)
    hub_application = (
        HubApplication.objects.select_related(
            "application__applicant",
            "application__school__local_authority",
        )
        .prefetch_related("application__programmes")
        .filter(pk=pk, hub=hub)
        .first()
    )
    if hub_application is None:
        raise Http404("No such application.")
    hub_application.hub = hub
    return hub_application


def get_application_for_user(user: User, *, pk: int) -> Application:
    """The person's own application (to ask their school leader again): 404 for anyone
    else's, 403 for an inactive account."""
    if not _active(user):
        raise PermissionDenied
    return get_object_or_404(Application.objects.select_related("school"), pk=pk, applicant=user)


# --- Development: the log, pairings, quality visits, the directory ------------------------
#
# An LLME's development log is theirs alone: nobody else, not even their hubs' staff, reads
# it (they write in it about their own growth, so it stays private unless they share it
# themselves). A pairing belongs to its hub: that hub's staff make and end it, and the two
# people paired see it on their development pages. A quality-assurance visit belongs to the
# hub of the visited session's Work Group: that hub's staff (and national admins) read it,
# and the LLME visited reads it and replies; to anyone else, another hub's staff included,
# it does not exist. The national directory is for the staff of any hub and national admins.


def require_llme(user: User) -> None:
    """403 unless `user` is an LLME (selectors.development.is_llme): the development log and
    the directory profile are for them."""
    if not is_llme(user):
        raise PermissionDenied


def require_directory_reader(user: User) -> None:
    """403 unless `user` is on the staff of a hub today, or a national admin."""
    if not _active(user):
        raise PermissionDenied
    if not (user.is_national_admin or user.roles & HUB_STAFF_ROLES):
        raise PermissionDenied


def get_development_entry_for_user(user: User, *, pk: int) -> DevelopmentEntry:
    """An entry of the person's own development log: 404 for anyone else's (never 403, so
    the address says nothing about other people's logs)."""
    if not _active(user):
        raise PermissionDenied
    return get_object_or_404(DevelopmentEntry, pk=pk, user=user)


def get_pairing_for_user(user: User, *, hub_slug: str, pk: int) -> Pairing:
    """A pairing of the hub in the address, for its staff to end: 404 when there is no such
    hub or the hub has no such pairing; 403 (from the hub) for anyone not on its staff."""
    hub = get_hub_for_user(user, slug=hub_slug)
    pairing = get_object_or_404(
        Pairing.objects.select_related("llme", "experienced"), pk=pk, hub=hub
    )
    pairing.hub = hub
    return pairing


def get_quality_visit_for_user(user: User, *, pk: int, reply: bool = False) -> QualityVisit:
    """A quality-assurance visit, for the LLME visited and the staff of the hub of the
    session's Work Group (and national admins): 404 for anyone else, another hub's staff
    included, as if it did not exist. With `reply`, for the LLME visited alone: 403 for the
    hub's staff, who read the reply but do not write it."""
    if not _active(user):
        raise PermissionDenied
    visit = get_object_or_404(
        QualityVisit.objects.select_related(
            "session__work_group__hub", "session__work_group__programme", "llme", "visitor"
        ),
        pk=pk,
    )
    is_visited = visit.llme_id == user.pk
    if not is_visited and not can_manage_hub(user, visit.session.work_group.hub):
        raise Http404("No such visit.")
    if reply and not is_visited:
        raise PermissionDenied
    return visit


# --- The PD Lead pathway and LLME records -------------------------------------------------
#
# An LLME's record (their accreditations, hubs, days a week agreed and the Work Groups they
# lead) is for them, for the staff of every hub where they hold or held an LLME role, and for
# national admins; to anyone else it does not exist (404), so the address says nothing about
# who is an LLME. What another hub's staff see of it is narrowed by selectors.records. The
# hub lead of a hub they lead for (and national admins) change the days a week agreed with
# that hub and their accreditations.


def llme_hub_ids(llme_pk: int) -> set[int]:
    """The hubs where this person holds or held an LLME role (any dates), one query."""
    return set(
        HubRole.objects.filter(user_id=llme_pk, role=HubRole.Kind.LLME).values_list(
            "hub_id", flat=True
        )
    )


def _staff_roles(user: User, hub_ids: set[int]) -> dict[int, set[str]]:
    """`user`'s current hub staff roles in these hubs, by hub."""
    roles: dict[int, set[str]] = {}
    for hub_id, role in (
        HubRole.objects.current()
        .filter(user=user, hub_id__in=hub_ids, role__in=HUB_STAFF_ROLES)
        .values_list("hub_id", "role")
    ):
        roles.setdefault(hub_id, set()).add(role)
    return roles


def get_llme_for_user(user: User, *, pk: int, write: bool = False) -> User:
    """The LLME with this user id, for their record.

    Reading: the LLME themselves, the staff of any hub where they hold or held an LLME role,
    and national admins; 404 for anyone else, and for someone who never held an LLME role.
    With `write` (their days a week and accreditations): a hub lead of one of those hubs, or
    a national admin; 403 for the others who may read it.
    """
    if not _active(user):
        raise Http404("No such LLME.")
    hub_ids = llme_hub_ids(pk)
    if not hub_ids:
        raise Http404("No such LLME.")
    llme = get_object_or_404(User, pk=pk)
    if user.is_national_admin:
        return llme
    roles = _staff_roles(user, hub_ids)
    if not roles and user.pk != llme.pk:
        raise Http404("No such LLME.")
    if write and not any(Role.HUB_LEAD in held for held in roles.values()):
        raise PermissionDenied
    return llme


def get_llme_role_for_user(user: User, *, llme_pk: int, pk: int) -> HubRole:
    """One of an LLME's LLME roles, for the hub lead of its hub (or a national admin) to
    change the days a week agreed: 404 when `user` may not read the record or the LLME has
    no such role, 403 for anyone else who may read it."""
    llme = get_llme_for_user(user, pk=llme_pk)
    hub_role = get_object_or_404(
        HubRole.objects.select_related("hub"), pk=pk, user=llme, role=HubRole.Kind.LLME
    )
    if not can_manage_hub(user, hub_role.hub, write=True):
        raise PermissionDenied
    hub_role.user = llme
    return hub_role


def get_accreditation_for_user(user: User, *, llme_pk: int, pk: int) -> Accreditation:
    """One of an LLME's accreditations, to correct or remove (`get_llme_for_user` with
    `write`): 404 when the LLME has no such accreditation."""
    llme = get_llme_for_user(user, pk=llme_pk, write=True)
    accreditation = get_object_or_404(Accreditation, pk=pk, user=llme)
    accreditation.user = llme
    return accreditation
