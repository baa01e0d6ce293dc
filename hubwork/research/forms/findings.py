from typing import Any, cast

from django import forms

from hubwork.core.forms import SingleLineCharField
from hubwork.research.selectors.findings import FilterChoices, FindingFilters


class FindingSearchForm(forms.Form):
    """Search and filters of the published findings (a GET form). A value that is not one of
    the choices is shown as an error by its field and the rest still apply."""

    q = SingleLineCharField(label="Search findings", required=False, max_length=200)
    phase = forms.ChoiceField(label="Phase", required=False)
    theme = forms.ChoiceField(label="Theme", required=False)
    year = forms.TypedChoiceField(
        label="Year the research began", required=False, coerce=int, empty_value=None
    )
    hub = forms.ChoiceField(label="Maths Hub", required=False)
    programme = forms.ChoiceField(label="Programme", required=False)

    def __init__(self, *args: Any, choices: FilterChoices, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        options: dict[str, tuple[str, list[Any]]] = {
            "phase": ("Any phase", choices.phases),
            "theme": ("Any theme", choices.themes),
            "year": ("Any year", choices.years),
            "hub": ("Any hub", choices.hubs),
            "programme": ("Any programme", choices.programmes),
        }
        for name, (any_label, values) in options.items():
            cast(forms.ChoiceField, self.fields[name]).choices = [("", any_label), *values]

    def filters(self) -> FindingFilters:
        """The filters that are valid (an invalid one is left out)."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return FindingFilters(
            text=" ".join(str(data.get("q") or "").split()),
            phase=data.get("phase") or "",
            theme=data.get("theme") or "",
            year=data.get("year"),
            hub=data.get("hub") or "",
            programme=data.get("programme") or "",
        )
