"""A person's copy of their data: asked for on "Your data", built by a Celery task as a ZIP of
every registered part's tables (JSON and CSV) and files, kept in storage under a random
private name for 7 days, downloaded only by its owner, then deleted.

One export at a time per person: a new one can start once the last is ready or has failed.
"""

import csv
import io
import json
import secrets
import tempfile
import zipfile
from datetime import datetime, timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.files.storage import default_storage
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.db.models import F
from django.template.loader import render_to_string
from django.utils import timezone

from hubwork.accounts.models import DataExport, User
from hubwork.core.audit import audit
from hubwork.core.outbox import enqueue
from hubwork.core.privacy import personal_data_parts
from hubwork.core.storage import delete_file_after_commit

EXPORT_LIFETIME = timedelta(days=7)
EXPORT_FOLDER = "private/data-exports"


def data_export_start(*, user: User) -> DataExport:
    """Queue a new export for the person, unless one is already on its way."""
    # Imported here: the task module imports this one.
    from hubwork.accounts.tasks import build_data_export

    with transaction.atomic():
        User.objects.select_for_update().get(pk=user.pk)
        if DataExport.objects.filter(user=user, status__in=DataExport.IN_PROGRESS).exists():
            raise ValidationError(
                "Your data is already being prepared. You can ask again once it is ready."
            )
        export = DataExport(user=user)
        export.full_clean()
        export.save()
        audit(user, "data_export.requested", export)
        enqueue(build_data_export, export_id=export.pk)
    return export


def data_export_build(*, export_id: int) -> DataExport | None:
    """Build the ZIP and store it; progress is saved after each part. Returns None when the
    export is gone or no longer queued (already built by an earlier run)."""
    with transaction.atomic():
        export = (
            DataExport.objects.select_for_update()
            .select_related("user")
            .filter(pk=export_id, status=DataExport.Status.QUEUED)
            .first()
        )
        if export is None:
            return None
        export.status = DataExport.Status.BUILDING
        export.save(update_fields=["status"])
    try:
        name, size = _build_archive(export)
    except Exception:
        _progress(export, status=DataExport.Status.FAILED)
        raise
    now = timezone.now()
    export.status = DataExport.Status.READY
    export.progress = 100
    export.file_name = name
    export.size = size
    export.ready_at = now
    export.expires_at = now + EXPORT_LIFETIME
    export.save(update_fields=["status", "progress", "file_name", "size", "ready_at", "expires_at"])
    return export


def _progress(export: DataExport, *, progress: int | None = None, status: str = "") -> None:
    if progress is not None:
        export.progress = progress
    if status:
        export.status = status
    export.save(update_fields=["progress", "status"])


def _build_archive(export: DataExport) -> tuple[str, int]:
    parts = personal_data_parts()
    steps = len(parts) + 1
    contents: list[str] = []
    with tempfile.TemporaryFile() as archive_file:
        with zipfile.ZipFile(archive_file, "w", zipfile.ZIP_DEFLATED) as archive:
            files: list[tuple[str, str]] = []
            for number, part in enumerate(parts, start=1):
                exported = part.export(export.user)
                for table, table_rows in exported.tables.items():
                    base = f"{part.name}/{table}"
                    archive.writestr(f"{base}.json", _as_json(table_rows))
                    archive.writestr(f"{base}.csv", _as_csv(table_rows))
                    contents.append(f"{base}.json / .csv: {len(table_rows)} row(s)")
                files.extend((name, f"{part.name}/{path}") for name, path in exported.files)
                _progress(export, progress=int(90 * number / steps))
            for stored_name, path in files:
                with default_storage.open(stored_name, "rb") as stored:
                    archive.writestr(path, stored.read())
                contents.append(path)
            archive.writestr(
                "README.txt",
                render_to_string(
                    "accounts/data_export_readme.txt",
                    {"user": export.user, "contents": contents, "created_at": timezone.now()},
                ),
            )
        size = archive_file.tell()
        archive_file.seek(0)
        name = default_storage.save(
            f"{EXPORT_FOLDER}/{secrets.token_urlsafe(24)}.zip", File(archive_file)
        )
    return name, size


def _as_json(table_rows: list[dict[str, Any]]) -> str:
    return json.dumps(table_rows, cls=DjangoJSONEncoder, indent=2, ensure_ascii=False)


def _as_csv(table_rows: list[dict[str, Any]]) -> str:
    out = io.StringIO()
    if table_rows:
        writer = csv.DictWriter(out, fieldnames=list(table_rows[0]))
        writer.writeheader()
        for row in table_rows:
            writer.writerow(
                {
                    key: json.dumps(value, cls=DjangoJSONEncoder)
                    if isinstance(value, dict | list)
                    else value
                    for key, value in row.items()
                }
            )
    return out.getvalue()


def data_export_downloaded(*, export: DataExport, by: User) -> DataExport:
    """Count a download and log it."""
    with transaction.atomic():
        DataExport.objects.filter(pk=export.pk).update(download_count=F("download_count") + 1)
        export.download_count += 1
        audit(by, "data_export.downloaded", export)
    return export


def data_exports_expire(*, now: datetime) -> list[str]:
    """Delete every export past its 7 days from storage (after commit); returns one line per
    export. Running it again removes nothing more."""
    expired = DataExport.objects.filter(status=DataExport.Status.READY, expires_at__lte=now)
    lines = []
    with transaction.atomic():
        for export in expired.select_for_update():
            name = export.file_name
            if name:
                delete_file_after_commit(name)
            export.status = DataExport.Status.EXPIRED
            export.file_name = ""
            export.save(update_fields=["status", "file_name"])
            lines.append(f"Data export {export.pk}, ready {export.ready_at:%Y-%m-%d}")
    return lines
