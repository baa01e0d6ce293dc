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
    measure: tuple[str, int | None, int | None, int | None] = ("", None, None, None),
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
    what, pupils, before, after = measure
    errors.update(
        class_measure_errors(
            measure=what, pupils_measured=pupils, succeeded_before=before, succeeded_after=after
        )
    )
    if errors:
        raise ValidationError(errors)


def class_measure_errors(
    *,
    measure: str,
    pupils_measured: int | None,
    succeeded_before: int | None,
    succeeded_after: int | None,
) -> dict[str, str]:
    """What is wrong with a trial's class-level measure, by field: it is optional, but what
    was measured and all three numbers go together, and the counts are of the pupils who
    took part (numbers about the class, never pupils)."""
    numbers = {
        "pupils_measured": pupils_measured,
        "succeeded_before": succeeded_before,
        "succeeded_after": succeeded_after,
    }
    if not measure.strip() and all(value is None for value in numbers.values()):
        return {}
    missing = {
        "measure": "Say what you measured, or leave the class-level measure empty",
        "pupils_measured": (
            "Enter how many pupils in the class took part, or leave the class-level measure empty"
        ),
        "succeeded_before": (
            "Enter how many pupils succeeded before, or leave the class-level measure empty"
        ),
        "succeeded_after": (
            "Enter how many pupils succeeded after, or leave the class-level measure empty"
        ),
    }
    errors: dict[str, str] = {}
    if not measure.strip():
        errors["measure"] = missing["measure"]
    for name, value in numbers.items():
        if value is None:
            errors[name] = missing[name]
        elif value < 0:
            errors[name] = "Enter a number that is 0 or more"
    if pupils_measured is not None and pupils_measured < 1:
        errors["pupils_measured"] = "The number of pupils who took part must be 1 or more"
    elif pupils_measured is not None:
        for name, when in (("succeeded_before", "before"), ("succeeded_after", "after")):
            value = numbers[name]
            if value is not None and value > pupils_measured:
                errors[name] = (
                    f"How many succeeded {when} must be no more than the {pupils_measured} "
                    "pupils who took part"
                )
    return errors


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
    measure: str = "",
    pupils_measured: int | None = None,
    succeeded_before: int | None = None,
    succeeded_after: int | None = None,
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
        measure=(measure, pupils_measured, succeeded_before, succeeded_after),
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
            measure=measure.strip(),
            pupils_measured=pupils_measured,
            succeeded_before=succeeded_before,
            succeeded_after=succeeded_after,
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
    measure: str = "",
    pupils_measured: int | None = None,
    succeeded_before: int | None = None,
    succeeded_after: int | None = None,
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
        measure=(measure, pupils_measured, succeeded_before, succeeded_after),
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
        trial.measure = measure.strip()
        trial.pupils_measured = pupils_measured
        trial.succeeded_before = succeeded_before
        trial.succeeded_after = succeeded_after
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
