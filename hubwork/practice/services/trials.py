"""Classroom trials: logging, changing, sharing with the group and deleting them."""

from collections.abc import Sequence
from datetime import date

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone

from hubwork.accounts.models import User
from hubwork.core.audit import audit
from hubwork.core.storage import delete_file_after_commit
from hubwork.practice.models import ClassroomTrial, GapTask
from hubwork.practice.services import evidence as evidence_services
from hubwork.practice.services.files import checked_upload
from hubwork.practice.uploads import CleanedUpload
from hubwork.workgroups.models import WorkGroup
from hubwork.workgroups.permissions import is_member


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
    cleaned = [checked_upload(upload, allow_office=False) for upload in evidence]
    if len(cleaned) > evidence_services.MAX_EVIDENCE_PER_TRIAL:
        raise ValidationError(
            {"evidence": f"Add at most {evidence_services.MAX_EVIDENCE_PER_TRIAL} files."}
        )
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
            evidence_services.evidence_store(trial, upload, by=author)
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
    """Delete a trial and its evidence files (with their previews)."""
    with transaction.atomic():
        names = list(trial.evidence.values_list("file", flat=True))
        previews = [name for name in trial.evidence.values_list("preview", flat=True) if name]
        audit(
            by,
            "trial.deleted",
            trial,
            hub=trial.work_group.hub_id,
            work_group=trial.work_group_id,
            evidence_files=len(names),
        )
        trial.delete()
        for name in names + previews:
            delete_file_after_commit(name)
