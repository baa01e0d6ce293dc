"""Importing the national register of schools (GIAS) from its CSV download."""

import csv
import io
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from hubwork.accounts.tests.factories import UserFactory
from hubwork.core.imports import UnreadableFileError
from hubwork.core.models import AuditEvent
from hubwork.schools.importers import MissingColumnsError, schools_import
from hubwork.schools.models import LocalAuthority, School

# A few of GIAS's ~140 columns, in its order, with two it has that the importer ignores.
COLUMNS = [
    "URN",
    "LA (code)",
    "LA (name)",
    "EstablishmentName",
    "TypeOfEstablishment (name)",
    "EstablishmentTypeGroup (name)",
    "EstablishmentStatus (name)",
    "OpenDate",
    "CloseDate",
    "PhaseOfEducation (name)",
    "StatutoryLowAge",
    "StatutoryHighAge",
    "Boarders (name)",
    "NumberOfPupils",
    "PercentageFSM",
    "Trusts (name)",
    "UKPRN",
    "Street",
    "Town",
    "Postcode",
    "SiteName",
]


def gias_row(
    urn: int | str, columns: dict[str, str] | None = None, **values: str
) -> dict[str, str]:
    """One school as GIAS writes it; `columns` for names with spaces, `values` for the rest."""
    return {
        "URN": str(urn),
        "LA (code)": "926",
        "LA (name)": "Norfolk",
        "EstablishmentName": f"School {urn}",
        "TypeOfEstablishment (name)": "Community school",
        "EstablishmentTypeGroup (name)": "Local authority maintained schools",
        "EstablishmentStatus (name)": "Open",
        "OpenDate": "",
        "CloseDate": "",
        "PhaseOfEducation (name)": "Primary",
        "StatutoryLowAge": "4",
        "StatutoryHighAge": "11",
        "Boarders (name)": "No boarders",
        "NumberOfPupils": "210",
        "PercentageFSM": "17.9",
        "Trusts (name)": "",
        "UKPRN": "",
        "Street": "School Lane",
        "Town": "Norwich",
        "Postcode": "NR1 2AB",
        "SiteName": "",
        **(columns or {}),
        **values,
    }


def gias_file(
    folder: Path,
    rows: list[dict[str, str]],
    *,
    encoding: str = "cp1252",
    columns: list[str] = COLUMNS,
    name: str = "edubasealldata20250901.csv",
    after: bytes = b"",
) -> Path:
    text = io.StringIO()
    writer = csv.DictWriter(text, fieldnames=columns, extrasaction="ignore")
    writer.writeheader()
    writer.writerows(rows)
    path = folder / name
    path.write_bytes(text.getvalue().encode(encoding) + after)
    return path


def school(urn: int) -> School:
    return School.objects.get(urn=urn)


@pytest.mark.django_db
def test_a_first_import_creates_schools_local_authorities_and_one_audit_event(tmp_path):
    admin = UserFactory.create()
    path = gias_file(
        tmp_path,
        [
            gias_row(
                100001,
                {"LA (name)": "Norfolk", "Trusts (name)": "Diocese of Norwich Trust"},
                EstablishmentName="École Sainte-Thérèse’s C of E Primary",
                OpenDate="01-09-1975",
                UKPRN="10012345",
                Postcode="nr1 2ab",
            ),
            gias_row(
                100002,
                {"LA (code)": "908", "LA (name)": "Cornwall", "PhaseOfEducation (name)": "16 plus"},
                PercentageFSM="12.345",
            ),
        ],
    )

    report = schools_import(path_or_file=path, by=admin)

    assert (report.created, report.updated, report.unchanged, report.rejected) == (2, 0, 0, [])
    first = school(100001)
    assert first.name == "École Sainte-Thérèse’s C of E Primary"
    assert (first.status, first.phase) == (School.Status.OPEN, School.Phase.PRIMARY)
    assert (first.statutory_low_age, first.statutory_high_age) == (4, 11)
    assert (first.opened_on, first.closed_on, first.ukprn) == (date(1975, 9, 1), None, 10012345)
    assert (first.number_of_pupils, first.percentage_fsm) == (210, Decimal("17.9"))
    assert first.trust_name == "Diocese of Norwich Trust"
    assert first.establishment_type == "Community school"
    assert first.establishment_type_group == "Local authority maintained schools"
    # Bulk writes skip save(), so the importer keeps the search fields itself.
    assert first.search_text == "école sainte-thérèse’s c of e primary norwich nr1 2ab"
    assert first.postcode_key == "NR12AB"
    assert school(100002).percentage_fsm == Decimal("12.35")
    assert school(100002).phase == School.Phase.SIXTEEN_PLUS
    assert dict(LocalAuthority.objects.values_list("code", "name")) == {
        "926": "Norfolk",
        "908": "Cornwall",
    }
    assert first.local_authority == LocalAuthority.objects.get(code="926")
    event = AuditEvent.objects.get()
    assert (event.verb, event.actor) == ("schools.imported", admin)
    assert event.data == {
        "file": "edubasealldata20250901.csv",
        "created": 2,
        "updated": 0,
        "unchanged": 0,
        "rejected": 0,
        "missing_from_file": 0,
        "local_authorities_created": 2,
        "local_authorities_renamed": 0,
    }


