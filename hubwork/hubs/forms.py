from typing import Any

from django import forms
from django.utils import timezone

from hubwork.accounts.models import User
from hubwork.core.choices import Phase
from hubwork.hubs.models import Hub, HubRole
from hubwork.hubs.selectors import ENGAGED_THIS_YEAR, NOT_ENGAGED_THIS_YEAR
from hubwork.schools.models import School


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
        user = User.objects.filter(email__iexact=email.strip()).first()
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


ENGAGEMENT_FILTERS = [
    (ENGAGED_THIS_YEAR, "Engaged this year"),
    (NOT_ENGAGED_THIS_YEAR, "Not engaged this year"),
]


class HubSchoolFilterForm(forms.Form):
    phase = forms.ChoiceField(
        label="Phase", choices=[("", "All phases"), *School.Phase.choices], required=False
    )
    local_authority = forms.ChoiceField(label="Local authority", required=False)
    # Engagement rides on the status filter, as the one more way to narrow the list down.
    status = forms.ChoiceField(
        label="Status",
        choices=[
            ("", "Any status"),
            ("School status", School.Status.choices),
            ("Engagement", ENGAGEMENT_FILTERS),
        ],
        required=False,
    )

    def __init__(self, *args: Any, hub: Hub, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["local_authority"].choices = [  # type: ignore[attr-defined]
            ("", "All local authorities"),
            *((la.code, la.name) for la in hub.local_authorities.order_by("name")),
        ]
