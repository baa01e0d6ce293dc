"""Forms for continuing participants: leads choose last year's completers to invite, and a
completer accepts."""

from typing import Any

from django import forms

from hubwork.core.forms import ModelMultipleChoiceField
from hubwork.workgroups.models import Enrolment
from hubwork.workgroups.selectors.continuation import Completer
from hubwork.workgroups.services.places import LEADER_SUPPORT_REQUIRED


class CompleterChoiceField(ModelMultipleChoiceField[Enrolment]):
    def label_from_instance(self, obj: Enrolment) -> str:
        return f"{obj.user.display_name}, {obj.school.name}"


class ContinuationInviteForm(forms.Form):
    """Which of last year's completers not yet invited to ask to continue."""

    completers = CompleterChoiceField(
        queryset=Enrolment.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        label="Who to invite",
        help_text="Each person you choose gets an email with a link to accept or say no.",
        error_messages={"required": "Choose at least one person to invite."},
    )

    def __init__(self, *args: Any, completers: list[Completer], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        not_invited = [c.enrolment for c in completers if c.invitation is None]
        field = self.fields["completers"]
        if not isinstance(field, CompleterChoiceField):
            raise TypeError("completers must be a CompleterChoiceField")
        # The page has read them already: choices from that list, no second query.
        field.queryset = Enrolment.objects.filter(pk__in=[e.pk for e in not_invited])
        field.choices = [(e.pk, field.label_from_instance(e)) for e in not_invited]


class ContinuationAcceptForm(forms.Form):
    leader_supports = forms.BooleanField(
        label="My headteacher or another school leader supports me carrying on",
        error_messages={"required": LEADER_SUPPORT_REQUIRED},
    )
