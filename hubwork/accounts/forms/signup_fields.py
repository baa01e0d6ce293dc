from django import forms
from django.http import HttpRequest

from hubwork.accounts.models import User
from hubwork.accounts.services.users import NAME_SINGLE_LINE_MESSAGE
from hubwork.core.forms import SingleLineCharField


class SignupForm(forms.Form):
    """Extra sign-up fields, added to allauth's form (email and password)."""

    display_name = SingleLineCharField(
        label="Your name",
        max_length=150,
        error_messages={"single_line": NAME_SINGLE_LINE_MESSAGE},
        help_text="As other teachers and leads will see it, for example Sam Patel.",
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    field_order = ["display_name", "email", "password1", "password2"]

    def signup(self, request: HttpRequest, user: User) -> None:
        """Nothing left to do: allauth wants this method, and the account was saved with its
        name already (`AccountAdapter.save_user`)."""
