"""Evaluation's retention rule (core/retention.py): school leaders' names and email addresses,
given at sign-up for the school leader questionnaire, are blanked on the requests and the
enrolments once the Work Group's academic year has been over for more than a year
(evaluation/services/retention.py). Responses are anonymous already and are kept."""

from hubwork.core.retention import RetentionRule, register_retention_rule
from hubwork.evaluation.services.retention import (
    LEADER_CONTACT_KEPT_YEARS,
    leader_contacts_due,
    leader_contacts_expire,
)

register_retention_rule(
    RetentionRule(
        name="school-leader-contacts",
        description=(
            "School leaders' names and email addresses (on school leader requests and the "
            f"enrolments that named them), {LEADER_CONTACT_KEPT_YEARS} year(s) after their "
            "Work Group's academic year ends: blanked; the requests and responses stay."
        ),
        due=lambda now: leader_contacts_due(now=now),
        apply=lambda now: leader_contacts_expire(now=now),
    )
)
