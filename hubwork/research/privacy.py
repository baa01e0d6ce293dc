"""The research app's part of a person's data (core/privacy.py): the readings they added to
the library. On erasure the readings stay in the library (they are citations of published
research), without who added them."""

from hubwork.accounts.models import User
from hubwork.core.privacy import ExportPart, PersonalData, register_personal_data, rows
from hubwork.research import (
    cycles_privacy,  # noqa: F401 (registers its part)
    data_privacy,  # noqa: F401 (registers its part)
    session_readings_privacy,  # noqa: F401 (registers its part)
    writeups_privacy,  # noqa: F401 (registers its part)
)
from hubwork.research.models import Reading
from hubwork.research.services.erasure import research_data_erase


def research_data_export(user: User) -> ExportPart:
    return ExportPart(
        tables={
            "readings_added": rows(
                Reading.objects.filter(added_by=user).order_by("created_at", "pk"),
                "title",
                "authors",
                "year",
                "doi",
                "hub__name",
                "created_at",
            )
        }
    )


register_personal_data(
    PersonalData(
        name="research",
        covers=frozenset({"research.Reading.added_by"}),
        export=research_data_export,
        erase=research_data_erase,
    )
)
