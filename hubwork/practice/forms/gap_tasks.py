"""The form leads use to set and change a gap task."""

from datetime import date
from typing import Any

from django import forms

from hubwork.core.forms import SingleLineCharField
from hubwork.practice.models import GapTask

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class GapTaskForm(forms.Form):
    """What to try, with which classes, by when. Whether the date fits the session is checked
    by the service, and its error is shown by the field."""

    title = SingleLineCharField(
        label="What to try",
        max_length=200,
        help_text="For example, “Use stem sentences when pupils explain their reasoning”.",
        error_messages={"required": "Enter what participants should try."},
    )
    description = forms.CharField(
        label="Details (optional)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Anything that helps: what to look out for, what to bring back next time.",
    )
    classes = SingleLineCharField(
        label="With which classes or year groups (optional)",
        required=False,
        max_length=200,
        help_text="For example, “any Key Stage 2 class” or “Year 7”.",
    )
    due_on = forms.DateField(
        label="By when",
        widget=DATE,
        help_text="Normally before the next session.",
        error_messages={
            "required": "Enter the date it is due.",
            "invalid": "Enter a real date, for example 6 October 2026.",
        },
    )

    def __init__(self, *args: Any, next_session_on: date | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if next_session_on:
            due_on = self.fields["due_on"]
            due_on.help_text = f"Normally before the next session, on {next_session_on:%-d %B %Y}."
            due_on.initial = next_session_on

    @classmethod
    def initial_for(cls, gap_task: GapTask) -> dict[str, Any]:
        return {name: getattr(gap_task, name) for name in cls.base_fields}
