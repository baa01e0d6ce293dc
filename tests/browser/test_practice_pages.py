"""A participant logs a trial with a photo in a real browser; every page passes axe-core."""

from datetime import timedelta

import pytest
from django.utils import timezone

from hubwork.accounts.tests.factories import UserFactory
from hubwork.hubs.tests.factories import HubFactory
from hubwork.practice.models import ClassroomTrial, Output
from hubwork.practice.tests.factories import GapTaskFactory, OutputFactory, ReflectionFactory
from hubwork.practice.tests.test_uploads import assert_no_metadata, jpeg_with_gps
from hubwork.workgroups.tests.factories import EnrolmentFactory, SessionFactory, WorkGroupFactory
from tests.browser.conftest import assert_accessible, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_participant_logs_a_trial_with_a_photo(page, transactional_db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    hub = HubFactory.create(name="GLOW Maths Hub", slug="glow")
    teacher = UserFactory.create(email="priya@example.org", display_name="Priya Clarke")
    work_group = WorkGroupFactory.create(hub=hub, title="Mastering Number, Dudley")
    EnrolmentFactory.create(work_group=work_group, user=teacher)
    session = SessionFactory.create(work_group=work_group)
    GapTaskFactory.create(
        session=session,
        title="Try stem sentences",
        due_on=timezone.localdate() + timedelta(days=7),
    )
    OutputFactory.create(
        work_group=work_group, title="Shared fractions wall", visibility=Output.Visibility.GROUP
    )
    ReflectionFactory.create(author=teacher, idea="Number talks")
    photo = tmp_path / "IMG_0042.jpg"
    photo.write_bytes(jpeg_with_gps())

    sign_in(page, "priya@example.org")

    page.goto("/my/practice/")
    assert "Try stem sentences" in page.content()
    assert_accessible(page)
    page.get_by_role("link", name="Log a trial of “Try stem sentences”").click()
    page.wait_for_url("**/my/trials/new/**")
    assert_accessible(page)
    page.get_by_label("Class or year group").fill("Year 4")
    page.get_by_label("What you tried").fill("Stem sentences for equivalent fractions.")
    page.get_by_label("How pupils responded").fill("Quieter pupils spoke more.")
    page.get_by_label("4 – Good impact").check()
    page.get_by_label("Evidence (optional)").set_input_files(str(photo))
    with page.expect_navigation():
        page.get_by_role("button", name="Save and share with your Work Group").click()
    assert "Your trial is saved and shared with Mastering Number, Dudley." in page.content()
    assert_accessible(page)

    trial = ClassroomTrial.objects.get()
    assert trial.is_shared
    assert trial.gap_task is not None
    evidence = trial.evidence.get()
    response = page.request.get(f"/files/evidence/{evidence.pk}/")
    assert response.status == 200
    assert_no_metadata(response.body())

    page.get_by_role("link", name="Change or add evidence").click()
    assert_accessible(page)
    for url in ["/my/reflections/", "/my/outputs/", "/my/outputs/new/", "/outputs/"]:
        page.goto(url)
        assert_accessible(page)
    page.goto(f"/my/trials/{trial.pk}/delete/")
    assert_accessible(page)
