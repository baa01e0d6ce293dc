"""Reads of outputs: a person's own, and the library of those they may see."""

from django.db.models import QuerySet

from hubwork.accounts.models import User
from hubwork.practice.models import Output
from hubwork.practice.permissions import outputs_visible_to


def outputs_of(user: User) -> QuerySet[Output]:
    """The person's own outputs, each with the Work Group it belongs to."""
    return Output.objects.filter(author=user).select_related("work_group")


def output_library(user: User, *, kind: str = "") -> QuerySet[Output]:
    """The outputs `user` may see, newest first, of one kind if given (one query a page)."""
    outputs = (
        Output.objects.filter(outputs_visible_to(user))
        .select_related("work_group__hub", "author")
        .order_by("-created_at", "-pk")
    )
    return outputs.filter(kind=kind) if kind else outputs
