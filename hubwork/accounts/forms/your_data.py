"""Forms of "Your data": confirming that you want your account deleted, and the national
team's erasure of an account on a written request."""

import secrets
from typing import Any

from django import forms

from hubwork.accounts.models import EmailCode, User
from hubwork.accounts.selectors import email_code_current
from hubwork.core.forms import SingleLineCharField


class DeleteAccountForm(forms.Form):
    """Confirms it is really the person: their password, or, for people who sign in with a
    code and have no password, a code we email them."""

    password = forms.CharField(
        label="Your password",
        required=False,
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    code = SingleLineCharField(
        label="Code",
        required=False,
        help_text="The code we emailed you, for example K3M7QX.",
        widget=forms.TextInput(
            attrs={
                "autocomplete": "one-time-code",
                "spellcheck": "false",
                "class": "govuk-input--width-10",
            }
        ),
    )

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        self.by_code = not user.has_usable_password()
        del self.fields["password" if self.by_code else "code"]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if self.by_code:
            entered = "".join((data.get("code") or "").split()).upper()
            current = email_code_current(
                email=self.user.email, purpose=EmailCode.Purpose.DELETE_ACCOUNT
            )
            if not entered:
                self.add_error("code", "Enter the code we emailed you")
            elif current is None or not secrets.compare_digest(current.code, entered):
                self.add_error("code", "The code is not right, or has run out: ask for a new one")
        elif not data.get("password"):
            self.add_error("password", "Enter your password")
        elif not self.user.check_password(data["password"]):
            self.add_error("password", "The password is not right")
        return data


class FindAccountForm(forms.Form):
    email = forms.EmailField(
        label="Email address of the person",
        widget=forms.EmailInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )


class EraseAccountForm(forms.Form):
    """The national team carries out a request made in writing: they say why, and type the
    person's address to confirm."""

    note = forms.CharField(
        label="Why",
        max_length=300,
        help_text="For example: asked by email on 3 March to the national team.",
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    confirm_email = SingleLineCharField(
        label="Type the person's email address to confirm",
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )

    def __init__(self, *args: Any, person: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.person = person

    def clean_confirm_email(self) -> str:
        typed = self.cleaned_data["confirm_email"].strip().lower()
        if typed != self.person.email.lower():
            raise forms.ValidationError("Type the person's email address exactly as shown")
        return typed
