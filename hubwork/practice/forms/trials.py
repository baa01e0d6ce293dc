from collections.abc import Sequence
from typing import Any, cast

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone

from hubwork.core.forms import SingleLineCharField
from hubwork.practice.forms.fields import (
    NO_PUPILS,
    WorkGroupChoiceField,
    evidence_field,
)
from hubwork.practice.models import ClassroomTrial, GapTask
from hubwork.workgroups.forms.sessions import DATE
from hubwork.workgroups.models import WorkGroup

OWN_IDEA = "own"


class TrialForm(forms.Form):
    work_group = WorkGroupChoiceField(
        label="Work Group", queryset=WorkGroup.objects.none(), empty_label="Choose"
    )
    gap_task = forms.ChoiceField(
        label="What did you try?",
        help_text="A gap task your leads set, or your own idea.",
    )
    own_idea = SingleLineCharField(
        label="Your own idea (if it was not a gap task)",
        max_length=200,
        required=False,
    )
    class_or_year_group = SingleLineCharField(
        label="Class or year group",
        max_length=100,
        help_text="For example, “Year 4” or “Year 10 set 3”. " + NO_PUPILS,
    )
    tried_on = forms.DateField(label="Date", widget=DATE, help_text="When you tried it.")
    what_tried = forms.CharField(
        label="What you tried",
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=NO_PUPILS,
    )
    what_happened = forms.CharField(
        label="What happened",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=NO_PUPILS,
    )
    pupil_response = forms.CharField(
        label="How pupils responded",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Describe the class or groups of pupils. " + NO_PUPILS,
    )
    impact_rating = forms.TypedChoiceField(
        label="Your rating of its impact (optional)",
        choices=[(value, f"{value} – {label}") for value, label in ClassroomTrial.Rating.choices],
        coerce=int,
        empty_value=None,
        required=False,
        widget=forms.RadioSelect,
    )
    next_steps = forms.CharField(
        label="What you will do next",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(
        self,
        *args: Any,
        work_groups: Sequence[WorkGroup],
        gap_tasks: Sequence[GapTask],
        with_evidence: bool = True,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        cast(WorkGroupChoiceField, self.fields["work_group"]).limit_to(work_groups)
        self.gap_tasks = {task.pk: task for task in gap_tasks}
        titles = {work_group.pk: work_group.title for work_group in work_groups}
        by_group: dict[int, list[tuple[str, str]]] = {}
        for task in gap_tasks:
            by_group.setdefault(task.session.work_group_id, []).append(
                (str(task.pk), f"{task.title} (by {task.due_on:%-d %B %Y})")
            )
        choices: list[Any] = [("", "Choose")]
        if len(by_group) == 1:
            choices += next(iter(by_group.values()))
        else:
            choices += [
                (titles.get(group_pk, "Work Group"), group_choices)
                for group_pk, group_choices in by_group.items()
            ]
        choices.append((OWN_IDEA, "My own idea"))
        gap_task_field = cast(forms.ChoiceField, self.fields["gap_task"])
        gap_task_field.choices = choices
        if with_evidence:
            self.fields["evidence"] = evidence_field(required=False)

    def clean_tried_on(self) -> Any:
        tried_on = self.cleaned_data["tried_on"]
        if tried_on > timezone.localdate():
            raise ValidationError("The date must be today or in the past.")
        return tried_on

    def clean(self) -> dict[str, Any]:
        cleaned_data = super().clean() or {}
        choice = cleaned_data.get("gap_task")
        work_group = cleaned_data.get("work_group")
        if choice == OWN_IDEA:
            cleaned_data["gap_task"] = None
            if not self.has_error("own_idea") and not cleaned_data.get("own_idea", "").strip():
                self.add_error("own_idea", "Say what your own idea was, or choose a gap task.")
        elif choice:
            task = self.gap_tasks.get(int(choice))
            if task is None:
                self.add_error("gap_task", "Choose a gap task from the list.")
            elif work_group is not None and task.session.work_group_id != work_group.pk:
                self.add_error("gap_task", f"Choose a gap task set in {work_group.title}.")
            else:
                cleaned_data["gap_task"] = task
                cleaned_data["own_idea"] = ""
        return cleaned_data

    def service_fields(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in self.fields if name != "evidence"}

    @classmethod
    def initial_for(cls, trial: ClassroomTrial) -> dict[str, Any]:
        return {
            "work_group": trial.work_group_id,
            "gap_task": str(trial.gap_task_id) if trial.gap_task_id else OWN_IDEA,
            "own_idea": trial.own_idea,
            "class_or_year_group": trial.class_or_year_group,
            "tried_on": trial.tried_on,
            "what_tried": trial.what_tried,
            "what_happened": trial.what_happened,
            "pupil_response": trial.pupil_response,
            "impact_rating": trial.impact_rating,
            "next_steps": trial.next_steps,
        }


class EvidenceForm(forms.Form):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["evidence"] = evidence_field(required=True)
        self.fields["evidence"].label = "Add evidence"
