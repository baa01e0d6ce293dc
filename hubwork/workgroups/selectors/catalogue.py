"""Reads that feed the public catalogue and Work Group pages.

Availability is derived from enrolment rows every time it is read, never kept in a counter:
`places_taken` counts the enrolments that hold a place (Enrolment.TAKING_PART), `places_left`
is what the capacity leaves over, and `recruiting` says whether the hub is still taking
sign-ups.
"""

from dataclasses import dataclass

from django.db.models import (
    Prefetch,
)

from hubwork.accounts.models import User
from hubwork.hubs.models import Hub
from hubwork.programmes.models import IntendedOutcome, Programme
from hubwork.workgroups.models import (
    Session,
    WorkGroup,
    WorkGroupQuerySet,
)


def catalogue_work_groups() -> WorkGroupQuerySet:
    """Published Work Groups for the catalogue, with what a result shows in fixed queries."""
    return (
        WorkGroup.objects.published()
        .with_availability()
        .select_related("programme", "hub")
        .prefetch_related("programme__phases")
        .order_by("title", "pk")
    )


def catalogue_years() -> list[int]:
    """The academic years (by start year) that have published Work Groups, latest first."""
    return list(
        WorkGroup.objects.published()
        .order_by("-academic_year")
        .values_list("academic_year", flat=True)
        .distinct()
    )


def hub_choices() -> list[tuple[str, str]]:
    """Every hub as (slug, name), for the catalogue's hub filter."""
    return list(Hub.objects.values_list("slug", "name"))


def programme_choices() -> list[tuple[str, str]]:
    """Every programme as (slug, name), for the catalogue's programme filter."""
    return list(Programme.objects.values_list("slug", "name"))


def work_group_for_public_page(*, slug: str) -> WorkGroup:
    """A published Work Group with everything its public page shows; drafts raise DoesNotExist."""
    sessions = Session.objects.order_by("date", "starts_at", "number")
    leads = User.objects.order_by("display_name", "pk")
    return (
        WorkGroup.objects.published()
        .with_availability()
        .select_related("programme", "programme__requires_completion_of", "hub")
        .prefetch_related(
            "programme__phases",
            "programme__outcomes",
            Prefetch("leads", queryset=leads),
            Prefetch("sessions", queryset=sessions),
        )
        .get(slug=slug)
    )


@dataclass(frozen=True)
class OutcomeArea:
    label: str
    outcomes: list[IntendedOutcome]


def outcomes_by_area(*, programme: Programme) -> list[OutcomeArea]:
    """The programme's intended outcomes under the four areas, in IntendedOutcome.Area order.

    Works on prefetched outcomes, so it runs no query; areas without outcomes are left out.
    """
    outcomes = sorted(programme.outcomes.all(), key=lambda outcome: (outcome.position, outcome.pk))
    return [
        OutcomeArea(label=area.label, outcomes=in_area)
        for area in IntendedOutcome.Area
        if (in_area := [outcome for outcome in outcomes if outcome.area == area])
    ]
