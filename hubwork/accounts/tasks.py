"""The accounts app's Celery tasks: building a person's data export, carrying out erasures
whose cooling-off has ended (daily), and deleting exports past their 7 days."""

from celery import shared_task
from django.utils import timezone

from hubwork.accounts.services.erasure import erasures_carry_out_due
from hubwork.accounts.services.exports import data_export_build, data_exports_expire


@shared_task
def build_data_export(export_id: int) -> bool:
    """Build one export (run again, it does nothing: the export is no longer queued)."""
    return data_export_build(export_id=export_id) is not None


@shared_task
def carry_out_due_erasures() -> list[str]:
    """Erase every account whose erasure is due; returns their references (never who)."""
    return erasures_carry_out_due(now=timezone.now())


@shared_task
def expire_data_exports() -> int:
    """Delete exports past their 7 days from storage."""
    return len(data_exports_expire(now=timezone.now()))
