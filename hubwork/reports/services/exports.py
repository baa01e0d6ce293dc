"""Large exports: asked for on the exports page, built by a Celery task (reports/tasks.py)
into a CSV or Excel file kept in storage under a random private name, downloaded only by the
person who asked, and deleted after 7 days (reports/retention.py).

The rows are read from the read replica when there is one (core/db_routers.py) and written
as they come, to a temporary file and then to storage, so memory stays flat however many
rows; the count of rows written is saved every `PROGRESS_EVERY` rows for the page to show.
"""

import secrets
import tempfile
from collections.abc import Iterator, Sequence
from datetime import datetime, timedelta
from typing import IO, Any

from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone

from hubwork.accounts.models import User
from hubwork.core.audit import audit
from hubwork.core.db_routers import reading_replica
from hubwork.core.exports import ExportTable, csv_lines, write_xlsx
from hubwork.core.outbox import enqueue
from hubwork.core.storage import delete_file_after_commit
from hubwork.reports.models import EXPORT_LIFETIME, ReportExport
from hubwork.reports.selectors.export_rows import ExportSource, default_params, export_source

EXPORT_FOLDER = "private/report-exports"
# Asking again for the same export within this time gives the one already asked for.
SAME_REQUEST_WITHIN = timedelta(minutes=10)
PROGRESS_EVERY = 2000


def report_export_request(
    *, by: User, kind: str, file_format: str, params: dict[str, Any] | None = None
) -> ReportExport:
    """Queue an export of `kind` as `file_format`, unless the person asked for the same one
    in the last `SAME_REQUEST_WITHIN` and it has not failed: then that one is returned."""
    # Imported here: the task module imports this one.
    from hubwork.reports.tasks import build_report_export

    if kind not in ReportExport.Kind.values:
        raise ValidationError({"kind": "Choose which export to prepare."})
    if file_format not in ReportExport.FileFormat.values:
        raise ValidationError({"file_format": "Choose CSV or Excel."})
    params = params if params is not None else default_params(kind)
    with transaction.atomic():
        # One request at a time per person, so a double click cannot queue two.
        User.objects.select_for_update().get(pk=by.pk)
        recent = ReportExport.objects.filter(
            requested_by=by,
            kind=kind,
            file_format=file_format,
            created_at__gte=timezone.now() - SAME_REQUEST_WITHIN,
        ).exclude(status=ReportExport.Status.FAILED)
        for export in recent:
            if export.params == params:
                return export
        export = ReportExport(requested_by=by, kind=kind, file_format=file_format, params=params)
        export.full_clean()
        export.save()
        audit(by, "report_export.requested", export, kind=kind, file_format=file_format)
        enqueue(build_report_export, export_id=export.pk)
    return export


def report_export_build(*, export_id: int) -> ReportExport | None:
    """Count the rows, write them to the file and store it. Returns None when the export is
    gone or no longer queued (built already by an earlier run of the task)."""
    with transaction.atomic():
        export = (
            ReportExport.objects.select_for_update()
            .filter(pk=export_id, status=ReportExport.Status.QUEUED)
            .first()
        )
        if export is None:
            return None
        export.status = ReportExport.Status.RUNNING
        export.save(update_fields=["status"])
    try:
        # Reads go to the replica, if there is one; the progress saved goes to the primary.
        with reading_replica():
            source = export_source(export.kind, export.params)
            export.rows_total = source.count()
            export.save(update_fields=["rows_total"])
            name, written = _write(export, source)
    except Exception:
        export.status = ReportExport.Status.FAILED
        export.finished_at = timezone.now()
        export.save(update_fields=["status", "finished_at"])
        raise
    export.file.name = name
    export.status = ReportExport.Status.READY
    # Rows may have come or gone between the count and the writing: the file is the truth.
    export.rows_done = export.rows_total = written
    export.finished_at = timezone.now()
    export.save(update_fields=["file", "status", "rows_done", "rows_total", "finished_at"])
    return export


def _write(export: ReportExport, source: ExportSource) -> tuple[str, int]:
    counted = _Counted(export, source.rows())
    table = ExportTable(
        filename=source.filename, sheet=source.sheet, columns=source.columns, rows=counted
    )
    with tempfile.TemporaryFile() as file:
        if export.file_format == ReportExport.FileFormat.XLSX:
            write_xlsx(table, file)
        else:
            _write_csv(table, file)
        file.seek(0)
        name = default_storage.save(
            f"{EXPORT_FOLDER}/{secrets.token_urlsafe(24)}.{export.file_format}", File(file)
        )
    return name, counted.done


def _write_csv(table: ExportTable, file: IO[bytes]) -> None:
    for line in csv_lines(table):
        file.write(line.encode("utf-8"))


class _Counted:
    """The rows, saving how many have been written every `PROGRESS_EVERY`."""

    def __init__(self, export: ReportExport, rows: Iterator[Sequence[object]]) -> None:
        self.export = export
        self.rows = rows
        self.done = 0

    def __iter__(self) -> Iterator[Sequence[object]]:
        for row in self.rows:
            yield row
            self.done += 1
            if self.done % PROGRESS_EVERY == 0:
                ReportExport.objects.filter(pk=self.export.pk).update(rows_done=self.done)


def report_export_file_name(export: ReportExport) -> str:
    """The name the download is saved as: what it holds and when it was prepared."""
    source = export_source(export.kind, export.params)
    day = export.finished_at or export.created_at
    return f"{source.filename}-{day:%Y-%m-%d}.{export.file_format}"


def report_export_downloaded(*, export: ReportExport, by: User) -> None:
    """Log a download."""
    audit(by, "report_export.downloaded", export)


def _delete(exports: Any) -> list[str]:
    lines = []
    for export in exports.order_by("pk"):
        delete_file_after_commit(export.file.name)
        lines.append(f"Report export {export.pk}, asked for {export.created_at:%Y-%m-%d}")
    exports.delete()
    return lines


def report_exports_expire(*, now: datetime) -> list[str]:
    """Delete every export past its 7 days, its file from storage (after commit); one line
    per export. Running it again removes nothing more."""
    with transaction.atomic():
        expired = ReportExport.objects.filter(created_at__lte=now - EXPORT_LIFETIME)
        return _delete(expired.select_for_update())


def report_exports_erase(*, user: User) -> int:
    """Delete a person's exports and their files (erasing the person)."""
    return len(_delete(ReportExport.objects.filter(requested_by=user)))
