"""The public site's retention rules (core/retention.py): each part of the
site registers its own in its own module, imported here (autodiscovered at start-up)."""

from hubwork.content import (
    feedback_retention,  # noqa: F401 (registers its rule)
    newsletters_retention,  # noqa: F401 (registers its rule)
)
