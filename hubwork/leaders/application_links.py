"""The signed link a school leader is emailed to confirm they support an LLME application.

No account is needed: the signature is the proof that the link came in the email to that
address. It names the application and the leader's address, so a link stops working if the
address on the application is not the one it was sent to, and it runs out after
CONFIRM_MAX_AGE (the applicant can send a new one from their applications page).
"""

from dataclasses import dataclass

from django.conf import settings
from django.core import signing
from django.urls import reverse

from hubwork.leaders.models import Application

CONFIRM_SALT = "leaders.application.school_leader_confirm"
CONFIRM_MAX_AGE_DAYS = 14
CONFIRM_MAX_AGE = CONFIRM_MAX_AGE_DAYS * 24 * 60 * 60


def school_leader_token(application: Application) -> str:
    return signing.dumps(
        {"a": application.pk, "e": application.school_leader_email.lower()}, salt=CONFIRM_SALT
    )


def school_leader_url(application: Application) -> str:
    return settings.SITE_URL + reverse(
        "leaders:school_leader_confirm", kwargs={"token": school_leader_token(application)}
    )


@dataclass(frozen=True)
class TokenReading:
    """What a token says: the application it names (None when it names nothing that
    exists any more, or the address changed), and whether it has run out."""

    application: Application | None
    expired: bool = False


def school_leader_token_read(token: str) -> TokenReading:
    """The application a school leader's token names: nothing when the token is forged or
    altered; `expired` when it was genuine but has run out."""
    try:
        data = signing.loads(token, salt=CONFIRM_SALT, max_age=CONFIRM_MAX_AGE)
    except signing.SignatureExpired:
        return TokenReading(application=None, expired=True)
    except signing.BadSignature:
        return TokenReading(application=None)
    if not isinstance(data, dict) or not isinstance(data.get("a"), int):
        return TokenReading(application=None)
    application = (
        Application.objects.select_related("applicant", "school")
        .prefetch_related("hub_applications__hub")
        .filter(pk=data["a"])
        .first()
    )
    if application is None or application.school_leader_email.lower() != data.get("e"):
        return TokenReading(application=None)
    return TokenReading(application=application)
