from django import forms

from hubwork.accounts.models import User


class DetailsForm(forms.Form):
    """A person's own details. The rules (a name is needed, and how long it may be) are the
    service's, `user_details_update`, which the form's errors show."""

    display_name = forms.CharField(
        label="Your name",
        required=False,
        help_text="As other teachers and leads will see it, for example Sam Patel.",
        widget=forms.TextInput(attrs={"autocomplete": "name", "spellcheck": "false"}),
    )

    @classmethod
    def initial_for(cls, user: User) -> dict[str, str]:
        return {"display_name": user.display_name}
