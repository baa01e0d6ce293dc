"""The PD Lead pathway as a hub's staff see it: the hub's accepted applicants waiting for a
cohort, those already in one, and the hub's cohorts (Work Groups of programmes whose
completion accredits) this academic year and next."""

from dataclasses import dataclass

from django.db.models import Exists, OuterRef, QuerySet

from hubwork.core.academic_years import AcademicYear
from hubwork.hubs.models import Hub
from hubwork.leaders.models import HubApplication
from hubwork.workgroups.models import Enrolment, WorkGroup


def cohorts(*, hub: Hub) -> QuerySet[WorkGroup]:
    """The hub's cohorts of accrediting programmes this academic year and next (not cancelled),
    with their place counts."""
    year = AcademicYear.current()
    return (
        WorkGroup.objects.filter(
            hub=hub,
            programme__accreditation__gt="",
            academic_year__in=[year.start_year, year.next().start_year],
        )
        .exclude(status=WorkGroup.Status.CANCELLED)
        .select_related("programme")
        .with_place_counts()
        .order_by("academic_year", "title", "pk")
    )


def cohorts_to_place_in(*, hub: Hub) -> QuerySet[WorkGroup]:
    """The cohorts staff may place an applicant in: those open for interest."""
    return cohorts(hub=hub).filter(status=WorkGroup.Status.OPEN)


def _in_a_cohort(hub: Hub) -> QuerySet[Enrolment]:
    """Places (or requests for one) in any of the hub's accrediting Work Groups, any year."""
    return Enrolment.objects.filter(
        work_group__hub=hub, work_group__programme__accreditation__gt=""
    ).exclude(status__in=Enrolment.CLOSED)


def applicants_waiting(*, hub: Hub) -> QuerySet[HubApplication]:
    """The hub's accepted applicants who are not yet in one of its cohorts, longest waiting
    first."""
    placed = _in_a_cohort(hub).filter(user=OuterRef("application__applicant"))
    return (
        HubApplication.objects.filter(hub=hub, status=HubApplication.Status.ACCEPTED)
        .filter(~Exists(placed))
        .select_related("application__applicant", "application__school")
        .order_by("status_changed_at", "pk")
    )


@dataclass(frozen=True)
class PlacedApplicant:
    hub_application: HubApplication
    enrolment: Enrolment


def applicants_placed(*, hub: Hub) -> list[PlacedApplicant]:
    """The hub's accepted applicants with their place in one of its cohorts (their latest),
    in two queries."""
    accepted = list(
        HubApplication.objects.filter(hub=hub, status=HubApplication.Status.ACCEPTED)
        .select_related("application__applicant")
        .order_by("application__applicant__display_name", "pk")
    )
    by_user: dict[int, Enrolment] = {}
    for enrolment in (
        _in_a_cohort(hub)
        .filter(user_id__in=[row.application.applicant_id for row in accepted])
        .select_related("work_group", "school")
        .order_by("work_group__academic_year", "requested_at", "pk")
    ):
        by_user[enrolment.user_id] = enrolment  # the latest year wins
    return [
        PlacedApplicant(hub_application=row, enrolment=by_user[row.application.applicant_id])
        for row in accepted
        if row.application.applicant_id in by_user
    ]
