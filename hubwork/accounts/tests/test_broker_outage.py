"""Signing in, signing up and resetting a password keep working while Redis (the broker and
the cache) is down; their emails wait in the outbox and go once the broker is back.

These tests commit for real (transactional_db), so the hand-over to the broker runs inside the
request, where a failure would have answered 500."""

import pytest

from hubwork.accounts.models import User
from hubwork.accounts.tests.factories import PASSWORD
from hubwork.core.models import OutboxMessage
from hubwork.core.outbox import flush

pytestmark = pytest.mark.usefixtures("transactional_db", "cache_on_dead_redis")


def test_sign_in_while_redis_is_down(client, participant, broker):
    broker.down()
    response = client.post("/accounts/login/", {"login": participant.email, "password": PASSWORD})
    assert response.status_code == 302
    assert response.url == "/dashboard/"
    assert client.get("/dashboard/").status_code == 200


def test_failed_sign_ins_are_still_limited_while_redis_is_down(client, participant, broker):
    broker.down()
    for _ in range(5):
        response = client.post("/accounts/login/", {"login": participant.email, "password": "x"})
        assert "The email address or password is not right" in response.content.decode()
    response = client.post("/accounts/login/", {"login": participant.email, "password": PASSWORD})
    assert "You have tried to sign in too many times" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_a_password_reset_while_redis_is_down_is_emailed_once_it_is_back(
    client, participant, broker, mailoutbox
):
    broker.down()
    response = client.post("/accounts/password/reset/", {"email": participant.email})
    assert response.status_code == 302
    waiting = OutboxMessage.objects.unsent().get()
    assert waiting.task == "hubwork.core.tasks.send_email"
    assert waiting.kwargs["to"] == [participant.email]
    assert mailoutbox == []

    broker.back()
    assert flush() == 1
    assert flush() == 0
    assert len(mailoutbox) == 1
    assert "/accounts/password/reset/key/" in mailoutbox[0].body


def test_signing_up_while_redis_is_down_sends_the_code_once_it_is_back(client, broker, mailoutbox):
    broker.down()
    response = client.post(
        "/accounts/signup/",
        {"display_name": "Sam Patel", "email": "sam@example.org", "password1": PASSWORD,
         "password2": PASSWORD},
    )  # fmt: skip
    assert response.status_code == 302
    assert User.objects.filter(email="sam@example.org").exists()
    assert OutboxMessage.objects.unsent().count() == 1

    broker.back()
    assert flush() == 1
    assert [message.to for message in mailoutbox] == [["sam@example.org"]]


def test_an_email_that_fails_in_process_fails_no_page(client, participant, settings, mailoutbox):
    """Without REDIS_URL tasks run in the request; a mail server that refuses the email keeps
    it in the outbox rather than answering 500 after the reset was saved."""
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 1, 2
    response = client.post("/accounts/password/reset/", {"email": participant.email})
    assert response.status_code == 302
    waiting = OutboxMessage.objects.unsent().get()
    assert "ConnectionRefusedError" in waiting.last_error

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert flush() == 1
    assert "/accounts/password/reset/key/" in mailoutbox[0].body
