"""Every email allauth sends is in Hubwork's plain English, subject and body."""

from pathlib import Path

import allauth
import pytest
from django.template.loader import get_template
from django.utils import timezone

from hubwork.accounts.tests.factories import PASSWORD, UserFactory
from hubwork.accounts.tests.test_accounts import code_from

ALLAUTH_TEMPLATES = Path(allauth.__file__).resolve().parent / "templates"
# What allauth's own wording says; none of it may reach anyone.
ALLAUTH_WORDING = (
    "You're receiving this",
    "You are receiving this",
    "has given your email address",
    "Thank you for using",
    "Hello from",
    "Please enter it in your open browser window",
    "proper security precautions",
    "mail can be safely ignored",
)


def allauth_email_templates() -> list[str]:
    return sorted(
        path.relative_to(ALLAUTH_TEMPLATES).as_posix()
        for folder in ("account/email", "mfa/email")
        for path in (ALLAUTH_TEMPLATES / folder).glob("*.txt")
    )


@pytest.mark.parametrize("name", allauth_email_templates())
def test_hubwork_writes_every_email_allauth_has(name):
    origin = Path(get_template(name).origin.name)  # type: ignore[attr-defined]
    assert "hubwork" in origin.parts, f"{name} is allauth's own wording: write Hubwork's"
    assert origin.parts[origin.parts.index("templates") - 1] == "core"


def assert_plain(message) -> None:
    assert message.subject.startswith("Hubwork: ")
    for words in ALLAUTH_WORDING:
        assert words not in message.body
    assert "Help and contact: http://127.0.0.1:8000/help/" in message.body


def test_signing_up(client, db, mailoutbox):
    client.post(
        "/accounts/signup/",
        {
            "display_name": "Sam Patel",
            "email": "sam@example.org",
            "password1": PASSWORD,
            "password2": PASSWORD,
        },
    )
    [message] = mailoutbox
    assert_plain(message)
    assert message.subject == (
        "Hubwork: Confirm your email address to finish setting up your account"
    )
    assert message.body.startswith("Hello Sam Patel,\n\nTo finish setting up your Hubwork account")
    assert f"\n{code_from(message)}\n" in message.body
    assert "It works until " in message.body
    assert " UK time (15 minutes)." in message.body


def test_signing_up_with_an_address_that_has_an_account(client, participant, mailoutbox):
    client.post(
        "/accounts/signup/",
        {
            "display_name": "Someone",
            "email": participant.email,
            "password1": PASSWORD,
            "password2": PASSWORD,
        },
    )
    [message] = mailoutbox
    assert_plain(message)
    assert message.subject == "Hubwork: You already have a Hubwork account"
    assert "there is already an account with this email address" in message.body
    assert "http://testserver/accounts/password/reset/" in message.body


def test_signing_in_with_a_code(client, participant, mailoutbox):
    client.post("/accounts/login/code/", {"email": participant.email})
    [message] = mailoutbox
    assert_plain(message)
    assert message.subject == "Hubwork: Your sign-in code"
    assert message.body.startswith("Hello,\n\nEnter this code to sign in to Hubwork:")
    assert " UK time (3 minutes)." in message.body
    assert "nobody can sign in to your account without the code" in message.body


def test_asking_for_a_code_for_an_address_with_no_account(client, db, mailoutbox):
    client.post("/accounts/login/code/", {"email": "nobody@example.org"})
    [message] = mailoutbox
    assert_plain(message)
    assert message.subject == "Hubwork: There is no Hubwork account with this email address"
    assert "http://testserver/accounts/signup/" in message.body


def test_resetting_a_password(client, participant, mailoutbox):
    client.post("/accounts/password/reset/", {"email": participant.email})
    [message] = mailoutbox
    assert_plain(message)
    assert message.subject == "Hubwork: Reset your password"
    assert "To choose a new password, open this link:" in message.body
    assert "your password stays as it is" in message.body


def test_confirming_at_sign_in(client, db, mailoutbox):
    # Someone who has signed in before, and then added an address they must confirm.
    person = UserFactory.create(
        display_name="Sam Patel", verified_email=False, last_login=timezone.now()
    )
    client.post("/accounts/login/", {"login": person.email, "password": PASSWORD})
    [message] = mailoutbox
    assert_plain(message)
    assert message.subject == "Hubwork: Confirm your email address"
    assert "Enter this code to confirm your email address for Hubwork:" in message.body


def test_notifications_of_changes_when_turned_on(client, participant, mailoutbox, settings):
    settings.ACCOUNT_EMAIL_NOTIFICATIONS = True
    client.force_login(participant)
    client.post(
        "/accounts/password/change/",
        {
            "oldpassword": PASSWORD,
            "password1": "a-new-Passw0rd-2026",
            "password2": "a-new-Passw0rd-2026",
        },
    )
    [message] = mailoutbox
    assert_plain(message)
    assert message.subject == "Hubwork: Your password has changed"
    assert "The password of your Hubwork account has changed." in message.body
    assert "(UK time), from:" in message.body
    assert "If it was not you, someone else may be using your account." in message.body
