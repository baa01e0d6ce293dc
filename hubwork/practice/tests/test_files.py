"""File downloads: only through the permission-checked views, with locked-down headers."""

import pytest

from hubwork.practice.models import Output
from hubwork.practice.services import evidence as evidence_services
from hubwork.practice.services import outputs as outputs_services
from hubwork.practice.tests.factories import ClassroomTrialFactory
from hubwork.practice.tests.test_uploads import (
    jpeg_with_gps,
    office_file,
    pdf_with_author,
    upload,
)
from hubwork.practice.uploads import DOCX

FILE_CSP = "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox"


pytestmark = pytest.mark.usefixtures("media")


def add_evidence(member, work_group, name, data):
    trial = ClassroomTrialFactory.create(
        author=member, work_group=work_group, gap_task=None, own_idea="Idea"
    )
    return evidence_services.evidence_add(trial=trial, upload=upload(name, data), by=member)


def assert_locked_down(response):
    assert response["Cache-Control"] == "private, no-store"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == FILE_CSP


def test_images_open_in_the_browser_under_their_original_name(client, member, work_group):
    evidence = add_evidence(member, work_group, "Fractions wall.jpg", jpeg_with_gps())
    client.force_login(member)
    response = client.get(f"/files/evidence/{evidence.pk}/")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg"
    assert response["Content-Disposition"] == 'inline; filename="Fractions_wall.jpg"'
    assert_locked_down(response)


def test_pdfs_open_in_the_browser_too(client, member, work_group):
    evidence = add_evidence(member, work_group, "sheet.pdf", pdf_with_author())
    client.force_login(member)
    response = client.get(f"/files/evidence/{evidence.pk}/")
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'inline; filename="sheet.pdf"'
    assert_locked_down(response)


def test_office_outputs_download_as_attachments(client, member, work_group):
    output = outputs_services.output_create(
        author=member,
        work_group=work_group,
        kind=Output.Kind.POLICY,
        title="Calculation policy",
        upload=upload("policy.docx", office_file("word/")),
        visibility=Output.Visibility.GROUP,
    )
    client.force_login(member)
    response = client.get(f"/files/outputs/{output.pk}/")
    assert response.status_code == 200
    assert response["Content-Type"] == DOCX
    assert response["Content-Disposition"] == 'attachment; filename="policy.docx"'
    assert_locked_down(response)


def test_files_are_never_served_under_media(client, member, work_group):
    evidence = add_evidence(member, work_group, "a.jpg", jpeg_with_gps())
    client.force_login(member)
    assert client.get(f"/media/{evidence.file.name}").status_code == 404


def test_a_missing_stored_file_is_not_found(client, member, work_group, media):
    evidence = add_evidence(member, work_group, "a.jpg", jpeg_with_gps())
    (media / evidence.file.name).unlink()
    client.force_login(member)
    assert client.get(f"/files/evidence/{evidence.pk}/").status_code == 404


def test_an_output_without_a_file_has_nothing_to_download(client, member, work_group):
    output = outputs_services.output_create(
        author=member,
        work_group=work_group,
        kind=Output.Kind.RESOURCE,
        title="Link only",
        link="https://example.org/resource",
    )
    client.force_login(member)
    assert client.get(f"/files/outputs/{output.pk}/").status_code == 404


def test_downloads_answer_get_only(client, member, work_group):
    evidence = add_evidence(member, work_group, "a.jpg", jpeg_with_gps())
    client.force_login(member)
    assert client.post(f"/files/evidence/{evidence.pk}/").status_code == 405
