"""Evaluation's retention rule (core/retention.py): school leaders' names and email addresses,
given at sign-up for the school leader questionnaire, are blanked on the requests and the
enrolments once the Work Group's academic year has been over for more than a year
(evaluation/services/retention.py). Responses are anonymous already and are kept."""

from django.conf import settings

from hubwork.core.retention import RetentionRule, register_retention_rule
from hubwork.evaluation.services.retention import (
    leader_contacts_due,
    leader_contacts_expire,
)

register_retention_rule(
    RetentionRule(
        name="school-leader-contacts",
        description=(
            "School leaders' names and email addresses (on school leader requests and the "
            f"enrolments that named them), {settings.SCHOOL_LEADER_CONTACT_RETENTION_YEARS} "
            "year(s) after their Work Group's academic year ends "
            "(SCHOOL_LEADER_CONTACT_RETENTION_YEARS): blanked; the requests and responses stay."
        ),
        due=lambda now: leader_contacts_due(now=now),
        apply=lambda now: leader_contacts_expire(now=now),
    )
)
