"""Tables as files: a report's table, downloaded as CSV or as Excel with the page's filters.

    table = ExportTable(
        filename="glow-never-engaged-2026-27",
        sheet="Never engaged",
        columns=["URN", "School", "Phase", "% FSM"],
        rows=((school.urn, school.name, school.phase, school.percentage_fsm) for ...),
    )
    return export_response(table, request.GET.get("format", "csv"))

Rows are read once, as they come: CSV is streamed, and Excel is written by openpyxl's
write-only workbook to a temporary file, so memory stays flat however long the table. Text
that a spreadsheet would read as a formula (it starts with "=", "+", "-" or "@") is kept as
text; numbers stay numbers.
"""

import csv
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import IO

from django.http import FileResponse, Http404, StreamingHttpResponse
from django.utils import timezone
from django.utils.text import slugify
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

FORMATS = {"csv": "CSV", "xlsx": "Excel"}
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# The characters a spreadsheet reads as the start of a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class ExportTable:
    filename: str  # without its extension
    sheet: str
    columns: Sequence[str]
    rows: Iterable[Sequence[object]]


def safe_text(value: object) -> str:
    """Text as a spreadsheet shows it, never as a formula (a name can start with '=')."""
    text = "" if value is None else str(value)
    if text[:1] in FORMULA_STARTS:
        return "'" + text
    return text


def _csv_value(value: object) -> object:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, int | float | Decimal):
        return value
    return safe_text(value)


def _excel_value(value: object) -> object:
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, datetime) and value.tzinfo is not None:
        return timezone.localtime(value).replace(tzinfo=None)  # Excel has no time zones
    if value is None or isinstance(value, int | float | Decimal | date):
        return value
    return safe_text(value)


class _Echo:
    def write(self, value: str) -> str:
        return value


def csv_lines(table: ExportTable) -> Iterator[str]:
    """The table as CSV lines, with a byte order mark so that Excel reads it as UTF-8."""
    writer = csv.writer(_Echo())
    yield "\ufeff"
    yield writer.writerow(table.columns)
    for row in table.rows:
        yield writer.writerow([_csv_value(value) for value in row])


def write_xlsx(table: ExportTable, file: IO[bytes]) -> None:
    """The table as an Excel workbook of one sheet, its header row in bold."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=table.sheet[:31] or "Sheet1")
    header = []
    for column in table.columns:
        cell = WriteOnlyCell(sheet, value=safe_text(column))
        cell.font = Font(bold=True)
        header.append(cell)
    sheet.append(header)
    for row in table.rows:
        sheet.append([_excel_value(value) for value in row])
    workbook.save(file)


def _filename(table: ExportTable, extension: str) -> str:
    return f"{slugify(table.filename) or 'export'}.{extension}"


def csv_response(table: ExportTable) -> StreamingHttpResponse:
    """The table as a CSV download, streamed."""
    response = StreamingHttpResponse(csv_lines(table), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{_filename(table, "csv")}"'
    response["Cache-Control"] = "private, no-store"
    return response


def export_response(table: ExportTable, file_format: str) -> StreamingHttpResponse | FileResponse:
    """The table as a download: `file_format` "csv" (streamed) or "xlsx"; 404 otherwise."""
    if file_format == "csv":
        return csv_response(table)
    if file_format == "xlsx":
        # Closed, and so removed, by the response once it is sent.
        file = tempfile.TemporaryFile()  # noqa: SIM115
        write_xlsx(table, file)
        file.seek(0)
        response = FileResponse(
            file, as_attachment=True, filename=_filename(table, "xlsx"), content_type=XLSX_TYPE
        )
        response["Cache-Control"] = "private, no-store"
        return response
    raise Http404("Download as csv or xlsx.")
