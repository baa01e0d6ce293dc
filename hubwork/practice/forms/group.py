"""Forms for the group space: a discussion post, and showing or hiding your email address."""

from django import forms

from hubwork.practice.services.group import MAX_POST_LENGTH


class PostForm(forms.Form):
    body = forms.CharField(
        label="Your message",
        max_length=MAX_POST_LENGTH,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="Everyone in the Work Group, its leads and the hub team can read it. "
        "Do not name pupils.",
        error_messages={
            "required": "Enter your message.",
            "max_length": f"Your message must be {MAX_POST_LENGTH:,} characters or fewer.",
        },
    )


class ContactSharingForm(forms.Form):
    share = forms.TypedChoiceField(
        choices=[("yes", "Show my email address"), ("no", "Stop showing my email address")],
        coerce=lambda value: value == "yes",
        error_messages={"required": "Choose whether to show your email address."},
    )
