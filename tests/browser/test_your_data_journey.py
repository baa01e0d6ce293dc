"""Your data: a participant asks for a copy of their data, sees it ready and downloads it;
then asks for their account to be deleted, sees when, and cancels."""

import zipfile

import pytest

from hubwork.accounts.models import DataExport, ErasureRequest
from hubwork.accounts.tests.factories import PASSWORD, UserFactory
from tests.browser.conftest import assert_accessible, sign_in

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
