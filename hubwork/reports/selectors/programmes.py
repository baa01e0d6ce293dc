"""How each programme went for a hub in one academic year: Work Groups, places, waiting,
completion, attendance and evaluation reports. Four grouped queries (Work Groups, places,
registers, reports), whatever the number of Work Groups or people.

- Places offered: the Work Groups' capacity. Places taken: people enrolled or completed.
- Completion rate: of the people who held a place in a Work Group whose sessions have all
  happened (at least one went ahead and none is still to come), those who completed it.
- Attendance rate: of every mark on the registers, those present or late.
"""

from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Sum
from django.utils import timezone

from hubwork.core.academic_years import AcademicYear
from hubwork.evaluation.models import EvaluationReport
from hubwork.hubs.models import Hub
from hubwork.reports.selectors.hub_reach import Share
from hubwork.workgroups.models import Attendance, Enrolment, Session, WorkGroup

# Work Groups that never ran are left out.
LEFT_OUT = (WorkGroup.Status.DRAFT, WorkGroup.Status.CANCELLED)
NOT_STARTED = "not_started"
REPORT_STATUSES: list[tuple[str, str]] = [
    (NOT_STARTED, "Not started"),
    *((status.value, str(status.label)) for status in EvaluationReport.Status),
]


@dataclass(frozen=True)
class ProgrammeRow:
    programme_id: int | None  # None for the total
    name: str
    work_groups: int
    places_offered: int
    places_taken: int
    waiting: int
    finished_places: int  # places held in Work Groups whose sessions have all happened
    completed: int  # of those, completed
    marks: int
    attended: int
    report_counts: list[tuple[str, str, int]]  # (status, label, Work Groups)

    @property
    def completion(self) -> Share:
        return Share(self.completed, self.finished_places)

    @property
    def attendance(self) -> Share:
        return Share(self.attended, self.marks)

    @property
    def reports_text(self) -> str:
        return ", ".join(f"{label.lower()} {count}" for _status, label, count in self.report_counts)


@dataclass(frozen=True)
class Programmes:
    rows: list[ProgrammeRow]
    total: ProgrammeRow


def hub_work_groups(hub: Hub, year: AcademicYear) -> QuerySet[WorkGroup]:
    """The Work Groups the hub ran in `year`, leaving out drafts and cancelled ones."""
    return WorkGroup.objects.filter(hub=hub, academic_year=year.start_year).exclude(
        status__in=LEFT_OUT
    )


def finished(work_group: str = "pk") -> Q:
    """Whether the Work Group (at `work_group`, from the outer query's row) has had all its
    sessions: at least one went ahead and none that is not cancelled is still to come."""
    today = timezone.localdate()
    sessions = Session.objects.filter(
        work_group=OuterRef(work_group), status=Session.Status.SCHEDULED
    )
    return Q(Exists(sessions.filter(date__lte=today))) & ~Q(Exists(sessions.filter(date__gt=today)))


def hub_programmes(hub: Hub, year: AcademicYear) -> Programmes:
    """Each programme the hub ran Work Groups of in `year`, by name, and their total."""
    work_groups = hub_work_groups(hub, year)
    ids = work_groups.values("pk")
    groups = (
        work_groups.order_by()
        .values("programme", "programme__name")
        .annotate(work_groups=Count("pk"), places_offered=Sum("capacity"))
    )
    places = {
        row["work_group__programme"]: row
        for row in Enrolment.objects.filter(work_group__in=ids)
        .order_by()
        .values("work_group__programme")
        .annotate(
            places_taken=Count("pk", filter=Q(status__in=Enrolment.MEMBERS)),
            waiting=Count("pk", filter=Q(status__in=Enrolment.WAITING)),
            finished_places=Count(
                "pk", filter=Q(status__in=Enrolment.MEMBERS) & finished("work_group")
            ),
            completed=Count(
                "pk", filter=Q(status=Enrolment.Status.COMPLETED) & finished("work_group")
            ),
        )
    }
    registers = {
        row["session__work_group__programme"]: row
        for row in Attendance.objects.filter(session__work_group__in=ids)
        .order_by()
        .values("session__work_group__programme")
        .annotate(marks=Count("pk"), attended=Count("pk", filter=Q(status__in=Attendance.ATTENDED)))
    }
    reports: dict[int, dict[str, int]] = {}
    for programme_id, status, count in (
        work_groups.order_by()
        .values("programme", "evaluation_report__status")
        .annotate(count=Count("pk"))
        .values_list("programme", "evaluation_report__status", "count")
    ):
        reports.setdefault(programme_id, {})[status or NOT_STARTED] = count

    rows = []
    for group in sorted(groups, key=lambda row: row["programme__name"]):
        programme_id = group["programme"]
        place = places.get(programme_id, {})
        register = registers.get(programme_id, {})
        statuses = reports.get(programme_id, {})
        rows.append(
            ProgrammeRow(
                programme_id=programme_id,
                name=group["programme__name"],
                work_groups=group["work_groups"],
                places_offered=group["places_offered"] or 0,
                places_taken=place.get("places_taken", 0),
                waiting=place.get("waiting", 0),
                finished_places=place.get("finished_places", 0),
                completed=place.get("completed", 0),
                marks=register.get("marks", 0),
                attended=register.get("attended", 0),
                report_counts=[
                    (status, label, statuses.get(status, 0)) for status, label in REPORT_STATUSES
                ],
            )
        )
    return Programmes(rows=rows, total=_total(rows))


def _total(rows: list[ProgrammeRow]) -> ProgrammeRow:
    return ProgrammeRow(
        programme_id=None,
        name="All programmes",
        work_groups=sum(row.work_groups for row in rows),
        places_offered=sum(row.places_offered for row in rows),
        places_taken=sum(row.places_taken for row in rows),
        waiting=sum(row.waiting for row in rows),
        finished_places=sum(row.finished_places for row in rows),
        completed=sum(row.completed for row in rows),
        marks=sum(row.marks for row in rows),
        attended=sum(row.attended for row in rows),
        # Every row lists the statuses in REPORT_STATUSES' order.
        report_counts=[
            (status, label, sum(row.report_counts[index][2] for row in rows))
            for index, (status, label) in enumerate(REPORT_STATUSES)
        ],
    )
