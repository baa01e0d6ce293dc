"""A project's tables of aggregate data through the pages: uploading (refused whole, with
every problem by line, or saved with its kinds), typing a table, the chart and its table,
downloading, changing and removing, the audit log, and who may do what."""

import csv
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from hubwork.accounts.tests.factories import UserFactory, enable_totp
from hubwork.core.models import AuditEvent
from hubwork.hubs.models import HubRole
from hubwork.hubs.tests.factories import HubRoleFactory
from hubwork.programmes.models import Programme
from hubwork.research.data_privacy import data_tables_export
from hubwork.research.models import DataTable, ResearchProject
from hubwork.research.selectors.data import ChartChoice, table_charts
from hubwork.research.services.erasure import data_tables_erase
from hubwork.research.tests.factories import ResearchProjectFactory
from hubwork.workgroups.tests.factories import EnrolmentFactory, WorkGroupFactory

pytestmark = pytest.mark.django_db

GOOD = (
    b"class,week,number giving a reason,number in class\n"
    b"8X,1,6,28\n8Y,1,9,30\n8X,2,11,28\n8Y,2,15,30\n"
)
REFUSED = b"class,pupil,week,correct\n8X,Amy Smith,1,1\n8Y,Ben Jones,1\n"


@pytest.fixture
def project(hub, llme) -> ResearchProject:
    work_group = WorkGroupFactory.create(
        hub=hub, programme__kind=Programme.Kind.RIWG, title="RIWG: Oracy in Key Stage 3"
    )
    work_group.leads.add(llme)
    return ResearchProjectFactory.create(work_group=work_group, title="Oracy")


@pytest.fixture
def member(project, participant):
    EnrolmentFactory.create(work_group=project.years.get().work_group, user=participant)
    return participant


@pytest.fixture
def table(project, llme) -> DataTable:
    return DataTable.objects.create(
        project=project,
        year=project.years.get(),
        title="Reasons given",
        columns=[
            {"name": "class", "kind": "text"},
            {"name": "week", "kind": "number"},
            {"name": "giving a reason", "kind": "number"},
            {"name": "in class", "kind": "number"},
        ],
        rows=[["8X", 1, 6, 28], ["8Y", 1, 9, 30], ["8X", 2, 11, 28], ["8Y", 2, 15, 30]],
        added_by=llme,
    )


def url(name, project, table=None):
    kwargs = {"pk": project.pk}
    if table is not None:
        kwargs["table_pk"] = table.pk
    return reverse(f"research:{name}", kwargs=kwargs)


def upload(client, project, data, **changes):
    form = {"title": "Reasons given", "description": "", **changes}
    form["file"] = SimpleUploadedFile("reasons.csv", data, content_type="text/csv")
    return client.post(url("data_upload", project), form)


def test_a_file_with_a_pupil_column_is_refused_with_its_lines(client, project, llme):
    client.force_login(llme)
    response = upload(client, project, REFUSED)
    assert response.status_code == 200
    page = response.text
    assert "There is a problem" in page
    assert "Line 1, column 2: Column “pupil” cannot be kept: it is about one pupil" in page
    assert "Line 2: “pupil” looks like people’s names" in page
    assert "Line 3 has 3 cells but the heading row has 4" in page
    assert 'href="#id_file"' in page
    assert not DataTable.objects.exists()
    assert not AuditEvent.objects.filter(verb="data_table.created").exists()


def test_a_good_file_is_saved_with_its_kinds(client, project, llme):
    client.force_login(llme)
    response = upload(client, project, GOOD, description="Counted in each lesson.")
    table = DataTable.objects.get()
    assert response.url == url("data_table", project, table)
    assert [column["kind"] for column in table.columns] == ["text", "number", "number", "number"]
    assert table.columns[3]["name"] == "number in class"
    assert table.rows[0] == ["8X", 1, 6, 28]
    assert (table.year, table.added_by, table.description) == (
        project.years.get(),
        llme,
        "Counted in each lesson.",
    )
    event = AuditEvent.objects.get(verb="data_table.created")
    assert (event.actor_id, event.hub_id, event.data["rows"]) == (llme.pk, project.hub_id, 4)


