"""A member's enquiry cycle: plan (what they asked), act (what they did, with which class),
observe, reflect (what they concluded), and the classroom trials of theirs it draws on."""

from typing import Any, cast

from django import forms
from django.db.models import QuerySet

from hubwork.core.forms import ModelMultipleChoiceField, SingleLineCharField
from hubwork.practice.models import ClassroomTrial
from hubwork.research.models import EnquiryCycle


class TrialsField(ModelMultipleChoiceField[ClassroomTrial]):
    """The person's own trials, each shown by its date, class and what was tried."""

    def label_from_instance(self, obj: ClassroomTrial) -> str:
        tried = obj.own_idea or obj.what_tried
        if len(tried) > 60:
            tried = tried[:59] + "…"
        return f"{obj.tried_on:%-d %B %Y}, {obj.class_or_year_group}: {tried}"


class CycleForm(forms.Form):
    asked = forms.CharField(
        label="Plan: what you asked",
        max_length=2000,
        help_text="The question this cycle explores, within the project's question.",
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    class_description = SingleLineCharField(
        label="Which class",
        max_length=100,
        help_text="For example “Year 8, set 3”. Do not write pupils' names.",
    )
    did = forms.CharField(
        label="Act: what you did",
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    observed = forms.CharField(
        label="Observe: what you observed",
        required=False,
        max_length=5000,
        help_text="About the class as a whole. No pupils' names.",
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    concluded = forms.CharField(
        label="Reflect: what you concluded",
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    trials = TrialsField(
        label="Your classroom trials it draws on (optional)",
        required=False,
        queryset=ClassroomTrial.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, trials: QuerySet[ClassroomTrial], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(TrialsField, self.fields["trials"]).queryset = trials
        if not trials.exists():
            del self.fields["trials"]

    @staticmethod
    def initial_for(cycle: EnquiryCycle) -> dict[str, Any]:
        return {
            "asked": cycle.asked,
            "class_description": cycle.class_description,
            "did": cycle.did,
            "observed": cycle.observed,
            "concluded": cycle.concluded,
            "trials": list(cycle.trials.all()),
        }
