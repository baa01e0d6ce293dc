"""Erasing what the practice app holds about a person (practice/privacy.py).

Their classroom trials with their evidence, their reflections and their outputs are deleted,
files and previews too (from storage, once the erasure commits). Their discussion posts stay,
so the conversation still reads, but without an author: they read "Someone who has left".
Plans and gap tasks they wrote stay, without who wrote them.
"""

from hubwork.accounts.models import User
from hubwork.core.storage import delete_file_after_commit
from hubwork.practice.models import (
    ClassroomTrial,
    ContactSharing,
    DiscussionPost,
    Evidence,
    GapTask,
    Output,
    Reflection,
    ReminderSent,
    SessionPlan,
)


def practice_data_erase(user: User) -> dict[str, int]:
    """Delete or anonymise the person's practice data; returns counts by kind."""
    counts: dict[str, int] = {}
    evidence = Evidence.objects.filter(trial__author=user)
    for file_name, preview in evidence.values_list("file", "preview"):
        delete_file_after_commit(file_name)
        delete_file_after_commit(preview)
    counts["evidence_files"] = evidence.count()
    counts["trials"] = ClassroomTrial.objects.filter(author=user).count()
    ClassroomTrial.objects.filter(author=user).delete()
    counts["reflections"] = Reflection.objects.filter(author=user).delete()[0]
    outputs = Output.objects.filter(author=user)
    for file_name in outputs.values_list("file", flat=True):
        delete_file_after_commit(file_name)
    counts["outputs"] = outputs.delete()[0]
    counts["discussion_posts"] = DiscussionPost.objects.filter(author=user).update(author=None)
    DiscussionPost.objects.filter(removed_by=user).update(removed_by=None)
    SessionPlan.objects.filter(updated_by=user).update(updated_by=None)
    GapTask.objects.filter(set_by=user).update(set_by=None)
    counts["reminders"] = ReminderSent.objects.filter(user=user).delete()[0]
    counts["contact_sharing"] = ContactSharing.objects.filter(user=user).delete()[0]
    return counts
