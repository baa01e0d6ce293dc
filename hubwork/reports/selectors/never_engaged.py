"""The hub's outreach list: open schools in its area that have completed nothing, with any
hub, in the last few academic years up to the one chosen."""

from dataclasses import dataclass

from django.db.models import F, OrderBy, QuerySet

from hubwork.core.academic_years import AcademicYear
from hubwork.hubs.models import Hub
from hubwork.reports.selectors.fsm import CutPoints, fsm_quintile
from hubwork.reports.selectors.scope import (
    NEVER_ENGAGED_YEARS,
    area_schools,
    engaged_in,
    phase_group,
    phases_of,
    years_up_to,
)
from hubwork.schools.models import School

# The orders the list can be sorted in: GET `sort`, a leading "-" for descending.
SORTS = {
    "name": "School",
    "local_authority": "Local authority",
    "fsm": "% FSM",
    "pupils": "Pupils",
}
DEFAULT_SORT = "name"
SORT_CHOICES = [
    (f"{prefix}{key}", f"{label}, {direction}")
    for key, label in SORTS.items()
    for prefix, direction in (("", "ascending"), ("-", "descending"))
]
_SORT_FIELDS = {
    "name": "name",
    "local_authority": "local_authority__name",
    "fsm": "percentage_fsm",
    "pupils": "number_of_pupils",
}


@dataclass(frozen=True)
class NeverEngagedFilters:
    year: AcademicYear
    years: int = NEVER_ENGAGED_YEARS
    phase_group: str = ""
    local_authority: str = ""  # a local authority's code
    school_type: str = ""  # an establishment type group
    quintile: int | None = None
    sort: str = DEFAULT_SORT

    @property
    def first_year(self) -> AcademicYear:
        return years_up_to(self.year, self.years)[0]


def _ordering(sort: str) -> list[OrderBy]:
    descending = sort.startswith("-")
    field = _SORT_FIELDS.get(sort.lstrip("-"), "name")
    key = F(field).desc(nulls_last=True) if descending else F(field).asc(nulls_last=True)
    return [key, F("name").asc(), F("urn").asc()]


def never_engaged_schools(
    *, hub: Hub, filters: NeverEngagedFilters, cut_points: CutPoints
) -> QuerySet[School]:
    """The hub's open schools with no engagement in `filters.years` years up to
    `filters.year`, filtered and sorted, each with its local authority, `group` (phase
    group) and `fsm_quintile`."""
    schools = (
        area_schools(hub)
        .filter(~engaged_in(years_up_to(filters.year, filters.years)))
        .select_related("local_authority")
        .annotate(group=phase_group(), fsm_quintile=fsm_quintile(cut_points))
    )
    if filters.phase_group:
        schools = schools.filter(phase__in=list(phases_of(filters.phase_group)))
    if filters.local_authority:
        schools = schools.filter(local_authority__code=filters.local_authority)
    if filters.school_type:
        schools = schools.filter(establishment_type_group=filters.school_type)
    if filters.quintile is not None:
        schools = schools.filter(fsm_quintile=filters.quintile)
    return schools.order_by(*_ordering(filters.sort))


def area_school_types(hub: Hub) -> list[str]:
    """The school type groups found among the hub's open schools, for the type filter."""
    return list(
        area_schools(hub)
        .exclude(establishment_type_group="")
        .order_by("establishment_type_group")
        .values_list("establishment_type_group", flat=True)
        .distinct()
    )


def area_local_authorities(hub: Hub) -> list[tuple[str, str]]:
    """(code, name) of each local authority in the hub's area, for the filter."""
    return list(hub.local_authorities.order_by("name").values_list("code", "name"))
