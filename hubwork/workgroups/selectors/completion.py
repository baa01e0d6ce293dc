"""What the programme's completion rule would do now, person by person."""

from dataclasses import dataclass

from django.db.models import Count, Q

from hubwork.workgroups.models import Attendance, Enrolment, WorkGroup
from hubwork.workgroups.selectors.attendance import register_people, sessions_held


@dataclass
class CompletionLine:
    enrolment: Enrolment
    attended: int
    meets_rule: bool


@dataclass
class CompletionReport:
    """Who completes under the rule, who does not, and what the rule asked for."""

    required: int
    held: int
    completed: list[CompletionLine]
    not_completed: list[CompletionLine]


def sessions_required(work_group: WorkGroup, *, held: int) -> int:
    """The programme's minimum, or every session that went ahead when it sets none."""
    minimum = work_group.programme.completion_min_sessions
    return held if minimum is None else minimum


def completion_preview(work_group: WorkGroup) -> CompletionReport:
    """What applying the completion rule would do now (two queries, plus the programme).

    People already completed stay completed: a manual override is not undone by the rule.
    """
    held_ids = list(sessions_held(work_group).values_list("pk", flat=True))
    required = sessions_required(work_group, held=len(held_ids))
    people = register_people(work_group).annotate(
        attended=Count(
            "attendances",
            filter=Q(
                attendances__session_id__in=held_ids, attendances__status__in=Attendance.ATTENDED
            ),
        )
    )
    completed: list[CompletionLine] = []
    not_completed: list[CompletionLine] = []
    for enrolment in people:
        meets_rule = bool(held_ids) and enrolment.attended >= required
        line = CompletionLine(enrolment, enrolment.attended, meets_rule)
        if meets_rule or enrolment.status == Enrolment.Status.COMPLETED:
            completed.append(line)
        else:
            not_completed.append(line)
    return CompletionReport(
        required=required, held=len(held_ids), completed=completed, not_completed=not_completed
    )
