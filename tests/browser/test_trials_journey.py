"""Participants log classroom trials between sessions; the lead sees exactly what was shared.

One participant shares a trial with a phone photo as evidence (its GPS position must not
survive the upload), another keeps a draft private; at the next session the lead's "What we
tried" holds the shared trial alone, and someone outside the Work Group cannot open the photo.
"""

import io
from datetime import timedelta

import pytest
from django.utils import timezone
from PIL import ExifTags, Image
from playwright.sync_api import expect

from hubwork.accounts.tests.factories import PASSWORD, UserFactory, enable_totp
from hubwork.hubs.models import HubRole
from hubwork.hubs.tests.factories import HubFactory, HubRoleFactory
from hubwork.practice.models import ClassroomTrial, Evidence
from hubwork.practice.services.gap_tasks import gap_task_create
from hubwork.practice.tests.test_uploads import jpeg_with_gps
from hubwork.workgroups.tests.factories import EnrolmentFactory, SessionFactory, WorkGroupFactory
from tests.browser.conftest import assert_accessible, sign_in, sign_in_with_two_factor

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def log_trial(page, *, year_group: str, tried: str, button: str, photo: bytes | None = None):
    page.goto("/my/practice/")
    assert_accessible(page)
    page.get_by_role("link", name="Log a trial").first.click()
    page.wait_for_url("**/my/trials/new/**")
    assert "Do not name pupils" in page.content()
    page.get_by_label("Class or year group").fill(year_group)
    page.get_by_label("Date").fill((timezone.localdate() - timedelta(days=3)).isoformat())
    page.get_by_label("What you tried").fill(tried)
    page.get_by_label("What happened").fill("Most of the class used it by the third lesson.")
    page.get_by_label("4 – Good impact").check()
    if photo is not None:
        page.get_by_label("Evidence (optional)").set_input_files(
            {"name": "IMG_0042.jpg", "mimeType": "image/jpeg", "buffer": photo}
        )
    assert_accessible(page)
    page.get_by_role("button", name=button).click()
    page.wait_for_load_state()
    assert_accessible(page)


def test_shared_trials_reach_what_we_tried_and_drafts_stay_private(page, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    hub = HubFactory.create(name="GLOW Maths Hub", slug="glow")
    lead = UserFactory.create(email="liam@example.org", display_name="Liam Evans")
    HubRoleFactory.create(user=lead, hub=hub, role=HubRole.Kind.LLME)
    secret = enable_totp(lead)  # "What we tried" shows participants' names and schools
    work_group = WorkGroupFactory.create(hub=hub, leads=[lead], title="Mastering Number, Dudley")
    today = timezone.localdate()
    first = SessionFactory.create(work_group=work_group, date=today - timedelta(days=21))
    second = SessionFactory.create(work_group=work_group, date=today + timedelta(days=2))
    gap_task_create(
        session=first,
        title="Use a stem sentence in three lessons",
        classes="Any class",
        due_on=second.date,
        by=lead,
    )
    amy = EnrolmentFactory.create(
        work_group=work_group, user__email="amy@example.org", user__display_name="Amy Adams"
    ).user
    ben = EnrolmentFactory.create(
        work_group=work_group, user__email="ben@example.org", user__display_name="Ben Brown"
    ).user
    for user in (amy, ben):
        user.set_password(PASSWORD)
        user.save()
    other_group = WorkGroupFactory.create(hub=hub, title="Years 5 to 8 Continuity")
    olive = UserFactory.create(email="olive@example.org", display_name="Olive Other")
    EnrolmentFactory.create(work_group=other_group, user=olive)

    # Amy shares a trial with a phone photo as evidence.
    sign_in(page, "amy@example.org")
    log_trial(
        page,
        year_group="Year 4",
        tried="Stem sentences for equivalent fractions.",
        button="Save and share with your Work Group",
        photo=jpeg_with_gps(size=(320, 240)),
    )
    shared = ClassroomTrial.objects.get(author=amy)
    assert shared.shared_at is not None
    evidence = Evidence.objects.get(trial=shared)

    # Ben keeps his draft private.
    sign_in(page, "ben@example.org")
    log_trial(
        page,
        year_group="Year 6",
        tried="A private idea Ben is still writing up.",
        button="Save as a private draft",
    )
    draft = ClassroomTrial.objects.get(author=ben)
    assert draft.shared_at is None

    # The lead's "What we tried" for the next session holds Amy's trial and not Ben's draft.
    sign_in_with_two_factor(page, "liam@example.org", secret)
    page.goto(f"/hubs/glow/manage/work-groups/{work_group.pk}/sessions/{second.pk}/what-we-tried/")
    assert_accessible(page)
    # The photo shows as a small preview beside its name, through the permission check.
    preview = page.locator(".hubwork-evidence__preview")
    expect(preview).to_have_attribute("src", f"/files/evidence/{evidence.pk}/preview/")
    expect(preview).to_be_visible()
    assert preview.evaluate("image => image.complete && image.naturalWidth") == 320
    content = page.content()
    assert "Stem sentences for equivalent fractions." in content
    assert "A private idea Ben is still writing up." not in content
    assert "Ben Brown" in page.locator("main").inner_text()  # listed as not yet shared
    assert page.request.get(f"/trials/{draft.pk}/").status == 404

    # The lead can open the photo, and it comes back without its GPS position or camera.
    link = page.get_by_role("link", name="IMG_0042.jpg")
    response = page.request.get(link.first.get_attribute("href"))
    assert response.status == 200
    photo = Image.open(io.BytesIO(response.body()))
    assert photo.format == "JPEG"
    assert photo.size == (320, 240)
    assert not photo.getexif().get_ifd(ExifTags.IFD.GPSInfo)
    assert ExifTags.Base.Make not in photo.getexif()

    # The printable version, to use in the room, has the preview too.
    page.get_by_role("link", name="Printable version, to use in the room").click()
    page.wait_for_url("**/what-we-tried/print/")
    expect(page.locator(".hubwork-evidence__preview")).to_be_visible()
    assert_accessible(page)

    # Someone outside the Work Group cannot open it or its preview (a refused file answers as
    # if it did not exist); nor can anyone signed out.
    sign_in(page, "olive@example.org")
    assert page.request.get(f"/files/evidence/{evidence.pk}/").status == 404
    assert page.request.get(f"/files/evidence/{evidence.pk}/preview/").status == 404
    page.context.clear_cookies()
    signed_out = page.request.get(f"/files/evidence/{evidence.pk}/", max_redirects=0)
    assert signed_out.status == 302
