"""allauth's own forms with Hubwork's wording. Kept apart from signup_fields.py, which allauth
imports while building these (ACCOUNT_SIGNUP_FORM_CLASS)."""

from typing import Any

from allauth.account import forms as allauth_forms


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
