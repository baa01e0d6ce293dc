"""Forms for newsletter subscriptions: the sign-up form and the choice of newsletters."""

from django import forms

from hubwork.content.models import Newsletter
from hubwork.core.forms import HoneypotForm


class NewsletterChoiceForm(forms.Form):
    """Which newsletters: the preferences page and a person's account (none = unsubscribe)."""

    newsletters = forms.MultipleChoiceField(
        label="Newsletters you get",
        choices=Newsletter.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )


class SubscribeForm(HoneypotForm):
    """Only an email address, and which newsletters.

    `website` is a honeypot: hidden from people (and from screen readers), filled in by bots.
    """

    email = forms.EmailField(
        label="Email address",
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
        error_messages={
            "required": "Enter your email address",
            "invalid": "Enter an email address in the correct format, like name@example.org",
        },
    )
    newsletters = forms.MultipleChoiceField(
        label="Which newsletters would you like?",
        choices=Newsletter.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Select at least one newsletter"},
    )
