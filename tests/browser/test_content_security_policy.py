"""Every page runs under the strict Content Security Policy (conftest fails a test on any
violation). Here: the policy really refuses what an attacker would inject, Hubwork's own
scripts still run, and the admin site and the authenticator app's QR code work under it."""

import pytest

from hubwork.accounts.tests.factories import PASSWORD, UserFactory, enable_totp
from hubwork.hubs.models import HubRole
from hubwork.hubs.tests.factories import HubFactory, HubRoleFactory
from tests.browser.conftest import assert_accessible, fresh_totp_code, take_csp_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

INJECT_JS = """() => {
    const script = document.createElement("script");
    script.textContent = "window.__injectedScriptRan = true;";
    document.body.append(script);
    const box = document.createElement("div");
    box.id = "injected-style";
    box.innerHTML = '<p style="color: rgb(255, 0, 0)">Injected</p>';
    document.body.append(box);
    const handler = document.createElement("div");
    handler.innerHTML = '<img src="/static/images/favicon.svg" alt="" '
        + 'onload="window.__injectedHandlerRan = true">';
    document.body.append(handler);
}"""


def test_injected_inline_script_style_and_handler_are_refused(page, transactional_db):
    page.goto("/help/")
    assert_accessible(page)
    page.evaluate(INJECT_JS)
    # Every image has loaded (or failed), so its handler had its chance to run.
    page.wait_for_function("() => [...document.images].every((image) => image.complete)")
    assert page.evaluate("() => window.__injectedScriptRan") is None
    assert page.evaluate("() => window.__injectedHandlerRan") is None
    colour = page.evaluate(
        "() => getComputedStyle(document.querySelector('#injected-style p')).color"
    )
    assert colour != "rgb(255, 0, 0)"
    violations = "\n".join(take_csp_violations(page))  # taken, so the test's end is clean
    assert "script-src" in violations
    assert "style-src" in violations


def test_hubwork_s_own_scripts_run_and_inline_ones_carry_the_nonce(page, transactional_db):
    page.goto("/work-groups/")
    # The inline script in base.html (with the nonce) marks the page for GOV.UK Frontend,
    # and the module that initialises GOV.UK Frontend's components ran.
    assert page.evaluate("() => document.body.classList.contains('govuk-frontend-supported')")
    assert page.locator("[data-module='govuk-skip-link'][data-govuk-skip-link-init]").count() == 1
    assert page.evaluate("() => typeof window.htmx") == "object"
    unsigned = page.evaluate(
        """() => [...document.scripts]
            .filter((s) => !s.src && s.type !== "application/json" && !s.nonce)
            .map((s) => s.outerHTML.slice(0, 80))"""
    )
    assert unsigned == []
    assert page.locator("[style]").count() == 0
    assert_accessible(page)


def sign_in_with_code(page, email: str, secret: str) -> None:
    page.context.clear_cookies()
    page.goto("/accounts/login/")
    page.locator("main").get_by_label("Email address").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in", exact=True).click()
    page.wait_for_url("**/2fa/authenticate/")
    page.get_by_label("Code").fill(fresh_totp_code(secret))
    page.get_by_role("button", name="Sign in").click()


def test_the_admin_site_works_under_the_policy(page, transactional_db):
    admin = UserFactory.create(
        display_name="Nadia Admin", is_national_admin=True, is_staff=True, is_superuser=True
    )
    secret = enable_totp(admin)
    sign_in_with_code(page, admin.email, secret)
    page.wait_for_url("**/dashboard/")
    page.goto("/admin/")
    assert page.get_by_role("heading", name="Site administration").is_visible()
    page.goto("/admin/accounts/user/")
    page.get_by_role("link", name=admin.email).first.click()
    page.wait_for_url(f"**/admin/accounts/user/{admin.pk}/change/")
    # The admin's own scripts ran (its sidebar toggle is wired up by them).
    assert page.locator("#toggle-nav-sidebar").count() == 1
    page.goto("/admin/accounts/user/?q=nadia")
    assert (
        page.get_by_text("1 user").first.is_visible()
        or page.get_by_text("1 result").first.is_visible()
    )


def test_the_authenticator_app_s_qr_code_shows(page, transactional_db):
    hub = HubFactory.create()
    lead = UserFactory.create(display_name="Hana Lead")
    HubRoleFactory.create(user=lead, hub=hub, role=HubRole.Kind.HUB_LEAD)
    page.goto("/accounts/login/")
    page.locator("main").get_by_label("Email address").fill(lead.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in", exact=True).click()
    page.wait_for_url(lambda url: "/accounts/login/" not in url)
    if "/reauthenticate/" in page.url:  # allauth asks for the password again first
        page.get_by_label("Password").fill(PASSWORD)
        page.get_by_role("button", name="Continue").click()
    page.wait_for_url("**/2fa/totp/activate/")
    qr_code = page.locator("img[src^='data:']")
    qr_code.wait_for()
    assert page.evaluate("(img) => img.complete && img.naturalWidth > 0", qr_code.element_handle())
    assert_accessible(page)
