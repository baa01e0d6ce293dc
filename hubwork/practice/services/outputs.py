"""Outputs: what a participant takes back to school, shared as far as they choose."""

from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction

from hubwork.accounts.models import User
from hubwork.core.audit import audit
from hubwork.core.storage import delete_file_after_commit
from hubwork.practice.models import Output
from hubwork.practice.services.files import checked_upload
from hubwork.practice.uploads import CleanedUpload
from hubwork.workgroups.models import WorkGroup
from hubwork.workgroups.permissions import is_member


def _validate_output(
    *, author: User, work_group: WorkGroup, check_membership: bool, has_content: bool
) -> None:
    errors: dict[str, str] = {}
    if check_membership and not is_member(author, work_group):
        errors["work_group"] = "You can add outputs only for a Work Group you take part in."
    if not has_content:
        errors["file"] = "Add a file, a link or a description, so others can see what it is."
    if errors:
        raise ValidationError(errors)


def _store_output_file(output: Output, cleaned: CleanedUpload) -> None:
    output.file.save(cleaned.original_name, cleaned.file, save=False)
    output.original_name = cleaned.original_name
    output.content_type = cleaned.content_type


def _save_output(output: Output, *, stored: str) -> None:
    try:
        output.full_clean()
        output.save()
    except Exception:
        if stored:
            default_storage.delete(stored)
        raise


def output_create(
    *,
    author: User,
    work_group: WorkGroup,
    kind: str,
    title: str,
    description: str = "",
    link: str = "",
    upload: UploadedFile | CleanedUpload | None = None,
    visibility: str = Output.Visibility.GROUP,
) -> Output:
    """Add something a participant takes back to school: a file, a link or both."""
    cleaned = checked_upload(upload, allow_office=True) if upload is not None else None
    _validate_output(
        author=author,
        work_group=work_group,
        check_membership=True,
        has_content=bool(cleaned or link or description.strip()),
    )
    with transaction.atomic():
        output = Output(
            author=author,
            work_group=work_group,
            kind=kind,
            title=title,
            description=description,
            link=link,
            visibility=visibility,
        )
        if cleaned is not None:
            _store_output_file(output, cleaned)
        _save_output(output, stored=output.file.name if cleaned else "")
        audit(
            author,
            "output.created",
            output,
            hub=work_group.hub_id,
            work_group=work_group.pk,
            visibility=visibility,
            content_type=output.content_type,
        )
    return output


def output_update(
    *,
    output: Output,
    by: User,
    work_group: WorkGroup,
    kind: str,
    title: str,
    description: str = "",
    link: str = "",
    upload: UploadedFile | CleanedUpload | None = None,
    remove_file: bool = False,
    visibility: str,
) -> Output:
    """Change an output; a new file replaces the old one, which is then deleted."""
    if by.pk != output.author_id:
        raise ValidationError("Only the person who added an output can change it.")
    cleaned = checked_upload(upload, allow_office=True) if upload is not None else None
    old_file = output.file.name or ""
    keeps_file = bool(old_file) and not remove_file
    _validate_output(
        author=by,
        work_group=work_group,
        check_membership=work_group.pk != output.work_group_id,
        has_content=bool(cleaned or keeps_file or link or description.strip()),
    )
    with transaction.atomic():
        changed_visibility = output.visibility != visibility
        output.work_group = work_group
        output.kind = kind
        output.title = title
        output.description = description
        output.link = link
        output.visibility = visibility
        if cleaned is not None:
            _store_output_file(output, cleaned)
        elif remove_file:
            output.file = ""
            output.original_name = ""
            output.content_type = ""
        _save_output(output, stored=output.file.name if cleaned else "")
        if old_file and (cleaned is not None or remove_file):
            delete_file_after_commit(old_file)
        audit(
            by,
            "output.updated",
            output,
            hub=work_group.hub_id,
            visibility=visibility,
            visibility_changed=changed_visibility,
            file_replaced=cleaned is not None,
            file_removed=remove_file and cleaned is None and bool(old_file),
        )
    return output


def output_delete(*, output: Output, by: User) -> None:
    """Delete an output and its file."""
    if by.pk != output.author_id:
        raise ValidationError("Only the person who added an output can delete it.")
    with transaction.atomic():
        name = output.file.name or ""
        audit(by, "output.deleted", output, hub=output.work_group.hub_id)
        output.delete()
        delete_file_after_commit(name)
