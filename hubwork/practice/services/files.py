"""Stored files shared by evidence and outputs: checking uploads and deleting after commit."""

from functools import partial

from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction

from hubwork.practice.uploads import CleanedUpload, clean_upload


def delete_file_after_commit(name: str) -> None:
    if name:
        transaction.on_commit(partial(default_storage.delete, name))


def checked_upload(upload: UploadedFile | CleanedUpload, *, allow_office: bool) -> CleanedUpload:
    if isinstance(upload, CleanedUpload):
        return upload
    try:
        return clean_upload(upload, allow_office=allow_office)
    except ValidationError as error:
        raise ValidationError({"file": error.messages}) from error
