"""Reads that feed participants' pages and dashboard: their Work Groups, the gap tasks
still due and everything they have logged."""

from dataclasses import dataclass, field

from django.db.models import Count, Exists, OuterRef, Q
from django.utils import timezone

from hubwork.accounts.models import User
from hubwork.practice.models import ClassroomTrial, GapTask, Output
from hubwork.workgroups.models import Enrolment, Session, WorkGroup


def member_work_groups(user: User, *, keeping: WorkGroup | None = None) -> list[WorkGroup]:
    """The Work Groups `user` holds or has completed a place in, newest year first, and
    `keeping`: the one a trial or output being changed belongs to, even if they have left it."""
    work_groups = list(
        WorkGroup.objects.filter(enrolments__user=user, enrolments__status__in=Enrolment.MEMBERS)
        .select_related("hub")
        .distinct()
        .order_by("-academic_year", "title")
    )
    if keeping is not None and keeping.pk not in {group.pk for group in work_groups}:
        work_groups.append(keeping)
    return work_groups


def gap_tasks_for(work_groups: list[WorkGroup]) -> list[GapTask]:
    return list(
        GapTask.objects.filter(session__work_group__in=[group.pk for group in work_groups])
        .select_related("session")
        .order_by("session__work_group_id", "due_on", "pk")
    )


@dataclass
class GroupPractice:
    """One Work Group's part of a participant's "Between sessions" page."""

    work_group: WorkGroup
    is_running: bool
    gap_tasks_due: list[GapTask] = field(default_factory=list)
    trials: list[ClassroomTrial] = field(default_factory=list)
    outputs: list[Output] = field(default_factory=list)

    @property
    def shared_count(self) -> int:
        return sum(1 for trial in self.trials if trial.is_shared)

    @property
    def draft_count(self) -> int:
        return len(self.trials) - self.shared_count


def practice_by_work_group(user: User) -> list[GroupPractice]:
    """Gap tasks still due and everything `user` has logged, per Work Group, in a fixed
    number of queries however much there is."""
    today = timezone.localdate()
    enrolments = (
        Enrolment.objects.filter(user=user, status__in=Enrolment.MEMBERS)
        .select_related("work_group__hub")
        .order_by("-work_group__academic_year", "work_group__title", "pk")
    )
    groups: dict[int, GroupPractice] = {}
    for enrolment in enrolments:
        practice = groups.setdefault(
            enrolment.work_group_id, GroupPractice(enrolment.work_group, is_running=False)
        )
        practice.is_running |= enrolment.status == Enrolment.Status.ENROLLED
    running = [pk for pk, practice in groups.items() if practice.is_running]
    # Due: not yet past its date, or past it but not logged yet.
    due = (
        GapTask.objects.filter(session__work_group__in=running)
        .exclude(session__status=Session.Status.CANCELLED)
        .annotate(
            logged=Exists(ClassroomTrial.objects.filter(gap_task=OuterRef("pk"), author=user))
        )
        .filter(Q(due_on__gte=today) | Q(logged=False))
        .select_related("session")
        .order_by("due_on", "pk")
    )
    for task in due:
        groups[task.session.work_group_id].gap_tasks_due.append(task)
    logged = (
        ClassroomTrial.objects.filter(author=user)
        .select_related("work_group__hub", "gap_task")
        .annotate(evidence_count=Count("evidence"))
        .order_by("-tried_on", "-pk")
    )
    for trial in logged:
        groups.setdefault(
            trial.work_group_id, GroupPractice(trial.work_group, is_running=False)
        ).trials.append(trial)
    for output in Output.objects.filter(author=user).select_related("work_group__hub"):
        groups.setdefault(
            output.work_group_id, GroupPractice(output.work_group, is_running=False)
        ).outputs.append(output)
    return list(groups.values())
