"""allauth's own forms with Hubwork's wording. Kept apart from signup_fields.py, which allauth
imports while building these (ACCOUNT_SIGNUP_FORM_CLASS)."""

from typing import Any

from allauth.account import forms as allauth_forms
from allauth.mfa.webauthn import forms as webauthn_forms

from hubwork.core.validators import validate_single_line


class LoginForm(allauth_forms.LoginForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["login"].label = "Email address"
        if "remember" in self.fields:
            self.fields["remember"].label = "Keep me signed in on this device"


class AccountSignupForm(allauth_forms.SignupForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["email"].label = "Email address"
        self.fields["email"].help_text = "Your school email address, if you have one."
        if "password2" in self.fields:
            self.fields["password2"].label = "Confirm your password"


class ChangeEmailForm(allauth_forms.AddEmailForm):
    """The address to change to: it replaces the current one only once confirmed."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["email"].label = "New email address"
        self.fields[
            "email"
        ].help_text = (
            "We will email a code to this address. Your email address changes once you enter it."
        )


class AddPasskeyForm(webauthn_forms.AddWebAuthnForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["name"].label = "A name for this passkey"
        self.fields["name"].validators.append(validate_single_line)
        self.fields["name"].help_text = "So that you can tell it apart, like “Work laptop”."
        if "passwordless" in self.fields:
            self.fields["passwordless"].label = "Also use it to sign in without a password"
            self.fields[
                "passwordless"
            ].help_text = "Your device will ask for your fingerprint, face or PIN each time."
