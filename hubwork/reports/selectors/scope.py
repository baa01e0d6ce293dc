"""What every report counts the same way: which schools are a hub's, the phase groups
reports show, which years a report covers and when a school counts as engaged.

A school is engaged in an academic year once one of its participants completes a Work Group
with any hub (workgroups.SchoolEngagement, stored when the completion is recorded): a
school may work with any hub, so a hub's reach counts its area's schools whoever they
completed with.
"""

from collections.abc import Iterable

from django.db.models import Case, CharField, Exists, OuterRef, QuerySet, Value, When

from hubwork.core.academic_years import AcademicYear
from hubwork.hubs.models import Hub
from hubwork.hubs.selectors import schools_in_area
from hubwork.schools.models import School
from hubwork.workgroups.models import SchoolEngagement

# How far back a report looks: the year chosen and up to nine before it.
TREND_YEARS = 10
# A school is "never engaged" when it has completed nothing in this many years.
NEVER_ENGAGED_YEARS = 3

Phase = School.Phase
# The phases reports show, each a group of the register's phases, in this order.
PHASE_GROUPS: dict[str, tuple[str, tuple[str, ...]]] = {
    "primary": ("Primary", (Phase.NURSERY, Phase.PRIMARY, Phase.MIDDLE_DEEMED_PRIMARY)),
    "secondary": ("Secondary", (Phase.SECONDARY, Phase.MIDDLE_DEEMED_SECONDARY)),
    "all_through": ("All-through", (Phase.ALL_THROUGH,)),
    "16_plus": ("16 plus", (Phase.SIXTEEN_PLUS,)),
    "other": ("Other", (Phase.NOT_APPLICABLE,)),
}
PHASE_GROUP_CHOICES = [(key, label) for key, (label, _) in PHASE_GROUPS.items()]


def phase_group() -> Case:
    """A school's phase group, worked out by the database (annotate, then group by it)."""
    return Case(
        *[
            When(phase__in=list(phases), then=Value(key))
            for key, (_, phases) in PHASE_GROUPS.items()
        ],
        default=Value("other"),
        output_field=CharField(),
    )


def phases_of(group: str) -> tuple[str, ...]:
    """The register's phases in a phase group ("" or an unknown group: none)."""
    return PHASE_GROUPS[group][1] if group in PHASE_GROUPS else ()


def area_schools(hub: Hub) -> QuerySet[School]:
    """The open schools in the hub's area: what a hub's reach is measured against."""
    return schools_in_area(hub=hub).exclude(status=School.Status.CLOSED)


def open_schools() -> QuerySet[School]:
    """Every open school in England: the national denominator."""
    return School.objects.exclude(status=School.Status.CLOSED)


def years_up_to(year: AcademicYear, count: int = TREND_YEARS) -> list[AcademicYear]:
    """`year` and the `count - 1` before it, oldest first."""
    return [AcademicYear(year.start_year - back) for back in reversed(range(count))]


def engaged_in(years: Iterable[AcademicYear]) -> Exists:
    """Whether a school (the outer query's row) completed a Work Group in any of `years`."""
    return Exists(
        SchoolEngagement.objects.filter(
            school=OuterRef("pk"),
            academic_year__in=[year.start_year for year in years],
        )
    )


def percentage(part: int, whole: int) -> float | None:
    """`part` of `whole` as a percentage, or None when there is no whole to speak of."""
    return round(100 * part / whole, 1) if whole else None
