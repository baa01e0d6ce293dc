"""The public site's demo pages and its content editor and reviewer."""

import pytest
from allauth.mfa.models import Authenticator
from django.test import Client

from hubwork.accounts.models import Role, User
from hubwork.content.models.pages import NewsArticlePage, SpotlightPage, StandardPage
from hubwork.demo.content_pages import seed_content_pages
from hubwork.demo.services import DEMO_PASSWORD, HUBS
from hubwork.hubs.models import Hub
from hubwork.programmes.seeds import programmes_seed

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeded():
    programmes_seed()
    for name, slug, email, _ in HUBS:
        Hub.objects.create(name=name, slug=slug, email=email)
    return seed_content_pages(password=DEMO_PASSWORD)


def test_the_demo_has_spotlights_news_pages_and_editors(seeded):
    assert SpotlightPage.objects.live().count() == 3
    assert NewsArticlePage.objects.live().count() == 2
    assert set(StandardPage.objects.live().values_list("slug", flat=True)) == {
        "about",
        "get-involved",
        "become-an-llme",
    }
    co_led = SpotlightPage.objects.get(slug="talking-maths-oracy")
    assert co_led.people.count() == 2
    answers = [block.value["answers"] for block in co_led.body]
    assert all(len(pair) == 2 for pair in answers)
    for email, role in (
        ("content-editor@example.org", Role.CONTENT_EDITOR),
        ("content-reviewer@example.org", Role.CONTENT_REVIEWER),
    ):
        person = User.objects.get(email=email)
        assert person.content_role == role
        assert person.check_password(DEMO_PASSWORD)
        assert Authenticator.objects.filter(user=person, type=Authenticator.Type.TOTP).exists()


def test_seeding_again_changes_nothing(seeded):
    assert seed_content_pages(password=DEMO_PASSWORD) == 0


def test_the_demo_pages_render(seeded):
    client = Client()
    for page in [*SpotlightPage.objects.all(), *NewsArticlePage.objects.all()]:
        response = client.get(page.url)
        assert response.status_code == 200, page.url
    assert (
        "become an LLME yourself"
        in client.get("/spotlights-and-news/talking-maths-oracy/").content.decode()
    )
