"""Shared helpers for the registered-interest tests."""

import re

from django.core import mail

from hubwork.core.choices import Phase
from hubwork.programmes.models import Programme
from hubwork.workgroups.tests.factories import ProgrammeFactory

CONFIRM_LINK = re.compile(r"https?://\S+/register-interest/confirm/\S+/")
STOP_LINK = re.compile(r"https?://\S+/register-interest/stop/\S+/")


def path_of(url: str) -> str:
    return re.sub(r"^https?://[^/]+", "", url)


def link_in(message: mail.EmailMessage, pattern: re.Pattern[str]) -> str:
    found = pattern.search(str(message.body))
    assert found, message.body
    return path_of(found.group(0))


def make_programme() -> Programme:
    """Mastering Number, for primary teachers (the `programme` fixture of each module)."""
    return ProgrammeFactory.create(
        name="Mastering Number", slug="mastering-number", phases=[Phase.PRIMARY]
    )


def form_data(programme: Programme, hub_slug: str, **extra: str) -> dict[str, str]:
    return {"programme": programme.slug, "phase": "", "hub": hub_slug, **extra}
