"""Signals programmes sends, for the apps above it that keep something per programme."""

from django.dispatch import Signal

# Sent by programmes_seed once the national programmes are in place, with `programmes`: every
# programme it was given to seed, new or already there. Evaluation connects a receiver that
# gives each of them its default questionnaires (programmes may not import evaluation).
programmes_seeded = Signal()
