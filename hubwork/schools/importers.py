"""Read the national register of schools (GIAS "all establishment data") for import.

The file is parsed in full before anything is written, so a missing column stops the import
with nothing changed, and every bad row is reported by its physical line in the file while the
good rows are still imported. The rows accepted are written by `services.school_register_save`.
"""

import csv
import io
import operator
import os
import sys
from collections.abc import Iterator
from datetime import date
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from pathlib import Path
from typing import IO, NamedTuple

from django.contrib.auth.base_user import AbstractBaseUser
from tqdm import tqdm  # type: ignore[import-untyped]

from hubwork.core.imports import UnreadableFileError, decode_csv_bytes
from hubwork.schools.models import School, postcode_key_for, search_text_for
from hubwork.schools.services import (
    RegisterFile,
    RejectedRow,
    SchoolImportReport,
    SchoolRow,
    SchoolValues,
    school_register_save,
)

# What GIAS writes in place of a number it will not publish.
SUPPRESSED = {"SUPP", "NA"}

# Largest values the columns hold (PositiveIntegerField and PositiveSmallIntegerField).
LARGEST_INTEGER = 2_147_483_647
LARGEST_SMALL_INTEGER = 32_767

URN = "URN"
NAME = "EstablishmentName"
TYPE = "TypeOfEstablishment (name)"
TYPE_GROUP = "EstablishmentTypeGroup (name)"
STATUS = "EstablishmentStatus (name)"
PHASE = "PhaseOfEducation (name)"
LOW_AGE = "StatutoryLowAge"
HIGH_AGE = "StatutoryHighAge"
LA_CODE = "LA (code)"
LA_NAME = "LA (name)"
STREET = "Street"
TOWN = "Town"
POSTCODE = "Postcode"
TRUST = "Trusts (name)"
PUPILS = "NumberOfPupils"
FSM = "PercentageFSM"
OPEN_DATE = "OpenDate"
CLOSE_DATE = "CloseDate"
UKPRN = "UKPRN"

# Every column the importer reads. All are required: a file without one of them would
# otherwise blank that field for every school on re-import.
REQUIRED_COLUMNS = (
    URN,
    NAME,
    TYPE,
    TYPE_GROUP,
    STATUS,
    PHASE,
    LOW_AGE,
    HIGH_AGE,
    LA_CODE,
    LA_NAME,
    STREET,
    TOWN,
    POSTCODE,
    TRUST,
    PUPILS,
    FSM,
    OPEN_DATE,
    CLOSE_DATE,
    UKPRN,
)


class MissingColumnsError(ValueError):
    """The file's header lacks columns the import needs; nothing was written."""

    def __init__(self, missing: list[str]) -> None:
        self.missing = missing
        names = ", ".join(f"'{name}'" for name in missing)
        super().__init__(f"The file has no {names} column{'s' if len(missing) > 1 else ''}.")


def schools_import(
    *,
    path_or_file: str | os.PathLike[str] | IO[bytes],
    by: AbstractBaseUser | None = None,
    progress: bool = False,
) -> SchoolImportReport:
    """Create or update schools and local authorities from a GIAS file, matched by URN.

    Raises MissingColumnsError or UnreadableFileError (both ValueError) before writing
    anything; OSError when the file cannot be opened.
    """
    register = _read_file(path_or_file, progress=progress)
    return school_register_save(register=register, by=by, progress=progress)


def _read_file(path_or_file: str | os.PathLike[str] | IO[bytes], *, progress: bool) -> RegisterFile:
    """The file's name and its rows; the file's bytes and text are let go on return."""
    if isinstance(path_or_file, str | os.PathLike):
        path = Path(path_or_file)
        file_name, data = path.name, path.read_bytes()
    else:
        name = str(getattr(path_or_file, "name", "") or "")
        file_name, data = Path(name).name, path_or_file.read()
    return _parse(decode_csv_bytes(data), file_name=file_name, progress=progress)


