"""Every write to participants' classroom trials, evidence, reflections and outputs.

Files are checked and cleaned by `practice.uploads` before they are stored, and removed from
storage only once the database change that dropped them has committed. Audit events name
objects and types, never what a participant wrote about their class.
"""

from collections.abc import Sequence
from datetime import date
from functools import partial

from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone

from hubwork.accounts.models import User
from hubwork.core.audit import audit
from hubwork.practice.models import ClassroomTrial, Evidence, GapTask, Output, Reflection
from hubwork.practice.permissions import is_member
from hubwork.practice.uploads import CleanedUpload, clean_upload
from hubwork.workgroups.models import WorkGroup

MAX_EVIDENCE_PER_TRIAL = 20


def _delete_file_after_commit(name: str) -> None:
    if name:
        transaction.on_commit(partial(default_storage.delete, name))


def _cleaned(upload: UploadedFile | CleanedUpload, *, allow_office: bool) -> CleanedUpload:
    if isinstance(upload, CleanedUpload):
        return upload
    try:
        return clean_upload(upload, allow_office=allow_office)
    except ValidationError as error:
        raise ValidationError({"file": error.messages}) from error


def _validate_trial(
    *,
    author: User,
    work_group: WorkGroup,
    gap_task: GapTask | None,
    own_idea: str,
    tried_on: date,
    check_membership: bool = True,
) -> None:
    errors: dict[str, str] = {}
    if check_membership and not is_member(author, work_group):
        errors["work_group"] = "You can log trials only for a Work Group you take part in."
    if gap_task is not None and gap_task.session.work_group_id != work_group.pk:
        errors["gap_task"] = "Choose a gap task set in this Work Group."
    if gap_task is None and not own_idea.strip():
        errors["own_idea"] = "Say what your own idea was, or choose a gap task."
    if tried_on > timezone.localdate():
        errors["tried_on"] = "The date must be today or in the past."
    if errors:
        raise ValidationError(errors)


def trial_create(
    *,
    author: User,
    work_group: WorkGroup,
    gap_task: GapTask | None,
    own_idea: str = "",
    class_or_year_group: str,
    tried_on: date,
    what_tried: str,
    what_happened: str = "",
    pupil_response: str = "",
    impact_rating: int | None = None,
    next_steps: str = "",
    share: bool = False,
    evidence: Sequence[UploadedFile | CleanedUpload] = (),
) -> ClassroomTrial:
    """Log a trial, with any evidence files: a private draft unless `share` is set."""
    _validate_trial(
        author=author,
        work_group=work_group,
        gap_task=gap_task,
        own_idea=own_idea,
        tried_on=tried_on,
    )
    cleaned = [_cleaned(upload, allow_office=False) for upload in evidence]
    if len(cleaned) > MAX_EVIDENCE_PER_TRIAL:
        raise ValidationError({"evidence": f"Add at most {MAX_EVIDENCE_PER_TRIAL} files."})
    with transaction.atomic():
        trial = ClassroomTrial(
            author=author,
            work_group=work_group,
            gap_task=gap_task,
            own_idea="" if gap_task else own_idea.strip(),
            class_or_year_group=class_or_year_group,
            tried_on=tried_on,
            what_tried=what_tried,
            what_happened=what_happened,
            pupil_response=pupil_response,
            impact_rating=impact_rating,
            next_steps=next_steps,
            shared_at=timezone.now() if share else None,
        )
        trial.full_clean()
        trial.save()
        audit(
            author,
            "trial.created",
            trial,
            hub=work_group.hub_id,
            work_group=work_group.pk,
            gap_task=gap_task.pk if gap_task else None,
            shared=share,
        )
        for upload in cleaned:
            _store_evidence(trial, upload, by=author)
    return trial


def trial_update(
    *,
    trial: ClassroomTrial,
    by: User,
    work_group: WorkGroup,
    gap_task: GapTask | None,
    own_idea: str = "",
    class_or_year_group: str,
    tried_on: date,
    what_tried: str,
    what_happened: str = "",
    pupil_response: str = "",
    impact_rating: int | None = None,
    next_steps: str = "",
) -> ClassroomTrial:
    """Change a trial's details; whether it is shared does not change here."""
    if by.pk != trial.author_id:
        raise ValidationError("Only the person who logged a trial can change it.")
    _validate_trial(
        author=trial.author,
        work_group=work_group,
        gap_task=gap_task,
        own_idea=own_idea,
        tried_on=tried_on,
        # Someone who has since left may still correct a trial, but not move it elsewhere.
        check_membership=work_group.pk != trial.work_group_id,
    )
    with transaction.atomic():
        trial.work_group = work_group
        trial.gap_task = gap_task
        trial.own_idea = "" if gap_task else own_idea.strip()
        trial.class_or_year_group = class_or_year_group
        trial.tried_on = tried_on
        trial.what_tried = what_tried
        trial.what_happened = what_happened
        trial.pupil_response = pupil_response
        trial.impact_rating = impact_rating
        trial.next_steps = next_steps
        trial.full_clean()
        trial.save()
        audit(by, "trial.updated", trial, hub=work_group.hub_id, work_group=work_group.pk)
    return trial


