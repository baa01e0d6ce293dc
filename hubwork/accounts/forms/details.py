from django import forms

from hubwork.accounts.models import User
from hubwork.accounts.services.users import NAME_SINGLE_LINE_MESSAGE
from hubwork.core.forms import SingleLineCharField


class DetailsForm(forms.Form):
    """A person's own details. The rules (a name is needed, and how long it may be) are the
    service's, `user_details_update`, which the form's errors show."""

    display_name = SingleLineCharField(
        label="Your name",
        required=False,
        error_messages={"single_line": NAME_SINGLE_LINE_MESSAGE},
        help_text="As other teachers and leads will see it, for example Sam Patel.",
        widget=forms.TextInput(attrs={"autocomplete": "name", "spellcheck": "false"}),
    )

    @classmethod
    def initial_for(cls, user: User) -> dict[str, str]:
        return {"display_name": user.display_name}
