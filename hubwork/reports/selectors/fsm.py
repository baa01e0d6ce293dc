"""FSM quintiles: how disadvantaged a school is beside the other schools of its phase in
England, from the share of its pupils eligible for free school meals (% FSM, from the
register).

Quintiles are worked out nationally and per phase group, over the open schools whose % FSM
is known. A school's quintile is one more than the whole number of fifths of those schools
that have a lower % FSM than it: quintile 1 is the least disadvantaged fifth (lowest % FSM),
5 the most. Schools with the same % FSM share a quintile, so with ties the fifths are not
quite equal. A school whose % FSM is not known has no quintile.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Case, IntegerField, Q, Value, When

from hubwork.reports.selectors.scope import PHASE_GROUPS, open_schools

QUINTILES = 5
LEAST_DISADVANTAGED = 1
MOST_DISADVANTAGED = QUINTILES
QUINTILE_LABELS = {
    1: "Quintile 1 (least disadvantaged)",
    2: "Quintile 2",
    3: "Quintile 3",
    4: "Quintile 4",
    5: "Quintile 5 (most disadvantaged)",
}
QUINTILE_CHOICES = [(str(number), label) for number, label in QUINTILE_LABELS.items()]
DEFINITION = (
    "FSM quintiles divide England's open schools of each phase into fifths by the share of "
    "their pupils eligible for free school meals (% FSM, from the register): quintile 1 is "
    "the least disadvantaged fifth (lowest % FSM), quintile 5 the most. A school's quintile "
    "is one more than the whole number of fifths of its phase's schools with a lower % FSM, "
    "so schools with the same % FSM share a quintile. Schools whose % FSM is not known have "
    "no quintile."
)


@dataclass(frozen=True)
class CutPoints:
    """Per phase group, the highest % FSM in each of quintiles 1 to 4 (a school above the
    fourth is in quintile 5), and how many schools the quintiles were worked out from."""

    upper_bounds: dict[str, list[Decimal]]
    schools: dict[str, int]

    def quintile_of(self, group: str, fsm: Decimal | None) -> int | None:
        """The quintile of a school of `group` with this % FSM (for checks and exports)."""
        bounds = self.upper_bounds.get(group)
        if fsm is None or bounds is None:
            return None
        for number, bound in enumerate(bounds, start=1):
            if fsm <= bound:
                return number
        return QUINTILES


# Each of the register's phases, to the phase group it counts in.
_GROUP_OF = {phase: group for group, (_label, phases) in PHASE_GROUPS.items() for phase in phases}


def fsm_cut_points() -> CutPoints:
    """The national cut points of every phase group, in one query: the known % FSM of every
    open school with its phase, sorted by the database, cut into fifths per phase group.

    (Numbering the rows in the database with ROW_NUMBER and COUNT over each phase group, and
    keeping only where a fifth ends, returns fewer rows but measured twice as slow on SQLite.)
    """
    rows = (
        open_schools()
        .filter(percentage_fsm__isnull=False)
        .order_by("percentage_fsm")
        .values_list("phase", "percentage_fsm")
    )
    values: dict[str, list[Decimal]] = {}
    for phase, fsm in rows:
        if fsm is not None:  # left out by the filter; said for the type checker
            values.setdefault(_GROUP_OF.get(phase, "other"), []).append(fsm)
    return CutPoints(
        upper_bounds={
            group: [
                # The highest value of fifth k is the one at rank ceil(k × n / 5).
                ordered[-(-number * len(ordered) // QUINTILES) - 1]
                for number in range(1, QUINTILES)
            ]
            for group, ordered in values.items()
        },
        schools={group: len(ordered) for group, ordered in values.items()},
    )


def fsm_quintile(cut_points: CutPoints) -> Case:
    """A school's FSM quintile (1 … 5) worked out by the database, or NULL when its % FSM is
    not known or its phase group has no known % FSM anywhere."""
    whens = []
    for group, bounds in cut_points.upper_bounds.items():
        in_group = Q(phase__in=list(PHASE_GROUPS[group][1]))
        for number, bound in enumerate(bounds, start=1):
            whens.append(When(in_group & Q(percentage_fsm__lte=bound), then=Value(number)))
        whens.append(When(in_group & Q(percentage_fsm__isnull=False), then=Value(QUINTILES)))
    return Case(*whens, default=None, output_field=IntegerField())
