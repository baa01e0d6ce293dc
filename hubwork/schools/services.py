"""Writes to the school register. Schools and local authorities come from the national
register (GIAS) and are written only here, by its import: `importers.schools_import` reads the
file and hands the rows it accepted to `school_register_save`. The admin shows them read-only.

Writes are a handful of statements in one transaction: existing schools are loaded once for
comparison, new ones go in with one executemany INSERT, and changed ones are updated with one
executemany per set of changed fields.
"""

import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from functools import partial
from typing import Any, NamedTuple

from django.contrib.auth.base_user import AbstractBaseUser
from django.db import DEFAULT_DB_ALIAS, connection, connections, transaction
from django.db.models import Field
from django.utils import timezone
from tqdm import tqdm  # type: ignore[import-untyped]

from hubwork.core.audit import audit
from hubwork.schools.models import LocalAuthority, School

# Rows per executemany and per progress step.
CREATE_BATCH_SIZE = 1000
UPDATE_BATCH_SIZE = 2000


class RejectedRow(NamedTuple):
    line: int
    urn: str
    reason: str

    def __str__(self) -> str:
        return f"line {self.line} ({f'URN {self.urn}' if self.urn else 'no URN'}): {self.reason}"


@dataclass(frozen=True)
class SchoolImportReport:
    file_name: str
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: list[RejectedRow] = field(default_factory=list)
    # Schools already held whose URN is on no line of the file: left exactly as they were.
    missing_from_file: int = 0
    local_authorities_created: int = 0
    local_authorities_renamed: int = 0

    @property
    def rows(self) -> int:
        return self.created + self.updated + self.unchanged + len(self.rejected)


class SchoolValues(NamedTuple):
    """The fields an import writes, in one order for both the file and the database."""

    ukprn: int | None
    name: str
    establishment_type: str
    establishment_type_group: str
    status: str
    phase: str
    statutory_low_age: int | None
    statutory_high_age: int | None
    local_authority_id: int | None
    street: str
    town: str
    postcode: str
    trust_name: str
    number_of_pupils: int | None
    percentage_fsm: Decimal | None
    opened_on: date | None
    closed_on: date | None
    search_text: str
    postcode_key: str


@dataclass
class SchoolRow:
    """One row of the file that the importer accepted."""

    line: int
    urn: int
    la_code: str
    values: SchoolValues


@dataclass
class RegisterFile:
    """A GIAS file as the importer read it, ready to write."""

    file_name: str
    rows: list[SchoolRow] = field(default_factory=list)
    rejected: list[RejectedRow] = field(default_factory=list)
    urns_in_file: set[int] = field(default_factory=set)
    # The first name the file gives each local authority code, from rows that were accepted.
    la_names: dict[str, str] = field(default_factory=dict)


_LA = SchoolValues._fields.index("local_authority_id")


def school_register_save(
    *, register: RegisterFile, by: AbstractBaseUser | None, progress: bool = False
) -> SchoolImportReport:
    """Create or update the file's schools (matched by URN) and local authorities (by code),
    and append one audit event with the counts; schools not in the file are left as they are.
    """
    file_name = register.file_name
    with transaction.atomic():
        la_ids, las_created, las_renamed = _local_authorities_sync(names=register.la_names)
        existing: dict[int, tuple[int, tuple[Any, ...]]] = {
            urn: (pk, tuple(values))
            for urn, pk, *values in School.objects.values_list(
                "urn", "pk", *SchoolValues._fields
            ).iterator(chunk_size=5000)
        }
        now = timezone.now()
        to_create: list[tuple[int, SchoolValues]] = []
        # Rows that changed, grouped by which fields changed, so that each update sets
        # only those fields.
        to_update: dict[tuple[str, ...], list[tuple[int, SchoolValues]]] = {}
        unchanged = 0
        for row in register.rows:
            # As values._replace(local_authority_id=…), at a third of the cost.
            values = SchoolValues._make(
                (*row.values[:_LA], la_ids.get(row.la_code), *row.values[_LA + 1 :])
            )
            if row.urn not in existing:
                to_create.append((row.urn, values))
                continue
            pk, old_values = existing[row.urn]
            changed = tuple(
                name
                for name, old, new in zip(SchoolValues._fields, old_values, values, strict=True)
                if old != new
            )
            if not changed:
                unchanged += 1
                continue
            to_update.setdefault(changed, []).append((pk, values))

        updated = sum(len(schools) for schools in to_update.values())
        with tqdm(
            total=len(to_create) + updated,
            desc="Writing",
            unit=" schools",
            disable=not (progress and (to_create or to_update)),
            file=sys.stderr,
        ) as bar:
            for batch in _batches(to_create, CREATE_BATCH_SIZE):
                _schools_insert(schools=batch, now=now)
                bar.update(len(batch))
            for changed, schools in to_update.items():
                for start in range(0, len(schools), UPDATE_BATCH_SIZE):
                    some_schools = schools[start : start + UPDATE_BATCH_SIZE]
                    _schools_update(fields=changed, schools=some_schools, now=now)
                    bar.update(len(some_schools))

        report = SchoolImportReport(
            file_name=file_name,
            created=len(to_create),
            updated=updated,
            unchanged=unchanged,
            rejected=register.rejected,
            missing_from_file=len(existing.keys() - register.urns_in_file),
            local_authorities_created=las_created,
            local_authorities_renamed=las_renamed,
        )
        audit(
            by,
            "schools.imported",
            file=file_name,
            created=report.created,
            updated=report.updated,
            unchanged=report.unchanged,
            rejected=len(report.rejected),
            missing_from_file=report.missing_from_file,
            local_authorities_created=las_created,
            local_authorities_renamed=las_renamed,
        )
    return report


