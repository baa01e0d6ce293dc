"""Accounts are written through services, so each change is audited, never with a password."""

from allauth.account.models import EmailAddress

from hubwork.accounts.models import User
from hubwork.accounts.tests.factories import PASSWORD
from hubwork.core.models import AuditEvent

NEW_PASSWORD = "an-Other-good-password-7"


def test_signing_up_saves_the_name_with_the_account_and_is_audited(client, db):
    response = client.post(
        "/accounts/signup/",
        {
            "display_name": "Sam Patel",
            "email": "sam@example.org",
            "password1": PASSWORD,
            "password2": PASSWORD,
        },
    )
    assert response.status_code == 302
    user = User.objects.get(email="sam@example.org")
    assert user.display_name == "Sam Patel"
    event = AuditEvent.objects.for_object(user).get()
    assert (event.verb, event.actor, event.data) == ("user.signed_up", user, {})


def test_changing_a_password_is_audited_without_it(client, participant):
    EmailAddress.objects.filter(user=participant).update(verified=True)
    client.force_login(participant)
    response = client.post(
        "/accounts/password/change/",
        {"oldpassword": PASSWORD, "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert User.objects.get(pk=participant.pk).check_password(NEW_PASSWORD)
    event = AuditEvent.objects.get(verb="user.password_changed")
    assert (event.actor, event.object_id, event.data) == (participant, str(participant.pk), {})


def test_create_superuser_is_audited_with_the_access_it_gives(db):
    user = User.objects.create_superuser("Chief@Example.org", PASSWORD, display_name="Chief")
    assert (user.email, user.is_national_admin, user.is_superuser) == (
        "chief@example.org",
        True,
        True,
    )
    event = AuditEvent.objects.for_object(user).get()
    assert event.verb == "user.created"
    assert event.data == {
        "is_national_admin": True,
        "is_staff": True,
        "is_superuser": True,
        "is_active": True,
    }
