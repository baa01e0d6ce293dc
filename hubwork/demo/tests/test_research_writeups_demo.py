"""The demo's research write-ups and reviews: published findings with their review history,
a project waiting in GLOW's hub lead's queue, and loading again adds nothing."""

import pytest
from django.core.management import call_command
from django.urls import reverse

from hubwork.accounts.models import User
from hubwork.research.models import ProjectReview, ResearchProject, WriteUpVersion


@pytest.fixture
def demo(db, settings, tmp_path):
    settings.DEBUG = True
    settings.MEDIA_ROOT = tmp_path
    call_command("seed_demo")


def test_the_demo_has_published_findings_and_a_project_to_review(demo, client):
    published = ResearchProject.objects.filter(status=ResearchProject.Status.PUBLISHED)
    assert published.count() >= 2
    for project in published:
        assert project.slug
        assert project.published_at is not None
        assert project.findings
        assert project.reviews.filter(decision=ProjectReview.Decision.PUBLISHED).exists()
    returned = ProjectReview.objects.filter(decision=ProjectReview.Decision.RETURNED)
    assert returned.exclude(comments="").exists()

    waiting = ResearchProject.objects.get(hub__slug="glow", status=ResearchProject.Status.SUBMITTED)
    client.force_login(User.objects.get(email="hub-lead@example.org"))
    queue = client.get(reverse("research:hub_reviews", kwargs={"hub_slug": "glow"}))
    assert waiting.title in queue.content.decode()
    page = client.get(reverse("research:project_review", kwargs={"pk": waiting.pk}))
    assert "Pass it to the national team" in page.content.decode()


def test_loading_the_demo_again_adds_no_write_ups_or_reviews(demo):
    counts = [model.objects.count() for model in (ResearchProject, WriteUpVersion, ProjectReview)]
    call_command("seed_demo")
    assert [
        model.objects.count() for model in (ResearchProject, WriteUpVersion, ProjectReview)
    ] == counts


def test_glows_oracy_project_has_a_write_up_with_its_history(demo):
    oracy = ResearchProject.objects.get(
        hub__slug="glow", years__work_group__code__startswith="GLOW-ORA", years__number=1
    )
    versions = list(oracy.writeup_versions.order_by("number"))
    assert [version.number for version in versions] == [1, 2, 3]
    assert len({version.saved_by_id for version in versions}) == 2
    assert oracy.status == ResearchProject.Status.WRITING_UP
    assert oracy.limitations
