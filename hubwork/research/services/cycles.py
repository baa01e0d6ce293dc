"""Writes to a member's own enquiry cycles in a research project."""

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction

from hubwork.accounts.models import User
from hubwork.core.audit import audit
from hubwork.practice.models import ClassroomTrial
from hubwork.research.models import EnquiryCycle, ProjectYear, ResearchProject


def _check_trials(
    project: ResearchProject, by: User, trials: Iterable[ClassroomTrial]
) -> list[ClassroomTrial]:
    """Only the author's own trials, in one of the project's Work Groups."""
    trials = list(trials)
    work_groups = set(project.years.values_list("work_group_id", flat=True))
    if any(trial.author_id != by.pk or trial.work_group_id not in work_groups for trial in trials):
        raise ValidationError(
            {"trials": "Choose only your own classroom trials in this project's Work Groups."}
        )
    return trials


def cycle_create(
    *,
    project: ResearchProject,
    year: ProjectYear,
    by: User,
    asked: str,
    class_description: str,
    did: str = "",
    observed: str = "",
    concluded: str = "",
    trials: Iterable[ClassroomTrial] = (),
) -> EnquiryCycle:
    """Record `by`'s own enquiry cycle in the project's `year`."""
    if year.project_id != project.pk:
        raise ValueError("The year is not one of the project's.")
    with transaction.atomic():
        chosen = _check_trials(project, by, trials)
        cycle = EnquiryCycle(
            project=project,
            year=year,
            author=by,
            asked=asked,
            class_description=class_description,
            did=did,
            observed=observed,
            concluded=concluded,
        )
        cycle.full_clean()
        cycle.save()
        cycle.trials.set(chosen)
        audit(by, "enquiry_cycle.created", cycle, hub=project.hub_id, project=project.pk)
    return cycle


def cycle_update(
    *,
    cycle: EnquiryCycle,
    by: User,
    asked: str,
    class_description: str,
    did: str = "",
    observed: str = "",
    concluded: str = "",
    trials: Iterable[ClassroomTrial] | None = None,
) -> EnquiryCycle:
    """Change `by`'s own cycle (nobody else's)."""
    if cycle.author_id != by.pk:
        raise ValidationError("Only the person who recorded a cycle may change it.")
    with transaction.atomic():
        cycle.asked = asked
        cycle.class_description = class_description
        cycle.did = did
        cycle.observed = observed
        cycle.concluded = concluded
        cycle.full_clean()
        cycle.save()
        if trials is not None:
            cycle.trials.set(_check_trials(cycle.project, by, trials))
        audit(by, "enquiry_cycle.updated", cycle, hub=cycle.project.hub_id)
    return cycle


def cycle_delete(*, cycle: EnquiryCycle, by: User) -> None:
    if cycle.author_id != by.pk:
        raise ValidationError("Only the person who recorded a cycle may delete it.")
    with transaction.atomic():
        hub_id = cycle.project.hub_id
        audit(by, "enquiry_cycle.deleted", cycle, hub=hub_id, project=cycle.project_id)
        cycle.delete()


def cycles_data_erase(user: User) -> dict[str, int]:
    """Erasing a person (research/cycles_privacy.py): their enquiry cycles are their own
    writing about their own classes, so they go with them; returns how many."""
    cycles = EnquiryCycle.objects.filter(author=user)
    count = cycles.count()
    cycles.delete()  # with their links to trials
    return {"enquiry_cycles_deleted": count}
