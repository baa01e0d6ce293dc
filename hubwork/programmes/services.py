"""Writes to the national programme designs: a programme with the phases it is for and its
intended outcomes. The national team edits them in the admin, which calls these."""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.db import transaction

from hubwork.accounts.models import User
from hubwork.core.audit import audit, field_changes
from hubwork.core.choices import Phase
from hubwork.programmes.models import IntendedOutcome, Programme, ProgrammePhase


@dataclass(frozen=True)
class OutcomeData:
    """One intended outcome as entered, before it is saved."""

    area: str
    text: str
    position: int = 0


def programme_save(
    *,
    programme: Programme,
    by: User | None,
    phases: Iterable[str] | None = None,
    outcomes: Sequence[OutcomeData] | None = None,
) -> Programme:
    """Add or change a programme. With `phases`, the phases it is for become exactly those;
    with `outcomes`, its intended outcomes become those (None leaves either as it is)."""
    with transaction.atomic():
        before = (
            Programme.objects.select_for_update().filter(pk=programme.pk).first()
            if programme.pk
            else None
        )
        programme.full_clean()
        programme.save()
        data: dict[str, Any] = {"changed": field_changes(before, programme)}
        if phases is not None:
            data.update(_phases_set(programme=programme, phases=phases))
        if outcomes is not None:
            data.update(_outcomes_set(programme=programme, outcomes=outcomes))
        audit(by, "programme.created" if before is None else "programme.changed", programme, **data)
    return programme


def programme_delete(*, programme: Programme, by: User | None) -> None:
    """Delete a programme no Work Group has run (those are protected), with its template plans."""
    with transaction.atomic():
        audit(by, "programme.deleted", programme, name=programme.name, slug=programme.slug)
        programme.delete()


def _phases_set(*, programme: Programme, phases: Iterable[str]) -> dict[str, list[list[str]]]:
    wanted = set(phases)
    current = set(programme.phases.values_list("phase", flat=True))
    added = [ProgrammePhase(programme=programme, phase=phase) for phase in wanted - current]
    for phase in added:
        phase.full_clean(validate_constraints=False)  # the set itself keeps each phase once
    programme.phases.filter(phase__in=current - wanted).delete()
    ProgrammePhase.objects.bulk_create(added)
    if wanted == current:
        return {}
    order = list(Phase.values)
    return {"phases": [sorted(current, key=order.index), sorted(wanted, key=order.index)]}


def _outcomes_set(
    *, programme: Programme, outcomes: Sequence[OutcomeData]
) -> dict[str, list[list[Any]]]:
    """Replace the outcomes when they differ from those held; leave them be when they do not."""
    current = [
        OutcomeData(area=outcome.area, text=outcome.text, position=outcome.position)
        for outcome in programme.outcomes.order_by("area", "position", "pk")
    ]
    wanted = [OutcomeData(area=o.area, text=o.text.strip(), position=o.position) for o in outcomes]
    new = [
        IntendedOutcome(programme=programme, area=o.area, text=o.text, position=o.position)
        for o in wanted
    ]
    for outcome in new:
        outcome.full_clean()
    current, wanted = sorted(current, key=_in_order), sorted(wanted, key=_in_order)
    if current == wanted:
        return {}
    programme.outcomes.all().delete()
    IntendedOutcome.objects.bulk_create(new)
    return {"outcomes": [[[o.area, o.text] for o in current], [[o.area, o.text] for o in wanted]]}


def _in_order(outcome: OutcomeData) -> tuple[str, int]:
    """The order the model lists outcomes in."""
    return (outcome.area, outcome.position)
