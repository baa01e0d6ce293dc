"""Data tables as part of a person's data (core/privacy.py): which tables of aggregate data
they added to research projects. Loaded by research/privacy.py. On erasure the tables stay
with their projects (counts for classes, the project's, not the person's), without who
added them."""

from hubwork.accounts.models import User
from hubwork.core.privacy import ExportPart, PersonalData, register_personal_data, rows
from hubwork.research.models import DataTable
from hubwork.research.services.erasure import data_tables_erase


def data_tables_export(user: User) -> ExportPart:
    return ExportPart(
        tables={
            "data_tables_added": rows(
                DataTable.objects.filter(added_by=user).order_by("created_at", "pk"),
                "project__title",
                "year__number",
                "title",
                "description",
                "created_at",
                "updated_at",
            )
        }
    )


register_personal_data(
    PersonalData(
        name="research_data_tables",
        covers=frozenset({"research.DataTable.added_by"}),
        export=data_tables_export,
        erase=data_tables_erase,
    )
)
