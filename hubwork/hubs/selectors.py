from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.db.models import CharField, Count, Exists, F, OuterRef, Prefetch, Q, QuerySet, Value
from django.db.models.functions import Cast, Concat, LPad, Mod

from hubwork.core.academic_years import AcademicYear
from hubwork.hubs.models import Accreditation, Hub, HubRole
from hubwork.schools.models import School

# Filters on the school list besides a school's own status.
ENGAGED_THIS_YEAR = "engaged"
NOT_ENGAGED_THIS_YEAR = "not_engaged"

LEADERSHIP_ROLES = [HubRole.Kind.HUB_LEAD, HubRole.Kind.ASSISTANT_HUB_LEAD]


def hubs_for_listing() -> QuerySet[Hub]:
    """Every hub with its area, for the public list (two queries however many hubs)."""
    return Hub.objects.prefetch_related("local_authorities")


def hub_for_public_page(*, slug: str) -> Hub:
    """A hub with its area, lead schools, current leaders and this year's offer prefetched."""
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
        Prefetch("work_groups", queryset=_current_offer(), to_attr="current_offer"),
    ).get(slug=slug)


def _current_offer() -> Any:
    """This academic year's published Work Groups, with places left and the first session.

    Work Groups live in an app above this one, which hubs never imports: the model comes
    from the app registry, and its own QuerySet works out availability as the catalogue does.
    """
    work_group_model: Any = apps.get_model("workgroups", "WorkGroup")
    return (
        work_group_model.objects.published()
        .in_year(AcademicYear.current())
        .with_availability()
        .select_related("programme")
        .order_by("title", "pk")
    )


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
    *,
    hub: Hub,
    phase: str = "",
    local_authority_code: str = "",
    status: str = "",
) -> QuerySet[School]:
    """Schools in the hub's area, filtered as the staff area asks, each with its engagements
    this academic year and last as `recent_engagements` (one query for the whole page).

    `status` is a school's status, or ENGAGED_THIS_YEAR or NOT_ENGAGED_THIS_YEAR. Engagements
    live in the workgroups app, above this one, which hubs never imports: they are reached
    through the `engagements` relation, with the model from the app registry.
    """
    this_year = AcademicYear.current()
    engagement_model: Any = apps.get_model("workgroups", "SchoolEngagement")
    schools = (
        School.objects.filter(local_authority__hub_area__hub=hub)
        .select_related("local_authority")
        .prefetch_related(
            Prefetch(
                "engagements",
                queryset=engagement_model.objects.filter(
                    academic_year__in=[this_year.start_year, this_year.previous().start_year]
                )
                .annotate(year_label=_year_label())
                .order_by("-academic_year"),
                to_attr="recent_engagements",
            )
        )
    )
    if phase:
        schools = schools.filter(phase=phase)
    if local_authority_code:
        schools = schools.filter(local_authority__code=local_authority_code)
    if status in (ENGAGED_THIS_YEAR, NOT_ENGAGED_THIS_YEAR):
        engaged = Exists(
            engagement_model.objects.filter(
                school=OuterRef("pk"), academic_year=this_year.start_year
            )
        )
        schools = schools.filter(engaged if status == ENGAGED_THIS_YEAR else ~engaged)
    elif status:
        schools = schools.filter(status=status)
    return schools.order_by("name", "urn")


def _year_label() -> Concat:
    """An academic year's label, "2025/26", worked out by the database."""
    next_year = Cast(Mod(F("academic_year") + 1, 100), CharField())
    return Concat(
        Cast("academic_year", CharField()),
        Value("/"),
        LPad(next_year, 2, Value("0")),
        output_field=CharField(),
    )


def hub_school_counts(*, hub: Hub) -> dict[str, int]:
    """How many schools the hub's area holds, open and in all."""
    return School.objects.filter(local_authority__hub_area__hub=hub).aggregate(
        total=Count("pk"), open=Count("pk", filter=~Q(status=School.Status.CLOSED))
    )
