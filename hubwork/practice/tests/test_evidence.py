"""Evidence files on trials: uploaded, cleaned, stored privately, downloaded only by people
who may read the trial, and removed with their trial."""

import io
from datetime import timedelta
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from PIL import Image
from pypdf import PdfReader

from hubwork.core.models import AuditEvent
from hubwork.practice.models import ClassroomTrial, Evidence
from hubwork.practice.services import evidence as evidence_services
from hubwork.practice.services import trials as trials_services
from hubwork.practice.tests.factories import ClassroomTrialFactory
from hubwork.practice.tests.test_uploads import (
    assert_no_metadata,
    jpeg_with_gps,
    pdf_with_author,
    png_with_text,
    upload,
)
from hubwork.workgroups.tests.factories import EnrolmentFactory, WorkGroupFactory

pytestmark = pytest.mark.usefixtures("media")


@pytest.fixture
def trial(member, work_group) -> ClassroomTrial:
    return ClassroomTrialFactory.create(
        author=member, work_group=work_group, gap_task=None, own_idea="Number talks"
    )


def stored_files(media: Path) -> list[Path]:
    """The files stored, less images' previews (test_evidence_previews.py has those)."""
    return [path for path in media.rglob("*") if path.is_file() and "preview" not in str(path)]


def body(response) -> bytes:
    return b"".join(response.streaming_content)


def test_a_photo_with_gps_comes_back_without_it(client, member, work_group, media):
    client.force_login(member)
    response = client.post(
        "/my/trials/new/",
        {
            "work_group": work_group.pk,
            "gap_task": "own",
            "own_idea": "Number talks",
            "class_or_year_group": "Year 4",
            "tried_on": (timezone.localdate() - timedelta(days=1)).isoformat(),
            "what_tried": "Number talks at the start of lessons.",
            "evidence": [upload("IMG_0042.JPG", jpeg_with_gps())],
            "action": "share",
        },
    )
    assert response.status_code == 302
    evidence = Evidence.objects.get()
    assert evidence.content_type == "image/jpeg"
    assert evidence.original_name == "IMG_0042.jpg"
    # Stored under a random name, never the original.
    assert evidence.file.name.startswith("private/evidence/")
    assert "IMG_0042" not in evidence.file.name
    [stored] = stored_files(media)
    assert_no_metadata(stored.read_bytes())
    assert evidence.size == stored.stat().st_size

    response = client.get(f"/files/evidence/{evidence.pk}/")
    data = body(response)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg"
    assert_no_metadata(data)
    assert Image.open(io.BytesIO(data)).size == (40, 30)
    event = AuditEvent.objects.get(verb="evidence.added")
    assert event.data == {"evidence": evidence.pk, "content_type": "image/jpeg", "size": len(data)}


def test_a_png_loses_its_text_chunk(client, member, trial, media):
    client.force_login(member)
    response = client.post(
        f"/my/trials/{trial.pk}/evidence/",
        {"evidence": [upload("board.png", png_with_text(), "image/png")]},
    )
    assert response.status_code == 302
    evidence = trial.evidence.get()
    data = body(client.get(f"/files/evidence/{evidence.pk}/"))
    assert Image.open(io.BytesIO(data)).info == {}
    assert b"Jamie" not in data


def test_a_pdf_is_accepted_and_its_author_removed(client, member, trial):
    client.force_login(member)
    client.post(
        f"/my/trials/{trial.pk}/evidence/",
        {"evidence": [upload("worksheet.pdf", pdf_with_author(), "application/pdf")]},
    )
    evidence = trial.evidence.get()
    assert evidence.content_type == "application/pdf"
    data = body(client.get(f"/files/evidence/{evidence.pk}/"))
    reader = PdfReader(io.BytesIO(data))
    assert len(reader.pages) == 1
    assert reader.metadata is None or "/Author" not in reader.metadata
    assert b"Jamie Smith" not in data


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("setup.jpg", b"MZ\x90\x00\x03\x00" + b"\x00" * 100),
        ("notes.jpg", b"These are my lesson notes, not a photo."),
    ],
)
def test_a_file_that_is_not_an_image_or_pdf_gets_a_message_by_the_field(
    client, member, trial, media, name, data
):
    client.force_login(member)
    response = client.post(f"/my/trials/{trial.pk}/evidence/", {"evidence": [upload(name, data)]})
    html = response.content.decode()
    assert response.status_code == 200
    assert 'id="id_evidence_error"' in html
    assert f"{name}: The file must be a JPG, PNG, WebP image or a PDF." in html
    assert not Evidence.objects.exists()
    assert stored_files(media) == []


def test_a_too_big_file_gets_a_message_by_the_field(client, member, trial, settings, media):
    settings.UPLOAD_MAX_BYTES = 100
    client.force_login(member)
    response = client.post(
        f"/my/trials/{trial.pk}/evidence/", {"evidence": [upload("big.jpg", jpeg_with_gps())]}
    )
    assert response.status_code == 200
    assert "big.jpg: The file must be smaller than 100 bytes." in response.content.decode()
    assert not Evidence.objects.exists()


