from collections.abc import Sequence
from typing import Any, cast

from django import forms
from django.core.exceptions import ValidationError
from django.forms import BoundField
from django.utils import timezone

from hubwork.core.forms import SingleLineCharField
from hubwork.practice.forms.fields import (
    NO_PUPILS,
    WorkGroupChoiceField,
    evidence_field,
)
from hubwork.practice.models import ClassroomTrial, GapTask
from hubwork.practice.services import trials as trials_services
from hubwork.workgroups.forms.sessions import DATE
from hubwork.workgroups.models import WorkGroup

OWN_IDEA = "own"
MEASURE_FIELDS = ("measure", "pupils_measured", "succeeded_before", "succeeded_after")
# A class, or a year group measured together: more is a typing slip.
MAX_PUPILS = 999


def count_field(label: str, help_text: str, *, minimum: int) -> forms.IntegerField:
    """An optional whole number of pupils, as GOV.UK asks for numbers."""
    return forms.IntegerField(
        label=label,
        help_text=help_text,
        required=False,
        min_value=minimum,
        max_value=MAX_PUPILS,
        widget=forms.NumberInput(attrs={"class": "govuk-input--width-3", "inputmode": "numeric"}),
        error_messages={
            "invalid": "Enter a whole number of pupils, like 24",
            "min_value": f"Enter a number that is {minimum} or more",
            "max_value": f"Enter a number that is {MAX_PUPILS} or fewer",
        },
    )


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
    # A class-level measure (optional): numbers about the class, never pupils.
    measure = SingleLineCharField(
        label="What you measured",
        max_length=200,
        required=False,
        help_text=(
            "For example, “answered the diagnostic question on equivalent fractions "
            "correctly”. " + NO_PUPILS
        ),
    )
    pupils_measured = count_field(
        "Pupils in the class who took part",
        "How many pupils answered both times, as a number.",
        minimum=1,
    )
    succeeded_before = count_field(
        "How many succeeded before you tried it",
        "A number of pupils, not their names.",
        minimum=0,
    )
    succeeded_after = count_field(
        "How many succeeded afterwards",
        "A number of pupils, not their names.",
        minimum=0,
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
        self._clean_measure(cleaned_data)
        return cleaned_data

    def _clean_measure(self, cleaned_data: dict[str, Any]) -> None:
        """All or nothing, and counts no more than the pupils: each problem by its field
        (a box already showing an error, such as a word typed for a number, keeps that one)."""
        problems = trials_services.class_measure_errors(
            measure=cleaned_data.get("measure") or "",
            pupils_measured=cleaned_data.get("pupils_measured"),
            succeeded_before=cleaned_data.get("succeeded_before"),
            succeeded_after=cleaned_data.get("succeeded_after"),
        )
        for name, message in problems.items():
            if not self.has_error(name):
                self.add_error(name, message)

    @property
    def trial_fields(self) -> list[BoundField]:
        """The trial's own boxes, before the class-level measure."""
        return [
            field
            for field in self.visible_fields()
            if field.name not in MEASURE_FIELDS and field.name != "evidence"
        ]

    @property
    def measure_fields(self) -> list[BoundField]:
        return [self[name] for name in MEASURE_FIELDS]

    @property
    def evidence_fields(self) -> list[BoundField]:
        return [self["evidence"]] if "evidence" in self.fields else []

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
            "measure": trial.measure,
            "pupils_measured": trial.pupils_measured,
            "succeeded_before": trial.succeeded_before,
            "succeeded_after": trial.succeeded_after,
        }


class EvidenceForm(forms.Form):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["evidence"] = evidence_field(required=True)
        self.fields["evidence"].label = "Add evidence"
