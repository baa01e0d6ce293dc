import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.urls import include, path


def test_home_page_explains_hubwork_and_offers_sign_in(client, db):
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "<title>Hubwork: Maths Hubs Work Groups</title>" in html
    assert 'href="#main-content"' in html  # skip link
    assert 'href="/accounts/login/"' in html
    assert "govuk-crown" not in html
    assert "GOV.UK" not in html


def test_signed_in_header_offers_sign_out_as_a_form(client, participant):
    client.force_login(participant)
    html = client.get("/").content.decode()
    assert 'action="/accounts/logout/"' in html
    assert "Your dashboard" in html


def test_missing_pages_get_the_hubwork_404(client, db):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "<title>Page not found – Hubwork</title>" in response.content.decode()


def _broken_view(request):
    raise RuntimeError("boom")


def _forbidden_view(request):
    raise PermissionDenied


urlpatterns = [
    path("broken/", _broken_view),
    path("forbidden/", _forbidden_view),
    path("", include("hubwork.urls")),
]


@pytest.mark.urls("hubwork.core.tests.test_pages")
def test_forbidden_pages_get_the_hubwork_403(client, db):
    response = client.get("/forbidden/")
    assert response.status_code == 403
    html = response.content.decode()
    assert "<title>You cannot see this page – Hubwork</title>" in html
    assert "/accounts/login/?next=/forbidden/" in html


@pytest.mark.urls("hubwork.core.tests.test_pages")
def test_server_errors_get_the_hubwork_500(db):
    client = Client(raise_request_exception=False)
    response = client.get("/broken/")
    assert response.status_code == 500
    assert "Sorry, there is a problem with Hubwork" in response.content.decode()
