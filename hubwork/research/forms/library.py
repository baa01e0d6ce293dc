from typing import Any, cast

from django import forms

from hubwork.core.choices import Phase
from hubwork.core.forms import SingleLineCharField
from hubwork.research.models import Theme
from hubwork.research.selectors.library import LibraryFilters, list_choices


class LibrarySearchForm(forms.Form):
    """Search and filters of the library (a GET form). A value that is not one of the
    choices is shown as an error by its field and the rest still apply."""

    q = SingleLineCharField(
        label="Search titles, authors and summaries", required=False, max_length=200
    )
    phase = forms.ChoiceField(
        label="Phase", required=False, choices=[("", "Any phase"), *Phase.choices]
    )
    theme = forms.ChoiceField(label="Theme", required=False)
    reading_list = forms.ChoiceField(label="List", required=False)
    open_access = forms.BooleanField(label="Open access only", required=False)

    def __init__(self, *args: Any, themes: list[Theme], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.themes = {theme.slug: theme for theme in themes}
        cast(forms.ChoiceField, self.fields["theme"]).choices = [
            ("", "Any theme"),
            *((t.slug, t.name) for t in themes),
        ]
        cast(forms.ChoiceField, self.fields["reading_list"]).choices = [
            ("", "All lists"),
            *list_choices(),
        ]

    def filters(self) -> LibraryFilters:
        """The filters that are valid (an invalid one is left out)."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return LibraryFilters(
            text=" ".join(str(data.get("q") or "").split()),
            phase=data.get("phase") or "",
            theme=self.themes.get(data.get("theme") or ""),
            open_access=bool(data.get("open_access")),
            reading_list=data.get("reading_list") or "",
        )
