"""The group space: members, shared outputs and trials, gap tasks due, the discussion."""

from dataclasses import dataclass

from django.core.paginator import Page, Paginator
from django.utils import timezone

from hubwork.accounts.models import User
from hubwork.hubs.permissions import can_manage_hub
from hubwork.practice.models import (
    ClassroomTrial,
    ContactSharing,
    DiscussionPost,
    GapTask,
    Output,
)
from hubwork.schools.models import School
from hubwork.workgroups.models import Enrolment, WorkGroup

SHARED_OUTPUTS = [Output.Visibility.GROUP, Output.Visibility.HUB, Output.Visibility.NATIONAL]


RECENT_TRIALS = 10


POSTS_PER_PAGE = 20


@dataclass(frozen=True)
class Member:
    user: User
    school: School
    email: str  # empty unless they chose to show it to the group
    is_you: bool


@dataclass(frozen=True)
class GroupSpace:
    work_group: WorkGroup
    members: list[Member]
    leads: list[User]
    outputs: list[Output]
    trials: list[ClassroomTrial]
    gap_tasks: list[GapTask]
    is_member: bool
    shares_contact: bool
    is_lead_or_staff: bool


def group_space(work_group: WorkGroup, user: User) -> GroupSpace:
    """Members (emails only of those who opted in), leads, shared outputs, recent shared
    trials and the gap tasks still due."""
    enrolments = list(
        Enrolment.objects.filter(work_group=work_group, status__in=Enrolment.MEMBERS)
        .select_related("user", "school")
        .order_by("user__display_name", "user__email", "pk")
    )
    sharing = set(
        ContactSharing.objects.filter(work_group=work_group).values_list("user_id", flat=True)
    )
    members = [
        Member(
            user=enrolment.user,
            school=enrolment.school,
            email=enrolment.user.email if enrolment.user_id in sharing else "",
            is_you=enrolment.user_id == user.pk,
        )
        for enrolment in enrolments
    ]
    leads = list(work_group.leads.order_by("display_name", "email"))
    outputs = list(
        Output.objects.filter(work_group=work_group, visibility__in=SHARED_OUTPUTS)
        .select_related("author")
        .order_by("-created_at", "-pk")
    )
    trials = list(
        ClassroomTrial.objects.filter(work_group=work_group, shared_at__isnull=False)
        .select_related("author", "gap_task")
        .order_by("-shared_at", "-pk")[:RECENT_TRIALS]
    )
    gap_tasks = list(
        GapTask.objects.filter(
            session__work_group=work_group, due_on__gte=timezone.localdate()
        ).select_related("session")
    )
    is_member = any(member.is_you for member in members)
    leads_it = any(lead.pk == user.pk for lead in leads)
    return GroupSpace(
        work_group=work_group,
        members=members,
        leads=leads,
        outputs=outputs,
        trials=trials,
        gap_tasks=gap_tasks,
        is_member=is_member,
        shares_contact=user.pk in sharing,
        is_lead_or_staff=leads_it or can_manage_hub(user, work_group.hub),
    )


def discussion_page(work_group: WorkGroup, page_number: str | None) -> Page[DiscussionPost]:
    """A page of the thread, oldest first; the latest page unless another is asked for."""
    posts = DiscussionPost.objects.filter(work_group=work_group).select_related("author")
    paginator = Paginator(posts.order_by("created_at", "pk"), POSTS_PER_PAGE)
    return paginator.get_page(page_number or paginator.num_pages)
