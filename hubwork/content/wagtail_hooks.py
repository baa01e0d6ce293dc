"""Wagtail's hooks for the public site: each part keeps its own in hooks/<part>.py."""

from hubwork.content.hooks import feedback, sending  # noqa: F401
