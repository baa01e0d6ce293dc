"""The public site's pages, with real Wagtail pages: every page type renders, the listing
filters, pages and feeds, related pages fill themselves, search, sitemap, cache headers."""

from datetime import date

import pytest
from django.urls import reverse

from hubwork.content.selectors.pages import ARTICLES_PER_PAGE
from hubwork.content.tests.factories import (
    home_page,
    listing_page,
    news_publish,
    qa_block,
    spotlight_publish,
    standard_page_publish,
)
from hubwork.hubs.tests.factories import HubFactory
from hubwork.workgroups.tests.factories import ProgrammeFactory

pytestmark = pytest.mark.django_db

# Wagtail finds the site and walks the tree; the page's own fields, relations, related
# pages and menus: a fixed number, whatever the number of articles.
PAGE_QUERIES = 30


@pytest.fixture
def oracy():
    return ProgrammeFactory(name="Oracy", slug="riwg-oracy")


@pytest.fixture
def mastery():
    return ProgrammeFactory(name="Teaching for Mastery", slug="teaching-for-mastery")


@pytest.fixture
def glow():
    return HubFactory(name="GLOW Maths Hub", slug="glow")


@pytest.fixture
def become_an_llme():
    return standard_page_publish(slug="become-an-llme", title="Become an LLME")


@pytest.fixture
def co_led(oracy, glow, become_an_llme):
    return spotlight_publish(
        slug="talking-maths",
        title="Grace and Daniel on talking maths",
        phases=("primary",),
        programmes=[oracy],
        hubs=[glow],
        people=("Grace Adeyemi", "Daniel Hughes"),
        body=[
            qa_block(
                "How do you lead together?",
                ("Grace Adeyemi", "Grace answers first."),
                ("Daniel Hughes", "Daniel answers second."),
            )
        ],
    )


def test_a_co_led_spotlight_shows_each_answer_with_who_gives_it(client, co_led):
    response = client.get(co_led.url)

    assert response.status_code == 200
    html = response.content.decode()
    assert "Grace and Daniel on talking maths" in html
    assert "The standfirst of talking-maths." in html
    assert '<time datetime="' in html
    assert "The people we spoke to" in html
    grace = html.index("Grace answers first.")
    daniel = html.index("Daniel answers second.")
    assert html.rindex("Grace Adeyemi", 0, grace) < grace < html.rindex("Daniel Hughes", 0, daniel)
    assert "Interested to know more?" in html


def test_a_spotlight_links_to_its_programmes_catalogue_and_to_becoming_an_llme(
    client, co_led, become_an_llme
):
    html = client.get(co_led.url).content.decode()

    catalogue = reverse("workgroups:catalogue")
    assert f'href="{catalogue}?programme=riwg-oracy">Oracy</a>' in html
    assert f'href="{become_an_llme.url}">become an LLME yourself</a>' in html
    # The link leads to that programme's Work Groups.
    assert client.get(f"{catalogue}?programme=riwg-oracy").status_code == 200


def test_related_pages_are_those_sharing_most_programmes_phases_and_hubs(
    client, co_led, oracy, mastery, glow
):
    same_programme_and_hub = news_publish(
        slug="oracy-news", programmes=[oracy], hubs=[glow], published_on=date(2026, 1, 1)
    )
    same_phase = news_publish(slug="primary-news", phases=("primary",))
    unrelated = news_publish(slug="other-news", programmes=[mastery], phases=("secondary",))

    html = client.get(co_led.url).content.decode()

    related = html[html.index("Related pages") :]
    assert same_programme_and_hub.title in related
    assert same_phase.title in related
    assert related.index(same_programme_and_hub.title) < related.index(same_phase.title)
    assert unrelated.title not in related


def test_the_editors_choice_of_related_pages_comes_instead(client, oracy, glow):
    chosen = standard_page_publish(slug="get-involved", title="Get involved")
    news_publish(slug="oracy-news", programmes=[oracy], hubs=[glow])
    spotlight = spotlight_publish(slug="chosen", programmes=[oracy], hubs=[glow], related=[chosen])

    html = client.get(spotlight.url).content.decode()

    related = html[html.index("Related pages") :]
    assert "Get involved" in related
    assert "News oracy-news" not in related


def test_a_news_article_renders_its_blocks_in_govuk_styles(client, glow):
    news = news_publish(slug="open", hubs=[glow])

    html = client.get(news.url).content.decode()

    assert '<h2 class="govuk-heading-l">What happened</h2>' in html
    assert '<div class="govuk-inset-text">' in html
    assert '<details class="govuk-details">' in html
    assert "GLOW Maths Hub" in html


def test_a_standard_page_renders(client):
    page = standard_page_publish(slug="about", title="About the Maths Hubs")

    response = client.get("/about/")

    assert response.status_code == 200
    assert page.title in response.content.decode()


def test_the_home_page_of_the_tree_renders(client):
    # Hubwork's own home is at "/"; the tree's home page is still a page of its own type.
    response = home_page().serve(_request(client))

    assert response.status_code == 200


def _request(client):
    from django.contrib.auth.models import AnonymousUser
    from django.test import RequestFactory

    request = RequestFactory().get("/")
    request.user = AnonymousUser()
    request.session = client.session
    return request


