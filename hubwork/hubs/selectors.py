from dataclasses import dataclass

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone

from hubwork.hubs.models import Accreditation, Hub, HubRole
from hubwork.schools.models import School

LEADERSHIP_ROLES = [HubRole.Kind.HUB_LEAD, HubRole.Kind.ASSISTANT_HUB_LEAD]


def hubs_for_listing() -> QuerySet[Hub]:
    """Every hub with its area, for the public list (two queries however many hubs)."""
    return Hub.objects.prefetch_related("local_authorities")


def hubs_for_public_page() -> QuerySet[Hub]:
    """Hubs with their area, lead schools and current leaders (as `current_leaders`)
    prefetched, for a hub's public page."""
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
    )


@dataclass(frozen=True)
class HubTeam:
    current: list[HubRole]
    past: list[HubRole]


def hub_team(*, hub: Hub) -> HubTeam:
    """The hub's team: current roles and those starting later (such as an LLME's from
    completing the PD Lead programme), with each person's accreditations, and ended ones."""
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
    ended_ids = set(
        HubRole.objects.filter(hub=hub, ends_on__lt=timezone.localdate()).values_list(
            "pk", flat=True
        )
    )
    current: list[HubRole] = []
    past: list[HubRole] = []
    for role in roles:
        (past if role.pk in ended_ids else current).append(role)
    return HubTeam(current=current, past=past)


def schools_in_area(*, hub: Hub) -> QuerySet[School]:
    """Every school (open or closed) in the hub's local authorities."""
    return School.objects.filter(local_authority__hub_area__hub=hub)


def hub_school_counts(*, hub: Hub) -> dict[str, int]:
    """How many schools the hub's area holds, open and in all."""
    return schools_in_area(hub=hub).aggregate(
        total=Count("pk"), open=Count("pk", filter=~Q(status=School.Status.CLOSED))
    )
