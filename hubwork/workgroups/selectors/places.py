"""Reads about places: where someone stands on a waiting list."""

from django.db.models import Count, Q
from django.db.models.expressions import CombinedExpression

from hubwork.workgroups.models import Enrolment
from hubwork.workgroups.services.places import WAITING


def waiting_position(enrolment: Enrolment) -> int | None:
    """1 for the next in line; colleagues who signed up together are one place in the
    queue and share a position. None when not waiting."""
    if enrolment.status not in WAITING:
        return None
    ahead = Enrolment.objects.filter(
        work_group_id=enrolment.work_group_id,
        status__in=WAITING,
        requested_at__lt=enrolment.requested_at,
    )
    return int(ahead.aggregate(places=places_in_queue())["places"]) + 1


def places_in_queue() -> CombinedExpression:
    """How many places in the queue some waiting enrolments take: one for each person who
    signed up alone, one for each batch of colleagues (COUNT DISTINCT skips the empty batch)."""
    return Count("pk", filter=Q(batch__isnull=True)) + Count("batch", distinct=True)
