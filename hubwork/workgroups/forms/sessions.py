from typing import Any

from django import forms

from hubwork.core.forms import SingleLineCharField
from hubwork.programmes.models import Mode
from hubwork.workgroups.models import Session

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


TIME = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")


class SessionForm(forms.Form):
    date = forms.DateField(widget=DATE, help_text="For example, 6 October 2026.")
    starts_at = forms.TimeField(label="Starts at", widget=TIME)
    ends_at = forms.TimeField(label="Ends at", widget=TIME)
    mode = forms.ChoiceField(choices=Mode.choices, widget=forms.RadioSelect)
    venue = SingleLineCharField(
        required=False, max_length=300, help_text="Face-to-face and blended."
    )
    joining_link = forms.URLField(
        required=False,
        max_length=500,
        assume_scheme="https",
        help_text="Online and blended. Only people in the Work Group see it.",
    )

    @classmethod
    def initial_for(cls, session: Session) -> dict[str, Any]:
        return {name: getattr(session, name) for name in cls.base_fields if hasattr(session, name)}


class SessionRearrangeForm(SessionForm):
    status = forms.ChoiceField(
        label="Is the session going ahead?",
        choices=[
            (Session.Status.SCHEDULED, "Yes, as set out above"),
            (Session.Status.CANCELLED, "No, it is cancelled"),
        ],
        widget=forms.RadioSelect,
    )
    reason = SingleLineCharField(
        required=False,
        max_length=300,
        label="Why is it changing? (optional)",
        help_text="Everyone taking part gets an email with the new arrangement and this reason.",
    )