def _parse(text: str, *, file_name: str, progress: bool) -> RegisterFile:
    records = _records(text)
    try:
        _, _, header_record = next(records)
    except StopIteration:
        raise UnreadableFileError("The file is empty.") from None
    if isinstance(header_record, csv.Error):
        raise UnreadableFileError(f"The header line is not readable CSV ({header_record}).")
    header = [name.strip() for name in header_record]
    missing = [name for name in REQUIRED_COLUMNS if name not in header]
    if missing:
        raise MissingColumnsError(missing)
    index = {name: header.index(name) for name in REQUIRED_COLUMNS}
    pick = operator.itemgetter(*index.values())

    # Only a file with bytes that were not text needs each row checked for them.
    undecodable = "\ufffd" in text
    parsed = RegisterFile(file_name=file_name)
    first_line_of_urn: dict[int, int] = {}
    lines_in_file = text.count("\n") + (not text.endswith("\n"))
    with tqdm(
        total=lines_in_file, desc="Reading", unit=" lines", disable=not progress, file=sys.stderr
    ) as bar:
        lines_shown = 0
        for line, last_line, record in records:
            if line - lines_shown > 1000:
                bar.update(line - lines_shown)
                lines_shown = line
            if isinstance(record, csv.Error):
                parsed.rejected.append(RejectedRow(line, "", f"is not readable CSV ({record})"))
                continue
            if not any(value.strip() for value in record):
                continue  # a blank line, or one of only commas
            if len(record) == len(header):
                cells = dict(zip(REQUIRED_COLUMNS, map(str.strip, pick(record)), strict=True))
            else:
                cells = {name: record[i].strip() for name, i in index.items() if i < len(record)}
            urn_text = cells.get(URN, "")
            urn = _urn_or_none(urn_text)
            if urn is not None:
                parsed.urns_in_file.add(urn)
                if urn in first_line_of_urn:
                    reason = f"URN {urn} is a duplicate of line {first_line_of_urn[urn]}"
                    parsed.rejected.append(RejectedRow(line, urn_text, reason))
                    continue
                first_line_of_urn[urn] = line
            if len(record) != len(header):
                lines = f" (lines {line}-{last_line})" if last_line > line else ""
                reason = f"has {len(record)} values but the header has {len(header)} columns{lines}"
                parsed.rejected.append(RejectedRow(line, urn_text, reason))
                continue
            row = _row(line, cells, undecodable=undecodable)
            if isinstance(row, list):
                parsed.rejected.append(RejectedRow(line, urn_text, "; ".join(row)))
                continue
            parsed.rows.append(row)
            # The first name the file gives a code wins; an empty one never does.
            if row.la_code and not parsed.la_names.get(row.la_code):
                parsed.la_names[row.la_code] = cells[LA_NAME]
        bar.update(lines_in_file - lines_shown)
    return parsed


def _records(text: str) -> Iterator[tuple[int, int, list[str] | csv.Error]]:
    """Each CSV record with the physical lines it starts and ends on (the header is line 1)."""
    reader = csv.reader(io.StringIO(text, newline=""))
    line = 1
    while True:
        try:
            record: list[str] | csv.Error = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            record = error
        yield line, reader.line_num, record
        line = reader.line_num + 1


def _row(line: int, cells: dict[str, str], *, undecodable: bool) -> SchoolRow | list[str]:
    """One accepted row, or the reasons it was rejected."""
    cell = _CellReader(cells)
    urn = cell.urn()
    name = cell.text(NAME, max_length=200, required=True)
    town = cell.text(TOWN, max_length=100)
    postcode = cell.text(POSTCODE, max_length=10)
    la_code = cell.text(LA_CODE, max_length=3)
    cell.text(LA_NAME, max_length=100)
    values = SchoolValues(
        ukprn=cell.whole_number(UKPRN, maximum=LARGEST_INTEGER),
        name=name,
        establishment_type=cell.text(TYPE, max_length=100),
        establishment_type_group=cell.text(TYPE_GROUP, max_length=100),
        status=cell.choice(STATUS, choices=STATUSES, what="status"),
        phase=cell.choice(PHASE, choices=PHASES, what="phase", empty=School.Phase.NOT_APPLICABLE),
        statutory_low_age=cell.whole_number(LOW_AGE, maximum=LARGEST_SMALL_INTEGER),
        statutory_high_age=cell.whole_number(HIGH_AGE, maximum=LARGEST_SMALL_INTEGER),
        local_authority_id=None,  # known once the file's local authorities are saved
        street=cell.text(STREET, max_length=200),
        town=town,
        postcode=postcode,
        trust_name=cell.text(TRUST, max_length=200),
        number_of_pupils=cell.whole_number(PUPILS, maximum=LARGEST_INTEGER),
        percentage_fsm=cell.percentage(FSM),
        opened_on=cell.calendar_date(OPEN_DATE),
        closed_on=cell.calendar_date(CLOSE_DATE),
        search_text=search_text_for(name, town, postcode),
        postcode_key=postcode_key_for(postcode),
    )
    if undecodable and any("\ufffd" in value for value in cells.values()):
        cell.problems.append("has characters that are neither UTF-8 nor Windows-1252")
    if cell.problems or urn is None:
        return cell.problems
    return SchoolRow(line=line, urn=urn, la_code=la_code, values=values)


