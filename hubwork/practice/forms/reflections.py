from collections.abc import Sequence
from typing import Any, cast

from django import forms

from hubwork.core.forms import SingleLineCharField
from hubwork.practice.forms.fields import (
    NO_PUPILS,
    WorkGroupChoiceField,
)
from hubwork.practice.models import Reflection
from hubwork.workgroups.models import WorkGroup


class ReflectionForm(forms.Form):
    idea = SingleLineCharField(
        label="The idea",
        max_length=200,
        help_text="For example, “Stem sentences” or “Using the bar model for ratio”.",
    )
    body = forms.CharField(
        label="How it could become part of your practice",
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="Only you can see your reflections. " + NO_PUPILS,
    )
    work_group = WorkGroupChoiceField(
        label="Work Group (optional)",
        queryset=WorkGroup.objects.none(),
        required=False,
        empty_label="Not linked to a Work Group",
    )

    def __init__(self, *args: Any, work_groups: Sequence[WorkGroup], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(WorkGroupChoiceField, self.fields["work_group"]).limit_to(work_groups)

    @classmethod
    def initial_for(cls, reflection: Reflection) -> dict[str, Any]:
        return {
            "idea": reflection.idea,
            "body": reflection.body,
            "work_group": reflection.work_group_id,
        }
