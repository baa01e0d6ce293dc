"""Who must sign in with two-factor authentication before seeing other people's details.

Two rules, one for each way a person comes to see participants' personal data (names,
emails, schools):

- staff roles (`STAFF_ROLES`) see it across a hub or the country, so `StaffTwoFactorMiddleware`
  sends them to set up an authenticator app before they use anything else;
- a Work Group's leads see it for their own groups only, on the pages that show it
  (participants, their download and messages, registers, attendance, completion and "What we
  tried", which names who shared each trial and their school). Those views call
  `require_two_factor(user)` once they know the person may see the page; a lead without an
  authenticator app is sent to set one up and then brought back (the middleware turns
  `TwoFactorRequired` into that redirect).

Either an authenticator app or a passkey counts. Once a person has one, allauth asks for it
at every sign-in (a passkey can also sign a person in on its own).
"""

from allauth.mfa.models import Authenticator
from django.core.exceptions import PermissionDenied

from hubwork.accounts.models import User

# The page a person was on their way to when they were sent to set up two-factor, kept in
# their session so that the set-up pages can offer the way back.
RETURN_TO_SESSION_KEY = "two_factor_return_to"


class TwoFactorRequired(PermissionDenied):
    """The person may see the page but must set up two-factor authentication first."""


# Recovery codes alone are not a second factor: they back one up.
SECOND_FACTORS = (Authenticator.Type.TOTP, Authenticator.Type.WEBAUTHN)


def has_two_factor(user: User) -> bool:
    """Has an authenticator app or a passkey, so signs in with more than a password."""
    return Authenticator.objects.filter(user=user, type__in=SECOND_FACTORS).exists()


def require_two_factor(user: User) -> None:
    """Raise `TwoFactorRequired` unless `user` signs in with two-factor authentication. For
    pages that show participants' personal data, after the view has checked that `user` may
    see them at all (so that anyone else still gets 403 or 404, not a set-up page)."""
    if not has_two_factor(user):
        raise TwoFactorRequired
