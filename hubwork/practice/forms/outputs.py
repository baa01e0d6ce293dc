from collections.abc import Sequence
from typing import Any, cast

from django import forms
from django.conf import settings

from hubwork.core.forms import SingleLineCharField
from hubwork.practice.forms.fields import (
    NO_PUPILS,
    CheckedFileField,
    WorkGroupChoiceField,
)
from hubwork.practice.models import Output
from hubwork.practice.uploads import describe_size
from hubwork.workgroups.models import WorkGroup


class OutputForm(forms.Form):
    work_group = WorkGroupChoiceField(
        label="Work Group", queryset=WorkGroup.objects.none(), empty_label="Choose"
    )
    kind = forms.ChoiceField(
        label="What is it?", choices=Output.Kind.choices, widget=forms.RadioSelect
    )
    title = SingleLineCharField(max_length=200)
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