@pytest.fixture
def articles(oracy, glow):
    spotlight = spotlight_publish(
        slug="primary-oracy", phases=("primary",), programmes=[oracy], hubs=[glow]
    )
    news = news_publish(slug="secondary-news", phases=("secondary",))
    return spotlight, news


@pytest.mark.parametrize(
    ("query", "shown", "hidden"),
    [
        ("type=spotlight", "Spotlight primary-oracy", "News secondary-news"),
        ("type=news", "News secondary-news", "Spotlight primary-oracy"),
        ("phase=secondary", "News secondary-news", "Spotlight primary-oracy"),
        ("programme=riwg-oracy", "Spotlight primary-oracy", "News secondary-news"),
        ("hub=glow", "Spotlight primary-oracy", "News secondary-news"),
    ],
)
def test_the_listing_filters(client, articles, query, shown, hidden):
    response = client.get(f"/spotlights-and-news/?{query}")

    html = response.content.decode()
    assert shown in html
    assert hidden not in html
    assert "1 article match your filters" in html


def test_an_invalid_filter_is_ignored_with_a_message(client, articles):
    html = client.get("/spotlights-and-news/?phase=nonsense").content.decode()

    assert "Choose a phase from the list." in html
    assert "Spotlight primary-oracy" in html
    assert "News secondary-news" in html


def test_the_listing_pages_through_articles_in_a_fixed_number_of_queries(
    client, django_assert_max_num_queries
):
    for number in range(ARTICLES_PER_PAGE + 2):
        news_publish(slug=f"news-{number}", published_on=date(2026, 1, 1 + number))

    with django_assert_max_num_queries(PAGE_QUERIES):
        first = client.get("/spotlights-and-news/")
    second = client.get("/spotlights-and-news/?page=2")

    assert "News news-11" in first.content.decode()
    assert "Page 1 of 2" in first.content.decode()
    assert "News news-0" in second.content.decode()
    assert "News news-0" not in first.content.decode()


def test_an_article_renders_in_a_fixed_number_of_queries(
    client, co_led, oracy, glow, django_assert_max_num_queries
):
    for number in range(6):
        news_publish(slug=f"news-{number}", programmes=[oracy], hubs=[glow])

    with django_assert_max_num_queries(PAGE_QUERIES):
        response = client.get(co_led.url)

    assert response.status_code == 200


def test_the_atom_feed_lists_articles(client, articles):
    response = client.get(reverse("content:feed"))

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = response.content.decode()
    assert "Spotlight primary-oracy" in feed
    assert "/spotlights-and-news/primary-oracy/" in feed


def test_news_goes_to_the_listing_of_news(client):
    response = client.get("/news/")

    assert response.status_code == 302
    assert response["Location"] == "/spotlights-and-news/?type=news"


def test_the_sitemap_lists_the_pages(client, articles):
    response = client.get("/sitemap.xml")

    assert response.status_code == 200
    assert "/spotlights-and-news/primary-oracy/" in response.content.decode()


def test_search_finds_pages(client, articles):
    standard_page_publish(slug="about", title="About the Maths Hubs", text="Hubs near you.")

    html = client.get(reverse("content:search"), {"q": "Maths Hubs"}).content.decode()

    assert "About the Maths Hubs" in html
    html = client.get(reverse("content:search"), {"q": "zebra"}).content.decode()
    assert "0 results" in html


def test_anonymous_visitors_get_short_public_caching_and_a_validator(client, co_led):
    response = client.get(co_led.url)

    assert "public" in response["Cache-Control"]
    assert "max-age=300" in response["Cache-Control"]
    assert response["ETag"]
    assert response["Last-Modified"]
    again = client.get(co_led.url, HTTP_IF_NONE_MATCH=response["ETag"])
    assert again.status_code == 304


def test_a_new_article_changes_the_listings_validator(client, articles):
    before = client.get("/spotlights-and-news/")["ETag"]
    news_publish(slug="later")

    assert client.get("/spotlights-and-news/")["ETag"] != before


def test_signed_in_people_never_get_cached_pages(client, co_led, participant):
    client.force_login(participant)

    response = client.get(co_led.url)

    assert "public" not in response["Cache-Control"]
    assert "private" in response["Cache-Control"]
    assert "no-store" in response["Cache-Control"]
    assert client.get(co_led.url, HTTP_IF_NONE_MATCH='"anything"').status_code == 200


def test_the_home_page_shows_the_latest_articles(client, articles):
    extra = news_publish(slug="newest", published_on=date(2026, 12, 1))

    html = client.get(reverse("dashboard:home")).content.decode()

    assert "Spotlights and news" in html
    assert extra.title in html


def test_the_footer_links_to_spotlights_and_news(client):
    html = client.get(reverse("dashboard:home")).content.decode()

    assert f'href="{reverse("content:articles")}">Spotlights and news</a>' in html


def test_a_draft_is_not_shown(client, oracy):
    spotlight = spotlight_publish(slug="soon", programmes=[oracy])
    spotlight.unpublish()

    assert client.get("/spotlights-and-news/soon/").status_code == 404
    assert "Spotlight soon" not in client.get("/spotlights-and-news/").content.decode()


def test_listing_page_is_the_frame(client):
    assert listing_page().url == "/spotlights-and-news/"
