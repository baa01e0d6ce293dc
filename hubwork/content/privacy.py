"""The public site's parts of a person's data (core/privacy.py): each part of the
site registers its own in its own module, imported here (autodiscovered at start-up)."""

from hubwork.content import (
    cms_privacy,  # noqa: F401 (registers its part)
    newsletters_privacy,  # noqa: F401 (registers its part)
)
