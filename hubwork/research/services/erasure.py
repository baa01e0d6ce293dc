"""Erasing what the research app holds about a person (research/privacy.py)."""

from hubwork.accounts.models import User
from hubwork.research.models import Reading


def research_data_erase(user: User) -> dict[str, int]:
    """The readings they added stay in the library without them; returns how many."""
    return {"readings_unattributed": Reading.objects.filter(added_by=user).update(added_by=None)}
