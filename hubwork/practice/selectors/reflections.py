"""Reads of a person's private reflections."""

from django.db.models import QuerySet

from hubwork.accounts.models import User
from hubwork.practice.models import Reflection


def reflection_count(user: User) -> int:
    return Reflection.objects.filter(author=user).count()


def reflections_of(user: User) -> QuerySet[Reflection]:
    """The person's own reflections, each with the Work Group it belongs to."""
    return Reflection.objects.filter(author=user).select_related("work_group")
