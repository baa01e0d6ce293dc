"""Reads for reviewing research projects: each hub's queue, the national queue, the counts on
hub staff's home pages, and a project's review history."""

from collections.abc import Mapping, Sequence

from django.db.models import Count, QuerySet

from hubwork.hubs.models import Hub
from hubwork.research.models import ProjectReview, ResearchProject

Status = ResearchProject.Status


def hub_review_queue(hub: Hub) -> QuerySet[ResearchProject]:
    """The hub's projects submitted and waiting for its staff, oldest change first."""
    return (
        ResearchProject.objects.filter(hub=hub, status=Status.SUBMITTED)
        .select_related("hub", "writeup_updated_by")
        .order_by("updated_at", "pk")
    )


def national_review_queue() -> QuerySet[ResearchProject]:
    """Projects every hub has passed on, waiting for the national team."""
    return (
        ResearchProject.objects.filter(status=Status.REVIEWED)
        .select_related("hub", "writeup_updated_by")
        .order_by("updated_at", "pk")
    )


def projects_to_review(hubs: Sequence[Hub]) -> Mapping[int, int]:
    """{hub pk: how many of its projects wait for its staff's review}, in one query."""
    rows = (
        ResearchProject.objects.filter(hub__in=hubs, status=Status.SUBMITTED)
        .values("hub_id")
        .annotate(count=Count("pk"))
    )
    return {row["hub_id"]: row["count"] for row in rows}


def review_history(project: ResearchProject) -> QuerySet[ProjectReview]:
    """Every decision on the project, newest first, with who made it."""
    return project.reviews.select_related("reviewer").order_by("-decided_at", "-pk")
