"""Reads for the hub staff area's Work Groups: the hub's list and one Work Group's page."""

from collections.abc import Sequence

from django.db.models import Count, QuerySet

from hubwork.accounts.models import User
from hubwork.core.academic_years import AcademicYear
from hubwork.hubs.models import Hub, HubRole
from hubwork.workgroups.models import Allocation, Enrolment, Session, WorkGroup


def hub_work_groups(*, hub: Hub) -> QuerySet[WorkGroup]:
    """Every Work Group of the hub, latest year first, with its programme, session count and
    places filled, offered and waiting (`WorkGroupQuerySet.with_place_counts`)."""
    return (
        WorkGroup.objects.filter(hub=hub)
        .select_related("programme")
        .with_place_counts()
        .annotate(session_count=Count("sessions", distinct=True))
        .order_by("-academic_year", "title")
    )


def sessions_with_changes(*, work_group: WorkGroup) -> QuerySet[Session]:
    """The Work Group's sessions in number order, each with its rearrangements."""
    return work_group.sessions.order_by("number").prefetch_related("changes")


def leads_of(*, work_group: WorkGroup) -> QuerySet[User]:
    return work_group.leads.order_by("display_name")


def lead_choices(*, hub: Hub) -> QuerySet[User]:
    """The people who may lead the hub's Work Groups: its current LLMEs, by name."""
    llmes = HubRole.objects.current().filter(hub=hub, role=HubRole.Kind.LLME)
    return User.objects.filter(hub_roles__in=llmes).distinct().order_by("display_name")


def sign_ups_to_review(hubs: Sequence[Hub]) -> dict[int, int]:
    """For each hub's pk, how many people wait for hub review of a sign-up (interested, in
    a Work Group of this academic year on whose places the hub's leads decide). One query."""
    rows = (
        Enrolment.objects.filter(
            work_group__hub__in=[hub.pk for hub in hubs],
            work_group__academic_year__gte=AcademicYear.current().start_year,
            work_group__allocation=Allocation.REVIEW,
            status=Enrolment.Status.INTERESTED,
        )
        .exclude(work_group__status=WorkGroup.Status.CANCELLED)
        .order_by()
        .values("work_group__hub")
        .annotate(count=Count("pk"))
    )
    return {row["work_group__hub"]: row["count"] for row in rows}
