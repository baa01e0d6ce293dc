"""Erasing what the accounts app itself holds about a person: their addresses, two-factor
authenticators, signed-in sessions, codes, data exports and erasure requests, and then their
account row, emptied so that the rows other apps keep about it (enrolments) stay anonymous.
Runs last of the registered parts (accounts/privacy.py), inside `account_erase`."""

from importlib import import_module

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.apps import apps
from django.conf import settings

from hubwork.accounts.models import (
    ERASED_NAME,
    DataExport,
    EmailCode,
    ErasureRequest,
    User,
    erased_address,
)
from hubwork.core.storage import delete_file_after_commit


def account_rows_erase(user: User) -> dict[str, int]:
    """Delete the account's own data and empty its row; returns counts by kind."""
    counts: dict[str, int] = {}
    addresses = {user.email}
    addresses.update(EmailAddress.objects.filter(user=user).values_list("email", flat=True))
    counts["email_codes"] = EmailCode.objects.filter(email__in=addresses).delete()[0]
    counts["email_addresses"] = EmailAddress.objects.filter(user=user).delete()[0]
    counts["authenticators"] = Authenticator.objects.filter(user=user).delete()[0]
    counts["sessions"] = _sessions_end(user)
    exports = DataExport.objects.filter(user=user)
    for name in exports.exclude(file_name="").values_list("file_name", flat=True):
        delete_file_after_commit(name)
    counts["data_exports"] = exports.delete()[0]
    ErasureRequest.objects.filter(requested_by=user).update(requested_by=None)
    ErasureRequest.objects.filter(user=user).update(user=None)
    user.email = erased_address(user.pk)
    user.display_name = ERASED_NAME
    user.set_unusable_password()
    user.is_active = user.is_national_admin = user.is_staff = user.is_superuser = False
    user.last_login = None
    user.save()
    user.groups.clear()
    user.user_permissions.clear()
    counts["accounts"] = 1
    return counts


def _sessions_end(user: User) -> int:
    """Sign the person out everywhere (allauth's user sessions know each browser)."""
    if not apps.is_installed("allauth.usersessions"):
        return 0
    from allauth.usersessions.models import UserSession

    store = import_module(settings.SESSION_ENGINE).SessionStore
    sessions = UserSession.objects.filter(user=user)
    for key in sessions.values_list("session_key", flat=True):
        store(session_key=key).delete()
    return sessions.delete()[0]
