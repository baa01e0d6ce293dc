from hubwork.accounts.tests.factories import PASSWORD, UserFactory, enable_totp, totp_code
from hubwork.hubs.models import HubRole
from hubwork.hubs.tests.factories import HubRoleFactory


def test_staff_without_two_factor_must_set_it_up_before_anything_else(client, hub):
    user = UserFactory.create()
    HubRoleFactory.create(user=user, hub=hub, role=HubRole.Kind.HUB_LEAD)
    client.post("/accounts/login/", {"login": user.email, "password": PASSWORD})
    response = client.get("/dashboard/")
    assert response.status_code == 302
    assert response.url == "/accounts/2fa/totp/activate/"

    # Changing two-factor settings asks for the password again first (allauth's safeguard).
    response = client.get(response.url, follow=True)
    assert response.redirect_chain[-1][0].startswith("/accounts/reauthenticate/")
    response = client.post(response.redirect_chain[-1][0], {"password": PASSWORD}, follow=True)
    secret = response.context["form"].secret
    response = client.post("/accounts/2fa/totp/activate/", {"code": totp_code(secret)})
    assert response.status_code == 302
    assert client.get("/dashboard/").status_code == 200


def test_participants_and_llmes_are_not_made_to(client, participant, llme):
    for person in (participant, llme):
        client.force_login(person)
        assert client.get("/dashboard/").status_code == 200


def test_staff_sign_in_asks_for_the_authenticator_code(client, hub):
    user = UserFactory.create()
    HubRoleFactory.create(user=user, hub=hub, role=HubRole.Kind.HUB_LEAD)
    secret = enable_totp(user)
    response = client.post("/accounts/login/", {"login": user.email, "password": PASSWORD})
    assert response.url == "/accounts/2fa/authenticate/"
    assert "_auth_user_id" not in client.session

    wrong_code = "000000" if totp_code(secret) != "000000" else "111111"
    response = client.post(response.url, {"code": wrong_code})
    assert "That code is not right" in response.content.decode()
    assert "_auth_user_id" not in client.session

    response = client.post("/accounts/2fa/authenticate/", {"code": totp_code(secret)})
    assert response.status_code == 302
    assert client.get("/dashboard/").status_code == 200
