"""The pages part's own addresses; Wagtail serves the page tree itself (hubwork/urls.py)."""

from django.urls import path
from django.views.decorators.http import require_GET

from hubwork.content.feeds import ArticlesFeed
from hubwork.content.services.site import LISTING_SLUG
from hubwork.content.views import editors, pages

urlpatterns = [
    path(f"{LISTING_SLUG}/", pages.articles, name="articles"),
    path(f"{LISTING_SLUG}/feed.atom", require_GET(ArticlesFeed()), name="feed"),
    path("news/", pages.news, name="news"),
    path("search/", pages.search, name="search"),
    # Before Wagtail's own front-end sign-in (for private pages): Hubwork's, with two-factor.
    path("_util/login/", pages.frontend_login, name="frontend_login"),
    # The national admin's page for the public site's content roles.
    path("national/content-roles/", editors.content_roles, name="roles"),
]
