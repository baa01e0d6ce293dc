from typing import Any, cast

from django import forms

from hubwork.core.choices import Phase
from hubwork.core.forms import ModelMultipleChoiceField, SingleLineCharField
from hubwork.research.models import EARLIEST_YEAR, LATEST_YEAR, Reading, Theme
from hubwork.research.permissions import ReadingList


class ReadingForm(forms.Form):
    """A reading's details; the service checks the DOI, the year and duplicates."""

    reading_list = forms.ChoiceField(label="Add it to", widget=forms.RadioSelect)
    title = SingleLineCharField(label="Title", max_length=500)
    authors = SingleLineCharField(
        label="Authors",
        max_length=500,
        help_text="Surname and initials, separated by semicolons: Smith, J.; Jones, K.",
    )
    year = forms.IntegerField(
        label="Year published",
        required=False,
        min_value=EARLIEST_YEAR,
        max_value=LATEST_YEAR,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "class": "govuk-input--width-4"}),
    )
    source = SingleLineCharField(
        label="Source",
        required=False,
        max_length=300,
        help_text="The journal, book or organisation it appeared in.",
    )
    source_kind = forms.ChoiceField(
        label="Kind of source", choices=Reading.SourceKind.choices, widget=forms.RadioSelect
    )
    doi = SingleLineCharField(
        label="DOI (optional)",
        required=False,
        max_length=300,
        help_text="For example 10.1234/abc or https://doi.org/10.1234/abc",
    )
    url = forms.URLField(
        label="Link (optional)", required=False, max_length=500, assume_scheme="https"
    )
    open_access = forms.BooleanField(label="Open access: anyone can read it free", required=False)
    summary = forms.CharField(
        label="Summary",
        required=False,
        max_length=5000,
        help_text="What it says and why it matters for teaching, in plain English.",
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    phases = forms.MultipleChoiceField(
        label="Phases it speaks to",
        required=False,
        choices=Phase.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    themes = ModelMultipleChoiceField(
        label="Themes",
        required=False,
        queryset=Theme.objects.order_by("name"),
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, reading_lists: list[ReadingList] | None = None, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.reading_lists = {item.key: item for item in reading_lists or []}
        if reading_lists is None:
            del self.fields["reading_list"]  # editing: a reading stays on its list
        else:
            cast(forms.ChoiceField, self.fields["reading_list"]).choices = [
                (item.key, item.name) for item in reading_lists
            ]
            if len(reading_lists) == 1:
                self.fields["reading_list"].widget = forms.HiddenInput()
                self.fields["reading_list"].initial = reading_lists[0].key
                self.fields["reading_list"].required = False

    def clean_reading_list(self) -> str:
        # One list to choose from: it is chosen, even if the hidden field did not come back.
        return str(self.cleaned_data.get("reading_list") or next(iter(self.reading_lists), ""))

    def service_arguments(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        if "reading_list" in data:
            data["reading_list"] = self.reading_lists[data["reading_list"]]
        data["themes"] = list(data.get("themes") or [])
        return data

    @staticmethod
    def initial_for(reading: Reading) -> dict[str, Any]:
        return {
            "title": reading.title,
            "authors": reading.authors,
            "year": reading.year,
            "source": reading.source,
            "source_kind": reading.source_kind,
            "doi": reading.doi,
            "url": reading.url,
            "open_access": reading.open_access,
            "summary": reading.summary,
            "phases": [reading_phase.phase for reading_phase in reading.phases.all()],
            "themes": list(reading.themes.all()),
        }