@pytest.mark.django_db
@pytest.mark.parametrize("encoding", ["cp1252", "utf-8", "utf-8-sig"])
def test_windows_1252_and_utf_8_with_or_without_a_byte_order_mark_read_the_same(tmp_path, encoding):
    path = gias_file(
        tmp_path, [gias_row(100001, EstablishmentName="Ysgol Gymraeg Brontë’s")], encoding=encoding
    )
    schools_import(path_or_file=path)
    assert school(100001).name == "Ysgol Gymraeg Brontë’s"


@pytest.mark.django_db
def test_an_open_file_can_be_imported(tmp_path):
    path = gias_file(tmp_path, [gias_row(100001)])
    with path.open("rb") as file:
        report = schools_import(path_or_file=file)
    assert (report.file_name, report.created) == ("edubasealldata20250901.csv", 1)


@pytest.mark.django_db
def test_bad_rows_are_reported_by_line_and_reason_and_every_good_row_is_imported(tmp_path):
    # A byte that is neither UTF-8 nor Windows-1252 (which leaves 0x81 undefined).
    undecodable_line = ",".join(gias_row(100012).values()).encode().replace(b"School", b"\x81")
    path = gias_file(
        tmp_path,
        [
            # line 2: padded values, no postcode, numbers GIAS will not publish
            gias_row(
                " 100001 ",
                EstablishmentName="  Ysgol Gymraeg Sainte-Thérèse  ",
                Postcode="",
                PercentageFSM="SUPP",
                NumberOfPupils="NA",
            ),
            gias_row("10O002"),  # line 3: a letter O in the URN
            gias_row(100003, CloseDate="31/02/2020"),  # line 4
            gias_row(100001, EstablishmentName="A second 100001"),  # line 5
            gias_row(100005, {"PhaseOfEducation (name)": "Tertiary"}),  # line 6
            gias_row(100006, PercentageFSM="104.5", Postcode="NR1 2AB EXTRA"),  # line 7
            gias_row(100007, SiteName="Main site\nAnnexe"),  # lines 8-9: a quoted line break
            gias_row(100008, StatutoryLowAge="four"),  # line 10
            gias_row(  # line 11
                100009, {"EstablishmentStatus (name)": "Closed"}, CloseDate="31-08-2024"
            ),
            gias_row(100010, {"EstablishmentStatus (name)": "Open but proposed to close"}),
            gias_row(100011, OpenDate="30-02-2011"),  # line 13: no 30 February
        ],
        after=undecodable_line,  # line 14
    )

    report = schools_import(path_or_file=path)

    assert report.rejected == [
        (3, "10O002", "URN '10O002' is not a number"),
        (4, "100003", "CloseDate '31/02/2020' is not a date like 31-08-2020"),
        (5, "100001", "URN 100001 is a duplicate of line 2"),
        (
            6,
            "100005",
            "PhaseOfEducation (name) 'Tertiary' is not a known phase (Not applicable; Nursery; "
            "Primary; Middle deemed primary; Secondary; Middle deemed secondary; 16 plus; "
            "All-through)",
        ),
        (
            7,
            "100006",
            "Postcode is 13 characters long, more than the 10 allowed; "
            "PercentageFSM '104.5' is not a percentage from 0 to 100",
        ),
        (10, "100008", "StatutoryLowAge 'four' is not a whole number"),
        (13, "100011", "OpenDate '30-02-2011' is not a date like 31-08-2020"),
        (14, "100012", "has characters that are neither UTF-8 nor Windows-1252"),
    ]
    assert (report.created, report.updated, report.unchanged) == (4, 0, 0)
    assert set(School.objects.values_list("urn", flat=True)) == {100001, 100007, 100009, 100010}
    kept = school(100001)
    assert kept.name == "Ysgol Gymraeg Sainte-Thérèse"  # the first row, stripped
    assert (kept.postcode, kept.postcode_key) == ("", "")
    assert (kept.percentage_fsm, kept.number_of_pupils) == (None, None)
    assert kept.search_text == "ysgol gymraeg sainte-thérèse norwich"
    closed = school(100009)
    assert (closed.status, closed.closed_on) == (School.Status.CLOSED, date(2024, 8, 31))
    assert school(100010).status == School.Status.OPEN_PROPOSED_TO_CLOSE


