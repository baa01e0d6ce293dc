"""Signed links in registered-interest emails: confirm a registration, and stop one.

No account is needed for either: the signature is the proof that the link came in an email
to that address. A confirmation link runs out (CONFIRM_MAX_AGE); a stop link does not, so
that the link in the email telling someone a Work Group has opened still works later.
"""

from django.conf import settings
from django.core import signing
from django.urls import reverse

from hubwork.content.models import InterestRegistration
from hubwork.content.newsletter_links import token_read

CONFIRM_SALT = "content.interest.confirm"
STOP_SALT = "content.interest.stop"
# A confirmation link works for a week.
CONFIRM_MAX_AGE = 7 * 24 * 60 * 60


def _payload(registration: InterestRegistration) -> dict[str, object]:
    # The address is signed too, so a link stops working if the row is ever reused.
    return {"r": registration.pk, "e": registration.email}


def confirm_token(registration: InterestRegistration) -> str:
    return signing.dumps(_payload(registration), salt=CONFIRM_SALT)


def confirm_url(registration: InterestRegistration) -> str:
    token = confirm_token(registration)
    return settings.SITE_URL + reverse("content:interest_confirm", kwargs={"token": token})


def stop_token(registration: InterestRegistration) -> str:
    return signing.dumps(_payload(registration), salt=STOP_SALT)


def stop_url(registration: InterestRegistration) -> str:
    token = stop_token(registration)
    return settings.SITE_URL + reverse("content:interest_stop", kwargs={"token": token})


def registration_from_token(
    token: str, *, salt: str, max_age: int | None = None
) -> InterestRegistration | None:
    """The registration a token names, or None when the token is forged, altered or has run
    out, or the registration is gone (withdrawn, erased or expired)."""
    data = token_read(token, salt=salt, max_age=max_age)
    if data is None or not isinstance(data.get("r"), int):
        return None
    return (
        InterestRegistration.objects.select_related("programme", "hub")
        .filter(pk=data["r"], email=data.get("e"))
        .first()
    )
