"""Scheduling a newsletter issue to be sent (Wagtail's admin, content/views/sending_admin.py)."""

from datetime import datetime

from django import forms
from django.utils import timezone


class ScheduleForm(forms.Form):
    send_at = forms.DateTimeField(
        label="Send at",
        help_text="UK time. Sending starts within a minute of this time.",
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
    )

    def clean_send_at(self) -> datetime:
        send_at: datetime = self.cleaned_data["send_at"]
        if send_at <= timezone.now():
            raise forms.ValidationError("Choose a time in the future, or send it now instead.")
        return send_at