def test_a_bad_file_on_the_trial_form_saves_nothing(client, member, work_group, media):
    client.force_login(member)
    response = client.post(
        "/my/trials/new/",
        {
            "work_group": work_group.pk,
            "gap_task": "own",
            "own_idea": "Idea",
            "class_or_year_group": "Year 4",
            "tried_on": timezone.localdate().isoformat(),
            "what_tried": "Something",
            "evidence": [upload("a.jpg", jpeg_with_gps()), upload("b.jpg", b"not an image")],
        },
    )
    assert response.status_code == 200
    assert 'id="id_evidence_error"' in response.content.decode()
    assert not ClassroomTrial.objects.exists()
    assert stored_files(media) == []


def test_removing_evidence_deletes_the_stored_file(
    client, member, trial, media, django_capture_on_commit_callbacks
):
    client.force_login(member)
    client.post(
        f"/my/trials/{trial.pk}/evidence/", {"evidence": [upload("a.jpg", jpeg_with_gps())]}
    )
    evidence = trial.evidence.get()
    assert len(stored_files(media)) == 1
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/my/trials/{trial.pk}/evidence/{evidence.pk}/delete/")
    assert response.status_code == 302
    assert not Evidence.objects.exists()
    assert stored_files(media) == []
    assert AuditEvent.objects.filter(verb="evidence.removed").count() == 1


def test_deleting_a_trial_deletes_its_files(
    client, member, trial, media, django_capture_on_commit_callbacks
):
    client.force_login(member)
    client.post(
        f"/my/trials/{trial.pk}/evidence/",
        {"evidence": [upload("a.jpg", jpeg_with_gps()), upload("b.png", png_with_text())]},
    )
    assert len(stored_files(media)) == 2
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/my/trials/{trial.pk}/delete/")
    assert stored_files(media) == []


def test_only_the_author_adds_or_removes_evidence(client, member, colleague, trial, media):
    client.force_login(member)
    client.post(
        f"/my/trials/{trial.pk}/evidence/", {"evidence": [upload("a.jpg", jpeg_with_gps())]}
    )
    evidence = trial.evidence.get()
    client.force_login(colleague)
    response = client.post(
        f"/my/trials/{trial.pk}/evidence/", {"evidence": [upload("b.jpg", jpeg_with_gps())]}
    )
    assert response.status_code == 404
    assert client.post(f"/my/trials/{trial.pk}/evidence/{evidence.pk}/delete/").status_code == 404
    assert Evidence.objects.count() == 1


def test_a_trial_keeps_at_most_its_limit_of_evidence_files(member, work_group, monkeypatch):
    monkeypatch.setattr(evidence_services, "MAX_EVIDENCE_PER_TRIAL", 2)
    files = [upload(f"{name}.jpg", jpeg_with_gps()) for name in "abc"]
    details = {
        "author": member,
        "work_group": work_group,
        "gap_task": None,
        "own_idea": "Number talks",
        "class_or_year_group": "Year 4",
        "tried_on": timezone.localdate(),
        "what_tried": "Number talks at the start of lessons.",
    }
    with pytest.raises(ValidationError) as error:
        trials_services.trial_create(**details, evidence=files)
    assert error.value.message_dict == {"evidence": ["Add at most 2 files."]}
    assert not ClassroomTrial.objects.exists()

    trial = trials_services.trial_create(**details, evidence=files[:2])
    assert trial.evidence.count() == 2
    with pytest.raises(ValidationError) as error:
        evidence_services.evidence_add(trial=trial, upload=files[2], by=member)
    assert error.value.message_dict == {"file": ["A trial can have at most 2 evidence files."]}
    assert trial.evidence.count() == 2


# Who may open evidence ----------------------------------------------------------------------


def test_draft_evidence_is_for_its_author_alone(client, member, colleague, llme, hub_lead, trial):
    client.force_login(member)
    client.post(
        f"/my/trials/{trial.pk}/evidence/", {"evidence": [upload("a.jpg", jpeg_with_gps())]}
    )
    evidence = trial.evidence.get()
    assert client.get(f"/files/evidence/{evidence.pk}/").status_code == 200
    for person in [colleague, llme, hub_lead]:
        client.force_login(person)
        assert client.get(f"/trials/{trial.pk}/").status_code == 404
        assert client.get(f"/files/evidence/{evidence.pk}/").status_code == 404


def test_shared_evidence_is_for_the_group_its_leads_and_hub_staff_only(
    client, member, colleague, llme, hub_lead, outsider, trial, hub
):
    client.force_login(member)
    client.post(
        f"/my/trials/{trial.pk}/evidence/", {"evidence": [upload("a.jpg", jpeg_with_gps())]}
    )
    client.post(f"/my/trials/{trial.pk}/share/", {"share": "yes"})
    evidence = trial.evidence.get()
    for person in [colleague, llme, hub_lead]:
        client.force_login(person)
        page = client.get(f"/trials/{trial.pk}/")
        assert page.status_code == 200
        assert f"/files/evidence/{evidence.pk}/" in page.content.decode()
        response = client.get(f"/files/evidence/{evidence.pk}/")
        assert response.status_code == 200
        assert_no_metadata(body(response))
    other_group_member = EnrolmentFactory.create(work_group=WorkGroupFactory.create(hub=hub)).user
    for person in [outsider, other_group_member]:
        client.force_login(person)
        assert client.get(f"/trials/{trial.pk}/").status_code == 404
        assert client.get(f"/files/evidence/{evidence.pk}/").status_code == 404
    client.logout()
    response = client.get(f"/files/evidence/{evidence.pk}/")
    assert response.status_code == 302
    assert response.url.startswith("/accounts/login/")
