"""The national admin's form for giving and taking away content roles."""

from django import forms

from hubwork.accounts.models import CONTENT_ROLES_ORDERED, User

NO_ROLE = "none"


class ContentRoleForm(forms.Form):
    email = forms.EmailField(
        label="Email address",
        help_text="The address they sign in to Hubwork with.",
        widget=forms.EmailInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )
    role = forms.ChoiceField(
        label="Content role",
        choices=[
            *((role.value, role.label) for role in CONTENT_ROLES_ORDERED),
            (NO_ROLE, "No content role"),
        ],
        error_messages={"required": "Choose a content role, or no content role."},
        widget=forms.RadioSelect,
        help_text="Content editors write and submit pages; content reviewers also approve "
        "and publish them.",
    )

    def clean_email(self) -> User:
        email = self.cleaned_data["email"]
        user = User.objects.filter(email__iexact=email, is_active=True).first()
        if user is None:
            raise forms.ValidationError(
                "No one has a Hubwork account with this email address. Ask them to create "
                "one, then come back."
            )
        return user

    def clean_role(self) -> str:
        role: str = self.cleaned_data["role"]
        return "" if role == NO_ROLE else role
