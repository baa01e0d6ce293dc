"""Reports read the other apps' tables and keep one of their own: large exports, built in the
background as files a national admin downloads."""

from datetime import timedelta
from typing import ClassVar

from django.conf import settings
from django.db import models
from django.utils import timezone

# How long an export is kept, file and record, after it is asked for.
EXPORT_LIFETIME = timedelta(days=7)


class ReportExport(models.Model):
    """A large table (ten years of engagements, England's never-engaged schools) written to a
    CSV or Excel file by a Celery task (reports/tasks.py), which counts its rows as it goes so
    the page can show progress. Only the person who asked can download it
    (reports/permissions.py); it is deleted after `EXPORT_LIFETIME` (reports/retention.py)."""

    class Kind(models.TextChoices):
        ENGAGEMENTS = "engagements", "Engaged schools, ten academic years"
        NEVER_ENGAGED_NATIONAL = "never_engaged_national", "Never-engaged schools in England"

    class FileFormat(models.TextChoices):
        CSV = "csv", "CSV"
        XLSX = "xlsx", "Excel"

    class Status(models.TextChoices):
        QUEUED = "queued", "Waiting to start"
        RUNNING = "running", "Being prepared"
        READY = "ready", "Ready to download"
        FAILED = "failed", "Could not be prepared"

    # Still on its way: the exports page refreshes itself while any is.
    IN_PROGRESS: ClassVar[tuple[str, ...]] = (Status.QUEUED, Status.RUNNING)

    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="report_exports"
    )
    kind = models.CharField(max_length=40, choices=Kind.choices)
    params = models.JSONField(default=dict, blank=True, help_text="What the rows cover.")
    file_format = models.CharField(max_length=4, choices=FileFormat.choices)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    rows_done = models.PositiveIntegerField(default=0)
    rows_total = models.PositiveIntegerField(null=True, blank=True)
    file = models.FileField(max_length=200, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["requested_by", "created_at"])]

    def __str__(self) -> str:
        return f"Report export {self.pk} ({self.get_status_display()})"
