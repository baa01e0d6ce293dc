"""Codes we email keep working until they run out: signing in again, or asking for a sign-in
code again, from any browser, sends the same code again while it still works, and says so;
once used or guessed at too often, a code is spent (accounts/codes.py)."""

from datetime import timedelta

import pytest
from allauth.account.models import EmailAddress
from django.contrib.messages import get_messages
from django.core.cache import cache
from django.test import Client
from django.utils import timezone

from hubwork.accounts.models import EmailCode
from hubwork.accounts.tests.factories import PASSWORD, UserFactory
from hubwork.accounts.tests.test_accounts import code_from

CONFIRM_PAGE = "/accounts/confirm-email/"
SIGN_IN_CODE_PAGE = "/accounts/login/code/confirm/"


def sign_in(client, email: str):
    return client.post("/accounts/login/", {"login": email, "password": PASSWORD})


def messages_of(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


@pytest.fixture
def unconfirmed(db):
    return UserFactory.create(email="sam@example.org", verified_email=False)


def test_signing_in_again_sends_the_same_confirmation_code(unconfirmed, mailoutbox):
    phone, laptop = Client(), Client()
    assert sign_in(phone, unconfirmed.email).url == CONFIRM_PAGE
    first = mailoutbox[0]
    assert "It works until" in first.body

    # On another device (or after "Cancel", which signs out), while the first email is on
    # its way: the same code again, which works in either browser.
    cache.clear()  # allauth's ten seconds between emails to one address
    response = sign_in(laptop, unconfirmed.email)
    assert response.url == CONFIRM_PAGE
    again = mailoutbox[1]
    assert code_from(again) == code_from(first)
    assert "This is the same code we sent you at " in again.body
    assert "it still works, until " in again.body
    [message] = messages_of(response)
    assert message.startswith("We have emailed your code to sam@example.org again. ")
    assert "It is the same code we sent at " in message

    response = laptop.post(CONFIRM_PAGE, {"code": code_from(first)})
    assert response.status_code == 302
    assert EmailAddress.objects.get(user=unconfirmed).verified
    assert not EmailCode.objects.exists()  # spent


def test_cancelling_and_signing_in_again_keeps_the_code(client, unconfirmed, mailoutbox):
    sign_in(client, unconfirmed.email)
    client.post("/accounts/logout/")  # the code page's "Cancel"
    cache.clear()
    sign_in(client, unconfirmed.email)
    assert code_from(mailoutbox[1]) == code_from(mailoutbox[0])
    assert client.post(CONFIRM_PAGE, {"code": code_from(mailoutbox[0])}).status_code == 302
    assert EmailAddress.objects.get(user=unconfirmed).verified


def test_a_new_confirmation_code_once_the_first_has_run_out(unconfirmed, mailoutbox):
    sign_in(Client(), unconfirmed.email)
    EmailCode.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
    cache.clear()
    laptop = Client()
    response = sign_in(laptop, unconfirmed.email)
    new = mailoutbox[1]
    assert code_from(new) != code_from(mailoutbox[0])
    assert "This is the same code" not in new.body
    assert messages_of(response) == ["We have emailed a code to sam@example.org."]
    assert laptop.post(CONFIRM_PAGE, {"code": code_from(mailoutbox[0])}).status_code == 200
    assert laptop.post(CONFIRM_PAGE, {"code": code_from(new)}).status_code == 302


def test_asking_again_for_a_sign_in_code_sends_the_same_code(participant, mailoutbox):
    phone, laptop = Client(), Client()
    assert phone.post("/accounts/login/code/", {"email": participant.email}).status_code == 302
    response = laptop.post("/accounts/login/code/", {"email": participant.email.upper()})
    assert response["Location"] == SIGN_IN_CODE_PAGE
    first, again = mailoutbox
    assert code_from(again) == code_from(first)
    assert "This is the same code we sent you at " in again.body
    # The page says no more than for an address with no account (see below).
    assert messages_of(response) == [f"We have emailed a sign-in code to {participant.email}."]

    response = phone.post(SIGN_IN_CODE_PAGE, {"code": code_from(first)})
    assert response.status_code == 302
    assert phone.get("/dashboard/").context["user"] == participant

    # Used, so spent: the next request gets a new code.
    Client().post("/accounts/login/code/", {"email": participant.email})
    assert code_from(mailoutbox[2]) != code_from(first)


def test_a_sign_in_code_guessed_at_too_often_is_spent(client, participant, mailoutbox):
    client.post("/accounts/login/code/", {"email": participant.email})
    for _ in range(3):
        client.post(SIGN_IN_CODE_PAGE, {"code": "WRONG1"})
    assert not EmailCode.objects.exists()
    Client().post("/accounts/login/code/", {"email": participant.email})
    assert code_from(mailoutbox[1]) != code_from(mailoutbox[0])


def test_the_page_says_the_same_whether_or_not_the_address_has_an_account(
    client, participant, mailoutbox
):
    answers = []
    for email in ("nobody@example.org", participant.email):
        for _ in range(2):
            response = Client().post("/accounts/login/code/", {"email": email})
            answers.append(messages_of(response)[0].replace(email, "…"))
    assert set(answers) == {"We have emailed a sign-in code to …."}
    assert "There is no Hubwork account" in mailoutbox[0].subject
