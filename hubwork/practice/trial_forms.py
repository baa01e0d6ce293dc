"""Forms for participants' classroom trials, evidence, reflections and outputs.

File fields run `practice.uploads` themselves, so a wrong or oversized file gets its message
by the field, and their cleaned value is the checked, cleaned file ready to store.
"""

from collections.abc import Sequence
from typing import Any, cast

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils import timezone

from hubwork.practice.models import ClassroomTrial, GapTask, Output, Reflection
from hubwork.practice.uploads import CleanedUpload, clean_upload, describe_size
from hubwork.workgroups.forms import DATE
from hubwork.workgroups.models import WorkGroup

OWN_IDEA = "own"
NO_PUPILS = "Do not name pupils or include anything that could identify them."
MAX_FILES_AT_ONCE = 10


class WorkGroupChoiceField(forms.ModelChoiceField[WorkGroup]):
    def label_from_instance(self, obj: WorkGroup) -> str:
        return f"{obj.title} ({obj.year.label})"

    def limit_to(self, work_groups: Sequence[WorkGroup]) -> None:
        """Offer only `work_groups`, newest year first."""
        self.queryset = WorkGroup.objects.filter(
            pk__in=[work_group.pk for work_group in work_groups]
        ).order_by("-academic_year", "title")


class MultipleFileInput(forms.FileInput):
    allow_multiple_selected = True


class CheckedFileField(forms.FileField):
    """One file, checked and cleaned by `practice.uploads`; cleans to a `CleanedUpload`."""

    def __init__(self, *args: Any, allow_office: bool = False, **kwargs: Any) -> None:
        self.allow_office = allow_office
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> CleanedUpload | None:
        upload = super().clean(data, initial)
        if not upload or not isinstance(upload, UploadedFile):
            return None
        return clean_upload(upload, allow_office=self.allow_office)


class CheckedFilesField(forms.FileField):
    """Several evidence files at once, each checked and cleaned."""

    widget = MultipleFileInput

    def clean(self, data: Any, initial: Any = None) -> list[CleanedUpload]:
        uploads: Sequence[Any] = data if isinstance(data, (list, tuple)) else [data]
        uploads = [upload for upload in uploads if upload]
        if not uploads:
            if self.required:
                raise ValidationError(self.error_messages["required"], code="required")
            return []
        if len(uploads) > MAX_FILES_AT_ONCE:
            raise ValidationError(f"Choose at most {MAX_FILES_AT_ONCE} files at once.")
        cleaned: list[CleanedUpload] = []
        errors: list[str] = []
        for upload in uploads:
            super().clean(upload, initial)
            try:
                cleaned.append(clean_upload(upload))
            except ValidationError as error:
                name = getattr(upload, "name", "") or "A file"
                errors.extend(f"{name}: {message}" for message in error.messages)
        if errors:
            raise ValidationError(errors)
        return cleaned


def evidence_help_text() -> str:
    return (
        "Photos of pupils' work or the board, or a PDF: no pupils' names or faces. "
        f"JPG, PNG, WebP or PDF, up to {describe_size(settings.UPLOAD_MAX_BYTES)} each. "
        "Location and camera details are removed from photos."
    )


def evidence_field(*, required: bool) -> CheckedFilesField:
    return CheckedFilesField(
        label="Evidence (optional)" if not required else "Evidence",
        required=required,
        help_text=evidence_help_text(),
        widget=MultipleFileInput(attrs={"multiple": True, "accept": ".jpg,.jpeg,.png,.webp,.pdf"}),
    )


class TrialForm(forms.Form):
    work_group = WorkGroupChoiceField(
        label="Work Group", queryset=WorkGroup.objects.none(), empty_label="Choose"
    )
    gap_task = forms.ChoiceField(
        label="What did you try?",
        help_text="A gap task your leads set, or your own idea.",
    )
    own_idea = forms.CharField(
        label="Your own idea (if it was not a gap task)",
        max_length=200,
        required=False,
    )
    class_or_year_group = forms.CharField(
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
            if not cleaned_data.get("own_idea", "").strip():
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


class ReflectionForm(forms.Form):
    idea = forms.CharField(
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


class OutputForm(forms.Form):
    work_group = WorkGroupChoiceField(
        label="Work Group", queryset=WorkGroup.objects.none(), empty_label="Choose"
    )
    kind = forms.ChoiceField(
        label="What is it?", choices=Output.Kind.choices, widget=forms.RadioSelect
    )
    title = forms.CharField(max_length=200)
    description = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="What it is, who it is for and how you use it. " + NO_PUPILS,
    )
    file = CheckedFileField(
        label="File (optional)",
        required=False,
        allow_office=True,
    )
    link = forms.URLField(
        label="Link (optional)",
        required=False,
        max_length=500,
        assume_scheme="https",
        help_text="For example, a shared document or a page on your school's website.",
    )
    visibility = forms.ChoiceField(
        label="Who can see it?", choices=Output.Visibility.choices, widget=forms.RadioSelect
    )

    def __init__(
        self,
        *args: Any,
        work_groups: Sequence[WorkGroup],
        current_file: str = "",
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        cast(WorkGroupChoiceField, self.fields["work_group"]).limit_to(work_groups)
        self.fields["file"].help_text = (
            "A JPG, PNG, WebP image, a PDF, or a Word, PowerPoint or Excel file (DOCX, PPTX, "
            f"XLSX), up to {describe_size(settings.UPLOAD_MAX_BYTES)}. No pupils' names or "
            "faces. Location and camera details are removed from photos."
        )
        if current_file:
            self.fields["file"].label = f"Replace the file “{current_file}” (optional)"
            self.fields["remove_file"] = forms.BooleanField(
                label=f"Remove the file “{current_file}”", required=False
            )
        self.initial.setdefault("visibility", Output.Visibility.GROUP)

    def service_fields(self) -> dict[str, Any]:
        fields = {name: self.cleaned_data[name] for name in self.fields}
        fields["upload"] = fields.pop("file")
        return fields

    @classmethod
    def initial_for(cls, output: Output) -> dict[str, Any]:
        return {
            "work_group": output.work_group_id,
            "kind": output.kind,
            "title": output.title,
            "description": output.description,
            "link": output.link,
            "visibility": output.visibility,
        }


class OutputFilterForm(forms.Form):
    kind = forms.ChoiceField(
        label="Show",
        required=False,
        choices=[("", "Every kind of output"), *Output.Kind.choices],
    )
