"""Evidence files on a classroom trial: checked, stripped of metadata, stored privately."""

from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction

from hubwork.accounts.models import User
from hubwork.core.audit import audit
from hubwork.core.storage import delete_file_after_commit
from hubwork.practice.models import ClassroomTrial, Evidence
from hubwork.practice.services.files import checked_upload
from hubwork.practice.uploads import CleanedUpload, make_preview

MAX_EVIDENCE_PER_TRIAL = 20


def evidence_add(
    *, trial: ClassroomTrial, upload: UploadedFile | CleanedUpload, by: User
) -> Evidence:
    """Check and clean a file (image metadata stripped) and keep it as the trial's evidence."""
    cleaned = checked_upload(upload, allow_office=False)
    with transaction.atomic():
        if trial.evidence.count() >= MAX_EVIDENCE_PER_TRIAL:
            raise ValidationError(
                {"file": f"A trial can have at most {MAX_EVIDENCE_PER_TRIAL} evidence files."}
            )
        return evidence_store(trial, cleaned, by=by)


def evidence_store(trial: ClassroomTrial, cleaned: CleanedUpload, *, by: User) -> Evidence:
    """Store a checked file on a trial whose evidence limit the caller has checked, with its
    preview (an image's small copy, a PDF's number of pages)."""
    preview = make_preview(cleaned)
    evidence = Evidence(
        trial=trial,
        original_name=cleaned.original_name,
        content_type=cleaned.content_type,
        size=cleaned.size,
        preview_width=preview.width,
        preview_height=preview.height,
        page_count=preview.page_count,
    )
    evidence.file.save(cleaned.original_name, cleaned.file, save=False)
    try:
        if preview.image is not None:
            evidence.preview.save(preview.image.name or "preview.jpg", preview.image, save=False)
        evidence.save()
    except Exception:
        for name in (evidence.file.name, evidence.preview.name):
            if name:
                default_storage.delete(name)
        raise
    # The original name may name a pupil, so the log keeps the type and size only.
    audit(
        by,
        "evidence.added",
        trial,
        hub=trial.work_group.hub_id,
        evidence=evidence.pk,
        content_type=evidence.content_type,
        size=evidence.size,
    )
    return evidence


def evidence_remove(*, evidence: Evidence, by: User) -> None:
    """Remove an evidence file; the stored file goes once the removal has committed."""
    trial = evidence.trial
    with transaction.atomic():
        names = [evidence.file.name, evidence.preview.name]
        audit(by, "evidence.removed", trial, hub=trial.work_group.hub_id, evidence=evidence.pk)
        evidence.delete()
        for name in names:
            delete_file_after_commit(name or "")
