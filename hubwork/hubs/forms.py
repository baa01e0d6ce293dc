from decimal import Decimal
from typing import Any

from django import forms
from django.utils import timezone

from hubwork.accounts.models import User
from hubwork.accounts.selectors import user_with_email
from hubwork.core.choices import Phase
from hubwork.hubs.models import HubRole


class HubRoleGrantForm(forms.Form):
    email = forms.EmailField(
        label="Email address",
        help_text="The address they sign in to Hubwork with. They need an account first.",
        widget=forms.EmailInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )
    role = forms.ChoiceField(label="Role", choices=HubRole.Kind.choices, widget=forms.RadioSelect)
    phase = forms.ChoiceField(
        label="Phase (assistant hub leads only)",
        choices=[("", "Not applicable"), *Phase.choices],
        required=False,
    )
    starts_on = forms.DateField(
        label="Starts on",
        help_text="For example, 1 September 2026. Leave as today to start now.",
        initial=timezone.localdate,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )

    def clean_email(self) -> User:
        email = self.cleaned_data["email"]
        user = user_with_email(email)
        if user is None:
            raise forms.ValidationError(
                "No one has a Hubwork account with that email address. "
                "Ask them to create one, then add them here."
            )
        return user


class HubRoleEndForm(forms.Form):
    ends_on = forms.DateField(
        label="Last day in the role",
        initial=timezone.localdate,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )

    def __init__(self, *args: Any, hub_role: HubRole, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.hub_role = hub_role

    def clean_ends_on(self) -> Any:
        ends_on = self.cleaned_data["ends_on"]
        if ends_on < self.hub_role.starts_on:
            raise forms.ValidationError(
                f"The role started on {self.hub_role.starts_on:%-d %B %Y}: "
                "it cannot end before then."
            )
        return ends_on


class HubRoleDaysForm(forms.Form):
    days_per_week = forms.DecimalField(
        label="Days a week agreed",
        help_text="The days a week they work for this hub, such as 0.5 or 1. "
        "Leave empty if nothing is agreed.",
        required=False,
        min_value=Decimal(0),
        max_value=Decimal(5),
        max_digits=2,
        decimal_places=1,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "spellcheck": "false"}),
    )
