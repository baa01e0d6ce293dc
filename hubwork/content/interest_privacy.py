"""Registered interest's part of a person's data (core/privacy.py): their requests to hear
about Work Groups, by account or by their address. Erasing them deletes the requests."""

from hubwork.accounts.models import User
from hubwork.content.selectors.interest import registrations_for_user
from hubwork.content.services.interest import interest_erase
from hubwork.core.privacy import ExportPart, PersonalData, register_personal_data, rows


def interest_data_export(user: User) -> ExportPart:
    return ExportPart(
        tables={
            "work_group_interest": rows(
                registrations_for_user(user).order_by("created_at", "pk"),
                "email",
                "programme__name",
                "phase",
                "hub__name",
                "created_at",
                "confirmed_at",
                "notified_at",
                "notified_work_group__title",
            )
        }
    )


register_personal_data(
    PersonalData(
        name="content-interest",
        covers=frozenset({"content.InterestRegistration.user"}),
        export=interest_data_export,
        erase=interest_erase,
    )
)
