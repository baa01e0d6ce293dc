from collections.abc import Sequence
from typing import Any

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile

from hubwork.core.forms import ModelChoiceField
from hubwork.practice.uploads import CleanedUpload, clean_upload, describe_size
from hubwork.workgroups.models import WorkGroup

NO_PUPILS = "Do not name pupils or include anything that could identify them."


MAX_FILES_AT_ONCE = 10


class WorkGroupChoiceField(ModelChoiceField[WorkGroup]):
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
    years = settings.PRACTICE_EVIDENCE_RETENTION_YEARS
    return (
        "Photos of pupils' work or the board, or a PDF: no pupils' names or faces. "
        f"JPG, PNG, WebP or PDF, up to {describe_size(settings.UPLOAD_MAX_BYTES)} each. "
        "Location and camera details are removed from photos. "
        f"Evidence files are deleted {years} year{'s' if years != 1 else ''} after the Work "
        "Group's academic year ends."
    )


def evidence_field(*, required: bool) -> CheckedFilesField:
    return CheckedFilesField(
        label="Evidence (optional)" if not required else "Evidence",
        required=required,
        help_text=evidence_help_text(),
        widget=MultipleFileInput(attrs={"multiple": True, "accept": ".jpg,.jpeg,.png,.webp,.pdf"}),
    )