@pytest.mark.django_db
def test_every_phase_and_status_is_read_whatever_the_comma_and_case(tmp_path):
    phases = {
        "Not applicable": School.Phase.NOT_APPLICABLE,
        "": School.Phase.NOT_APPLICABLE,
        "Nursery": School.Phase.NURSERY,
        "Primary": School.Phase.PRIMARY,
        "Middle deemed primary": School.Phase.MIDDLE_DEEMED_PRIMARY,
        "Secondary": School.Phase.SECONDARY,
        "Middle Deemed Secondary": School.Phase.MIDDLE_DEEMED_SECONDARY,
        "16 plus": School.Phase.SIXTEEN_PLUS,
        "All-through": School.Phase.ALL_THROUGH,
    }
    statuses = {
        "Open": School.Status.OPEN,
        "Closed": School.Status.CLOSED,
        "Open, but proposed to close": School.Status.OPEN_PROPOSED_TO_CLOSE,
        "Open but proposed to close": School.Status.OPEN_PROPOSED_TO_CLOSE,
        "Proposed to open": School.Status.PROPOSED_TO_OPEN,
    }
    cases = [(phase, status) for phase in phases for status in statuses]
    rows = [
        gias_row(100000 + n, {"PhaseOfEducation (name)": p, "EstablishmentStatus (name)": s})
        for n, (p, s) in enumerate(cases)
    ]

    report = schools_import(path_or_file=gias_file(tmp_path, rows))

    assert (report.created, report.rejected) == (len(cases), [])
    assert dict(School.objects.values_list("urn", "phase")) == {
        100000 + n: phases[p] for n, (p, _) in enumerate(cases)
    }
    assert dict(School.objects.values_list("urn", "status")) == {
        100000 + n: statuses[s] for n, (_, s) in enumerate(cases)
    }


@pytest.mark.django_db
def test_extra_and_reordered_columns_are_fine(tmp_path):
    columns = ["Gender (name)", *reversed(COLUMNS), "ReligiousCharacter (name)"]
    path = gias_file(tmp_path, [gias_row(100001, Town="Truro")], columns=columns)
    report = schools_import(path_or_file=path)
    assert (report.created, report.rejected) == (1, [])
    assert (school(100001).town, school(100001).postcode) == ("Truro", "NR1 2AB")


@pytest.mark.django_db
def test_a_missing_column_stops_the_import_before_anything_is_written(tmp_path):
    schools_import(path_or_file=gias_file(tmp_path, [gias_row(100001)]))
    columns = [name for name in COLUMNS if name not in {"Postcode", "LA (code)"}]
    path = gias_file(tmp_path, [gias_row(100001, Town="Truro"), gias_row(100002)], columns=columns)

    with pytest.raises(
        MissingColumnsError, match="no 'LA \\(code\\)', 'Postcode' columns"
    ) as error:
        schools_import(path_or_file=path)

    assert error.value.missing == ["LA (code)", "Postcode"]
    assert list(School.objects.values_list("urn", "town")) == [(100001, "Norwich")]
    assert AuditEvent.objects.count() == 1


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("content", "message"),
    [(b"", "The file is empty"), (b"\xef\xbb\xbfURN,Name\r\n1,Caf\xe9\r\n", "line 2 is not UTF-8")],
)
def test_an_unreadable_file_writes_nothing(tmp_path, content, message):
    path = tmp_path / "edubasealldata.csv"
    path.write_bytes(content)
    with pytest.raises(UnreadableFileError, match=message):
        schools_import(path_or_file=path)
    assert not AuditEvent.objects.exists()


