"""Large exports: a national admin asks, the task builds the file (in-process here), the page
shows progress and then a download only they can use; 7 days later it is gone."""

import csv
import io
from datetime import timedelta
from pathlib import Path

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from hubwork.accounts.tests.factories import UserFactory, enable_totp
from hubwork.core.academic_years import AcademicYear
from hubwork.core.models import AuditEvent
from hubwork.core.privacy import personal_data_parts
from hubwork.core.retention import retention_rules
from hubwork.reports.models import ReportExport
from hubwork.reports.services import exports as export_services
from hubwork.schools.models import School
from hubwork.schools.tests.factories import LocalAuthorityFactory, SchoolFactory
from hubwork.workgroups.models import SchoolEngagement

EXPORTS = reverse("reports:exports")
YEAR = AcademicYear.current()


def _download(pk: int) -> str:
    return reverse("reports:export_download", kwargs={"pk": pk})


@pytest.fixture
def media(settings, tmp_path) -> Path:
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def schools(birmingham, hillside):
    """Hillside engaged this year and five years ago; Oakfield three years ago; Brook ten
    years ago (out of every window); Lone, in no hub's area, never; Shut is closed."""
    oakfield = SchoolFactory.create(
        urn=990002,
        name="Oakfield Academy",
        phase=School.Phase.SECONDARY,
        establishment_type_group="Academies",
        percentage_fsm="31.5",
        local_authority=birmingham,
    )
    brook = SchoolFactory.create(urn=990003, name="Brook Infants", local_authority=birmingham)
    lone = SchoolFactory.create(
        urn=990004,
        name="Lone School",
        local_authority=LocalAuthorityFactory.create(name="Nowhere"),
    )
    SchoolFactory.create(
        urn=990005, name="Shut School", status=School.Status.CLOSED, local_authority=birmingham
    )
    for school, back in ((hillside, 0), (hillside, 5), (oakfield, 3), (brook, 10)):
        SchoolEngagement.objects.create(school=school, academic_year=YEAR.start_year - back)
    return {"hillside": hillside, "oakfield": oakfield, "brook": brook, "lone": lone}


def _ask(client, django_capture_on_commit_callbacks, kind: str, file_format: str):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(EXPORTS, {"kind": kind, "file_format": file_format})
    assert response.status_code == 302
    return response


def _label(back: int) -> str:
    return AcademicYear(YEAR.start_year - back).label


def test_ten_years_of_engagements_as_csv(
    client, national_admin, schools, media, django_capture_on_commit_callbacks
):
    client.force_login(national_admin)
    _ask(client, django_capture_on_commit_callbacks, "engagements", "csv")
    export = ReportExport.objects.get(requested_by=national_admin)
    assert export.status == ReportExport.Status.READY
    assert export.rows_done == export.rows_total == 3
    assert export.finished_at is not None
    assert export.file.name.startswith("private/report-exports/")
    assert (media / export.file.name).is_file()

    response = client.get(_download(export.pk))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv"
    assert "attachment" in response["Content-Disposition"]
    assert (
        f"engagements-{YEAR.start_year - 9}-to-{YEAR.start_year}"
        in (response["Content-Disposition"])
    )
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    assert list(csv.reader(io.StringIO(text))) == [
        ["URN", "School", "Local authority", "Hub", "Phase", "Academic year"],
        ["990001", "Hillside Primary School", "Birmingham", "GLOW Maths Hub", "Primary", _label(5)],
        ["990002", "Oakfield Academy", "Birmingham", "GLOW Maths Hub", "Secondary", _label(3)],
        ["990001", "Hillside Primary School", "Birmingham", "GLOW Maths Hub", "Primary", _label(0)],
    ]
    verbs = sorted(AuditEvent.objects.filter(actor=national_admin).values_list("verb", flat=True))
    assert verbs == ["report_export.downloaded", "report_export.requested"]


