"""Reads for the hub pages that show Work Groups: a hub's public page with its offer, and the
hub staff area's list of schools with their engagement.

Hubs sit below Work Groups and never reach up to them; these pages live here, on top of both,
and build on hubs' own selectors.
"""

from django.db.models import CharField, Exists, F, OuterRef, Prefetch, QuerySet, Value
from django.db.models.functions import Cast, Concat, LPad, Mod

from hubwork.core.academic_years import AcademicYear
from hubwork.hubs.models import Hub
from hubwork.hubs.selectors import hubs_for_public_page, schools_in_area
from hubwork.schools.models import School
from hubwork.workgroups.models import SchoolEngagement, WorkGroup, WorkGroupQuerySet

# Filters on the school list besides a school's own status.
ENGAGED_THIS_YEAR = "engaged"
NOT_ENGAGED_THIS_YEAR = "not_engaged"


def hub_for_public_page(*, slug: str) -> Hub:
    """A hub with its area, lead schools, current leaders and this year's offer (as
    `current_offer`) prefetched: the same number of queries however much it offers."""
    return (
        hubs_for_public_page()
        .prefetch_related(
            Prefetch("work_groups", queryset=_current_offer(), to_attr="current_offer")
        )
        .get(slug=slug)
    )


def _current_offer() -> WorkGroupQuerySet:
    """This academic year's published Work Groups, with places left and the first session,
    worked out as the catalogue does."""
    return (
        WorkGroup.objects.published()
        .in_year(AcademicYear.current())
        .with_availability()
        .select_related("programme")
        .order_by("title", "pk")
    )


def hub_schools(
    *,
    hub: Hub,
    phase: str = "",
    local_authority_code: str = "",
    status: str = "",
) -> QuerySet[School]:
    """Schools in the hub's area, filtered as the staff area asks, each with its engagements
    this academic year and last as `recent_engagements` (one query for the whole page).

    `status` is a school's status, or ENGAGED_THIS_YEAR or NOT_ENGAGED_THIS_YEAR.
    """
    this_year = AcademicYear.current()
    schools = (
        schools_in_area(hub=hub)
        .select_related("local_authority")
        .prefetch_related(
            Prefetch(
                "engagements",
                queryset=SchoolEngagement.objects.filter(
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
            SchoolEngagement.objects.filter(
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
