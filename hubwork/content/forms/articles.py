"""The listing's filters and the site search box. Every one is a GET parameter."""

from typing import cast

from django import forms

from hubwork.content.selectors.articles import ArticleKind
from hubwork.core.choices import Phase
from hubwork.core.forms import SingleLineCharField
from hubwork.hubs.models import Hub
from hubwork.programmes.models import Programme


class ArticleFilterForm(forms.Form):
    """Filters for the spotlights-and-news listing; an invalid value is ignored with a message."""

    type = forms.ChoiceField(
        label="Type",
        required=False,
        choices=[("", "Spotlights and news"), *ArticleKind.CHOICES],
        error_messages={"invalid_choice": "Choose a type from the list."},
    )
    phase = forms.ChoiceField(
        label="Phase",
        required=False,
        choices=[("", "All phases"), *Phase.choices],
        error_messages={"invalid_choice": "Choose a phase from the list."},
    )
    programme = forms.ChoiceField(
        label="Programme",
        required=False,
        error_messages={"invalid_choice": "Choose a programme from the list."},
    )
    hub = forms.ChoiceField(
        label="Maths Hub",
        required=False,
        error_messages={"invalid_choice": "Choose a Maths Hub from the list."},
    )

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        programme_field = cast(forms.ChoiceField, self.fields["programme"])
        hub_field = cast(forms.ChoiceField, self.fields["hub"])
        programme_field.choices = [
            ("", "All programmes"),
            *Programme.objects.order_by("name").values_list("slug", "name"),
        ]
        hub_field.choices = [
            ("", "All Maths Hubs"),
            *Hub.objects.order_by("name").values_list("slug", "name"),
        ]

    def filters(self) -> dict[str, str]:
        """The valid filters, by the selector's argument names."""
        self.is_valid()  # invalid fields drop out of cleaned_data and show their message
        data = self.cleaned_data
        return {
            "kind": data.get("type", ""),
            "phase": data.get("phase", ""),
            "programme": data.get("programme", ""),
            "hub": data.get("hub", ""),
        }


class SiteSearchForm(forms.Form):
    q = SingleLineCharField(label="Search the site", max_length=100, required=False)
