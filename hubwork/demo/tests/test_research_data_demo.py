"""The demo's table of aggregate data: seeded once into GLOW's Oracy project, and it passes
the same checks an upload does."""

import pytest

from hubwork.demo.research_data import seed_research_data
from hubwork.research.data_checks import check_table
from hubwork.research.models import DataTable
from hubwork.research.tests.factories import ResearchProjectFactory
from hubwork.workgroups.tests.factories import WorkGroupFactory

pytestmark = pytest.mark.django_db


def test_nothing_without_a_project(hub):
    assert seed_research_data(hubs={"glow": hub}) == 0
    assert not DataTable.objects.exists()


def test_the_oracy_project_gets_its_table_once(hub):
    project = ResearchProjectFactory.create(
        work_group=WorkGroupFactory.create(hub=hub), title="Oracy: reasons with because"
    )
    assert seed_research_data(hubs={"glow": hub}) == 1
    assert seed_research_data(hubs={"glow": hub}) == 0
    table = DataTable.objects.get()
    assert table.project == project
    assert len(table.rows) == 18
    cells = [["" if value is None else str(value) for value in row] for row in table.rows]
    checked = check_table(headings=[column["name"] for column in table.columns], cells=cells)
    assert checked.problems == []
    assert checked.columns == table.columns