def test_a_title_is_needed(client, project, llme):
    client.force_login(llme)
    response = upload(client, project, GOOD, title="")
    assert response.status_code == 200
    assert "Enter a title" in response.text or "This field is required" in response.text
    assert not DataTable.objects.exists()


def grid(**cells):
    data = {
        "title": "Typed reasons",
        "description": "",
        "column_count": "3",
        "row_count": "3",
        "heading_0": "class",
        "kind_0": "text",
        "heading_1": "number giving a reason",
        "kind_1": "number",
        "heading_2": "number in class",
        "kind_2": "number",
        "cell_0_0": "8X",
        "cell_0_1": "6",
        "cell_0_2": "28",
        "cell_1_0": "8Y",
        "cell_1_1": "9",
        "cell_1_2": "30",
        "action": "save",
    }
    data.update(cells)
    return data


def test_a_lead_types_a_table(client, project, llme):
    client.force_login(llme)
    assert client.get(url("data_table_create", project)).status_code == 200
    response = client.post(url("data_table_create", project), grid())
    table = DataTable.objects.get()
    assert response.url == url("data_table", project, table)
    assert table.columns == [
        {"name": "class", "kind": "text"},
        {"name": "number giving a reason", "kind": "number"},
        {"name": "number in class", "kind": "number"},
    ]
    assert table.rows == [["8X", 6, 28], ["8Y", 9, 30]]  # the empty third row left out
    assert AuditEvent.objects.get(verb="data_table.created").data["source"] == "page"


def test_typed_tables_are_checked_like_files(client, project, llme):
    client.force_login(llme)
    response = client.post(
        url("data_table_create", project),
        grid(heading_0="Surname", cell_1_1="many", cell_1_0="amy@example.org"),
    )
    assert response.status_code == 200
    page = response.text
    assert "Column “Surname” cannot be kept" in page
    assert "Row 2: “number giving a reason” must be a number" in page
    assert "Row 2: “Surname” looks like an email address" in page
    assert 'href="#id_cell_1_1"' in page  # the summary leads to the cell
    assert not DataTable.objects.exists()


def test_the_grid_grows_without_javascript(client, project, llme):
    client.force_login(llme)
    response = client.post(url("data_table_create", project), grid(action="add_rows"))
    assert response.status_code == 200
    assert 'name="cell_7_2"' in response.text  # 3 rows and 5 more
    assert 'value="8Y"' in response.text  # what was typed stays
    assert "There is a problem" not in response.text
    response = client.post(url("data_table_create", project), grid(action="add_column"))
    assert 'name="heading_3"' in response.text
    assert not DataTable.objects.exists()


def test_a_lead_changes_and_removes_a_table(client, project, llme, table):
    client.force_login(llme)
    page = client.get(url("data_table_edit", project, table))
    assert 'value="Reasons given"' in page.text
    assert 'value="28"' in page.text
    data = {
        "title": "Reasons given with because",
        "description": "",
        "column_count": "4",
        "row_count": "4",
        **{f"heading_{i}": column["name"] for i, column in enumerate(table.columns)},
        **{f"kind_{i}": column["kind"] for i, column in enumerate(table.columns)},
        **{
            f"cell_{r}_{c}": str(value)
            for r, row in enumerate(table.rows)
            for c, value in enumerate(row)
        },
        "cell_0_2": "7",
        "action": "save",
    }
    response = client.post(url("data_table_edit", project, table), data)
    assert response.status_code == 302
    table.refresh_from_db()
    assert table.title == "Reasons given with because"
    assert table.rows[0] == ["8X", 1, 7, 28]
    changes = AuditEvent.objects.get(verb="data_table.changed").data["changes"]
    assert changes["figures"] is True
    assert changes["title"][1] == "Reasons given with because"

    response = client.post(url("data_table_delete", project, table))
    assert response.url == url("data_tables", project)
    assert not DataTable.objects.exists()
    assert AuditEvent.objects.filter(verb="data_table.deleted").count() == 1


