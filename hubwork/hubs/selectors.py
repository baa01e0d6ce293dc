from dataclasses import dataclass

from django.db.models import Count, Prefetch, Q, QuerySet

from hubwork.hubs.models import Accreditation, Hub, HubRole
from hubwork.schools.models import School

LEADERSHIP_ROLES = [HubRole.Kind.HUB_LEAD, HubRole.Kind.ASSISTANT_HUB_LEAD]


def hubs_for_listing() -> QuerySet[Hub]:
    """Every hub with its area, for the public list (two queries however many hubs)."""
    return Hub.objects.prefetch_related("local_authorities")


def hub_for_public_page(*, slug: str) -> Hub:
    """A hub with its area, lead schools and current leaders prefetched."""
    leaders = (
        HubRole.objects.current()
        .filter(role__in=LEADERSHIP_ROLES)
        .select_related("user")
        .order_by("role", "phase", "user__display_name")
    )
    return Hub.objects.prefetch_related(
        "local_authorities",
        "lead_schools",
        Prefetch("roles", queryset=leaders, to_attr="current_leaders"),
    ).get(slug=slug)


@dataclass(frozen=True)
class HubTeam:
    current: list[HubRole]
    past: list[HubRole]


def hub_team(*, hub: Hub) -> HubTeam:
    """The hub's team: current roles (with each person's accreditations) and ended ones."""
    roles = (
        HubRole.objects.filter(hub=hub)
        .select_related("user")
        .prefetch_related(
            Prefetch(
                "user__accreditations", queryset=Accreditation.objects.order_by("year_achieved")
            )
        )
        .order_by("role", "phase", "user__display_name", "-starts_on")
    )
    current_ids = set(HubRole.objects.current().filter(hub=hub).values_list("pk", flat=True))
    current: list[HubRole] = []
    past: list[HubRole] = []
    for role in roles:
        (current if role.pk in current_ids else past).append(role)
    return HubTeam(current=current, past=past)


def hub_schools(
    *, hub: Hub, phase: str = "", local_authority_code: str = "", status: str = ""
) -> QuerySet[School]:
    """Schools in the hub's area, filtered as the staff area asks."""
    schools = School.objects.filter(local_authority__hub_area__hub=hub).select_related(
        "local_authority"
    )
    if phase:
        schools = schools.filter(phase=phase)
    if local_authority_code:
        schools = schools.filter(local_authority__code=local_authority_code)
    if status:
        schools = schools.filter(status=status)
    return schools.order_by("name", "urn")


def hub_school_counts(*, hub: Hub) -> dict[str, int]:
    """How many schools the hub's area holds, open and in all."""
    return School.objects.filter(local_authority__hub_area__hub=hub).aggregate(
        total=Count("pk"), open=Count("pk", filter=~Q(status=School.Status.CLOSED))
    )
