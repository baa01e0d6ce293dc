"""Erasing what the research app holds about a person (research/privacy.py)."""

from hubwork.accounts.models import User
from hubwork.research.models import (
    DataTable,
    ProjectReview,
    Reading,
    ResearchProject,
    WriteUpVersion,
)


def research_data_erase(user: User) -> dict[str, int]:
    """The readings they added stay in the library without them; returns how many."""
    return {"readings_unattributed": Reading.objects.filter(added_by=user).update(added_by=None)}


def data_tables_erase(user: User) -> dict[str, int]:
    """The tables stay with their projects without who added them; returns how many."""
    return {
        "data_tables_unattributed": DataTable.objects.filter(added_by=user).update(added_by=None)
    }


def writeups_erase(user: User) -> dict[str, int]:
    """The versions and reviews stay with their projects without them; returns how many."""
    return {
        "write_up_versions_unattributed": WriteUpVersion.objects.filter(saved_by=user).update(
            saved_by=None
        ),
        "project_reviews_unattributed": ProjectReview.objects.filter(reviewer=user).update(
            reviewer=None
        ),
        "write_ups_unattributed": ResearchProject.objects.filter(writeup_updated_by=user).update(
            writeup_updated_by=None
        ),
    }
