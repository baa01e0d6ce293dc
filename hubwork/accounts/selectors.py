from typing import Any

from allauth.mfa.models import Authenticator

from hubwork.accounts.models import HUB_STAFF_ROLES, STAFF_ROLES, Role, User


def dashboard_for_user(*, user: User) -> dict[str, Any]:
    """What a person's dashboard shows: their roles, hub team roles and account security."""
    hub_roles = list(user.hub_roles.current().select_related("hub").order_by("hub__name", "role"))
    accreditations = list(user.accreditations.order_by("year_achieved"))
    has_two_factor = Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()
    roles = user.roles
    return {
        "roles": [role for role in Role if role in roles],
        "hub_roles": hub_roles,
        "accreditations": accreditations,
        "is_staff_role": bool(roles & STAFF_ROLES),
        "has_two_factor": has_two_factor,
        "staff_area_roles": HUB_STAFF_ROLES,
    }