def _normalised(label: str) -> str:
    """Read 'Open, but proposed to close' as 'Open but proposed to close', 'All-through' as
    'all through', whatever the case and spacing."""
    return " ".join(label.replace(",", " ").replace("-", " ").split()).lower()


class _Choices(NamedTuple):
    by_label: dict[str, str]  # the labels as GIAS writes them, and normalised
    labels: str


def _choices(choices: list[tuple[str, str]]) -> _Choices:
    return _Choices(
        by_label={str(label): value for value, label in choices}
        | {_normalised(str(label)): value for value, label in choices},
        labels="; ".join(str(label) for _, label in choices),
    )


STATUSES = _choices(School.Status.choices)
PHASES = _choices(School.Phase.choices)


class _CellReader:
    """Reads one row's cells into typed values, noting each problem rather than stopping.

    A method that finds a problem returns an empty value, which is never written because
    the row is then rejected.
    """

    def __init__(self, cells: dict[str, str]) -> None:
        self.cells = cells
        self.problems: list[str] = []

    def urn(self) -> int | None:
        value = self.cells[URN]
        if not value:
            self.problems.append(f"{URN} is empty")
            return None
        urn = _urn_or_none(value)
        if urn is None and value.isascii() and value.isdigit():
            self.problems.append(f"{URN} '{value}' is out of range")
        elif urn is None:
            self.problems.append(f"{URN} '{value}' is not a number")
        return urn

    def text(self, column: str, *, max_length: int, required: bool = False) -> str:
        value = self.cells[column]
        if required and not value:
            self.problems.append(f"{column} is empty")
        elif len(value) > max_length:
            self.problems.append(
                f"{column} is {len(value)} characters long, more than the {max_length} allowed"
            )
            return ""
        return value

    def whole_number(self, column: str, *, maximum: int) -> int | None:
        value = self.cells[column]
        if not value or value.upper() in SUPPRESSED:
            return None
        if not (value.isascii() and value.isdigit()):
            self.problems.append(f"{column} '{value}' is not a whole number")
            return None
        if int(value) > maximum:
            self.problems.append(f"{column} '{value}' is too large")
            return None
        return int(value)

    def percentage(self, column: str) -> Decimal | None:
        value = self.cells[column]
        if not value or value.upper() in SUPPRESSED:
            return None
        try:
            number = Decimal(value)
        except InvalidOperation:
            self.problems.append(f"{column} '{value}' is not a number")
            return None
        if not number.is_finite() or not 0 <= number <= 100:
            self.problems.append(f"{column} '{value}' is not a percentage from 0 to 100")
            return None
        return number.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)

    def calendar_date(self, column: str) -> date | None:
        value = self.cells[column]
        if not value:
            return None
        # Faster than strptime, which matters 100,000 times over.
        parts = value.split("-")
        if (
            len(parts) == 3
            and len(parts[2]) == 4
            and all(p.isascii() and p.isdigit() for p in parts)
        ):
            try:
                return date(int(parts[2]), int(parts[1]), int(parts[0]))
            except ValueError:
                pass
        self.problems.append(f"{column} '{value}' is not a date like 31-08-2020")
        return None

    def choice(self, column: str, *, choices: _Choices, what: str, empty: str = "") -> str:
        value = self.cells[column]
        if not value and empty:
            return empty
        if not value:
            self.problems.append(f"{column} is empty")
            return ""
        try:
            return choices.by_label.get(value) or choices.by_label[_normalised(value)]
        except KeyError:
            self.problems.append(f"{column} '{value}' is not a known {what} ({choices.labels})")
            return ""


def _urn_or_none(value: str) -> int | None:
    if value.isascii() and value.isdigit() and 0 < int(value) <= LARGEST_INTEGER:
        return int(value)
    return None