def test_never_engaged_schools_in_england_as_excel(
    client, national_admin, schools, media, django_capture_on_commit_callbacks
):
    client.force_login(national_admin)
    _ask(client, django_capture_on_commit_callbacks, "never_engaged_national", "xlsx")
    export = ReportExport.objects.get(requested_by=national_admin)
    assert export.params == {"year": YEAR.start_year, "years": 3}
    assert export.rows_done == export.rows_total == 3

    response = client.get(_download(export.pk))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    workbook = load_workbook(io.BytesIO(b"".join(response.streaming_content)), read_only=True)
    sheet = workbook["Never engaged"]
    # A read-only sheet leaves out empty cells at the end of a row.
    rows = [list(row) + [None] * (7 - len(row)) for row in sheet.iter_rows(values_only=True)]
    assert rows == [
        ["URN", "School", "Local authority", "Hub", "Phase", "Type group", "% FSM"],
        # Engaged three years ago: outside the last three.
        [
            990002,
            "Oakfield Academy",
            "Birmingham",
            "GLOW Maths Hub",
            "Secondary",
            "Academies",
            31.5,
        ],
        [990003, "Brook Infants", "Birmingham", "GLOW Maths Hub", "Primary", None, None],
        # In no hub's area, and the closed school left out.
        [990004, "Lone School", "Nowhere", None, "Primary", None, None],
    ]


def test_progress_is_saved_as_rows_are_written(
    national_admin, schools, media, monkeypatch, django_capture_on_commit_callbacks
):
    monkeypatch.setattr(export_services, "PROGRESS_EVERY", 1)
    with (
        CaptureQueriesContext(connection) as captured,
        django_capture_on_commit_callbacks(execute=True),
    ):
        export = export_services.report_export_request(
            by=national_admin, kind="engagements", file_format="csv"
        )
    progress = [
        query["sql"]
        for query in captured.captured_queries
        if query["sql"].startswith("UPDATE")
        and "reports_reportexport" in query["sql"]
        and "rows_done" in query["sql"]
    ]
    # One update after each row (every row, here), then the last with the status.
    assert len(progress) == 4
    export.refresh_from_db()
    assert (export.rows_done, export.rows_total) == (3, 3)


def test_the_page_shows_progress_and_refreshes_itself_while_running(client, national_admin):
    ReportExport.objects.create(
        requested_by=national_admin,
        kind="never_engaged_national",
        file_format="csv",
        status=ReportExport.Status.RUNNING,
        rows_done=12000,
        rows_total=24500,
    )
    client.force_login(national_admin)
    page = client.get(EXPORTS).content.decode()
    assert "12,000 of 24,500 rows" in page
    assert 'data-hx-trigger="every 5s"' in page
    assert "Refresh this page" in page
    assert "/download/" not in page


def test_a_finished_export_has_a_link_and_the_page_stops_refreshing(
    client, national_admin, schools, media, django_capture_on_commit_callbacks
):
    client.force_login(national_admin)
    _ask(client, django_capture_on_commit_callbacks, "engagements", "xlsx")
    export = ReportExport.objects.get()
    page = client.get(EXPORTS).content.decode()
    assert _download(export.pk) in page
    assert "3 rows" in page
    assert "data-hx-trigger" not in page


def test_asking_twice_gives_the_same_export(
    client, national_admin, schools, media, django_capture_on_commit_callbacks
):
    client.force_login(national_admin)
    for _ in range(2):
        _ask(client, django_capture_on_commit_callbacks, "engagements", "csv")
    assert ReportExport.objects.count() == 1
    _ask(client, django_capture_on_commit_callbacks, "engagements", "xlsx")
    assert ReportExport.objects.count() == 2
    # After a while, or once one has failed, a new one is made.
    ReportExport.objects.update(created_at=timezone.now() - timedelta(minutes=11))
    _ask(client, django_capture_on_commit_callbacks, "engagements", "csv")
    assert ReportExport.objects.count() == 3


