"""Reads that feed the public catalogue and Work Group pages.

Availability is derived from enrolment rows every time it is read, never kept in a counter:
`places_taken` counts the enrolments that hold a place (TAKING_PART), `places_left` is what
the capacity leaves over, and `recruiting` says whether the hub is still taking sign-ups.
"""

from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass, field

from django.db.models import (
    Exists,
    OuterRef,
    Prefetch,
)

from hubwork.accounts.models import User
from hubwork.programmes.models import IntendedOutcome, Programme
from hubwork.schools.models import School
from hubwork.workgroups.allocation import WAITING
from hubwork.workgroups.models import (
    TAKING_PART,
    Enrolment,
    SchoolEngagement,
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


Status = Enrolment.Status


@dataclass
class SchoolSummary:
    school: School
    holding: int = 0
    waiting: int = 0


@dataclass
class Participants:
    """A Work Group's enrolments, read in one query and grouped for the page and the export."""

    work_group: WorkGroup
    enrolments: Sequence[Enrolment]
    by_status: dict[str, list[Enrolment]] = field(default_factory=dict)
    schools: list[SchoolSummary] = field(default_factory=list)

    @property
    def holding(self) -> int:
        return sum(len(self.by_status.get(status, [])) for status in TAKING_PART)

    @property
    def closed(self) -> list[Enrolment]:
        return self.by_status.get(Status.WITHDRAWN, []) + self.by_status.get(Status.DECLINED, [])


def participants_for(work_group: WorkGroup) -> Participants:
    """Every enrolment with its person and school, whether the school has ever engaged, and
    waiting positions, in one query however many people there are.

    Positions follow `allocation.waiting_position`: everyone still asking queues in the order
    they asked, and colleagues who signed up together share a position.
    """
    engaged = SchoolEngagement.objects.filter(school_id=OuterRef("school_id"))
    enrolments = list(
        Enrolment.objects.filter(work_group=work_group)
        .select_related("user", "school")
        .annotate(school_has_engaged=Exists(engaged))
        .order_by("requested_at", "pk")
    )
    # One place in the queue per person, or per batch of colleagues who signed up together.
    queue = {e.batch or e.pk: e.requested_at for e in enrolments if e.status in WAITING}
    waiting_times = sorted(queue.values())
    schools: dict[int, SchoolSummary] = {}
    by_status: dict[str, list[Enrolment]] = {}
    for enrolment in enrolments:
        enrolment.work_group = work_group
        enrolment.position = (  # type: ignore[attr-defined]
            bisect_left(waiting_times, enrolment.requested_at) + 1
            if enrolment.status in WAITING
            else None
        )
        by_status.setdefault(enrolment.status, []).append(enrolment)
        if enrolment.status in TAKING_PART or enrolment.status in WAITING:
            summary = schools.setdefault(enrolment.school_id, SchoolSummary(enrolment.school))
            if enrolment.status in TAKING_PART:
                summary.holding += 1
            else:
                summary.waiting += 1
    return Participants(
        work_group=work_group,
        enrolments=enrolments,
        by_status=by_status,
        schools=sorted(schools.values(), key=lambda summary: summary.school.name),
    )
