"""Hub areas from a CSV file with the columns `hub,la_code` (hub by slug or name). The file is
read here; `services.hub_areas_save` matches and writes its rows."""

import csv
import io
from pathlib import Path
from typing import IO

from hubwork.accounts.models import User
from hubwork.core.imports import UnreadableFileError, decode_csv_bytes
from hubwork.hubs.services import HubAreaImportReport, HubAreaRow, hub_areas_save

REQUIRED_COLUMNS = ("hub", "la_code")


def hub_areas_import(*, file: IO[bytes], by: User | None) -> HubAreaImportReport:
    """Put each listed local authority in the listed hub; report every line it could not use.

    Raises UnreadableFileError, with nothing written, for a file without both columns.
    """
    rows = hub_area_rows_read(file)
    file_name = Path(str(getattr(file, "name", "") or "")).name
    return hub_areas_save(rows=rows, file_name=file_name, by=by)


def hub_area_rows_read(file: IO[bytes]) -> list[HubAreaRow]:
    """Every line of the file that is not blank, by its line number, with its values trimmed."""
    reader = csv.DictReader(io.StringIO(decode_csv_bytes(file.read()), newline=""))
    columns = {(name or "").strip().lower() for name in reader.fieldnames or []}
    missing = [column for column in REQUIRED_COLUMNS if column not in columns]
    if missing:
        raise UnreadableFileError(
            f"The file needs the columns hub and la_code; it has no {' or '.join(missing)} column."
        )
    rows = []
    for row in reader:
        values = {(key or "").strip().lower(): (value or "").strip() for key, value in row.items()}
        hub, code = values.get("hub", ""), values.get("la_code", "")
        if hub or code:
            rows.append(HubAreaRow(line=reader.line_num, hub=hub, la_code=code))
    return rows
