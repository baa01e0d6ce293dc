"""The hubs app's part of a person's data (core/privacy.py): their hub roles and their
accreditations. Both are deleted on erasure (hubs/services.py)."""

from hubwork.accounts.models import User
from hubwork.core.privacy import ExportPart, PersonalData, register_personal_data, rows
from hubwork.hubs.models import Accreditation, HubRole
from hubwork.hubs.services import hub_data_erase


def hub_data_export(user: User) -> ExportPart:
    return ExportPart(
        tables={
            "hub_roles": rows(
                HubRole.objects.filter(user=user).order_by("starts_on", "pk"),
                "hub__name",
                "role",
                "phase",
                "starts_on",
                "ends_on",
            ),
            "accreditations": rows(
                Accreditation.objects.filter(user=user).order_by("kind"), "kind", "year_achieved"
            ),
        }
    )


register_personal_data(
    PersonalData(
        name="hubs",
        covers=frozenset({"hubs.HubRole.user", "hubs.Accreditation.user"}),
        export=hub_data_export,
        erase=hub_data_erase,
    )
)
