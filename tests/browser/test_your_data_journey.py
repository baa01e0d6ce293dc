"""Your data: a participant asks for a copy of their data, sees it ready and downloads it;
then asks for their account to be deleted, sees when, and cancels."""

import zipfile

import pytest

from hubwork.accounts.models import DataExport, ErasureRequest, User
from hubwork.accounts.services.erasure import erasure_request
from hubwork.accounts.tests.factories import PASSWORD, UserFactory, enable_totp
from tests.browser.conftest import assert_accessible, sign_in, sign_in_with_two_factor

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_download_your_data_then_ask_for_deletion_and_cancel(page, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    person = UserFactory.create(display_name="Yasmin Dale", email="yasmin@example.org")
    sign_in(page, person.email)

    page.goto("/accounts/details/")
    page.get_by_role("link", name="Your data").first.click()
    page.wait_for_url("**/accounts/your-data/")
    assert page.get_by_role("heading", level=1).inner_text() == "Your data"
    assert_accessible(page)

    page.get_by_role("button", name="Prepare a copy of your data").click()
    page.wait_for_url("**/accounts/your-data/")
    # Built in-process here, so ready at once; with a worker the status refreshes itself.
    assert "Your data is ready" in page.content()
    assert_accessible(page)
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download your data").click()
    archive_path = tmp_path / "download.zip"
    download_info.value.save_as(archive_path)
    with zipfile.ZipFile(archive_path) as archive:
        assert "yasmin@example.org" in archive.read("account/profile.json").decode()
    assert DataExport.objects.get(user=person).download_count == 1

    page.get_by_label("Your password").fill(PASSWORD)
    page.get_by_role("button", name="Delete my account in 14 days").click()
    page.wait_for_url("**/accounts/your-data/")
    assert "Your account will be deleted at" in page.content()
    assert_accessible(page)
    assert ErasureRequest.objects.get(user=person).is_pending

    page.get_by_role("button", name="Cancel deleting your account").click()
    page.wait_for_url("**/accounts/your-data/")
    assert "Your account will not be deleted." in page.content()
    assert_accessible(page)
    assert not ErasureRequest.objects.get(user=person).is_pending


def test_a_wrong_password_is_shown_by_the_field(page):
    person = UserFactory.create(display_name="Yusuf Dale")
    sign_in(page, person.email)
    page.goto("/accounts/your-data/")
    page.get_by_label("Your password").fill("not-it")
    page.get_by_role("button", name="Delete my account in 14 days").click()
    assert "The password is not right" in page.locator(".govuk-error-summary").inner_text()
    assert_accessible(page)


def test_a_national_admin_erases_an_account_asked_for_in_writing(page):
    admin = UserFactory.create(
        email="nadia@example.org", display_name="Nadia Okafor", is_national_admin=True
    )
    secret = enable_totp(admin)
    waiting = UserFactory.create(email="a-rather-long-address-for-a-phone@example.org")
    erasure_request(user=waiting, by=waiting)
    UserFactory.create(display_name="Omar Lewis", email="omar@example.org")

    sign_in_with_two_factor(page, admin.email, secret)
    page.get_by_role("link", name="erase an account").click()
    page.wait_for_url("**/accounts/erasures/")
    # The deletions waiting for their date fit a phone: the table scrolls in its own region.
    assert "a-rather-long-address-for-a-phone@example.org" in page.content()
    assert_accessible(page)

    page.get_by_label("Email address of the person").fill("omar@example.org")
    page.get_by_role("button", name="Find the account").click()
    page.get_by_label("Why").fill("Asked by email on 1 December")
    page.get_by_label("Type the person's email address to confirm").fill("omar@example.org")
    assert_accessible(page)
    page.get_by_role("button", name="Erase this account now").click()
    page.wait_for_url("**/accounts/erasures/")
    assert not User.objects.filter(email="omar@example.org").exists()
    assert_accessible(page)


def test_where_youre_signed_in_lists_each_browser_and_signs_the_others_out(
    page, browser, live_server
):
    person = UserFactory.create(display_name="Ines Ferreira", email="ines@example.org")
    other = browser.new_context(base_url=live_server.url)
    other_page = other.new_page()
    sign_in(page, person.email)
    other_page.goto("/accounts/login/")
    other_page.locator("main").get_by_label("Email address").fill(person.email)
    other_page.get_by_label("Password").fill(PASSWORD)
    other_page.get_by_role("button", name="Sign in", exact=True).click()
    other_page.wait_for_url("**/dashboard/")

    page.get_by_role("link", name="Where you're signed in").first.click()
    page.wait_for_url("**/accounts/sessions/")
    assert "2 signed-in browsers" in page.content()
    assert_accessible(page)
    page.get_by_role("button", name="Sign out everywhere else").click()
    page.wait_for_url("**/accounts/sessions/")
    assert "1 signed-in browser" in page.content()
    assert_accessible(page)
    # The other browser is signed out.
    other_page.goto("/dashboard/")
    assert "/accounts/login/" in other_page.url
    other.close()
