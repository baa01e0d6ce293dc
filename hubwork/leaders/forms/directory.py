"""An LLME's profile for the national directory, and the directory's filters."""

from typing import Any, cast

from django import forms

from hubwork.core.choices import Phase
from hubwork.core.forms import ModelChoiceField, ModelMultipleChoiceField
from hubwork.hubs.models import Accreditation
from hubwork.leaders.models import LlmeProfile
from hubwork.leaders.selectors.directory import DirectoryFilters, directory_programmes
from hubwork.programmes.models import Programme


class ProfileForm(forms.Form):
    listed_in_directory = forms.BooleanField(
        label="List me in the national directory of LLMEs",
        required=False,
        help_text=(
            "Hub staff across England and the national team could then see your name, email "
            "address, hubs, accreditations, phases and the programmes you can lead, to ask "
            "you to lead a Work Group."
        ),
    )
    phases = forms.MultipleChoiceField(
        label="Phases you work in",
        choices=Phase.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    programmes = ModelMultipleChoiceField(
        label="Programmes you can lead",
        queryset=Programme.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    about = forms.CharField(
        label="About you (optional)",
        required=False,
        max_length=2_000,
        help_text="Your experience of leading, in a few sentences.",
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = cast(ModelMultipleChoiceField, self.fields["programmes"])
        field.queryset = directory_programmes()

    @staticmethod
    def initial_for(profile: LlmeProfile) -> dict[str, Any]:
        if profile.pk is None:
            return {"listed_in_directory": False}
        return {
            "listed_in_directory": profile.listed_in_directory,
            "phases": profile.phases,
            "programmes": [programme.pk for programme in profile.programmes.all()],
            "about": profile.about,
        }


class DirectoryFilterForm(forms.Form):
    programme = ModelChoiceField(
        label="Programme they can lead",
        queryset=Programme.objects.none(),
        required=False,
        empty_label="Any programme",
    )
    phase = forms.ChoiceField(
        label="Phase", choices=[("", "Any phase"), *Phase.choices], required=False
    )
    accreditation = forms.ChoiceField(
        label="Accreditation",
        choices=[("", "Any accreditation"), *Accreditation.Kind.choices],
        required=False,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = cast(ModelChoiceField, self.fields["programme"])
        field.queryset = directory_programmes()

    def filters(self) -> DirectoryFilters:
        if not self.is_valid():
            return DirectoryFilters()
        return DirectoryFilters(
            programme=self.cleaned_data["programme"],
            phase=self.cleaned_data["phase"],
            accreditation=self.cleaned_data["accreditation"],
        )
