"""Reads about places: a person's live place in a Work Group, the colleagues who signed up
with them, and where someone stands on a waiting list."""

from django.db.models import Count, OuterRef, Q, Subquery
from django.db.models.expressions import CombinedExpression

from hubwork.accounts.models import User
from hubwork.workgroups.models import Enrolment, WorkGroup


def live_enrolment(*, work_group: WorkGroup, user: User) -> Enrolment | None:
    """The person's enrolment in the Work Group unless they withdrew or declined it."""
    return (
        Enrolment.objects.filter(work_group=work_group, user=user)
        .exclude(status__in=Enrolment.CLOSED)
        .select_related("school")
        .first()
    )


def live_enrolment_with_queue(*, work_group: WorkGroup, user: User) -> Enrolment | None:
    """`live_enrolment` with `ahead`: the places in the queue before them, as
    `waiting_position` counts them, worked out in the same single query."""
    ahead = (
        Enrolment.objects.filter(
            work_group=work_group,
            status__in=Enrolment.WAITING,
            requested_at__lt=OuterRef("requested_at"),
        )
        .order_by()
        .values("work_group")
        # Colleagues who signed up together are one place in the queue, as everywhere else.
        .annotate(count=places_in_queue())
        .values("count")
    )
    return (
        Enrolment.objects.filter(work_group=work_group, user=user)
        .exclude(status__in=Enrolment.CLOSED)
        .select_related("school")
        .annotate(ahead=Subquery(ahead))
        .first()
    )


def colleagues_of(enrolment: Enrolment) -> list[Enrolment]:
    """The others who signed up together with this person, by name."""
    if not enrolment.batch:
        return []
    return list(
        Enrolment.objects.filter(work_group_id=enrolment.work_group_id, batch=enrolment.batch)
        .exclude(pk=enrolment.pk)
        .select_related("user")
        .order_by("user__display_name")
    )


def waiting_position(enrolment: Enrolment) -> int | None:
    """1 for the next in line; colleagues who signed up together are one place in the
    queue and share a position. None when not waiting."""
    if enrolment.status not in Enrolment.WAITING:
        return None
    ahead = Enrolment.objects.filter(
        work_group_id=enrolment.work_group_id,
        status__in=Enrolment.WAITING,
        requested_at__lt=enrolment.requested_at,
    )
    return int(ahead.aggregate(places=places_in_queue())["places"]) + 1


def places_in_queue() -> CombinedExpression:
    """How many places in the queue some waiting enrolments take: one for each person who
    signed up alone, one for each batch of colleagues (COUNT DISTINCT skips the empty batch)."""
    return Count("pk", filter=Q(batch__isnull=True)) + Count("batch", distinct=True)
