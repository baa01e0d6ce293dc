"""Reads for the hub staff area's Work Groups: the hub's list and one Work Group's page."""

from django.db.models import Count, QuerySet

from hubwork.accounts.models import User
from hubwork.hubs.models import Hub, HubRole
from hubwork.workgroups.models import Session, WorkGroup


def hub_work_groups(*, hub: Hub) -> QuerySet[WorkGroup]:
    """Every Work Group of the hub, latest year first, with its programme and session count."""
    return (
        WorkGroup.objects.filter(hub=hub)
        .select_related("programme")
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
