"""What every public service has: help and contact, an accessibility statement, a privacy notice,
a cookies page and a phase banner with a feedback link, linked from every page."""

import pytest
from django.test import Client

from hubwork.accounts.tests.factories import PASSWORD

PAGES = {
    "/help/": "Help and contact",
    "/accessibility/": "Accessibility statement",
    "/privacy/": "Privacy notice",
    "/cookies/": "Cookies",
}


@pytest.mark.parametrize(("url", "title"), PAGES.items())
def test_each_page_is_public(client, db, url, title):
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert f"<title>{title} – Hubwork</title>" in html
    assert f'<h1 class="govuk-heading-l">{title}</h1>' in html


@pytest.mark.parametrize("signed_in", [False, True])
def test_every_page_s_footer_links_them_and_the_banner_asks_for_feedback(
    client, participant, signed_in
):
    if signed_in:
        client.force_login(participant)
    for page in ("/", "/work-groups/", "/accounts/login/", "/no-such-page/"):
        html = client.get(page, follow=True).content.decode()
        footer = html[html.index('<footer class="govuk-footer">') :]
        for url, title in PAGES.items():
            label = "Privacy" if url == "/privacy/" else title
            assert f'<a class="govuk-footer__link" href="{url}">{label}</a>' in footer, page
        banner = html[html.index('class="govuk-phase-banner"') :]
        assert '<strong class="govuk-tag govuk-phase-banner__content__tag">Beta</strong>' in banner
        assert 'href="/help/#feedback">give your feedback</a>' in banner
    assert 'id="feedback"' in client.get("/help/").content.decode()


def test_the_contact_address_comes_from_the_settings(client, db, settings):
    settings.CONTACT_EMAIL = "help@maths-hubs.example.org"
    for url in PAGES:
        if url != "/cookies/":
            assert "mailto:help@maths-hubs.example.org" in client.get(url).content.decode()


def test_the_privacy_notice_says_what_is_held_and_how_to_ask_for_it(client, db):
    html = client.get("/privacy/").content.decode()
    for held in (
        "your name and email address",
        "teacher reference number (TRN)",
        "your attendance at each session",
        "classroom trials",
        "reflections",
        "outputs",
        "discussion",
        "a log of important changes",
    ):
        assert held.lower() in html.lower(), held
    for heading in (
        "What we hold",
        "Why we hold it",
        "Who can see it",
        "How long we keep it",
        "Get a copy of your information, correct it or have it deleted",
    ):
        assert f">{heading}</h2>" in html
    assert 'href="/accounts/details/">Your details</a>' in html
    assert 'href="/hubs/">its page</a>' in html


def test_the_cookies_page_lists_the_cookies_hubwork_sets(db, participant):
    client = Client(enforce_csrf_checks=True)
    client.get("/accounts/login/")
    token = client.cookies["csrftoken"].value
    client.post(
        "/accounts/login/",
        {"login": participant.email, "password": PASSWORD, "csrfmiddlewaretoken": token},
    )
    client.post("/accounts/logout/", {"csrfmiddlewaretoken": client.cookies["csrftoken"].value})
    set_by_hubwork = set(client.cookies)
    assert set_by_hubwork == {"csrftoken", "sessionid", "messages"}
    html = client.get("/cookies/").content.decode()
    for name in set_by_hubwork:
        assert f'<th scope="row" class="govuk-table__header">{name}</th>' in html
    assert "does not use cookies to measure how people use it" in html
    assert "after 14 days" in html