def trial_share(*, trial: ClassroomTrial, by: User) -> ClassroomTrial:
    """Share a trial with its Work Group's members, leads and hub staff."""
    if trial.is_shared:
        return trial
    if not is_member(trial.author, trial.work_group):
        raise ValidationError("You can share trials only with a Work Group you take part in.")
    with transaction.atomic():
        trial.shared_at = timezone.now()
        trial.save(update_fields=["shared_at", "updated_at"])
        audit(by, "trial.shared", trial, hub=trial.work_group.hub_id)
    return trial


def trial_unshare(*, trial: ClassroomTrial, by: User) -> ClassroomTrial:
    """Make a shared trial a private draft again."""
    if not trial.is_shared:
        return trial
    with transaction.atomic():
        trial.shared_at = None
        trial.save(update_fields=["shared_at", "updated_at"])
        audit(by, "trial.unshared", trial, hub=trial.work_group.hub_id)
    return trial


def trial_delete(*, trial: ClassroomTrial, by: User) -> None:
    """Delete a trial and its evidence files."""
    with transaction.atomic():
        names = list(trial.evidence.values_list("file", flat=True))
        audit(
            by,
            "trial.deleted",
            trial,
            hub=trial.work_group.hub_id,
            work_group=trial.work_group_id,
            evidence_files=len(names),
        )
        trial.delete()
        for name in names:
            _delete_file_after_commit(name)


def evidence_add(
    *, trial: ClassroomTrial, upload: UploadedFile | CleanedUpload, by: User
) -> Evidence:
    """Check and clean a file (image metadata stripped) and keep it as the trial's evidence."""
    cleaned = _cleaned(upload, allow_office=False)
    with transaction.atomic():
        if trial.evidence.count() >= MAX_EVIDENCE_PER_TRIAL:
            raise ValidationError(
                {"file": f"A trial can have at most {MAX_EVIDENCE_PER_TRIAL} evidence files."}
            )
        return _store_evidence(trial, cleaned, by=by)


def _store_evidence(trial: ClassroomTrial, cleaned: CleanedUpload, *, by: User) -> Evidence:
    """Store a checked file on a trial whose evidence limit the caller has checked."""
    evidence = Evidence(
        trial=trial,
        original_name=cleaned.original_name,
        content_type=cleaned.content_type,
        size=cleaned.size,
    )
    evidence.file.save(cleaned.original_name, cleaned.file, save=False)
    try:
        evidence.save()
    except Exception:
        default_storage.delete(evidence.file.name)
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
        name = evidence.file.name
        audit(by, "evidence.removed", trial, hub=trial.work_group.hub_id, evidence=evidence.pk)
        evidence.delete()
        _delete_file_after_commit(name)


# Reflections: a private journal, so nothing about them goes into the audit log. -----------


def _validate_reflection_work_group(author: User, work_group: WorkGroup | None) -> None:
    if work_group is not None and not is_member(author, work_group):
        raise ValidationError({"work_group": "Choose a Work Group you take part in."})


def reflection_create(
    *, author: User, idea: str, body: str, work_group: WorkGroup | None = None
) -> Reflection:
    """Add an entry to a participant's private journal."""
    _validate_reflection_work_group(author, work_group)
    with transaction.atomic():
        reflection = Reflection(author=author, idea=idea, body=body, work_group=work_group)
        reflection.full_clean()
        reflection.save()
    return reflection


def reflection_update(
    *,
    reflection: Reflection,
    by: User,
    idea: str,
    body: str,
    work_group: WorkGroup | None = None,
) -> Reflection:
    if by.pk != reflection.author_id:
        raise ValidationError("Only the person who wrote a reflection can change it.")
    if work_group is not None and work_group.pk != reflection.work_group_id:
        _validate_reflection_work_group(by, work_group)
    with transaction.atomic():
        reflection.idea = idea
        reflection.body = body
        reflection.work_group = work_group
        reflection.full_clean()
        reflection.save()
    return reflection


def reflection_delete(*, reflection: Reflection, by: User) -> None:
    if by.pk != reflection.author_id:
        raise ValidationError("Only the person who wrote a reflection can delete it.")
    reflection.delete()


# Outputs ----------------------------------------------------------------------------------


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
    cleaned = _cleaned(upload, allow_office=True) if upload is not None else None
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
    cleaned = _cleaned(upload, allow_office=True) if upload is not None else None
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
            _delete_file_after_commit(old_file)
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
        _delete_file_after_commit(name)
