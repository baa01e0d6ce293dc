"""Erasing what readings set for sessions hold about a person
(research/session_readings_privacy.py)."""

from hubwork.accounts.models import User
from hubwork.research.models import ReadingProgress, SessionReading


def session_readings_data_erase(user: User) -> dict[str, int]:
    """Their progress on readings goes (private notes and shared responses with it); the
    readings they set for sessions stay for the group, without who set them."""
    progress, _ = ReadingProgress.objects.filter(user=user).delete()
    return {
        "reading_progress": progress,
        "session_readings_unattributed": SessionReading.objects.filter(set_by=user).update(
            set_by=None
        ),
    }