def test_a_build_that_fails_says_so(client, national_admin, schools, media, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("the database went away")

    monkeypatch.setattr(export_services, "export_source", broken)
    # Asked for, and not yet built (the task runs once the request commits).
    export = export_services.report_export_request(
        by=national_admin, kind="engagements", file_format="csv"
    )
    with pytest.raises(RuntimeError):
        export_services.report_export_build(export_id=export.pk)
    export.refresh_from_db()
    assert export.status == ReportExport.Status.FAILED
    assert not export.file
    # Run again (the outbox tries again), it leaves the failed export alone.
    assert export_services.report_export_build(export_id=export.pk) is None
    client.force_login(national_admin)
    assert "Could not be prepared" in client.get(EXPORTS).content.decode()
    assert client.get(_download(export.pk)).status_code == 404
    # Asking again makes a new one rather than returning the failed one.
    again = export_services.report_export_request(
        by=national_admin, kind="engagements", file_format="csv"
    )
    assert again.pk != export.pk


def test_a_bad_request_is_explained_by_its_fields(client, national_admin):
    client.force_login(national_admin)
    response = client.post(EXPORTS, {"kind": "everything", "file_format": "pdf"})
    assert response.status_code == 400
    page = response.content.decode()
    assert "Choose which table to export" in page
    assert "Choose CSV or Excel" in page
    assert not ReportExport.objects.exists()


@pytest.fixture
def ready_export(national_admin, schools, media, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        export = export_services.report_export_request(
            by=national_admin, kind="engagements", file_format="csv"
        )
    export.refresh_from_db()
    assert export.status == ReportExport.Status.READY
    return export


def test_only_the_admin_who_asked_downloads_it(client, ready_export, hub_lead, participant):
    other_admin = UserFactory.create(is_national_admin=True)
    enable_totp(other_admin)
    client.force_login(other_admin)
    assert client.get(_download(ready_export.pk)).status_code == 404
    assert _download(ready_export.pk) not in client.get(EXPORTS).content.decode()
    for person in (hub_lead, participant):
        client.force_login(person)
        assert client.get(_download(ready_export.pk)).status_code == 403
    client.logout()
    response = client.get(_download(ready_export.pk))
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


@pytest.mark.parametrize("persona", ["hub_lead", "llme", "participant"])
def test_the_exports_page_is_for_national_admins_alone(client, request, persona):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(EXPORTS).status_code == 403
    assert client.post(EXPORTS, {"kind": "engagements", "file_format": "csv"}).status_code == 403
    assert not ReportExport.objects.exists()


def test_the_page_keeps_its_queries_however_many_exports(client, national_admin):
    def queries() -> int:
        client.get(EXPORTS)  # warm: the session, the cache table
        with CaptureQueriesContext(connection) as captured:
            assert client.get(EXPORTS).status_code == 200
        return len([q for q in captured if "hubwork_cache" not in q["sql"]])

    client.force_login(national_admin)
    ReportExport.objects.create(requested_by=national_admin, kind="engagements", file_format="csv")
    few = queries()
    for _ in range(5):
        ReportExport.objects.create(
            requested_by=national_admin, kind="engagements", file_format="xlsx"
        )
    assert queries() == few


def test_after_7_days_the_export_and_its_file_are_deleted(
    client, ready_export, media, django_capture_on_commit_callbacks
):
    later = timezone.now() + timedelta(days=7, minutes=1)
    rule = next(rule for rule in retention_rules() if rule.name == "report-exports")
    assert rule.due(timezone.now()) == []
    assert len(rule.due(later)) == 1
    # Past its 7 days the link stops working even before the nightly job.
    ReportExport.objects.update(created_at=timezone.now() - timedelta(days=7, minutes=1))
    client.force_login(ready_export.requested_by)
    assert client.get(_download(ready_export.pk)).status_code == 404
    with django_capture_on_commit_callbacks(execute=True):
        assert len(rule.apply(timezone.now())) == 1
    assert not (media / ready_export.file.name).exists()
    assert not ReportExport.objects.exists()
    assert rule.apply(timezone.now()) == []


def test_erasing_the_person_deletes_their_exports(
    ready_export, media, django_capture_on_commit_callbacks
):
    part = next(part for part in personal_data_parts() if part.name == "reports")
    exported = part.export(ready_export.requested_by).tables["report_exports"]
    assert [(row["kind"], row["rows_total"]) for row in exported] == [("engagements", 3)]
    with django_capture_on_commit_callbacks(execute=True):
        assert part.erase(ready_export.requested_by) == {"report_exports": 1}
    assert not ReportExport.objects.exists()
    assert not (media / ready_export.file.name).exists()
