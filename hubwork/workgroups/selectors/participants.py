"""A Work Group's participants, grouped for the leads' list and the export."""

from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass, field

from django.db.models import (
    Exists,
    OuterRef,
)

from hubwork.schools.models import School
from hubwork.workgroups.models import (
    ColleagueInvitation,
    Enrolment,
    SchoolEngagement,
    WorkGroup,
)
from hubwork.workgroups.selectors.continuation import continuing_label

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
    # Colleagues named on sign-ups who have not confirmed yet, some with a place held.
    awaiting: list[ColleagueInvitation] = field(default_factory=list)

    @property
    def held_for_colleagues(self) -> int:
        return sum(1 for invitation in self.awaiting if invitation.place_held)

    @property
    def holding(self) -> int:
        return sum(len(self.by_status.get(status, [])) for status in Enrolment.TAKING_PART)

    @property
    def closed(self) -> list[Enrolment]:
        return self.by_status.get(Status.WITHDRAWN, []) + self.by_status.get(Status.DECLINED, [])


def participants_for(work_group: WorkGroup) -> Participants:
    """Every enrolment with its person and school, whether the school has ever engaged, and
    waiting positions, in one query however many people there are.

    Positions follow `selectors.places.waiting_position`: everyone still asking queues in the order
    they asked, and colleagues who signed up together share a position.
    """
    engaged = SchoolEngagement.objects.filter(school_id=OuterRef("school_id"))
    enrolments = list(
        Enrolment.objects.filter(work_group=work_group)
        .select_related("user", "school")
        .annotate(school_has_engaged=Exists(engaged), continuing_label=continuing_label())
        .order_by("requested_at", "pk")
    )
    # One place in the queue per person, or per batch of colleagues who signed up together.
    queue = {e.batch or e.pk: e.requested_at for e in enrolments if e.status in Enrolment.WAITING}
    waiting_times = sorted(queue.values())
    schools: dict[int, SchoolSummary] = {}
    by_status: dict[str, list[Enrolment]] = {}
    for enrolment in enrolments:
        enrolment.work_group = work_group
        enrolment.position = (  # type: ignore[attr-defined]
            bisect_left(waiting_times, enrolment.requested_at) + 1
            if enrolment.status in Enrolment.WAITING
            else None
        )
        by_status.setdefault(enrolment.status, []).append(enrolment)
        if enrolment.status in Enrolment.TAKING_PART or enrolment.status in Enrolment.WAITING:
            summary = schools.setdefault(enrolment.school_id, SchoolSummary(enrolment.school))
            if enrolment.status in Enrolment.TAKING_PART:
                summary.holding += 1
            else:
                summary.waiting += 1
    return Participants(
        work_group=work_group,
        enrolments=enrolments,
        by_status=by_status,
        schools=sorted(schools.values(), key=lambda summary: summary.school.name),
        awaiting=list(
            ColleagueInvitation.objects.filter(
                work_group=work_group, status=ColleagueInvitation.Status.PENDING
            )
            .select_related("school")
            .order_by("expires_at", "pk")
        ),
    )
