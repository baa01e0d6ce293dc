"""Retention of school leaders' names and email addresses (evaluation/retention.py).

Sign-up asks a participant for their school leader's name and email address so the school
leader questionnaire can reach them at the end of the year. Those are a third party's
personal data: once the Work Group's academic year has been over for more than
`leader_contact_kept_years()` (its school leader window closed long before), they are blanked on
the school leader requests and on the enrolments that named them. The requests themselves stay
(their school, when they were sent, the response they led to), so response rates are unchanged.
"""

from datetime import date, datetime

from django.conf import settings
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone

from hubwork.core.academic_years import AcademicYear
from hubwork.core.audit import audit
from hubwork.evaluation.models import Invitation, Wave
from hubwork.workgroups.models import Enrolment, WorkGroup


def leader_contact_kept_years() -> int:
    """Kept for this many whole years after the academic year ends (on 31 August): with 1,
    2024/25's go on 1 September 2026. The school leader window closes six weeks after the last
    session, so a year leaves the report's questions about a school's answer time to be
    settled (setting SCHOOL_LEADER_CONTACT_RETENTION_YEARS)."""
    return settings.SCHOOL_LEADER_CONTACT_RETENTION_YEARS


def last_expired_academic_year(today: date) -> AcademicYear:
    """The latest academic year whose school leaders' contact details have been kept long
    enough on `today`."""
    return AcademicYear(AcademicYear.for_date(today).start_year - 1 - leader_contact_kept_years())


def _holding_contact(name: str, email: str) -> Q:
    """Rows with either field still filled in."""
    return ~Q(**{name: ""}) | ~Q(**{email: ""})


def expired_leader_requests(*, today: date) -> QuerySet[Invitation]:
    """School leader requests still naming someone whose Work Group's year ended long enough
    ago, oldest year first."""
    return (
        Invitation.objects.filter(
            _holding_contact("leader_name", "leader_email"),
            wave=Wave.SCHOOL_LEADER,
            work_group__academic_year__lte=last_expired_academic_year(today).start_year,
        )
        .select_related("work_group", "school")
        .order_by("work_group__academic_year", "work_group_id", "pk")
    )


def expired_leader_enrolments(*, today: date) -> QuerySet[Enrolment]:
    """Enrolments still naming a school leader, in Work Groups whose year ended long enough
    ago."""
    return Enrolment.objects.filter(
        _holding_contact("school_leader_name", "school_leader_email"),
        work_group__academic_year__lte=last_expired_academic_year(today).start_year,
    )


def describe_work_group(work_group: WorkGroup, requests: int, enrolments: int) -> str:
    """One line per Work Group, with counts only: never the leaders' names."""
    return (
        f"Work Group '{work_group.title}' {work_group.year.label}: school leader contact "
        f"details on {requests} request(s) and {enrolments} enrolment(s)"
    )


def leader_contacts_due(*, now: datetime) -> list[str]:
    """What `leader_contacts_expire` would blank now, one line per Work Group."""
    return [line for line, _work_group_id in _by_work_group(timezone.localdate(now))]


def _by_work_group(today: date) -> list[tuple[str, int]]:
    """Each Work Group with contact details due to go: its line, and its id."""
    requests = expired_leader_requests(today=today)
    enrolments = expired_leader_enrolments(today=today)
    counts: dict[int, list[int]] = {}
    for work_group_id in requests.values_list("work_group_id", flat=True):
        counts.setdefault(work_group_id, [0, 0])[0] += 1
    for work_group_id in enrolments.values_list("work_group_id", flat=True):
        counts.setdefault(work_group_id, [0, 0])[1] += 1
    work_groups = WorkGroup.objects.in_bulk(list(counts))
    ordered = sorted(counts, key=lambda pk: (work_groups[pk].academic_year, pk))
    return [(describe_work_group(work_groups[pk], *counts[pk]), pk) for pk in ordered]


def leader_contacts_expire(*, now: datetime) -> list[str]:
    """Blank the school leader's name and email address on every request and enrolment kept
    long enough, one Work Group per transaction; returns a line per Work Group. A second run
    finds nothing."""
    today = timezone.localdate(now)
    done: list[str] = []
    for line, work_group_id in _by_work_group(today):
        with transaction.atomic():
            requests = (
                expired_leader_requests(today=today)
                .filter(work_group_id=work_group_id)
                .update(leader_name="", leader_email="")
            )
            enrolments = (
                expired_leader_enrolments(today=today)
                .filter(work_group_id=work_group_id)
                .update(school_leader_name="", school_leader_email="")
            )
            work_group = WorkGroup.objects.get(pk=work_group_id)
            audit(
                None,
                "evaluation.leader_contacts_expired",
                work_group,
                hub=work_group.hub_id,
                requests=requests,
                enrolments=enrolments,
                academic_year=work_group.year.label,
            )
        done.append(line)
    return done
