"""Roll-ups: a hub's Work Groups of one academic year by programme, and one programme across
every hub (national admins), with the same honesty rules as a Work Group's report (every
figure with its n; pre/post changes from matched pairs only, counts alone under five).

Everything is counted in the database: one query lists the Work Groups with their counts
(subqueries per Work Group), and the pre/post changes of every group of Work Groups (each
programme of the hub; each hub and England) come from one set of grouped queries
(`pre_post_for_groups`). So the number of queries does not grow with the hubs, Work Groups
or responses. Hubs are listed in alphabetical order, never ranked.
"""

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, IntegerField, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from hubwork.core.academic_years import AcademicYear
from hubwork.evaluation import analysis
from hubwork.evaluation.models import EvaluationReport, Response, Wave
from hubwork.evaluation.selectors.pre_post import PrePost, pre_post_for_groups
from hubwork.hubs.models import Hub
from hubwork.programmes.models import Programme
from hubwork.workgroups.models import Enrolment, Session, WorkGroup

# Work Groups that never ran are left out of the roll-ups.
LEFT_OUT = (WorkGroup.Status.DRAFT, WorkGroup.Status.CANCELLED)
NOT_STARTED = "not_started"
STATUS_ORDER: list[tuple[str, str]] = [
    (NOT_STARTED, "Not started"),
    *((status.value, str(status.label)) for status in EvaluationReport.Status),
]
STATUS_LABELS = dict(STATUS_ORDER)
ENGLAND = "england"


@dataclass(frozen=True)
class WorkGroupRow:
    pk: int
    title: str
    code: str
    hub_id: int
    hub_slug: str
    programme_id: int
    report_status: str
    participants: int
    sessions_held: int
    feedback_responses: int

    @property
    def report_status_label(self) -> str:
        return STATUS_LABELS[self.report_status]

    @property
    def feedback_asked(self) -> int:
        """Each participant with a place, once per session held."""
        return self.participants * self.sessions_held


@dataclass(frozen=True)
class Totals:
    """Figures over a set of Work Groups."""

    work_groups: int
    participants: int
    feedback_responses: int
    feedback_asked: int
    status_counts: list[tuple[str, str, int]]  # (status, label, Work Groups)
    pre_post: PrePost

    @property
    def feedback_rate_text(self) -> str:
        return analysis.percent(self.feedback_responses, self.feedback_asked)


@dataclass(frozen=True)
class ProgrammeRollup:
    programme: Programme
    work_groups: list[WorkGroupRow]
    totals: Totals


@dataclass(frozen=True)
class HubRollup:
    hub: Hub
    year: AcademicYear
    programmes: list[ProgrammeRollup] = field(default_factory=list)


@dataclass(frozen=True)
class HubLine:
    """One hub's figures for a programme; `hub` None is England, pooled."""

    hub: Hub | None
    totals: Totals

    @property
    def name(self) -> str:
        return self.hub.name if self.hub else "England (all hubs together)"


@dataclass(frozen=True)
class NationalProgramme:
    programme: Programme
    year: AcademicYear
    hubs: list[HubLine]
    england: HubLine


@dataclass(frozen=True)
class ProgrammeCount:
    programme: Programme
    work_groups: int
    hubs: int


def _counted(queryset: "QuerySet[Any]", field_name: str = "work_group") -> Coalesce:
    count = (
        queryset.filter(**{field_name: OuterRef("pk")})
        .order_by()
        .values(field_name)
        .annotate(count=Count("pk"))
        .values("count")
    )
    return Coalesce(Subquery(count, output_field=IntegerField()), Value(0))