@pytest.mark.django_db
def test_a_re_import_updates_what_changed_and_closes_schools_rather_than_deleting_them(
    tmp_path,
):
    northamptonshire = {"LA (code)": "940", "LA (name)": "Northamptonshire"}
    first_file = gias_file(
        tmp_path,
        [
            gias_row(200001, northamptonshire, EstablishmentName="Oakfield Primary School"),
            gias_row(200002, northamptonshire, EstablishmentName="Riverside Academy"),
            gias_row(200003, EstablishmentName="Hillside Nursery School"),
            gias_row(200004, EstablishmentName="Castle Primary School"),
        ],
        name="edubasealldata20250901.csv",
    )
    schools_import(path_or_file=first_file)
    first_updated_at = dict(School.objects.values_list("urn", "updated_at"))

    north = {"LA (code)": "940", "LA (name)": "North Northamptonshire"}
    second_file = gias_file(
        tmp_path,
        [
            gias_row(200001, north, EstablishmentName="Oakfield Primary School"),
            gias_row(
                200002,
                {
                    "LA (code)": "941",
                    "LA (name)": "West Northamptonshire",
                    "EstablishmentStatus (name)": "Closed",
                },
                EstablishmentName="Riverside Academy",
                CloseDate="31-08-2025",
                NumberOfPupils="",
                PercentageFSM="23.45",
            ),
            gias_row(200004, EstablishmentName="Castle Primary School", OpenDate="2020-09-01"),
            gias_row(200005, EstablishmentName="Meadowbank Free School"),
        ],
        name="edubasealldata20251001.csv",
    )

    report = schools_import(path_or_file=second_file)

    assert (report.created, report.updated, report.unchanged) == (1, 1, 1)
    assert report.rejected == [(4, "200004", "OpenDate '2020-09-01' is not a date like 31-08-2020")]
    assert report.missing_from_file == 1
    assert (report.local_authorities_created, report.local_authorities_renamed) == (1, 1)
    closed = school(200002)
    assert (closed.status, closed.closed_on, closed.number_of_pupils) == (
        School.Status.CLOSED,
        date(2025, 8, 31),
        None,
    )
    assert closed.percentage_fsm == Decimal("23.45")
    assert closed.updated_at > first_updated_at[200002]
    assert school(200001).updated_at == first_updated_at[200001]  # unchanged means unwritten
    assert school(200003).name == "Hillside Nursery School"  # not in the file: left as it was
    assert school(200004).opened_on is None  # its row was rejected: left as it was
    assert school(200005).name == "Meadowbank Free School"
    assert School.objects.count() == 5
    assert LocalAuthority.objects.get(code="940").name == "North Northamptonshire"
    assert school(200001).local_authority == LocalAuthority.objects.get(code="940")
    assert closed.local_authority == LocalAuthority.objects.get(name="West Northamptonshire")
    assert AuditEvent.objects.filter(verb="schools.imported").count() == 2

    again = schools_import(path_or_file=second_file)
    assert (again.created, again.updated, again.unchanged, len(again.rejected)) == (0, 0, 3, 1)
    assert again.local_authorities_renamed == 0


@pytest.mark.django_db
def test_an_import_takes_a_fixed_number_of_queries(tmp_path, django_assert_max_num_queries):
    schools_import(path_or_file=gias_file(tmp_path, [gias_row(100000 + n) for n in range(20)]))
    changed = [gias_row(100000 + n, NumberOfPupils=str(n)) for n in range(40)]
    # Savepoint, local authorities (3), schools (1), create (1), update (1), audit (1), release.
    with django_assert_max_num_queries(10):
        report = schools_import(path_or_file=gias_file(tmp_path, changed, name="again.csv"))
    assert (report.created, report.updated) == (20, 20)


@pytest.mark.django_db
def test_the_progress_bar_shows_only_when_asked_for(tmp_path, capsys):
    path = gias_file(tmp_path, [gias_row(100001)])
    schools_import(path_or_file=path)
    assert capsys.readouterr().err == ""
    schools_import(path_or_file=path, progress=True)
    assert "Reading" in capsys.readouterr().err


@pytest.mark.django_db
def test_the_command_prints_the_counts_and_every_rejected_line(tmp_path, capsys):
    path = gias_file(
        tmp_path,
        [gias_row(100001), gias_row(100234, CloseDate="31/02/2020"), gias_row(100003)],
    )
    out = io.StringIO()

    call_command("import_schools", str(path), stdout=out)

    assert out.getvalue().splitlines() == [
        "Imported edubasealldata20250901.csv: 3 rows.",
        "  created: 2",
        "  updated: 0",
        "  unchanged: 0",
        "  rejected: 1",
        "  held but not in this file (left as they were): 0",
        "  local authorities created: 1",
        "  local authorities renamed: 0",
        "Rejected rows (fix them and import the file again):",
        "line 3 (URN 100234): CloseDate '31/02/2020' is not a date like 31-08-2020",
    ]
    assert set(School.objects.values_list("urn", flat=True)) == {100001, 100003}
    assert capsys.readouterr().err == ""  # no progress bar when stderr is not a terminal


@pytest.mark.django_db
def test_the_command_fails_on_a_missing_column_or_an_unreadable_file(tmp_path):
    path = gias_file(tmp_path, [gias_row(100001)], columns=COLUMNS[1:])
    with pytest.raises(CommandError, match=r"Nothing was imported .* no 'URN' column"):
        call_command("import_schools", str(path), stdout=io.StringIO())
    with pytest.raises(CommandError, match="No such file"):
        call_command("import_schools", str(tmp_path / "missing.csv"), stdout=io.StringIO())
    assert not School.objects.exists()
