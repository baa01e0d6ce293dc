"""Account security: where you're signed in (and signing the other browsers out), changing
your email address only once the new one is confirmed, and passkeys as staff two-factor."""

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.usersessions.models import UserSession
from django.core.cache import cache
from django.test import Client

from hubwork.accounts.middleware import SEEN_CACHE_PREFIX
from hubwork.accounts.models import User
from hubwork.accounts.tests.factories import PASSWORD, UserFactory
from hubwork.accounts.tests.test_accounts import code_from
from hubwork.accounts.two_factor import has_two_factor
from hubwork.hubs.models import HubRole
from hubwork.hubs.tests.factories import HubRoleFactory

SESSIONS = "/accounts/sessions/"
EMAIL = "/accounts/email/"
CONFIRM_EMAIL = "/accounts/confirm-email/"


def browser(user: User, user_agent: str) -> Client:
    client = Client(HTTP_USER_AGENT=user_agent)
    response = client.post("/accounts/login/", {"login": user.email, "password": PASSWORD})
    assert response.status_code == 302
    return client


LAPTOP = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/131.0 Safari/537.36"
PHONE = "Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) AppleWebKit/605.1.15 Safari/604.1"


@pytest.fixture
def someone(db) -> User:
    return UserFactory.create(display_name="Sam Else")


def test_where_you_re_signed_in_lists_your_browsers(participant, someone):
    laptop = browser(participant, LAPTOP)
    browser(participant, PHONE)
    browser(someone, LAPTOP)
    page = laptop.get(SESSIONS).content.decode()
    assert "<title>Where you're signed in – Hubwork</title>" in page
    assert "2 signed-in browsers" in page
    assert "Chrome on Windows" in page
    assert "Safari on iPhone" in page
    assert page.count("This browser") == 1
    assert 'aria-current="page">Where you\'re signed in</a>' in page
    assert "Sign out everywhere else" in page


def test_signing_out_everywhere_else(participant, someone):
    laptop = browser(participant, LAPTOP)
    phone = browser(participant, PHONE)
    someone_else = browser(someone, PHONE)
    response = laptop.post(SESSIONS, follow=True)
    assert "You are signed out everywhere else." in response.content.decode()
    assert "You are not signed in anywhere else." in response.content.decode()

    assert laptop.get("/dashboard/").status_code == 200
    assert phone.get("/dashboard/")["Location"].startswith("/accounts/login/")
    assert someone_else.get("/dashboard/").status_code == 200
    assert UserSession.objects.filter(user=participant).count() == 1
    assert UserSession.objects.filter(user=someone).count() == 1


def test_the_account_pages_link_to_where_you_re_signed_in(client, participant):
    client.force_login(participant)
    for url in ("/accounts/details/", "/dashboard/"):
        assert 'href="/accounts/sessions/"' in client.get(url).content.decode(), url


def test_changing_email_waits_until_the_new_address_is_confirmed(
    participant, mailoutbox, django_capture_on_commit_callbacks
):
    old = participant.email
    laptop = browser(participant, LAPTOP)
    page = laptop.get(EMAIL).content.decode()
    assert "Change your email address" in page
    assert "New email address" in page

    with django_capture_on_commit_callbacks(execute=True):  # emails go after commit
        response = laptop.post(EMAIL, {"action_add": "", "email": "priya.new@example.org"})
    assert response.status_code == 302
    (code_email,) = [m for m in mailoutbox if m.to == ["priya.new@example.org"]]
    # Nothing has changed yet: the account keeps its old, verified address.
    participant.refresh_from_db()
    assert participant.email == old
    assert list(EmailAddress.objects.filter(user=participant).values_list("email", "verified")) == [
        (old, True)
    ]
    assert laptop.post(CONFIRM_EMAIL, {"code": "WRONG1"}).status_code == 200
    participant.refresh_from_db()
    assert participant.email == old

    with django_capture_on_commit_callbacks(execute=True):
        response = laptop.post(CONFIRM_EMAIL, {"code": code_from(code_email)})
    assert response.status_code == 302
    participant.refresh_from_db()
    assert participant.email == "priya.new@example.org"
    assert list(EmailAddress.objects.filter(user=participant).values_list("email", "verified")) == [
        ("priya.new@example.org", True)
    ]
    # The old address is told, in case it was not them.
    assert any(m.to == [old] and "changed" in m.subject.lower() for m in mailoutbox)
    # And signing in with the new address works.
    assert browser(User.objects.get(pk=participant.pk), PHONE).get("/dashboard/").status_code == 200


def test_someone_else_s_address_cannot_be_taken(participant, someone, mailoutbox):
    laptop = browser(participant, LAPTOP)
    laptop.post(EMAIL, {"action_add": "", "email": someone.email})
    participant.refresh_from_db()
    assert participant.email != someone.email
    assert not EmailAddress.objects.filter(user=participant, email=someone.email).exists()


def add_passkey(user: User) -> Authenticator:
    return Authenticator.objects.create(
        user=user, type=Authenticator.Type.WEBAUTHN, data={"name": "Laptop", "credential": {}}
    )


@pytest.mark.django_db
def test_a_passkey_counts_as_two_factor_for_staff(client, hub):
    lead = UserFactory.create()
    HubRoleFactory.create(user=lead, hub=hub, role=HubRole.Kind.HUB_LEAD)
    assert not has_two_factor(lead)
    client.force_login(lead)
    assert client.get("/dashboard/").status_code == 302

    # Recovery codes alone are no second factor.
    Authenticator.objects.create(user=lead, type=Authenticator.Type.RECOVERY_CODES, data={})
    assert not has_two_factor(lead)
    add_passkey(lead)
    assert has_two_factor(lead)
    assert client.get("/dashboard/").status_code == 200


def test_staff_can_reach_the_passkey_pages_before_two_factor(client, hub):
    lead = UserFactory.create()
    HubRoleFactory.create(user=lead, hub=hub, role=HubRole.Kind.HUB_LEAD)
    client.post("/accounts/login/", {"login": lead.email, "password": PASSWORD})
    page = client.get("/accounts/2fa/").content.decode()
    assert "Add a passkey" in page
    response = client.get("/accounts/2fa/webauthn/add/")
    assert response.url.startswith("/accounts/reauthenticate/")  # allauth's safeguard
    client.post(response.url, {"password": PASSWORD})
    response = client.get("/accounts/2fa/webauthn/add/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "A name for this passkey" in html
    assert 'src="/static/mfa/js/webauthn.js"' in html


def test_staff_sent_to_set_up_an_app_are_offered_a_passkey_instead(client, hub):
    lead = UserFactory.create()
    HubRoleFactory.create(user=lead, hub=hub, role=HubRole.Kind.HUB_LEAD)
    client.post("/accounts/login/", {"login": lead.email, "password": PASSWORD})
    response = client.get("/dashboard/", follow=True)
    client.post(response.redirect_chain[-1][0], {"password": PASSWORD})
    page = client.get("/accounts/2fa/totp/activate/").content.decode()
    assert 'href="/accounts/2fa/webauthn/add/">add a passkey instead</a>' in page


def test_last_used_is_written_at_most_every_few_minutes(participant):
    client = browser(participant, LAPTOP)
    client.get("/dashboard/")
    session = UserSession.objects.get(user=participant)
    first_seen = session.last_seen_at
    client.get("/dashboard/")
    session.refresh_from_db()
    assert session.last_seen_at == first_seen

    cache.delete(f"{SEEN_CACHE_PREFIX}{client.session.session_key}")  # the minutes pass
    client.get("/dashboard/")
    session.refresh_from_db()
    assert session.last_seen_at > first_seen
