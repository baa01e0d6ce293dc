"""Your data: a person's copy of their data, built as a task, downloaded by them alone for 7
days, then deleted."""

import io
import zipfile
from datetime import timedelta
from pathlib import Path

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from hubwork.accounts.models import DataExport
from hubwork.accounts.services.exports import data_exports_expire
from hubwork.accounts.tests.factories import PASSWORD
from hubwork.core.models import AuditEvent
from hubwork.core.retention import retention_rules


@pytest.fixture
def media(settings, tmp_path) -> Path:
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def ready_export(client, participant, media, django_capture_on_commit_callbacks) -> DataExport:
    client.force_login(participant)
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/accounts/your-data/export/")
    export = DataExport.objects.get(user=participant)
    assert export.status == DataExport.Status.READY
    return export


def test_the_export_is_built_and_its_owner_downloads_it(client, participant, ready_export, media):
    assert ready_export.progress == 100
    assert ready_export.expires_at - ready_export.ready_at == timedelta(days=7)
    assert (media / ready_export.file_name).is_file()
    # A random name, nothing about whose it is.
    assert ready_export.file_name.startswith("private/data-exports/")
    assert len(Path(ready_export.file_name).stem) >= 32
    assert "priya" not in ready_export.file_name.lower()
    page = client.get("/accounts/your-data/").content.decode()
    assert f"/accounts/your-data/export/{ready_export.pk}/" in page
    response = client.get(f"/accounts/your-data/export/{ready_export.pk}/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert "attachment" in response["Content-Disposition"]
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    assert "Priya Clarke" in archive.read("account/profile.json").decode()
    assert "Priya Clarke" in archive.read("account/profile.csv").decode()
    readme = archive.read("README.txt").decode()
    assert "JSON" in readme
    assert "CSV" in readme
    ready_export.refresh_from_db()
    assert ready_export.download_count == 1
    verbs = list(AuditEvent.objects.filter(actor=participant).values_list("verb", flat=True))
    assert sorted(verbs) == ["data_export.downloaded", "data_export.requested"]


@pytest.mark.parametrize("persona", ["national_admin", "hub_lead", "outsider"])
def test_nobody_else_can_download_it(client, request, ready_export, persona):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(f"/accounts/your-data/export/{ready_export.pk}/").status_code == 404


def test_signed_out_visitors_are_sent_to_sign_in(client, ready_export):
    client.logout()
    response = client.get(f"/accounts/your-data/export/{ready_export.pk}/")
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_after_7_days_the_link_stops_working_and_the_file_is_deleted(
    client, ready_export, media, django_capture_on_commit_callbacks
):
    later = timezone.now() + timedelta(days=7, minutes=1)
    rule = next(rule for rule in retention_rules() if rule.name == "data-exports")
    assert rule.due(timezone.now()) == []
    assert len(rule.due(later)) == 1
    with django_capture_on_commit_callbacks(execute=True):
        assert len(data_exports_expire(now=later)) == 1
    assert not (media / ready_export.file_name).exists()
    ready_export.refresh_from_db()
    assert ready_export.status == DataExport.Status.EXPIRED
    assert client.get(f"/accounts/your-data/export/{ready_export.pk}/").status_code == 404
    # Applying again removes nothing more.
    assert data_exports_expire(now=later) == []


def test_an_expired_link_is_refused_even_before_the_nightly_job(client, ready_export):
    DataExport.objects.filter(pk=ready_export.pk).update(
        expires_at=timezone.now() - timedelta(minutes=1)
    )
    assert client.get(f"/accounts/your-data/export/{ready_export.pk}/").status_code == 404


def test_one_export_at_a_time(client, participant, db):
    """While one is being prepared, asking again starts nothing more."""
    client.force_login(participant)
    # Without the commit callbacks the task never runs: the export stays queued.
    client.post("/accounts/your-data/export/")
    response = client.post("/accounts/your-data/export/", follow=True)
    assert DataExport.objects.filter(user=participant).count() == 1
    assert "already being prepared" in response.content.decode()
    page = client.get("/accounts/your-data/").content.decode()
    assert "We are preparing your data" in page
    assert "Refresh this page" in page
    assert 'data-hx-trigger="every 2s"' in page
    fragment = client.get("/accounts/your-data/export/status/").content.decode()
    assert "We are preparing your data: 0% done" in fragment


def test_a_new_export_once_the_last_is_ready(client, participant, ready_export):
    response = client.post("/accounts/your-data/export/")
    assert response.status_code == 302
    assert DataExport.objects.filter(user=participant).count() == 2


def test_the_page_costs_the_same_queries_however_many_exports(
    client, participant, media, django_capture_on_commit_callbacks
):
    client.force_login(participant)
    client.get("/accounts/your-data/")
    with CaptureQueriesContext(connection) as empty:
        client.get("/accounts/your-data/")
    for _ in range(3):
        with django_capture_on_commit_callbacks(execute=True):
            client.post("/accounts/your-data/export/")
    client.post("/accounts/your-data/delete/", {"password": PASSWORD})
    with CaptureQueriesContext(connection) as full:
        page = client.get("/accounts/your-data/")
    assert "Download your data" in page.content.decode()
    assert len(full) == len(empty) <= 12


def test_your_data_is_linked_from_your_details_and_the_account_menu(client, participant):
    client.force_login(participant)
    page = client.get("/accounts/details/").content.decode()
    assert page.count('href="/accounts/your-data/"') >= 2
