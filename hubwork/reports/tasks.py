"""The reports app's Celery task: building a large export."""

from celery import shared_task

from hubwork.reports.services.exports import report_export_build


@shared_task
def build_report_export(export_id: int) -> bool:
    """Build one export (run again, it does nothing: the export is no longer queued)."""
    return report_export_build(export_id=export_id) is not None
