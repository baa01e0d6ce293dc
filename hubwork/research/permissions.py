"""Who may read the research library and who may change it.

Anyone signed in may find, read and export readings: they are citations of published
research, nothing about a person, and teachers read research themselves. Each list is changed
by its curators: the national list by national admins; a hub's list by that hub's staff (hub
lead, assistant hub leads) and LLMEs, and by national admins.
"""

from dataclasses import dataclass
from enum import StrEnum

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

from hubwork.accounts.models import Role, User
from hubwork.hubs.models import Hub, HubRole
from hubwork.hubs.permissions import can_manage_hub
from hubwork.research.models import Reading, ResearchProject, SessionReading
from hubwork.workgroups.models import Enrolment, WorkGroup
from hubwork.workgroups.permissions import get_session_for_user

HUB_CURATOR_ROLES = frozenset({Role.HUB_LEAD, Role.ASSISTANT_HUB_LEAD, Role.LLME})
NATIONAL = "national"


@dataclass(frozen=True)
class ReadingList:
    """The national list (hub None) or one hub's list."""

    hub: Hub | None

    @property
    def key(self) -> str:
        """Its value in addresses and forms: "national" or the hub's slug."""
        return self.hub.slug if self.hub else NATIONAL

    @property
    def name(self) -> str:
        return f"{self.hub.name} list" if self.hub else "National list"


def _active(user: User) -> bool:
    return bool(user.is_authenticated and user.is_active)


def curated_hub_ids(user: User) -> set[int]:
    """The hubs whose lists `user` may change through a role in the hub (one query)."""
    if not _active(user):
        return set()
    return set(
        HubRole.objects.current()
        .filter(user=user, role__in=HUB_CURATOR_ROLES)
        .values_list("hub_id", flat=True)
    )


def can_curate(user: User, hub: Hub | None) -> bool:
    """Whether `user` may add to, change and remove from the national list (hub None) or
    this hub's list."""
    if not _active(user):
        return False
    if user.is_national_admin:
        return True
    return hub is not None and hub.pk in curated_hub_ids(user)


def reading_lists_for(user: User) -> list[ReadingList]:
    """Every list `user` may add to: the national list first, then hubs by name."""
    if not _active(user):
        return []
    hubs = Hub.objects.order_by("name")
    if user.is_national_admin:
        return [ReadingList(hub=None), *(ReadingList(hub=hub) for hub in hubs)]
    return [ReadingList(hub=hub) for hub in hubs.filter(pk__in=curated_hub_ids(user))]


def require_library_reader(user: User) -> None:
    """The library is for people signed in (403 for an inactive account)."""
    if not _active(user):
        raise PermissionDenied


def require_curator(user: User) -> list[ReadingList]:
    """The lists `user` may add to; 403 when there are none."""
    lists = reading_lists_for(user)
    if not lists:
        raise PermissionDenied
    return lists


def get_reading_list_for_user(user: User, *, key: str) -> ReadingList:
    """The list with this key ("national" or a hub's slug) if `user` may add to it: 404 when
    there is no such hub, 403 when `user` may not."""
    hub = None if key == NATIONAL else get_object_or_404(Hub, slug=key)
    if not can_curate(user, hub):
        raise PermissionDenied
    return ReadingList(hub=hub)


def get_reading_for_user(user: User, *, pk: int, write: bool = False) -> Reading:
    """A reading anyone signed in may read, or with `write` change or remove (its list's
    curators): 404 when there is no such reading, 403 when `user` may not."""
    require_library_reader(user)
    reading = (
        Reading.objects.select_related("hub", "added_by")
        .prefetch_related("themes", "phases")
        .filter(pk=pk)
        .first()
    )
    if reading is None:
        raise Http404("No such reading")
    if write and not can_curate(user, reading.hub):
        raise PermissionDenied
    return reading


# --- Research projects ----------------------------------------------------------------------
#
# A project belongs to its hub and its years' Work Groups. Before it is published it is seen
# by its members (anyone holding or having completed a place in one of its years' Work Groups),
# its leads (the leads of any of those Work Groups), its hub's staff and national admins, and
# by nobody else: to anyone else it is a 404, as if it did not exist. Once published, anyone
# (signed in or not) reads the finding at /research/. Leads and hub staff edit the project and
# its write-up; members record their own enquiry cycles; hub staff give the hub's review and
# national admins the national review and the decision to publish.


