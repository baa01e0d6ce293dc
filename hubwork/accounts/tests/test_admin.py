"""The national team changes people's names, roles and flags in the admin, through
`user_update`; accounts are made by signing up and never deleted there."""

from hubwork.accounts.models import Role, User
from hubwork.accounts.tests.factories import UserFactory
from hubwork.core.models import AuditEvent


def change_url(user: User) -> str:
    return f"/admin/accounts/user/{user.pk}/change/"


def form_data(user: User, **changes: object) -> dict[str, object]:
    """The change form as the admin shows it for `user`, with `changes` made (ticked boxes
    are sent as "on", unticked ones not at all)."""
    values = {
        "display_name": user.display_name,
        "is_national_admin": user.is_national_admin,
        "is_staff": user.is_staff,
        "is_superuser": user.is_superuser,
        "is_active": user.is_active,
        **changes,
    }
    return {name: "on" if value is True else value for name, value in values.items() if value}


def test_a_national_admin_makes_someone_a_national_admin(client, national_admin):
    person = UserFactory.create(display_name="Nina Clark")
    client.force_login(national_admin)
    assert client.get(change_url(person)).status_code == 200

    response = client.post(
        change_url(person), form_data(person, is_national_admin=True, is_staff=True)
    )

    assert response.status_code == 302, response.content.decode()[:3000]
    person.refresh_from_db()
    assert (person.is_national_admin, person.is_staff) == (True, True)
    assert Role.NATIONAL_ADMIN in User.objects.get(pk=person.pk).roles
    event = AuditEvent.objects.for_object(person).get()
    assert (event.verb, event.actor) == ("user.changed", national_admin)
    assert event.data == {
        "changed": ["is_national_admin", "is_staff"],
        "access": {"is_national_admin": [False, True], "is_staff": [False, True]},
    }


def test_a_change_of_name_is_logged_without_the_name(client, national_admin):
    person = UserFactory.create(display_name="Nina Clark")
    client.force_login(national_admin)
    response = client.post(change_url(person), form_data(person, display_name="Nina Clarke"))
    assert response.status_code == 302
    assert User.objects.get(pk=person.pk).display_name == "Nina Clarke"
    event = AuditEvent.objects.for_object(person).get()
    assert event.data == {"changed": ["display_name"], "access": {}}
    assert "Nina" not in str(event.data)


def test_a_name_with_a_line_break_is_refused_in_the_admin_too(client, national_admin):
    person = UserFactory.create(display_name="Nina Clark")
    client.force_login(national_admin)
    response = client.post(
        change_url(person), form_data(person, display_name="Nina\r\nBcc: x@example.org")
    )
    assert response.status_code == 200
    assert "Enter your name without line breaks or control characters" in (
        response.content.decode()
    )
    assert User.objects.get(pk=person.pk).display_name == "Nina Clark"
    assert not AuditEvent.objects.exists()


def test_nobody_takes_away_their_own_access(client, national_admin):
    client.force_login(national_admin)
    response = client.post(
        change_url(national_admin), form_data(national_admin, is_national_admin=False)
    )
    assert response.status_code == 200
    assert "You cannot take away your own national admin role" in response.content.decode()
    assert User.objects.get(pk=national_admin.pk).is_national_admin
    assert not AuditEvent.objects.exists()


def test_the_admin_makes_no_accounts_deletes_none_and_sets_no_passwords(client, national_admin):
    person = UserFactory.create()
    client.force_login(national_admin)
    change_page = client.get(change_url(person)).content.decode()
    assert "/password/" not in change_page
    assert client.get("/admin/accounts/user/add/").status_code == 403
    assert client.post("/admin/accounts/user/add/", {"email": "x@example.org"}).status_code == 403
    assert (
        client.post(f"/admin/accounts/user/{person.pk}/delete/", {"post": "yes"}).status_code == 403
    )
    password_page = client.get(f"/admin/accounts/user/{person.pk}/password/", follow=True)
    assert password_page.redirect_chain[-1][0] == "/admin/"  # "doesn't exist"
    assert User.objects.filter(pk=person.pk).exists()
    assert not AuditEvent.objects.exists()
