"""The accounts app's part of a person's data (core/privacy.py): their profile and roles, email
addresses, two-factor methods (their kind and dates, never their secrets), signed-in sessions,
and their own data exports and erasure requests. Erased last of all the parts, since the
account row is what the other apps' rows refer to (accounts/services/personal_data.py)."""

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.apps import apps

from hubwork.accounts.models import DataExport, ErasureRequest, User
from hubwork.accounts.services.personal_data import account_rows_erase
from hubwork.core.privacy import ExportPart, PersonalData, register_personal_data, rows

USER_SESSIONS = apps.is_installed("allauth.usersessions")


def account_export(user: User) -> ExportPart:
    tables = {
        "profile": rows(
            User.objects.filter(pk=user.pk),
            "email",
            "display_name",
            "date_joined",
            "last_login",
            "is_active",
            "is_national_admin",
            "is_staff",
            "is_superuser",
        ),
        "email_addresses": rows(
            EmailAddress.objects.filter(user=user).order_by("pk"), "email", "verified", "primary"
        ),
        "two_factor_methods": rows(
            Authenticator.objects.filter(user=user).order_by("pk"),
            "type",
            "created_at",
            "last_used_at",
        ),
        "data_exports": rows(
            DataExport.objects.filter(user=user).order_by("pk"),
            "status",
            "created_at",
            "ready_at",
            "expires_at",
            "download_count",
        ),
        "erasure_requests": rows(
            ErasureRequest.objects.filter(user=user).order_by("pk"),
            "reference",
            "reason",
            "requested_at",
            "due_at",
            "cancelled_at",
            "carried_out_at",
        ),
    }
    if USER_SESSIONS:
        from allauth.usersessions.models import UserSession

        tables["signed_in_sessions"] = rows(
            UserSession.objects.filter(user=user).order_by("pk"),
            "ip",
            "user_agent",
            "created_at",
            "last_seen_at",
        )
    return ExportPart(tables=tables)


register_personal_data(
    PersonalData(
        name="account",
        covers=frozenset(
            {
                "account.EmailAddress.user",
                "mfa.Authenticator.user",
                "accounts.DataExport.user",
                "accounts.ErasureRequest.user",
                "accounts.ErasureRequest.requested_by",
            }
            | ({"usersessions.UserSession.user"} if USER_SESSIONS else set())
        ),
        export=account_export,
        erase=account_rows_erase,
        order=900,
    )
)
