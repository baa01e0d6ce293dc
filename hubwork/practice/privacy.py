"""The practice app's part of a person's data (core/privacy.py): their classroom trials with
their evidence files, reflections, outputs with their files, discussion posts, the plans and
gap tasks they wrote, the reminders they were sent and whom they share their contact details
with. On erasure trials, evidence, reflections and outputs go, files included; posts stay
without an author (practice/services/erasure.py)."""

from pathlib import PurePath

from django.utils.text import get_valid_filename

from hubwork.accounts.models import User
from hubwork.core.privacy import ExportPart, PersonalData, register_personal_data, rows
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
from hubwork.practice.services.erasure import practice_data_erase


def _archive_name(folder: str, pk: int, original_name: str, stored_name: str) -> str:
    """Where a file goes in the archive: its original name, made safe, after its id."""
    name = get_valid_filename(PurePath(original_name).name) if original_name else ""
    return f"files/{folder}/{pk}-{name or PurePath(stored_name).name}"


def practice_data_export(user: User) -> ExportPart:
    evidence = Evidence.objects.filter(trial__author=user).order_by("trial_id", "pk")
    outputs = Output.objects.filter(author=user).order_by("created_at", "pk")
    part = ExportPart(
        tables={
            "trials": rows(
                ClassroomTrial.objects.filter(author=user).order_by("tried_on", "pk"),
                "id",
                "work_group__title",
                "gap_task__title",
                "own_idea",
                "class_or_year_group",
                "tried_on",
                "what_tried",
                "what_happened",
                "pupil_response",
                "impact_rating",
                "next_steps",
                "measure",
                "pupils_measured",
                "succeeded_before",
                "succeeded_after",
                "shared_at",
                "created_at",
                "updated_at",
            ),
            "evidence": rows(
                evidence, "id", "trial_id", "original_name", "content_type", "size", "uploaded_at"
            ),
            "reflections": rows(
                Reflection.objects.filter(author=user).order_by("created_at", "pk"),
                "work_group__title",
                "idea",
                "body",
                "created_at",
                "updated_at",
            ),
            "outputs": rows(
                outputs,
                "id",
                "work_group__title",
                "kind",
                "title",
                "description",
                "link",
                "original_name",
                "visibility",
                "created_at",
                "updated_at",
            ),
            "discussion_posts": rows(
                DiscussionPost.objects.filter(author=user).order_by("created_at", "pk"),
                "work_group__title",
                "body",
                "created_at",
                "removed_at",
            ),
            "posts_removed_by_you": rows(
                DiscussionPost.objects.filter(removed_by=user).order_by("removed_at", "pk"),
                "work_group__title",
                "created_at",
                "removed_at",
            ),
            "session_plans_updated": rows(
                SessionPlan.objects.filter(updated_by=user).order_by("pk"),
                "session__work_group__title",
                "session__number",
                "programme__name",
                "template_number",
                "version",
                "updated_at",
            ),
            "gap_tasks_set": rows(
                GapTask.objects.filter(set_by=user).order_by("due_on", "pk"),
                "session__work_group__title",
                "session__number",
                "title",
                "description",
                "classes",
                "due_on",
            ),
            "reminders_sent": rows(
                ReminderSent.objects.filter(user=user).order_by("sent_at", "pk"),
                "kind",
                "session__work_group__title",
                "session__number",
                "sent_at",
            ),
            "contact_sharing": rows(
                ContactSharing.objects.filter(user=user).order_by("pk"),
                "work_group__title",
                "created_at",
            ),
        }
    )
    for item in evidence.only("pk", "file", "original_name"):
        part.files.append(
            (item.file.name, _archive_name("evidence", item.pk, item.original_name, item.file.name))
        )
    for output in outputs.exclude(file="").only("pk", "file", "original_name"):
        part.files.append(
            (
                output.file.name,
                _archive_name("outputs", output.pk, output.original_name, output.file.name),
            )
        )
    return part


register_personal_data(
    PersonalData(
        name="practice",
        covers=frozenset(
            {
                "practice.SessionPlan.updated_by",
                "practice.GapTask.set_by",
                "practice.ClassroomTrial.author",
                "practice.Reflection.author",
                "practice.Output.author",
                "practice.DiscussionPost.author",
                "practice.DiscussionPost.removed_by",
                "practice.ReminderSent.user",
                "practice.ContactSharing.user",
            }
        ),
        export=practice_data_export,
        erase=practice_data_erase,
    )
)
