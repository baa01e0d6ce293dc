"""Practice's retention rule: trial evidence files go a set number of years after their Work
Group's academic year ends (PRACTICE_EVIDENCE_RETENTION_YEARS).

Outputs are kept: they are the participant's own resource, the tangible thing they take back
to school, and go only when they delete them or their account.
"""

from datetime import datetime

from django.conf import settings
from django.utils import timezone

from hubwork.core.retention import RetentionRule, register_retention_rule
from hubwork.practice.selectors.retention import describe_expired_evidence, expired_evidence
from hubwork.practice.services.retention import evidence_expire


def evidence_due(now: datetime) -> list[str]:
    return [
        describe_expired_evidence(evidence)
        for evidence in expired_evidence(today=timezone.localdate(now)).iterator(chunk_size=2000)
    ]


register_retention_rule(
    RetentionRule(
        name="trial-evidence",
        description=(
            f"Trial evidence files, {settings.PRACTICE_EVIDENCE_RETENTION_YEARS} year(s) after "
            "their Work Group's academic year ends (PRACTICE_EVIDENCE_RETENTION_YEARS); "
            "outputs are kept."
        ),
        due=evidence_due,
        apply=lambda now: evidence_expire(now=now),
    )
)
