"""A project's data as its lead keeps it: from the project page to its data, uploading a file
with a pupil's name in it (refused, every problem by its line, nothing kept), then a good
file, and the chart of it with its table, on a desk and on a 375 px phone."""

import re

import pytest
from playwright.sync_api import expect

from hubwork.accounts.tests.factories import UserFactory
from hubwork.hubs.tests.factories import HubFactory
from hubwork.programmes.models import Programme
from hubwork.research.models import DataTable
from hubwork.research.tests.factories import ResearchProjectFactory
from hubwork.workgroups.tests.factories import WorkGroupFactory
from tests.browser.conftest import assert_accessible, assert_fits_a_phone, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

REFUSED = (
    b"class,pupil,week,number giving a reason\n"
    b"Year 4 class A,Amy Smith,1,7\n"
    b"Year 5 class B,Ben Jones,1\n"
)
GOOD = (
    b"class,week,number giving a reason,number in class\n"
    b"Year 4 class A,1,7,28\nYear 5 class B,1,5,30\n"
    b"Year 4 class A,2,12,28\nYear 5 class B,2,9,29\n"
)


def csv_file(data: bytes) -> dict:
    return {"name": "reasons.csv", "mimeType": "text/csv", "buffer": data}


def test_a_lead_uploads_data_and_reads_its_chart(page, transactional_db):
    hub = HubFactory.create(name="GLOW Maths Hub", slug="glow")
    lead = UserFactory.create(email="lara@example.org", display_name="Lara Lead")
    work_group = WorkGroupFactory.create(
        hub=hub, programme__kind=Programme.Kind.RIWG, title="RIWG: Oracy in Key Stage 2"
    )
    work_group.leads.add(lead)
    project = ResearchProjectFactory.create(work_group=work_group, title="Oracy in KS2")

    sign_in(page, "lara@example.org")
    page.goto(f"/research-projects/{project.pk}/")
    page.get_by_role("link", name="Data", exact=True).click()
    expect(page.get_by_role("heading", name="Data", level=1)).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Upload a CSV file").click()
    page.get_by_label("Title").fill("Pupils giving a reason with because")
    page.get_by_label("Upload a CSV file").set_input_files(csv_file(REFUSED))
    assert_accessible(page)
    page.get_by_role("button", name="Upload the table").click()
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("Line 1, column 2: Column “pupil” cannot be kept")
    expect(summary).to_contain_text("Line 2: “pupil” looks like people’s names")
    expect(summary).to_contain_text("Line 3 has 3 cells but the heading row has 4")
    expect(page).to_have_title(re.compile(r"^Error: "))
    assert_accessible(page)
    assert not DataTable.objects.exists()

    page.get_by_label("Upload a CSV file").set_input_files(csv_file(GOOD))
    page.get_by_role("button", name="Upload the table").click()
    expect(page.get_by_role("heading", name="Pupils giving a reason with because")).to_be_visible()
    # One chart a week, bars by class, each with its table of the same figures.
    expect(page.locator("svg.hubwork-chart__drawing")).to_have_count(2)
    expect(
        page.get_by_role("table", name="Number giving a reason by class, week 2: the figures")
    ).to_contain_text("12")
    assert_accessible(page)

    page.get_by_label("As a percentage of (optional)").select_option(label="number in class")
    page.get_by_label("One chart for each (optional)").select_option(label="No: one chart")
    page.get_by_role("button", name="Show the chart").click()
    figures = page.get_by_role(
        "table",
        name="Number giving a reason as a percentage of number in class by class: the figures",
    )
    expect(figures).to_contain_text("33.9% (19 of 56)")
    expect(figures).to_contain_text("23.7% (14 of 59)")
    expect(page.get_by_test_id("data")).to_contain_text("Year 5 class B")
    assert_accessible(page)
    assert_fits_a_phone(page)
    table = DataTable.objects.get()
    assert [column["kind"] for column in table.columns] == ["text", "number", "number", "number"]

    # Correcting a count in the grid, keyboard and labels as a screen reader meets them.
    page.get_by_role("link", name="Change the table").click()
    assert_accessible(page)
    page.get_by_label("Row 3, column 3").fill("13")
    page.get_by_role("button", name="Save the table").click()
    expect(page.get_by_text("Your changes are saved.")).to_be_visible()
    table.refresh_from_db()
    assert table.rows[2] == ["Year 4 class A", 2, 13, 28]
