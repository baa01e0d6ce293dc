import re

import pytest
from allauth.account.models import EmailAddress
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from hubwork.accounts.models import Role, User
from hubwork.accounts.tests.factories import PASSWORD, UserFactory


def code_from(message) -> str:
    match = re.search(r"^\s*([A-Z0-9]{4}-[A-Z0-9]{4}|[A-Z0-9]{6})\s*$", message.body, re.MULTILINE)
    assert match, message.body
    return match[1]


def test_email_is_the_login_whatever_its_case(db):
    user = User.objects.create_user("Sam.Patel@Example.ORG", PASSWORD, display_name="Sam Patel")
    assert user.email == "sam.patel@example.org"
    assert User.objects.get_by_natural_key("SAM.PATEL@example.org") == user


def test_one_account_per_address_whatever_its_case(db):
    UserFactory.create(email="sam@example.org")
    with pytest.raises(ValidationError):
        User.objects.create_user("SAM@example.org", PASSWORD, display_name="Sam again")
    # The database holds the line too, for writes that skip validation.
    with pytest.raises(IntegrityError), transaction.atomic():
        User.objects.bulk_create([User(email="Sam@Example.org", display_name="Sam")])


def test_sign_up_verify_by_code_then_reach_the_dashboard(client, db, mailoutbox):
    response = client.post(
        "/accounts/signup/",
        {
            "display_name": "Sam Patel",
            "email": "Sam@Example.org",
            "password1": PASSWORD,
            "password2": PASSWORD,
        },
    )
    assert response.status_code == 302
    user = User.objects.get(email="sam@example.org")
    assert user.display_name == "Sam Patel"
    assert len(mailoutbox) == 1
    assert mailoutbox[0].subject.startswith("Hubwork: ")

    response = client.post(response.url, {"code": code_from(mailoutbox[0])})
    assert response.status_code == 302
    assert EmailAddress.objects.get(user=user).verified
    assert client.get("/dashboard/").status_code == 200


def test_sign_up_errors_show_by_the_field_and_keep_what_was_typed(client, db):
    response = client.post(
        "/accounts/signup/",
        {"display_name": "", "email": "sam@example.org", "password1": "x", "password2": "y"},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in html
    assert 'href="#id_display_name"' in html
    assert 'value="sam@example.org"' in html
    assert not User.objects.exists()


@pytest.mark.parametrize("name", ["Eve\r\nBcc: everyone@example.org", "Eve\x1b[2J", "Eve\u2028Bcc"])
def test_a_name_with_line_breaks_or_control_characters_is_refused(client, db, name):
    # A name appears in emails' bodies: a line break would let it write lines of its own.
    response = client.post(
        "/accounts/signup/",
        {"display_name": name, "email": "eve@example.org", "password1": PASSWORD,
         "password2": PASSWORD},
    )  # fmt: skip
    html = response.content.decode()
    assert response.status_code == 200
    assert (
        'href="#id_display_name">Enter your name without line breaks or control characters</a>'
        in html
    )
    assert not User.objects.exists()


def test_sign_in_with_password(client, participant):
    response = client.post(
        "/accounts/login/", {"login": participant.email.upper(), "password": PASSWORD}
    )
    assert response.status_code == 302
    assert response.url == "/dashboard/"


def test_sign_in_by_emailed_code(client, participant, mailoutbox):
    response = client.post("/accounts/login/code/", {"email": participant.email})
    assert response.status_code == 302
    response = client.post(response.url, {"code": code_from(mailoutbox[0])})
    assert response.status_code == 302
    assert client.get("/dashboard/").context["user"] == participant


def test_password_reset_sends_a_link(client, participant, mailoutbox):
    response = client.post("/accounts/password/reset/", {"email": participant.email})
    assert response.status_code == 302
    assert "/accounts/password/reset/key/" in mailoutbox[0].body


def test_repeated_failed_sign_ins_are_rate_limited(client, participant):
    for _ in range(5):
        response = client.post(
            "/accounts/login/", {"login": participant.email, "password": "wrong"}
        )
        assert "The email address or password is not right" in response.content.decode()
    response = client.post("/accounts/login/", {"login": participant.email, "password": PASSWORD})
    assert "You have tried to sign in too many times" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_roles_come_from_current_hub_roles(hub_lead, llme, participant):
    assert participant.roles == {Role.PARTICIPANT}
    assert hub_lead.roles == {Role.PARTICIPANT, Role.HUB_LEAD}
    assert hub_lead.needs_two_factor
    assert not llme.needs_two_factor


def test_dashboard_needs_sign_in(client, db):
    response = client.get("/dashboard/")
    assert response.status_code == 302
    assert response.url.startswith("/accounts/login/")
