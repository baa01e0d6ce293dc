"""The demo's requests to hear when a Work Group opens: the participant sees hers, one
answered; loading the demo again adds nothing."""

import pytest
from django.core.management import call_command
from django.urls import reverse

from hubwork.accounts.models import User
from hubwork.content.models import InterestRegistration
from hubwork.demo.content_interest import seed_content_interest


@pytest.fixture
def demo(db, settings, tmp_path):
    settings.DEBUG = True
    settings.MEDIA_ROOT = tmp_path
    call_command("seed_demo")


def test_the_participant_sees_her_requests_and_loading_again_adds_nothing(demo, client):
    participant = User.objects.get(email="participant@example.org")
    mine = InterestRegistration.objects.filter(user=participant)
    assert mine.count() == 2
    assert mine.filter(notified_at__isnull=False, notified_work_group__isnull=False).count() == 1
    assert InterestRegistration.objects.filter(confirmed_at__isnull=True).count() == 1
    client.force_login(participant)
    html = client.get(reverse("content:interest_mine")).content.decode()
    assert "Waiting for a Work Group" in html
    assert "Told on" in html
    count = InterestRegistration.objects.count()
    assert seed_content_interest() == 0
    assert InterestRegistration.objects.count() == count
