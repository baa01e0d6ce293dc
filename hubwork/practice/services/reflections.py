"""Reflections: a participant's private journal."""

from django.core.exceptions import ValidationError
from django.db import transaction

from hubwork.accounts.models import User
from hubwork.practice.models import Reflection
from hubwork.workgroups.models import WorkGroup
from hubwork.workgroups.permissions import is_member


def _validate_reflection_work_group(author: User, work_group: WorkGroup | None) -> None:
    if work_group is not None and not is_member(author, work_group):
        raise ValidationError({"work_group": "Choose a Work Group you take part in."})


def reflection_create(
    *, author: User, idea: str, body: str, work_group: WorkGroup | None = None
) -> Reflection:
    """Add an entry to a participant's private journal."""
    _validate_reflection_work_group(author, work_group)
    with transaction.atomic():
        reflection = Reflection(author=author, idea=idea, body=body, work_group=work_group)
        reflection.full_clean()
        reflection.save()
    return reflection


def reflection_update(
    *,
    reflection: Reflection,
    by: User,
    idea: str,
    body: str,
    work_group: WorkGroup | None = None,
) -> Reflection:
    if by.pk != reflection.author_id:
        raise ValidationError("Only the person who wrote a reflection can change it.")
    if work_group is not None and work_group.pk != reflection.work_group_id:
        _validate_reflection_work_group(by, work_group)
    with transaction.atomic():
        reflection.idea = idea
        reflection.body = body
        reflection.work_group = work_group
        reflection.full_clean()
        reflection.save()
    return reflection


def reflection_delete(*, reflection: Reflection, by: User) -> None:
    if by.pk != reflection.author_id:
        raise ValidationError("Only the person who wrote a reflection can delete it.")
    reflection.delete()
