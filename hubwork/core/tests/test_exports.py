"""A table downloads as CSV and as Excel with the same values: numbers stay numbers, text a
spreadsheet would run as a formula stays text, and an unknown format is a 404."""

import csv
import io
from datetime import date
from decimal import Decimal

import pytest
from django.http import Http404
from openpyxl import load_workbook

from hubwork.core.exports import ExportTable, export_response


def table(rows):
    return ExportTable(
        filename="GLOW never engaged 2026/27",
        sheet="Never engaged",
        columns=["URN", "School", "% FSM", "Opened", "Engaged"],
        rows=rows,
    )


ROWS = [
    (100001, '=HYPERLINK("http://x")', Decimal("23.40"), date(2001, 9, 1), True),
    (100002, "Brook Primary", None, None, False),
]


def test_csv_streams_the_rows_with_formulas_kept_as_text():
    response = export_response(table(iter(ROWS)), "csv")
    assert response["Content-Disposition"] == (
        'attachment; filename="glow-never-engaged-202627.csv"'
    )
    text = response.getvalue().decode("utf-8-sig")
    lines = list(csv.reader(io.StringIO(text)))
    assert lines[0] == ["URN", "School", "% FSM", "Opened", "Engaged"]
    assert lines[1] == ["100001", '\'=HYPERLINK("http://x")', "23.40", "2001-09-01", "Yes"]
    assert lines[2] == ["100002", "Brook Primary", "", "", "No"]


def test_excel_has_the_same_values_as_numbers_and_dates():
    response = export_response(table(iter(ROWS)), "xlsx")
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    workbook = load_workbook(io.BytesIO(response.getvalue()))
    sheet = workbook["Never engaged"]
    values = [list(row) for row in sheet.iter_rows(values_only=True)]
    assert values[0] == ["URN", "School", "% FSM", "Opened", "Engaged"]
    assert values[1][0] == 100001
    assert values[1][1] == '\'=HYPERLINK("http://x")'
    assert values[1][2] == pytest.approx(23.4)
    assert values[1][3].date() == date(2001, 9, 1)
    assert values[2] == [100002, "Brook Primary", None, None, "No"]
    assert sheet["A1"].font.bold


def test_an_unknown_format_is_not_found():
    with pytest.raises(Http404):
        export_response(table([]), "pdf")
