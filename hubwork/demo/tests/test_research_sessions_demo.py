"""The demo's readings set for sessions: the participant and the LLME each see them, and
loading the demo again adds nothing."""

import pytest
from django.core.management import call_command
from django.urls import reverse

from hubwork.accounts.models import User
from hubwork.demo.research_sessions import seed_research_sessions
from hubwork.hubs.models import Hub
from hubwork.research.models import ReadingProgress, SessionReading


@pytest.fixture
def demo(db, settings, tmp_path):
    settings.DEBUG = True
    settings.MEDIA_ROOT = tmp_path
    call_command("seed_demo")


def test_each_role_sees_readings_for_the_next_session(demo, client):
    participant = User.objects.get(email="participant@example.org")
    llme = User.objects.get(email="llme@example.org")
    assert SessionReading.objects.filter(session__work_group__enrolments__user=participant).exists()
    mine = ReadingProgress.objects.get(user=participant)
    assert mine.is_done
    assert mine.is_shared
    assert mine.private_notes

    client.force_login(participant)
    dashboard = client.get(reverse("dashboard:index")).content.decode()
    assert "Read before the next session" in dashboard
    assert (
        client.get(
            reverse("research:my_reading", kwargs={"pk": mine.session_reading_id})
        ).status_code
        == 200
    )

    led = (
        SessionReading.objects.filter(session__work_group__leads=llme)
        .select_related("session__work_group__hub")
        .first()
    )
    assert led is not None
    session = led.session
    client.force_login(llme)
    kwargs = {
        "hub_slug": session.work_group.hub.slug,
        "pk": session.work_group_id,
        "session_pk": session.pk,
    }
    page = client.get(reverse("research:session_readings", kwargs=kwargs)).content.decode()
    assert "Readings for session" in page
    assert "shared a response" in page
    assert (
        client.get(reverse("research:session_readings_progress", kwargs=kwargs)).status_code == 200
    )


def test_loading_again_adds_nothing(demo):
    before = (SessionReading.objects.count(), ReadingProgress.objects.count())
    assert seed_research_sessions(hubs={hub.slug: hub for hub in Hub.objects.all()}) == 0
    assert (SessionReading.objects.count(), ReadingProgress.objects.count()) == before
