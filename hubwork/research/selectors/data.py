"""Reading a project's tables of aggregate data: the tables a person may see, and a table's
figures as charts (core/charts.py), each with the same figures as a table."""

from collections.abc import Sequence
from dataclasses import dataclass

from django.db.models import QuerySet
from django.http import Http404

from hubwork.accounts.models import User
from hubwork.core.charts import BarChart, bar_chart
from hubwork.research.data_checks import NUMBER, TEXT
from hubwork.research.models import DataTable, ResearchProject
from hubwork.research.permissions import ProjectAccess, get_project_for_user


def project_data_tables(project: ResearchProject) -> QuerySet[DataTable]:
    """The project's tables, oldest first, with who added them and their year."""
    return project.data_tables.select_related("year", "added_by").order_by("created_at", "pk")


def get_data_table_for_user(
    user: User, *, project_pk: int, pk: int, access: ProjectAccess = ProjectAccess.MEMBER
) -> DataTable:
    """A table of a project `user` may reach with `access` (get_project_for_user: 404 when
    they may not see the project, 403 when they may see it but not do this); 404 when the
    project has no such table."""
    project = get_project_for_user(user, pk=project_pk, access=access)
    table = project_data_tables(project).filter(pk=pk).first()
    if table is None:
        raise Http404("No such table in this project.")
    table.project = project
    return table


def columns_of_kind(table: DataTable, kind: str) -> list[tuple[int, str]]:
    """(position, heading) of each column of this kind."""
    return [(i, column["name"]) for i, column in enumerate(table.columns) if column["kind"] == kind]


def display_rows(table: DataTable) -> list[list[tuple[str, bool]]]:
    """Each cell as shown in a table: its text, and whether it sits in a number column."""
    numeric = [column["kind"] == NUMBER for column in table.columns]
    return [
        [
            ("" if value is None or value == "" else cell_text(value), numeric[i])
            for i, value in enumerate(row)
        ]
        for row in table.rows
    ]


@dataclass(frozen=True)
class ChartChoice:
    """What to draw: bars labelled by one column (usually text), as long as one number
    column (summed over rows with the same label), or as that column over another as a
    percentage (sums over sums); one chart for each value of `group` when it is given."""

    label: int
    value: int
    divide_by: int | None = None
    group: int | None = None


# Columns headed like these mark when the figures were taken: drawn as groups, not summed.
WHEN_WORDS = frozenset({"week", "term", "lesson", "session", "cycle", "month", "date", "day"})


def _is_when(heading: str) -> bool:
    return bool(WHEN_WORDS.intersection(heading.casefold().split()))


def default_choice(table: DataTable) -> ChartChoice | None:
    """The first number column that is not a week (or a term, a lesson …) by the first text
    column, one chart for each week when there is a week column; None when the table has no
    number column to draw."""
    numbers = [(i, name) for i, name in columns_of_kind(table, NUMBER) if not _is_when(name)]
    if not numbers:
        return None
    value = numbers[0][0]
    when = next((i for i, column in enumerate(table.columns) if _is_when(column["name"])), None)
    others = [i for i, _ in columns_of_kind(table, TEXT) if i != when]
    label = (
        others[0]
        if others
        else next((i for i in range(len(table.columns)) if i not in (value, when)), None)
    )
    if label is None:
        return None
    return ChartChoice(label=label, value=value, group=when)


def _number(value: object) -> float | None:
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else None


def _plain(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:,.1f}"


def cell_text(value: object) -> str:
    """A cell as a label: numbers plainly, an empty cell as "(empty)"."""
    if value is None or value == "":
        return "(empty)"
    number = _number(value)
    return _plain(number) if number is not None else str(value)


def _chart(
    *,
    chart_id: str,
    title: str,
    label_heading: str,
    value_heading: str,
    rows: Sequence[Sequence[object]],
    choice: ChartChoice,
) -> BarChart | None:
    sums: dict[str, list[float]] = {}
    for row in rows:
        value = _number(row[choice.value])
        below = _number(row[choice.divide_by]) if choice.divide_by is not None else 1.0
        if value is None or below is None:
            continue  # an empty cell is not a zero
        label = cell_text(row[choice.label])
        totals = sums.setdefault(label, [0.0, 0.0])
        totals[0] += value
        totals[1] += below
    if choice.divide_by is None:
        labels = list(sums)
        values = [totals[0] for totals in sums.values()]
        texts = [_plain(value) for value in values]
        maximum = None
    else:
        kept = {label: totals for label, totals in sums.items() if totals[1] > 0}
        labels = list(kept)
        values = [round(100 * top / below, 1) for top, below in kept.values()]
        texts = [
            f"{_plain(value)}% ({_plain(top)} of {_plain(below)})"
            for value, (top, below) in zip(values, kept.values(), strict=True)
        ]
        maximum = 100.0 if all(value <= 100 for value in values) else None
    if not labels:
        return None
    highest = max(range(len(values)), key=lambda i: values[i])
    lowest = min(range(len(values)), key=lambda i: values[i])
    if len(labels) == 1:
        summary = f"{labels[0]}: {texts[0]}."
    else:
        summary = (
            f"{len(labels)} bars. Highest: {labels[highest]}, {texts[highest]}. "
            f"Lowest: {labels[lowest]}, {texts[lowest]}."
        )
    return bar_chart(
        chart_id=chart_id,
        title=title,
        summary=summary,
        labels=labels,
        values=values,
        value_texts=texts,
        maximum=maximum,
        label_heading=label_heading,
        value_heading=value_heading,
    )


def table_charts(table: DataTable, choice: ChartChoice) -> list[BarChart]:
    """The charts `choice` asks for: one, or one for each value of its group column in the
    order they first appear."""
    names = [column["name"] for column in table.columns]
    if choice.divide_by is None:
        value_heading = names[choice.value]
    else:
        value_heading = f"{names[choice.value]} as a percentage of {names[choice.divide_by]}"
    title = f"{value_heading} by {names[choice.label]}"
    value_heading = value_heading[:1].upper() + value_heading[1:]
    title = title[:1].upper() + title[1:]
    label_heading = names[choice.label][:1].upper() + names[choice.label][1:]
    if choice.group is None:
        groups: dict[str, list[Sequence[object]]] = {"": list(table.rows)}
    else:
        groups = {}
        for row in table.rows:
            groups.setdefault(cell_text(row[choice.group]), []).append(row)
    charts = []
    for index, (group, rows) in enumerate(groups.items(), start=1):
        chart = _chart(
            chart_id=f"data-chart-{index}",
            title=f"{title}, {names[choice.group]} {group}" if choice.group is not None else title,
            label_heading=label_heading,
            value_heading=value_heading,
            rows=rows,
            choice=choice,
        )
        if chart is not None:
            charts.append(chart)
    return charts
