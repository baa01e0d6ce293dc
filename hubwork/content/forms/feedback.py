"""The page feedback form: one question's yes or no, and after a "No" what was wrong."""

from django import forms

from hubwork.content.models import PageFeedback
from hubwork.content.services.feedback import COMMENT_MAX_LENGTH
from hubwork.core.forms import HoneypotForm

ANSWERS = [("yes", "Yes"), ("no", "No")]


class PageFeedbackForm(HoneypotForm):
    """`page` is the signed address of the page answered about (see content/feedback_pages.py);
    `website` is a honeypot: hidden from people (and from screen readers), filled in by bots."""

    page = forms.CharField(widget=forms.HiddenInput, max_length=1000)
    question = forms.ChoiceField(choices=PageFeedback.Question.choices, widget=forms.HiddenInput)
    answer = forms.ChoiceField(
        choices=ANSWERS,
        widget=forms.RadioSelect,
        error_messages={"required": "Select yes or no"},
    )
    comment = forms.CharField(
        label="What was wrong? (optional)",
        required=False,
        max_length=COMMENT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={
            "max_length": f"What was wrong must be {COMMENT_MAX_LENGTH} characters or fewer"
        },
    )
