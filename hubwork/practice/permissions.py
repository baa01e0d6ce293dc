"""Who may see and change what happens between sessions.

- A Work Group's *members* are the people holding a place (enrolled) or who completed it.
- Its *leads and staff* are its own leads and its hub's staff (and national admins).
- Session plans and gap tasks are written by leads and staff; members read gap tasks.
- Trials, reflections and outputs belong to their author. A shared trial is seen by the Work
  Group's members, leads and staff; a draft by its author alone. Reflections are private.
- An output is seen according to its visibility: the group, the hub (anyone taking part in or
  leading one of the hub's Work Groups, and hub staff), or everyone signed in.

Views get objects only through these getters, never a bare `.objects.get()`. A trial, its
evidence, a reflection or an output that `user` may not see is a 404 whatever the reason, as
if it did not exist: their ids are numbers anyone can try, and a 403 for some and a 404 for
others would tell which are shared.
"""

from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404

from hubwork.accounts.models import User
from hubwork.hubs.models import HubRole
from hubwork.hubs.permissions import READ_ROLES, can_manage_hub
from hubwork.practice.models import (
    ClassroomTrial,
    DiscussionPost,
    Evidence,
    GapTask,
    Output,
    Reflection,
)
from hubwork.workgroups.models import Enrolment, WorkGroup
from hubwork.workgroups.permissions import (
    Access,
    can_lead_or_manage,
    get_session_for_user,
    get_work_group_for_user,
    has_access,
)


def get_gap_task_for_user(
    user: User, *, hub_slug: str, work_group_pk: int, session_pk: int, pk: int
) -> GapTask:
    """A gap task set at a session, for the Work Group's leads and hub staff: 404 if there is
    no such gap task at that session, 403 for anyone else (from the session)."""
    session = get_session_for_user(
        user, hub_slug=hub_slug, work_group_pk=work_group_pk, pk=session_pk
    )
    gap_task = get_object_or_404(GapTask, pk=pk, session=session)
    gap_task.session = session
    return gap_task


def can_see_trial(user: User, trial: ClassroomTrial) -> bool:
    if not user.is_authenticated or not user.is_active:
        return False
    if trial.author_id == user.pk:
        return True
    return trial.is_shared and has_access(user, trial.work_group, Access.MEMBER)


def get_trial_for_user(user: User, *, pk: int, write: bool = False) -> ClassroomTrial:
    """A trial `user` may read: their own, or a shared one of a Work Group they belong to,
    lead or manage. Any other is a 404, as if it did not exist, draft or shared alike.

    With `write` (to edit, share or delete it, or add evidence to it), only their own: anyone
    else's trial is a 404.
    """
    if write:
        return get_object_or_404(
            ClassroomTrial.objects.select_related("work_group__hub", "gap_task__session"),
            pk=pk,
            author=user,
        )
    trial = get_object_or_404(
        ClassroomTrial.objects.select_related("work_group__hub", "gap_task", "author"), pk=pk
    )
    if not can_see_trial(user, trial):
        raise Http404("No such trial.")
    return trial


def get_evidence_for_user(
    user: User, *, pk: int, write: bool = False, trial: ClassroomTrial | None = None
) -> Evidence:
    """An evidence file `user` may download: whoever may read its trial. Any other file is a
    404, as if it did not exist, so a file's address says nothing about a draft or a group.

    With `write` (to remove it), a file of `trial`, which the caller fetched with
    `get_trial_for_user(write=True)`: any other is a 404.
    """
    if write:
        return get_object_or_404(Evidence, pk=pk, trial=trial)
    evidence = get_object_or_404(Evidence.objects.select_related("trial__work_group__hub"), pk=pk)
    if not can_see_trial(user, evidence.trial):
        raise Http404("No such file.")
    return evidence


def get_reflection_for_user(user: User, *, pk: int) -> Reflection:
    """One of `user`'s own reflections, which are private: anyone else's is a 404."""
    return get_object_or_404(Reflection, pk=pk, author=user)


