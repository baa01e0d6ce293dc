"""Demo data for research projects' tables of aggregate data: GLOW's Oracy project counts,
class by class and week by week, the pupils giving a reason with "because" (counts and class
sizes, never a pupil). Seeded after the projects (demo/research_projects.py), and only when
GLOW has a project."""

from hubwork.accounts.models import User
from hubwork.core.audit import audit
from hubwork.hubs.models import Hub
from hubwork.research.models import DataTable, ResearchProject

TITLE = "Pupils giving a reason with “because”"
DESCRIPTION = (
    "Counted by each teacher in the last paired-talk task of the week, on the whole class: "
    "how many pupils gave a reason starting “because”, and how many were in the lesson."
)
COLUMNS = [
    {"name": "class", "kind": "text"},
    {"name": "week", "kind": "number"},
    {"name": "number giving a reason", "kind": "number"},
    {"name": "number in class", "kind": "number"},
]
# Class, then for weeks 1 to 6: (giving a reason, in class).
FIGURES = [
    ("Year 4 class A", [(7, 28), (9, 27), (12, 28), (14, 26), (17, 28), (19, 28)]),
    ("Year 5 class B", [(5, 30), (8, 30), (8, 29), (13, 30), (15, 28), (18, 30)]),
    ("Year 6 class C", [(10, 31), (11, 29), (15, 31), (16, 30), (20, 31), (22, 30)]),
]


def seed_research_data(*, hubs: dict[str, Hub]) -> int:
    """GLOW's Oracy project's table, once: returns how many tables it created."""
    project = (
        ResearchProject.objects.filter(hub=hubs["glow"], title__icontains="oracy")
        .order_by("pk")
        .first()
        or ResearchProject.objects.filter(hub=hubs["glow"]).order_by("pk").first()
    )
    if project is None or project.data_tables.filter(title=TITLE).exists():
        return 0
    year = project.years.order_by("number").first()
    if year is None:
        return 0
    lead = (
        year.work_group.leads.order_by("pk").first()
        or User.objects.filter(email="llme@example.org").first()
    )
    table = DataTable.objects.create(
        project=project,
        year=year,
        title=TITLE,
        description=DESCRIPTION,
        columns=COLUMNS,
        rows=[
            [label, week, giving, in_class]
            for week in range(1, 7)
            for label, weeks in FIGURES
            for giving, in_class in [weeks[week - 1]]
        ],
        added_by=lead,
    )
    audit(lead, "data_table.created", table, hub=project.hub_id, source="demo")
    return 1