def test_the_chart_shows_the_tables_figures(client, project, member, table):
    client.force_login(member)
    response = client.get(url("data_table", project, table))
    assert response.status_code == 200
    # By default: the first count by class, one chart for each week.
    charts = response.context["charts"]
    assert [(bar.label, bar.value) for bar in charts[0].bars] == [("8X", 6.0), ("8Y", 9.0)]
    assert charts[1].title == "Giving a reason by class, week 2"
    response = client.get(
        url("data_table", project, table),
        {"label": "0", "value": "2", "divide_by": "3", "group": "1"},
    )
    charts = response.context["charts"]
    assert [chart.title for chart in charts] == [
        "Giving a reason as a percentage of in class by class, week 1",
        "Giving a reason as a percentage of in class by class, week 2",
    ]
    assert [(bar.label, bar.value_text) for bar in charts[1].bars] == [
        ("8X", "39.3% (11 of 28)"),
        ("8Y", "50% (15 of 30)"),
    ]
    page = response.text
    # Every chart has its table: the same figures, as text.
    assert page.count("<svg") == 2
    assert "39.3% (11 of 28)" in page
    assert "the figures</caption>" in page


def test_chart_figures_equal_the_table():
    table = DataTable(
        columns=[{"name": "class", "kind": "text"}, {"name": "n", "kind": "number"}],
        rows=[["A", 2], ["B", None], ["A", 3.5], ["C", 0]],
    )
    (chart,) = table_charts(table, ChartChoice(label=0, value=1))
    assert [(bar.label, bar.value, bar.value_text) for bar in chart.bars] == [
        ("A", 5.5, "5.5"),
        ("C", 0.0, "0"),  # an empty cell is left out, not counted as 0
    ]
    assert "Highest: A, 5.5. Lowest: C, 0." in chart.summary


def test_a_bad_chart_choice_is_shown_by_its_field(client, project, member, table):
    client.force_login(member)
    response = client.get(url("data_table", project, table), {"label": "0", "value": "0"})
    assert response.status_code == 200
    assert "Select a valid choice" in response.text
    assert response.context["charts"] == []


def test_the_download_is_safe_from_formulas(client, project, member, table):
    table.columns[0]["name"] = "=cmd|'/c calc'!A1"
    table.rows[0][0] = "@SUM(A1:A9)"
    table.save()
    client.force_login(member)
    response = client.get(url("data_table_csv", project, table))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0][0] == "'=cmd|'/c calc'!A1"
    assert rows[1] == ["'@SUM(A1:A9)", "1", "6", "28"]


def test_members_read_but_do_not_change(client, project, member, table):
    client.force_login(member)
    listing = client.get(url("data_tables", project))
    assert listing.status_code == 200
    assert "Reasons given" in listing.text
    assert "Upload a CSV file" not in listing.text
    assert upload(client, project, GOOD).status_code == 403
    assert client.get(url("data_table_create", project)).status_code == 403
    assert client.post(url("data_table_edit", project, table)).status_code == 403
    assert client.post(url("data_table_delete", project, table)).status_code == 403
    assert DataTable.objects.count() == 1


def test_another_hubs_llme_finds_nothing(client, project, table, other_hub):
    other_llme = UserFactory.create()
    HubRoleFactory.create(user=other_llme, hub=other_hub, role=HubRole.Kind.LLME)
    enable_totp(other_llme)
    client.force_login(other_llme)
    for name in ("data_tables", "data_upload", "data_table_create"):
        assert client.get(url(name, project)).status_code == 404
    for name in ("data_table", "data_table_edit", "data_table_delete", "data_table_csv"):
        assert client.get(url(name, project, table)).status_code == 404
    assert upload(client, project, GOOD).status_code == 404
    assert DataTable.objects.count() == 1


def test_a_table_of_another_project_is_not_found(client, project, llme, table, hub):
    other = ResearchProjectFactory.create(work_group=WorkGroupFactory.create(hub=hub))
    client.force_login(llme)
    assert client.get(url("data_table", other, table)).status_code in {403, 404}
    response = client.get(reverse("research:data_table", kwargs={"pk": project.pk, "table_pk": 0}))
    assert response.status_code == 404


def test_tables_added_are_in_the_persons_data_and_stay_on_erasure(table, llme):
    exported = data_tables_export(llme).tables["data_tables_added"]
    assert "Reasons given" in str(list(exported))
    assert data_tables_erase(llme) == {"data_tables_unattributed": 1}
    table.refresh_from_db()
    assert table.added_by is None
    assert table.rows
