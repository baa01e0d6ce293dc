"""Forms for a project's tables of aggregate data: uploading a CSV file, typing a table in a
grid, and choosing what a chart shows."""

from collections.abc import Sequence
from typing import Any, cast

from django import forms
from django.db.models import QuerySet

from hubwork.core.forms import ModelChoiceField, SingleLineCharField
from hubwork.research.data_checks import (
    MAX_CELL,
    MAX_FILE_BYTES,
    MAX_HEADING,
    NUMBER,
    TEXT,
    Problem,
)
from hubwork.research.models import DataTable, ProjectYear
from hubwork.research.selectors.data import ChartChoice, cell_text

# A typed table stays small enough for one page (and under Django's 1,000 fields a request);
# bigger tables come as a CSV file.
MAX_GRID_COLUMNS = 8
MAX_GRID_ROWS = 80
NEW_GRID_COLUMNS = 4
NEW_GRID_ROWS = 6
MORE_ROWS = 5

KIND_CHOICES = [(TEXT, "Text"), (NUMBER, "Number")]


def _year_label(year: ProjectYear) -> str:
    return f"Year {year.number}"


class TableDetailsForm(forms.Form):
    title = SingleLineCharField(
        label="Title",
        max_length=200,
        help_text="What the figures are, for example “Pupils giving a reason with ‘because’”.",
    )
    description = forms.CharField(
        label="Description (optional)",
        required=False,
        max_length=2000,
        help_text="How and when the figures were collected.",
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    year = ModelChoiceField(
        label="Year of the project",
        queryset=ProjectYear.objects.none(),
        empty_label=None,
        widget=forms.RadioSelect,
    )

    def __init__(self, *args: Any, years: QuerySet[ProjectYear], **kwargs: Any):
        super().__init__(*args, **kwargs)
        year_field = cast(ModelChoiceField[ProjectYear], self.fields["year"])
        year_field.queryset = years
        year_field.label_from_instance = _year_label  # type: ignore[method-assign,assignment]
        last = years.last()
        if last is not None and not self.initial.get("year"):
            self.initial["year"] = last.pk
        if years.count() <= 1:
            year_field.widget = forms.HiddenInput()
            year_field.required = False

    def clean_year(self) -> ProjectYear | None:
        # One year to choose from: it is chosen, even if the hidden field did not come back.
        years = cast(ModelChoiceField[ProjectYear], self.fields["year"]).queryset
        return self.cleaned_data.get("year") or (years.last() if years is not None else None)


class DataUploadForm(TableDetailsForm):
    file = forms.FileField(
        label="Upload a CSV file",
        help_text=(
            "Save the spreadsheet as CSV. The first line holds the column headings; up to "
            "2,000 lines of figures, 1 MB."
        ),
        widget=forms.FileInput(attrs={"accept": ".csv,text/csv"}),
    )

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_FILE_BYTES:
            raise forms.ValidationError("The file must be smaller than 1 MB")
        return upload


def _count(data: Any, name: str, default: int, largest: int) -> int:
    try:
        number = int(str(data.get(name, default)))
    except (TypeError, ValueError):
        number = default
    return max(1, min(number, largest))


class TableGridForm(TableDetailsForm):
    """A table typed in a grid: a heading and a kind for each column, then rows of cells.
    The sizes come back with the form, so "add rows" and "add a column" need no JavaScript.
    Empty rows, and columns without a heading or a cell, are left out."""

    column_count = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    row_count = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    def __init__(self, *args: Any, action: str = "", **kwargs: Any):
        """`action` "add_rows" or "add_column" grows the grid: pass what was sent as
        `initial` (an unbound form), so that it is shown again, bigger, without errors."""
        super().__init__(*args, **kwargs)
        source = self.data if self.is_bound else self.initial
        self.column_total = _count(source, "column_count", NEW_GRID_COLUMNS, MAX_GRID_COLUMNS)
        self.row_total = _count(source, "row_count", NEW_GRID_ROWS, MAX_GRID_ROWS)
        if action == "add_column":
            self.column_total = min(self.column_total + 1, MAX_GRID_COLUMNS)
        elif action == "add_rows":
            self.row_total = min(self.row_total + MORE_ROWS, MAX_GRID_ROWS)
        self.initial["column_count"] = self.column_total
        self.initial["row_count"] = self.row_total
        for column in range(self.column_total):
            self.fields[f"heading_{column}"] = SingleLineCharField(
                label=f"Heading of column {column + 1}", required=False, max_length=MAX_HEADING
            )
            self.fields[f"kind_{column}"] = forms.ChoiceField(
                label=f"Kind of column {column + 1}", choices=KIND_CHOICES, initial=TEXT
            )
            for row in range(self.row_total):
                self.fields[self.cell_name(row, column)] = SingleLineCharField(
                    label=f"Row {row + 1}, column {column + 1}",
                    required=False,
                    max_length=MAX_CELL,
                )

    @staticmethod
    def cell_name(row: int, column: int) -> str:
        return f"cell_{row}_{column}"

    @classmethod
    def initial_for(cls, table: DataTable) -> dict[str, Any]:
        initial: dict[str, Any] = {
            "title": table.title,
            "description": table.description,
            "year": table.year_id,
            "column_count": max(len(table.columns), 1),
            "row_count": min(len(table.rows) + 2, MAX_GRID_ROWS),
        }
        for column, heading in enumerate(table.columns):
            initial[f"heading_{column}"] = heading["name"]
            initial[f"kind_{column}"] = heading["kind"]
        for row, cells in enumerate(table.rows):
            for column, value in enumerate(cells):
                text = "" if value is None else cell_text(value)
                initial[cls.cell_name(row, column)] = text
        return initial

    @staticmethod
    def fits(table: DataTable) -> bool:
        """Whether the table can be changed in the grid (bigger ones are uploaded again)."""
        return len(table.columns) <= MAX_GRID_COLUMNS and len(table.rows) + 1 <= MAX_GRID_ROWS

    def grid(self) -> dict[str, Any]:
        """The bound fields as the template lays them out, those with an error marked."""
        columns = range(self.column_total)
        for name, field in self.fields.items():
            if name.startswith(("heading_", "cell_")):
                width = (
                    "govuk-input--width-10"
                    if name.startswith("heading_")
                    else "govuk-input--width-5"
                )
                error = " govuk-input--error" if self.is_bound and name in self.errors else ""
                field.widget.attrs["class"] = width + error
        return {
            "headings": [self[f"heading_{column}"] for column in columns],
            "kinds": [self[f"kind_{column}"] for column in columns],
            "rows": [
                [self[self.cell_name(row, column)] for column in columns]
                for row in range(self.row_total)
            ],
        }

    def table_arguments(self) -> dict[str, Any]:
        """The headings, kinds and cells the service checks, empty rows and columns left out;
        `self.kept_rows` and `self.kept_columns` say where each came from in the grid."""
        data = self.cleaned_data
        self.kept_columns = [
            column
            for column in range(self.column_total)
            if data.get(f"heading_{column}")
            or any(data.get(self.cell_name(row, column)) for row in range(self.row_total))
        ]
        self.kept_rows = [
            row
            for row in range(self.row_total)
            if any(data.get(self.cell_name(row, column)) for column in self.kept_columns)
        ]
        return {
            "headings": [data.get(f"heading_{column}", "") for column in self.kept_columns],
            "kinds": [data.get(f"kind_{column}", TEXT) for column in self.kept_columns],
            "cells": [
                [data.get(self.cell_name(row, column), "") for column in self.kept_columns]
                for row in self.kept_rows
            ],
        }

    def add_problems(self, problems: Sequence[Problem]) -> None:
        """Each problem by the cell or heading it is about, or at the top."""
        for problem in problems:
            name = None
            if problem.column is not None and problem.column < len(self.kept_columns):
                column = self.kept_columns[problem.column]
                if problem.row is None:
                    name = f"heading_{column}"
                elif problem.row < len(self.kept_rows):
                    name = self.cell_name(self.kept_rows[problem.row], column)
            message = problem.message
            if problem.row is not None and problem.row < len(self.kept_rows):
                message = f"Row {self.kept_rows[problem.row] + 1}: {message}"
            self.add_error(name, message)


def kind_choices(table: DataTable, kind: str | None = None) -> list[tuple[str, str]]:
    return [
        (str(i), column["name"])
        for i, column in enumerate(table.columns)
        if kind is None or column["kind"] == kind
    ]


class ChartForm(forms.Form):
    """What the chart shows, chosen in the address (GET)."""

    label = forms.ChoiceField(label="Bars for each")
    value = forms.ChoiceField(label="Length of the bars")
    divide_by = forms.ChoiceField(
        label="As a percentage of (optional)",
        required=False,
        help_text="For example the number in the class, to compare classes of different sizes.",
    )
    group = forms.ChoiceField(
        label="One chart for each (optional)",
        required=False,
        help_text="For example the week.",
    )

    def __init__(self, *args: Any, table: DataTable, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.table = table
        every = kind_choices(table)
        numbers = kind_choices(table, NUMBER)
        self.fields["label"].choices = every  # type: ignore[attr-defined]
        self.fields["value"].choices = numbers  # type: ignore[attr-defined]
        self.fields["divide_by"].choices = [("", "No: the numbers themselves"), *numbers]  # type: ignore[attr-defined]
        self.fields["group"].choices = [("", "No: one chart"), *every]  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("divide_by") and data.get("divide_by") == data.get("value"):
            self.add_error("divide_by", "Choose a different column from the length of the bars")
        if data.get("group") and data.get("group") == data.get("label"):
            self.add_error("group", "Choose a different column from the bars")
        return data

    def choice(self) -> ChartChoice:
        data = self.cleaned_data
        return ChartChoice(
            label=int(data["label"]),
            value=int(data["value"]),
            divide_by=int(data["divide_by"]) if data.get("divide_by") else None,
            group=int(data["group"]) if data.get("group") else None,
        )
