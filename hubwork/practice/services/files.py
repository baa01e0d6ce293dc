"""Stored files shared by evidence and outputs: checking uploads."""

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile

from hubwork.practice.uploads import CleanedUpload, clean_upload


def checked_upload(upload: UploadedFile | CleanedUpload, *, allow_office: bool) -> CleanedUpload:
    if isinstance(upload, CleanedUpload):
        return upload
    try:
        return clean_upload(upload, allow_office=allow_office)
    except ValidationError as error:
        raise ValidationError({"file": error.messages}) from error
