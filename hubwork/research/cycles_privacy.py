"""Enquiry cycles as part of a person's data (core/privacy.py): the cycles they recorded in
research projects. Loaded by research/privacy.py. On erasure their cycles go."""

from hubwork.accounts.models import User
from hubwork.core.privacy import ExportPart, PersonalData, register_personal_data, rows
from hubwork.research.models import EnquiryCycle
from hubwork.research.services.cycles import cycles_data_erase


def cycles_data_export(user: User) -> ExportPart:
    return ExportPart(
        tables={
            "enquiry_cycles": rows(
                EnquiryCycle.objects.filter(author=user).order_by("created_at", "pk"),
                "project__title",
                "year__number",
                "asked",
                "class_description",
                "did",
                "observed",
                "concluded",
                "created_at",
                "updated_at",
            )
        }
    )


register_personal_data(
    PersonalData(
        name="research_enquiry_cycles",
        covers=frozenset({"research.EnquiryCycle.author"}),
        export=cycles_data_export,
        erase=cycles_data_erase,
    )
)
