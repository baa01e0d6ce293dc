"""The reports app's part of a person's data (core/privacy.py): the large exports they asked
for (what each held and when, not the files, which hold no one's personal data and are deleted
after 7 days anyway). Erasing the person deletes them and their files."""

from hubwork.accounts.models import User
from hubwork.core.privacy import ExportPart, PersonalData, register_personal_data, rows
from hubwork.reports.models import ReportExport
from hubwork.reports.services.exports import report_exports_erase


def _export(user: User) -> ExportPart:
    return ExportPart(
        tables={
            "report_exports": rows(
                ReportExport.objects.filter(requested_by=user).order_by("pk"),
                "kind",
                "params",
                "file_format",
                "status",
                "rows_total",
                "created_at",
                "finished_at",
            )
        }
    )


def _erase(user: User) -> dict[str, int]:
    return {"report_exports": report_exports_erase(user=user)}


register_personal_data(
    PersonalData(
        name="reports",
        covers=frozenset({"reports.ReportExport.requested_by"}),
        export=_export,
        erase=_erase,
    )
)
