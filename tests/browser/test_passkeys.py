"""Staff may use a passkey for two-factor authentication: a hub lead adds one (Chromium's
virtual authenticator stands in for a phone or security key) and signs in with it alone,
under the strict Content Security Policy."""

import pytest
from allauth.mfa.models import Authenticator

from hubwork.accounts.tests.factories import PASSWORD, UserFactory
from hubwork.hubs.models import HubRole
from hubwork.hubs.tests.factories import HubFactory, HubRoleFactory
from tests.browser.conftest import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

VIRTUAL_AUTHENTICATOR = {
    "protocol": "ctap2",
    "transport": "internal",
    "hasResidentKey": True,
    "hasUserVerification": True,
    "isUserVerified": True,
    "automaticPresenceSimulation": True,
}


def test_a_hub_lead_adds_a_passkey_and_signs_in_with_it(page, transactional_db):
    hub = HubFactory.create()
    lead = UserFactory.create(display_name="Hana Lead")
    HubRoleFactory.create(user=lead, hub=hub, role=HubRole.Kind.HUB_LEAD)
    devtools = page.context.new_cdp_session(page)
    devtools.send("WebAuthn.enable")
    authenticator_id = devtools.send(
        "WebAuthn.addVirtualAuthenticator", {"options": VIRTUAL_AUTHENTICATOR}
    )["authenticatorId"]

    page.goto("/accounts/login/")
    page.locator("main").get_by_label("Email address").fill(lead.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in", exact=True).click()
    # Staff must set up two-factor before anything else; a passkey will do.
    page.wait_for_url(lambda url: "/accounts/login/" not in url)
    page.goto("/accounts/2fa/")
    page.get_by_role("button", name="Add a passkey").click()
    page.wait_for_url("**/reauthenticate/**")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Continue").click()
    page.wait_for_url("**/2fa/webauthn/add/")
    assert_accessible(page)
    page.get_by_label("A name for this passkey").fill("Work laptop")
    page.get_by_label("Also use it to sign in without a password").check()
    page.get_by_role("button", name="Add a passkey").click()
    page.wait_for_url("**/2fa/recovery-codes/")
    passkey = Authenticator.objects.get(user=lead, type=Authenticator.Type.WEBAUTHN)
    assert passkey.wrap().name == "Work laptop"
    assert passkey.wrap().is_passwordless
    credentials = devtools.send("WebAuthn.getCredentials", {"authenticatorId": authenticator_id})
    assert len(credentials["credentials"]) == 1

    # The passkey satisfies the two-factor rule for staff.
    page.goto("/dashboard/")
    assert page.url.endswith("/dashboard/")
    page.goto("/accounts/2fa/webauthn/")
    assert page.get_by_role("row", name="Work laptop").is_visible()
    assert_accessible(page)

    # Signed out, the passkey alone signs her in again: no password, no code.
    page.context.clear_cookies()
    page.goto("/accounts/login/")
    page.get_by_role("button", name="Sign in with a passkey").click()
    page.wait_for_url("**/dashboard/")
    assert page.get_by_role("heading", level=1).first.is_visible()
    passkey.refresh_from_db()
    assert passkey.last_used_at is not None
