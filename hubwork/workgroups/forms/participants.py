"""Forms for a Work Group's participants pages: moving someone, messaging the group."""

from django import forms

from hubwork.core.forms import SingleLineCharField
from hubwork.workgroups.models import Enrolment

Status = Enrolment.Status

# Completion is recorded with the register, which also records the school's engagement, so
# it is not offered here.
MOVE_CHOICES = [
    (Status.OFFERED, "Offered a place: they have a set time to accept it"),
    (Status.ENROLLED, "Enrolled: they hold a place"),
    (Status.WAITLISTED, "On the waiting list"),
    (Status.INTERESTED, "Interested: waiting for the leads to review"),
    (Status.WITHDRAWN, "Withdrawn"),
    (Status.DECLINED, "Declined"),
]


class EnrolmentMoveForm(forms.Form):
    status = forms.ChoiceField(
        label="Move them to",
        choices=MOVE_CHOICES,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose where to move them."},
    )
    reason = forms.CharField(
        label="Why?",
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="For the record: it is kept in the audit log, and they are not sent it.",
        error_messages={"required": "Say why, for the record."},
    )


class GroupMessageForm(forms.Form):
    # An email header cannot hold a line break; one would stop the email being sent.
    subject = SingleLineCharField(
        max_length=150,
        error_messages={
            "required": "Enter a subject.",
            "single_line": "Keep the subject to one line, without control characters.",
        },
    )
    message = forms.CharField(
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text="Plain text. Each person gets their own email, so nobody sees the others' "
        "addresses.",
        error_messages={"required": "Enter your message."},
    )
    include_waiting = forms.BooleanField(
        required=False,
        label="Also send it to people waiting for a place",
        help_text="The waiting list, and anyone who has registered interest.",
    )