def _work_group_rows(work_groups: "QuerySet[WorkGroup]") -> list[WorkGroupRow]:
    """The Work Groups with their counts, in one query."""
    now = timezone.localtime()
    held = Session.objects.exclude(status=Session.Status.CANCELLED).filter(
        Q(date__lt=now.date()) | Q(date=now.date(), ends_at__lte=now.time())
    )
    rows = (
        work_groups.annotate(
            participants=_counted(Enrolment.objects.filter(status__in=Enrolment.MEMBERS)),
            sessions_held=_counted(held),
            feedback_responses=_counted(Response.objects.filter(wave=Wave.SESSION)),
            report_status=Coalesce(
                Subquery(
                    EvaluationReport.objects.filter(work_group=OuterRef("pk")).values("status")[:1]
                ),
                Value(NOT_STARTED),
            ),
        )
        .order_by("title", "pk")
        .values_list(
            "pk",
            "title",
            "code",
            "hub_id",
            "hub__slug",
            "programme_id",
            "report_status",
            "participants",
            "sessions_held",
            "feedback_responses",
        )
    )
    return [WorkGroupRow(*row) for row in rows]


def _totals(rows: list[WorkGroupRow], pre_post: PrePost) -> Totals:
    statuses = Counter(row.report_status for row in rows)
    return Totals(
        work_groups=len(rows),
        participants=sum(row.participants for row in rows),
        feedback_responses=sum(row.feedback_responses for row in rows),
        feedback_asked=sum(row.feedback_asked for row in rows),
        status_counts=[(status, label, statuses.get(status, 0)) for status, label in STATUS_ORDER],
        pre_post=pre_post,
    )


def _in_year(year: AcademicYear) -> "QuerySet[WorkGroup]":
    return WorkGroup.objects.in_year(year).exclude(status__in=LEFT_OUT)


def hub_rollup(hub: Hub, year: AcademicYear) -> HubRollup:
    """The hub's Work Groups of `year` by programme (in name order), each programme's totals
    and its pre/post change per outcome area pooled over its Work Groups."""
    scope = _in_year(year).filter(hub=hub)
    rows = _work_group_rows(scope)
    by_programme: dict[int, list[WorkGroupRow]] = defaultdict(list)
    for row in rows:
        by_programme[row.programme_id].append(row)
    programmes = Programme.objects.filter(pk__in=by_programme).order_by("name")
    changes = pre_post_for_groups(
        {pk: [row.pk for row in group] for pk, group in by_programme.items()},
        outcomes=False,
        scope=scope,
    )
    return HubRollup(
        hub=hub,
        year=year,
        programmes=[
            ProgrammeRollup(
                programme=programme,
                work_groups=by_programme[programme.pk],
                totals=_totals(by_programme[programme.pk], changes[programme.pk]),
            )
            for programme in programmes
        ],
    )


def national_programmes(year: AcademicYear) -> list[ProgrammeCount]:
    """Every programme, with how many Work Groups (and hubs running them) in `year`."""
    running = Q(work_groups__academic_year=year.start_year) & ~Q(work_groups__status__in=LEFT_OUT)
    programmes = Programme.objects.annotate(
        work_group_count=Count("work_groups", filter=running),
        hub_count=Count("work_groups__hub", filter=running, distinct=True),
    ).order_by("name")
    return [
        ProgrammeCount(
            programme=programme,
            work_groups=programme.work_group_count,  # type: ignore[attr-defined]
            hubs=programme.hub_count,  # type: ignore[attr-defined]
        )
        for programme in programmes
    ]


def national_programme(programme: Programme, year: AcademicYear) -> NationalProgramme:
    """One programme in `year` across every hub running it (alphabetical, not ranked), and
    England pooled: Work Groups, participants, report statuses, feedback response rate and
    the pre/post change per outcome area."""
    scope = _in_year(year).filter(programme=programme)
    rows = _work_group_rows(scope)
    by_hub: dict[int, list[WorkGroupRow]] = defaultdict(list)
    for row in rows:
        by_hub[row.hub_id].append(row)
    hubs = Hub.objects.filter(pk__in=by_hub).order_by("name")
    groups: dict[object, list[int]] = {
        pk: [row.pk for row in group] for pk, group in by_hub.items()
    }
    groups[ENGLAND] = [row.pk for row in rows]
    changes = pre_post_for_groups(groups, outcomes=False, scope=scope)
    return NationalProgramme(
        programme=programme,
        year=year,
        hubs=[HubLine(hub=hub, totals=_totals(by_hub[hub.pk], changes[hub.pk])) for hub in hubs],
        england=HubLine(hub=None, totals=_totals(rows, changes[ENGLAND])),
    )