def takes_part_in_hub(user: User, hub_id: int) -> bool:
    """Takes part in or leads one of the hub's Work Groups, or is on its staff."""
    if not user.is_authenticated or not user.is_active:
        return False
    return (
        Enrolment.objects.filter(
            user=user, status__in=Enrolment.MEMBERS, work_group__hub_id=hub_id
        ).exists()
        or WorkGroup.objects.filter(leads=user, hub_id=hub_id).exists()
    )


def can_see_output(user: User, output: Output) -> bool:
    if not user.is_authenticated or not user.is_active:
        return False
    if output.author_id == user.pk:
        return True
    visibility = output.visibility
    if visibility == Output.Visibility.NATIONAL:
        return True
    if visibility == Output.Visibility.HUB:
        return takes_part_in_hub(user, output.work_group.hub_id) or can_manage_hub(
            user, output.work_group.hub
        )
    if visibility == Output.Visibility.GROUP:
        return has_access(user, output.work_group, Access.MEMBER)
    return False


def get_output_for_user(user: User, *, pk: int, write: bool = False) -> Output:
    """An output `user` may read or download. Any other is a 404, as if it did not exist:
    someone else's private output and one shared with a group or hub they are not part of
    alike.

    With `write` (to edit or delete it), only their own: anyone else's is a 404.
    """
    if write:
        return get_object_or_404(
            Output.objects.select_related("work_group__hub"), pk=pk, author=user
        )
    output = get_object_or_404(Output.objects.select_related("work_group__hub", "author"), pk=pk)
    if not can_see_output(user, output):
        raise Http404("No such output.")
    return output


def outputs_visible_to(user: User) -> Q:
    """A filter for the outputs `user` may see, for lists (one query, no per-row checks)."""
    member_of = Enrolment.objects.filter(user=user, status__in=Enrolment.MEMBERS).values(
        "work_group"
    )
    led = WorkGroup.objects.filter(leads=user).values("pk")
    hubs = WorkGroup.objects.filter(Q(pk__in=member_of) | Q(pk__in=led)).values("hub")
    if user.is_national_admin:
        return Q(author=user) | ~Q(visibility=Output.Visibility.PRIVATE)
    # Hub staff see what is shared with any group or the hub in their own hubs.
    staff_hubs = HubRole.objects.current().filter(user=user, role__in=READ_ROLES).values("hub")
    return (
        Q(author=user)
        | Q(visibility=Output.Visibility.NATIONAL)
        | Q(visibility=Output.Visibility.HUB, work_group__hub__in=hubs)
        | Q(visibility=Output.Visibility.GROUP, work_group__in=member_of)
        | Q(visibility=Output.Visibility.GROUP, work_group__in=led)
        | Q(
            visibility__in=[Output.Visibility.GROUP, Output.Visibility.HUB],
            work_group__hub__in=staff_hubs,
        )
    )


def can_remove_post(user: User, post: DiscussionPost, *, lead_or_staff: bool | None = None) -> bool:
    """Its author, or the Work Group's leads and hub staff. Pass `lead_or_staff` when it is
    already known, so a page of posts asks once."""
    if not user.is_authenticated or not user.is_active:
        return False
    if post.author_id is not None and post.author_id == user.pk:
        return True
    if lead_or_staff is None:
        lead_or_staff = can_lead_or_manage(user, post.work_group)
    return lead_or_staff


def get_post_for_user(user: User, *, slug: str, pk: int) -> DiscussionPost:
    """A post in the discussion of a Work Group whose group space `user` may open (404 if
    the post is not in that Work Group, 403 if `user` may not see the space)."""
    work_group = get_work_group_for_user(user, access=Access.MEMBER, slug=slug)
    post = get_object_or_404(
        DiscussionPost.objects.select_related("author"), pk=pk, work_group=work_group
    )
    post.work_group = work_group
    return post
