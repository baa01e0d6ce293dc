"""The reports app's retention rule (core/retention.py): large exports, files and rows, 7 days
after they were asked for."""

from datetime import datetime

from hubwork.core.retention import RetentionRule, register_retention_rule
from hubwork.reports.models import EXPORT_LIFETIME, ReportExport
from hubwork.reports.services.exports import report_exports_expire


def _exports_due(now: datetime) -> list[str]:
    return [
        f"Report export {export.pk}, asked for {export.created_at:%Y-%m-%d}"
        for export in ReportExport.objects.filter(created_at__lte=now - EXPORT_LIFETIME).order_by(
            "pk"
        )
    ]


register_retention_rule(
    RetentionRule(
        name="report-exports",
        description="Report exports, 7 days after they are asked for: file and record deleted.",
        due=_exports_due,
        apply=lambda now: report_exports_expire(now=now),
    )
)