class ProjectAccess(StrEnum):
    MEMBER = "member"  # read it; record your own enquiry cycles
    LEAD = "lead"  # change it: details, data, write-up; submit it for review
    HUB_REVIEW = "hub_review"  # the hub's staff: return it or pass it to the national team
    NATIONAL_REVIEW = "national_review"  # national admins: return it or publish it


def _project_work_group_ids(project: ResearchProject) -> list[int]:
    return list(project.years.values_list("work_group_id", flat=True))


def project_access(user: User, project: ResearchProject) -> set[ProjectAccess]:
    """Everything `user` may do with `project` (empty: they may not see it). Kept on the
    project for `user`, so the getter and the page it serves ask the database once."""
    cached = getattr(project, "_access_of", None)
    if cached is not None and cached[0] == user.pk:
        return set(cached[1])
    granted = _project_access(user, project)
    project._access_of = (user.pk, frozenset(granted))  # type: ignore[attr-defined]
    return granted


def _project_access(user: User, project: ResearchProject) -> set[ProjectAccess]:
    if not _active(user):
        return set()
    if user.is_national_admin:
        return set(ProjectAccess)
    if can_manage_hub(user, project.hub):
        return {ProjectAccess.HUB_REVIEW, ProjectAccess.LEAD, ProjectAccess.MEMBER}
    work_group_ids = _project_work_group_ids(project)
    if WorkGroup.leads.through.objects.filter(
        workgroup_id__in=work_group_ids, user_id=user.pk
    ).exists():
        return {ProjectAccess.LEAD, ProjectAccess.MEMBER}
    if Enrolment.objects.filter(
        work_group_id__in=work_group_ids, user=user, status__in=Enrolment.MEMBERS
    ).exists():
        return {ProjectAccess.MEMBER}
    return set()


def get_project_for_user(
    user: User, *, pk: int, access: ProjectAccess = ProjectAccess.MEMBER
) -> ResearchProject:
    """A research project `user` may reach with `access`: 404 when there is no such project
    or `user` may not see it at all (unpublished projects of other hubs do not exist for
    them); 403 when they may see it but not do this."""
    project = get_object_or_404(ResearchProject.objects.select_related("hub"), pk=pk)
    granted = project_access(user, project)
    if not granted:
        raise Http404("No such research project.")
    if access not in granted:
        raise PermissionDenied
    return project


# --- Readings set for sessions ------------------------------------------------------------
#
# A Work Group's leads, its hub's staff and national admins set readings for its sessions
# (workgroups' Access.LEAD: 404 where the address names nothing, 403 for anyone else). Its
# members (holding or having completed a place) read them and keep their own progress: a
# reading set for a group they are not in is a 404 to them, as if it did not exist.


def get_session_reading_for_user(
    user: User,
    *,
    pk: int,
    hub_slug: str | None = None,
    work_group_pk: int | None = None,
    session_pk: int | None = None,
) -> SessionReading:
    """A reading set for a session.

    Addressed through the hub staff area (hub_slug, work_group_pk, session_pk): for the Work
    Group's leads and hub staff; 404 when the address names no such reading, 403 (from the
    session) for anyone else. Addressed by `pk` alone: for members (enrolled or completed) of
    its Work Group; 404 for anyone else, never 403, so the address says nothing.
    """
    if session_pk is not None:
        session = get_session_for_user(
            user, hub_slug=str(hub_slug), work_group_pk=int(work_group_pk or 0), pk=session_pk
        )
        session_reading = get_object_or_404(
            SessionReading.objects.select_related("reading", "activity"), pk=pk, session=session
        )
        session_reading.session = session
        return session_reading
    if not _active(user):
        raise Http404("No such reading.")
    return get_object_or_404(
        SessionReading.objects.select_related(
            "reading", "session__work_group__hub", "session__work_group__programme"
        ).filter(
            session__work_group_id__in=Enrolment.objects.filter(
                user=user, status__in=Enrolment.MEMBERS
            ).values("work_group_id")
        ),
        pk=pk,
    )
