"""Reads for the retention of trial evidence: which files have been kept long enough."""

from datetime import date

from django.conf import settings
from django.db.models import QuerySet

from hubwork.core.academic_years import AcademicYear
from hubwork.practice.models import Evidence


def last_expired_academic_year(today: date) -> AcademicYear:
    """The latest academic year whose evidence has been kept long enough on `today`.

    A year's evidence is kept until PRACTICE_EVIDENCE_RETENTION_YEARS years after the year
    ends (on 31 August) and goes the day after: with 3 years, 2022/23's evidence (the year
    ends on 31 August 2023) is kept to 31 August 2026 and goes from 1 September 2026.
    """
    years = settings.PRACTICE_EVIDENCE_RETENTION_YEARS
    return AcademicYear(AcademicYear.for_date(today).start_year - 1 - years)


def expired_evidence(*, today: date) -> QuerySet[Evidence]:
    """Every evidence file whose Work Group's academic year ended long enough ago, with its
    trial and Work Group, oldest year first."""
    return (
        Evidence.objects.filter(
            trial__work_group__academic_year__lte=last_expired_academic_year(today).start_year
        )
        .select_related("trial__work_group")
        .order_by("trial__work_group__academic_year", "trial__work_group_id", "trial_id", "pk")
    )


def describe_expired_evidence(evidence: Evidence) -> str:
    """One line naming the file, its trial and its Work Group, as the retention report says."""
    work_group = evidence.trial.work_group
    return (
        f"Evidence '{evidence.original_name}' (trial {evidence.trial_id}, "
        f"Work Group '{work_group.title}' {work_group.year.label})"
    )
