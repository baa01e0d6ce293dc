from decimal import Decimal

from django import forms

from hubwork.hubs.models import Accreditation

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class DaysPerWeekForm(forms.Form):
    """The days a week agreed with one hub, and when the LLME role starts there (a role
    granted by completing the PD Lead programme starts on a date the hub may correct)."""

    days_per_week = forms.DecimalField(
        label="Days a week agreed",
        required=False,
        min_value=Decimal(0),
        max_value=Decimal(5),
        max_digits=2,
        decimal_places=1,
        help_text="For example, 0.5 or 1. Leave empty if nothing is agreed yet.",
        widget=forms.NumberInput(attrs={"step": "0.5", "inputmode": "decimal"}),
    )
    starts_on = forms.DateField(
        label="LLME for the hub from", help_text="For example, 1 September 2026.", widget=DATE
    )


class AccreditationForm(forms.Form):
    kind = forms.ChoiceField(
        label="Accreditation", choices=Accreditation.Kind.choices, widget=forms.RadioSelect
    )
    year_achieved = forms.IntegerField(
        label="Year achieved",
        min_value=2000,
        max_value=2100,
        help_text="For example, 2025.",
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )
    renews_on = forms.DateField(
        label="Renewal date",
        required=False,
        help_text="When it is due for renewal. Leave empty if it does not need renewing.",
        widget=DATE,
    )