def _local_authorities_sync(*, names: dict[str, str]) -> tuple[dict[str, int], int, int]:
    """Create the file's new local authorities and rename changed ones; return code → id."""
    existing = {
        code: (pk, name)
        for code, pk, name in LocalAuthority.objects.values_list("code", "pk", "name")
    }
    # A new code the file never names is named after its code until a file does.
    new = [
        LocalAuthority(code=code, name=name or code)
        for code, name in names.items()
        if code not in existing
    ]
    renamed = [
        LocalAuthority(pk=existing[code][0], code=code, name=name)
        for code, name in names.items()
        if code in existing and name and name != existing[code][1]
    ]
    LocalAuthority.objects.bulk_create(new)
    LocalAuthority.objects.bulk_update(renamed, ["name"])
    ids = dict(LocalAuthority.objects.values_list("code", "pk"))
    return ids, len(new), len(renamed)


def _batches(
    items: list[tuple[int, SchoolValues]], size: int
) -> Iterator[list[tuple[int, SchoolValues]]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _schools_insert(*, schools: list[tuple[int, SchoolValues]], now: datetime) -> None:
    """Insert new schools (URN and values): one INSERT statement, many rows.

    Not bulk_create: it builds a model instance and prepares every value of every row
    through the field, about two thirds of a national first import's time, and SQLite's cap
    on parameters splits it into statements of about 45 rows. Here the statement is made
    from the model's own fields, and only values that need it (dates, decimals) go through
    their field's get_db_prep_save, as the ORM's would.
    """
    names = ("urn", *SchoolValues._fields, "created_at", "updated_at")
    columns = [_column(name) for name in names]
    quote = connection.ops.quote_name
    sql = (
        f"INSERT INTO {quote(School._meta.db_table)} "  # noqa: S608
        f"({', '.join(quote(column) for _, column in columns)}) "
        f"VALUES ({', '.join(['%s'] * len(columns))})"
    )
    now_for_db = _column("created_at")[0].get_db_prep_save(now, connection)
    adapters = _value_adapters()
    rows = []
    for urn, values in schools:
        row = list(values)
        for index, adapt in adapters:
            if row[index] is not None:
                row[index] = adapt(row[index])
        rows.append((urn, *row, now_for_db, now_for_db))
    with connection.cursor() as cursor:
        cursor.executemany(sql, rows)


def _value_adapters() -> list[tuple[int, Callable[[Any], Any]]]:
    """For each of SchoolValues' fields that the database driver cannot take as it is (dates
    and decimals), its index and what prepares it: the backend's adapter, as the field's
    get_db_prep_save would call it, without the field's per-value overhead."""
    ops = connections[DEFAULT_DB_ALIAS].ops
    adapters: list[tuple[int, Callable[[Any], Any]]] = []
    for index, name in enumerate(SchoolValues._fields):
        field = _column(name)[0]
        kind = field.get_internal_type()
        if kind == "DateField":
            adapters.append((index, ops.adapt_datefield_value))
        elif kind == "DecimalField":
            adapters.append((index, partial(_decimal, ops, field)))
    return adapters


def _decimal(ops: Any, field: Any, value: Decimal) -> Any:
    return ops.adapt_decimalfield_value(value, field.max_digits, field.decimal_places)


def _schools_update(
    *, fields: tuple[str, ...], schools: list[tuple[int, SchoolValues]], now: datetime
) -> None:
    """Set `fields` (and updated_at) on each school: one UPDATE statement, many rows.

    Not bulk_update: it builds a CASE expression per field in Python, about a millisecond a
    row, and after January's census nearly every school's numbers change (40 s instead of
    a few for the national file). The statement is made from the model's own fields, and
    values go through each field's get_db_prep_save, as the ORM's would.
    """
    columns = [_column(name) for name in fields]
    updated_at = _column("updated_at")
    quote = connection.ops.quote_name
    assignments = ", ".join(f"{quote(column)} = %s" for _, column in [*columns, updated_at])
    # Only names from the model go into the SQL; every value is a parameter.
    sql = (
        f"UPDATE {quote(School._meta.db_table)} SET {assignments} "  # noqa: S608
        f"WHERE {quote(_column('id')[1])} = %s"
    )
    now_for_db = updated_at[0].get_db_prep_save(now, connection)
    rows = [
        (
            *(
                field.get_db_prep_save(getattr(values, name), connection)
                for (field, _), name in zip(columns, fields, strict=True)
            ),
            now_for_db,
            pk,
        )
        for pk, values in schools
    ]
    with connection.cursor() as cursor:
        cursor.executemany(sql, rows)


def _column(name: str) -> tuple["Field[Any, Any]", str]:
    field = School._meta.get_field(name)
    if not isinstance(field, Field) or not field.column:
        raise TypeError(f"School.{name} is not a column")
    return field, field.column
