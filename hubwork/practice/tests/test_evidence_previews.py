"""Evidence previews: each image gets a small, metadata-free copy when it is uploaded, stored
privately and served only to people who may see the trial; a PDF keeps its number of pages.
"What we tried" shows them in place of bare file names, in the same number of queries."""

import io
from datetime import timedelta
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from PIL import Image
from pypdf import PdfWriter

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
from hubwork.workgroups.tests.factories import EnrolmentFactory

pytestmark = pytest.mark.usefixtures("media")


@pytest.fixture
def trial(member, work_group, sessions) -> ClassroomTrial:
    """Shared between sessions 1 and 2, so "What we tried" for session 2 shows it."""
    return ClassroomTrialFactory.create(
        author=member,
        work_group=work_group,
        gap_task=None,
        own_idea="Number talks",
        shared_at=sessions[0].starts() + timedelta(days=2),
    )


def pdf(pages: int) -> bytes:
    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(width=200, height=200)
    output = io.BytesIO()
    writer.write(output)
    return output.getvalue()


def body(response) -> bytes:
    return b"".join(response.streaming_content)


def tried_url(session) -> str:
    work_group = session.work_group
    return (
        f"/hubs/{work_group.hub.slug}/manage/work-groups/{work_group.pk}/sessions/"
        f"{session.pk}/what-we-tried/"
    )


def test_a_photo_gets_a_small_preview_without_its_metadata(trial, member):
    photo = jpeg_with_gps(size=(1600, 1200))
    evidence = evidence_services.evidence_add(
        trial=trial, upload=upload("IMG_0042.JPG", photo), by=member
    )
    assert evidence.preview.name.startswith("private/evidence-preview/")
    data = evidence.preview.read()
    assert_no_metadata(data)
    with Image.open(io.BytesIO(data)) as preview:
        assert preview.format == "JPEG"
        assert preview.size == (320, 240)
    assert (evidence.preview_width, evidence.preview_height) == (320, 240)
    assert evidence.page_count is None


def test_a_transparent_png_is_previewed_on_white(trial, member):
    evidence = evidence_services.evidence_add(
        trial=trial, upload=upload("chart.png", png_with_text(), "image/png"), by=member
    )
    data = evidence.preview.read()
    assert_no_metadata(data)
    with Image.open(io.BytesIO(data)) as preview:
        assert (preview.format, preview.mode, preview.size) == ("JPEG", "RGB", (12, 8))
    assert b"Jamie" not in data


def test_a_pdf_keeps_its_number_of_pages_and_a_picture_of_the_first(trial, member):
    document = pdf_with_author()  # one blank page, 200 points square, with an author
    evidence = evidence_services.evidence_add(
        trial=trial, upload=upload("plan.pdf", document, "application/pdf"), by=member
    )
    assert evidence.page_count == 1
    data = evidence.preview.read()
    assert_no_metadata(data)
    with Image.open(io.BytesIO(data)) as preview:
        assert (preview.format, preview.size) == ("JPEG", (240, 240))
        assert preview.getpixel((120, 120)) == (255, 255, 255)
    assert (evidence.preview_width, evidence.preview_height) == (240, 240)

    three = evidence_services.evidence_add(
        trial=trial, upload=upload("three.pdf", pdf(3), "application/pdf"), by=member
    )
    assert three.page_count == 3


def test_a_pdf_that_cannot_be_drawn_keeps_its_number_of_pages(trial, member, monkeypatch):
    def fails(*args, **kwargs):
        raise pdfium.PdfiumError("Failed to load page.")

    monkeypatch.setattr(pdfium.PdfDocument, "__init__", fails)
    evidence = evidence_services.evidence_add(
        trial=trial, upload=upload("plan.pdf", pdf(2), "application/pdf"), by=member
    )
    assert evidence.page_count == 2
    assert not evidence.preview


def test_the_preview_goes_only_to_people_who_may_see_the_trial(
    client, trial, member, llme, outsider
):
    evidence = evidence_services.evidence_add(
        trial=trial, upload=upload("board.jpg", jpeg_with_gps(size=(400, 300))), by=member
    )
    url = f"/files/evidence/{evidence.pk}/preview/"
    expected = evidence.preview.read()
    for person in (member, llme):
        client.force_login(person)
        response = client.get(url)
        assert response.status_code == 200
        assert response["Content-Type"] == "image/jpeg"
        assert response["Cache-Control"] == "private, no-store"
        assert "sandbox" in response["Content-Security-Policy"]
        assert body(response) == expected
    client.force_login(outsider)
    assert client.get(url).status_code == 404
    client.logout()
    assert client.get(url).status_code == 302

    # A draft's files are its author's alone.
    ClassroomTrial.objects.filter(pk=trial.pk).update(shared_at=None)
    client.force_login(llme)
    assert client.get(url).status_code == 404
    # A file without a preview has none to serve.
    client.force_login(member)
    Evidence.objects.filter(pk=evidence.pk).update(preview="")
    assert client.get(url).status_code == 404


def stored(media: Path) -> set[str]:
    return {str(path.relative_to(media)) for path in media.rglob("*") if path.is_file()}


def test_previews_go_with_their_evidence_and_their_trial(
    trial, member, media, django_capture_on_commit_callbacks
):
    first, second = (
        evidence_services.evidence_add(
            trial=trial, upload=upload(f"{n}.jpg", jpeg_with_gps()), by=member
        )
        for n in range(2)
    )
    assert stored(media) == {
        first.file.name,
        first.preview.name,
        second.file.name,
        second.preview.name,
    }
    with django_capture_on_commit_callbacks(execute=True):
        evidence_services.evidence_remove(evidence=first, by=member)
    assert stored(media) == {second.file.name, second.preview.name}
    with django_capture_on_commit_callbacks(execute=True):
        trials_services.trial_delete(trial=trial, by=member)
    assert stored(media) == set()


def test_what_we_tried_shows_previews_and_pdf_lengths_in_fixed_queries(
    client, trial, member, llme, work_group, sessions, django_assert_max_num_queries
):
    photo = evidence_services.evidence_add(
        trial=trial, upload=upload("board.jpg", jpeg_with_gps(size=(400, 300))), by=member
    )
    evidence_services.evidence_add(
        trial=trial, upload=upload("plan.pdf", pdf(2), "application/pdf"), by=member
    )
    client.force_login(llme)
    url = tried_url(sessions[1])
    with django_assert_max_num_queries(40) as queries:
        html = client.get(url).content.decode()
    count = len(queries)
    assert (
        f'<img class="hubwork-evidence__preview" src="/files/evidence/{photo.pk}/preview/" '
        'alt="" width="320" height="240" loading="lazy">'
    ) in html
    assert "PDF, 2 pages" in html
    assert "plan.pdf" in html

    for enrolment in EnrolmentFactory.create_batch(4, work_group=work_group):
        more = ClassroomTrialFactory.create(
            author=enrolment.user,
            work_group=work_group,
            gap_task=None,
            shared_at=sessions[0].starts() + timedelta(days=3),
        )
        for name in ("a.jpg", "b.jpg"):
            evidence_services.evidence_add(
                trial=more, upload=upload(name, jpeg_with_gps()), by=enrolment.user
            )
    with django_assert_max_num_queries(count) as queries:
        html = client.get(url).content.decode()
    assert len(queries) == count
    # The photos' and the PDF's.
    assert html.count('class="hubwork-evidence__preview"') == 10
    assert Evidence.objects.exclude(preview="").count() == 10
