"""Signals workgroups sends, for the apps above it that keep something per Work Group."""

from django.dispatch import Signal

# Sent by work_group_copy_to_next_year inside its transaction, with `original` (this year's
# Work Group), `copy` (next year's draft) and `by` (who copied it). Research connects a
# receiver that carries an RIWG's research project over as the copy's "year 2" (workgroups
# may not import research).
work_group_copied = Signal()

# Sent by work_group_set_status inside its transaction when a Work Group becomes open for
# sign-ups (published from draft, or opened again), with `work_group` and `by`. The public
# site (content) connects a receiver that emails the people who asked to hear about such a
# Work Group (workgroups may not import content).
work_group_published = Signal()
