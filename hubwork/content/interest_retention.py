"""Registered interest's retention rule: requests never confirmed go after
NEWSLETTER_UNCONFIRMED_RETENTION_DAYS (the same limit as newsletter sign-ups never
confirmed); requests whose Work Group has opened, and that person been told, go after
INTEREST_NOTIFIED_RETENTION_DAYS (a year: long enough to answer "did you tell me?").
Confirmed requests still waiting are kept: they are what the person asked for."""

from datetime import datetime

from django.conf import settings

from hubwork.content.selectors.interest import describe_registration, expired_registrations
from hubwork.content.services.interest import interest_expire
from hubwork.core.retention import RetentionRule, register_retention_rule


def interest_due(now: datetime) -> list[str]:
    return [
        describe_registration(registration)
        for registration in expired_registrations(now=now).select_related("programme", "hub")
    ]


register_retention_rule(
    RetentionRule(
        name="work-group-interest",
        description=(
            "Requests to hear about Work Groups: unconfirmed ones after "
            f"{settings.NEWSLETTER_UNCONFIRMED_RETENTION_DAYS} days "
            "(NEWSLETTER_UNCONFIRMED_RETENTION_DAYS), ones already answered after "
            f"{settings.INTEREST_NOTIFIED_RETENTION_DAYS} days "
            "(INTEREST_NOTIFIED_RETENTION_DAYS)."
        ),
        due=interest_due,
        apply=lambda now: interest_expire(now=now),
    )
)
