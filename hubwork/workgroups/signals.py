"""Signals workgroups sends, for the apps above it that keep something per Work Group."""

from django.dispatch import Signal

# Sent by work_group_copy_to_next_year inside its transaction, with `original` (this year's
# Work Group), `copy` (next year's draft) and `by` (who copied it). Research connects a
# receiver that carries an RIWG's research project over as the copy's "year 2" (workgroups
# may not import research).
work_group_copied = Signal()
