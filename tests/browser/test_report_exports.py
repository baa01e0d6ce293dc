"""A national admin asks for England's never-engaged schools as CSV on the large exports
page, sees it ready (built in-process here) beside one still being prepared, and downloads
it; the page passes the accessibility checks."""

from pathlib import Path

import pytest
from playwright.sync_api import expect

from hubwork.accounts.tests.factories import UserFactory, enable_totp
from hubwork.hubs.models import HubArea
from hubwork.hubs.tests.factories import HubFactory
from hubwork.reports.models import ReportExport
from hubwork.schools.tests.factories import LocalAuthorityFactory, SchoolFactory
from tests.browser.conftest import assert_accessible, sign_in_with_two_factor

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_national_admin_prepares_and_downloads_an_export(
    page, transactional_db, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    admin = UserFactory.create(
        email="nadia@example.org", display_name="Nadia Admin", is_national_admin=True
    )
    secret = enable_totp(admin)
    local_authority = LocalAuthorityFactory.create(name="Birmingham")
    HubArea.objects.create(
        hub=HubFactory.create(name="GLOW Maths Hub", slug="glow"), local_authority=local_authority
    )
    for number in range(3):
        SchoolFactory.create(name=f"School {number}", local_authority=local_authority)
    ReportExport.objects.create(
        requested_by=admin,
        kind=ReportExport.Kind.ENGAGEMENTS,
        file_format=ReportExport.FileFormat.XLSX,
        status=ReportExport.Status.RUNNING,
        rows_done=12000,
        rows_total=24500,
    )

    sign_in_with_two_factor(page, "nadia@example.org", secret)
    page.goto("/national/reports/exports/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Large exports")
    expect(page.get_by_text("12,000 of 24,500 rows")).to_be_visible()
    assert_accessible(page)

    page.get_by_label("Never-engaged schools in England").check()
    page.get_by_label("CSV").check()
    page.get_by_role("button", name="Prepare export").click()
    page.wait_for_url("**/national/reports/exports/")
    table = page.get_by_role("table", name="Your exports")
    expect(table.get_by_text("Ready to download: 3 rows")).to_be_visible()
    assert_accessible(page)

    with page.expect_download() as download_info:
        table.get_by_role("link", name="Download").click()
    download = download_info.value
    assert download.suggested_filename.startswith("never-engaged-england-")
    text = Path(download.path()).read_text(encoding="utf-8-sig")
    assert text.splitlines()[0] == "URN,School,Local authority,Hub,Phase,Type group,% FSM"
    assert len(text.splitlines()) == 4
