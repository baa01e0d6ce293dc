"""The load on the people leading a hub's Work Groups: for each, the Work Groups and sessions
they lead in the year across every hub (a lead may lead for several), to spot overload. One
query, with a counting subquery per figure, however many leads or Work Groups."""

from dataclasses import dataclass
from typing import Any

from django.db.models import Count, IntegerField, OuterRef, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce

from hubwork.accounts.models import User
from hubwork.core.academic_years import AcademicYear
from hubwork.hubs.models import Hub
from hubwork.reports.selectors.programmes import LEFT_OUT, hub_work_groups
from hubwork.workgroups.models import Session, WorkGroup


@dataclass(frozen=True)
class LeadLoad:
    name: str
    work_groups_here: int  # this hub's, in the year
    work_groups: int  # every hub's, in the year
    hubs: int
    sessions: int  # sessions (not cancelled) of every Work Group they lead in the year


def _counted(
    queryset: QuerySet[Any], group_by: str, field: str = "pk", *, distinct: bool = False
) -> Coalesce:
    """How many rows of `queryset` there are for the outer row (grouped on `group_by`, the
    column that refers to it), as a subquery; 0 when none."""
    count = (
        queryset.order_by()
        .values(group_by)
        .annotate(count=Count(field, distinct=distinct))
        .values("count")
    )
    return Coalesce(Subquery(count, output_field=IntegerField()), Value(0))


def lead_loads(hub: Hub, year: AcademicYear) -> list[LeadLoad]:
    """Everyone leading one of the hub's Work Groups in `year` (drafts and cancelled ones left
    out), by name, with what they lead that year across all hubs."""
    led = WorkGroup.objects.filter(academic_year=year.start_year, leads=OuterRef("pk")).exclude(
        status__in=LEFT_OUT
    )
    sessions = Session.objects.filter(
        work_group__academic_year=year.start_year,
        work_group__leads=OuterRef("pk"),
        status=Session.Status.SCHEDULED,
    ).exclude(work_group__status__in=LEFT_OUT)
    leads = (
        User.objects.filter(pk__in=hub_work_groups(hub, year).values("leads"))
        .annotate(
            work_groups_here=_counted(led.filter(hub=hub), "leads"),
            work_groups=_counted(led, "leads"),
            hubs=_counted(led, "leads", "hub", distinct=True),
            sessions=_counted(sessions, "work_group__leads"),
        )
        .order_by("display_name", "pk")
        .values_list("display_name", "email", "work_groups_here", "work_groups", "hubs", "sessions")
    )
    return [
        LeadLoad(
            name=display_name or email,
            work_groups_here=here,
            work_groups=every,
            hubs=hubs,
            sessions=count,
        )
        for display_name, email, here, every, hubs, count in leads
    ]
