"""The register-interest form: a programme, a phase (or any), a Maths Hub and an address."""

from typing import Any

from django import forms

from hubwork.core.choices import Phase
from hubwork.core.forms import HoneypotForm, ModelChoiceField
from hubwork.hubs.models import Hub
from hubwork.programmes.models import Programme


class InterestForm(HoneypotForm):
    programme = ModelChoiceField(
        queryset=Programme.objects.order_by("name"),
        to_field_name="slug",
        label="Programme",
        empty_label="Choose a programme",
        error_messages={
            "required": "Choose a programme",
            "invalid_choice": "Choose a programme from the list",
        },
    )
    phase = forms.ChoiceField(
        label="Phase you teach (optional)",
        required=False,
        choices=[("", "Any phase"), *Phase.choices],
        error_messages={"invalid_choice": "Choose a phase from the list"},
    )
    hub = ModelChoiceField(
        queryset=Hub.objects.order_by("name"),
        to_field_name="slug",
        label="Maths Hub",
        empty_label="Choose a Maths Hub",
        help_text="Work Groups are run by the Maths Hubs. Any school may join any hub's.",
        error_messages={
            "required": "Choose a Maths Hub",
            "invalid_choice": "Choose a Maths Hub from the list",
        },
    )
    email = forms.EmailField(
        label="Email address",
        max_length=254,
        help_text="We send one email to confirm it, and one when a Work Group opens. Nothing else.",
        error_messages={
            "required": "Enter your email address",
            "invalid": "Enter an email address in the correct format, like name@example.com",
        },
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
    )

    def __init__(self, *args: Any, signed_in_email: str = "", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Signed in, we use the address of their account: no box to fill in.
        self.signed_in_email = signed_in_email
        if signed_in_email:
            del self.fields["email"]
        # Programmes and hubs read once, not once for validating and again for showing.
        for name in ("programme", "hub"):
            field = self.fields[name]
            field.queryset = field.queryset.all()  # type: ignore[attr-defined]
            field.choices = list(field.choices)  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        programme, phase = cleaned.get("programme"), cleaned.get("phase")
        if programme is not None and phase:
            phases = set(programme.phases.values_list("phase", flat=True))
            if phases and phase not in phases:
                labels = ", ".join(
                    Phase(value).label.lower() for value in Phase.values if value in phases
                )
                self.add_error(
                    "phase", f"{programme.name} is for {labels}: choose one of those, or any phase"
                )
        return cleaned

    @property
    def address(self) -> str:
        return self.signed_in_email or self.cleaned_data["email"]
