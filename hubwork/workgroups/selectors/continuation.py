"""Reads about continuing participants: last year's completers a copy's leads may invite,
the invitations sent, whether one can still be answered, and how many years someone has been
with a group ("Second year with this group"), worked out in the same query as the page's
enrolments."""

from dataclasses import dataclass
from datetime import date

from django.db.models import Case, OuterRef, Q, Subquery, Value, When
from django.db.models.fields import CharField
from django.utils import timezone

from hubwork.accounts.models import User
from hubwork.workgroups.models import ContinuationInvitation, Enrolment, Session, WorkGroup

# Ten years of history is what Hubwork keeps; a chain longer than that still reads well.
ORDINALS = (
    "First",
    "Second",
    "Third",
    "Fourth",
    "Fifth",
    "Sixth",
    "Seventh",
    "Eighth",
    "Ninth",
    "Tenth",
)
# Work Groups that have started, finished or stopped: a pending invitation can no longer be
# accepted (it lapses, without a status of its own: see `invitation_closed_reason`).
STARTED = (WorkGroup.Status.RUNNING, WorkGroup.Status.COMPLETED, WorkGroup.Status.CANCELLED)


def _earlier(levels: int) -> Q:
    """The enrolment carries on from at least `levels` earlier years (one LEFT JOIN a level)."""
    return Q(**{"continues_from__" * (levels - 1) + "continues_from__isnull": False})


def continuing_label() -> Case:
    """An annotation: "Second year with this group", "Third year …", or "" for a first year.

    Counted along `continues_from` with self-joins of fixed depth, so a page of any number of
    enrolments reads it in the query it already makes."""
    whens = [When(_earlier(len(ORDINALS)), then=Value("More than ten years with this group"))]
    whens += [
        When(_earlier(levels), then=Value(f"{ORDINALS[levels]} year with this group"))
        for levels in range(len(ORDINALS) - 1, 0, -1)
    ]
    return Case(*whens, default=Value(""), output_field=CharField())


def years_label(years: int) -> str:
    """The same words as `continuing_label` for a number of years with a group."""
    if years <= 1:
        return ""
    if years > len(ORDINALS):
        return "More than ten years with this group"
    return f"{ORDINALS[years - 1]} year with this group"


def first_session_on(work_group: WorkGroup) -> date | None:
    """The date of the Work Group's first scheduled session, if it has one."""
    first: date | None = (
        Session.objects.filter(work_group=work_group, status=Session.Status.SCHEDULED)
        .order_by("date", "starts_at")
        .values_list("date", flat=True)
        .first()
    )
    return first


def invitation_closed_reason(invitation: ContinuationInvitation) -> str:
    """Why an invitation can no longer be answered, in plain English ("" while it can).

    A pending invitation lapses when its Work Group starts: once the first session has been
    (or the group is running, completed or cancelled), places are for the people already in
    it. The service checks the same under the lock."""
    if invitation.status != ContinuationInvitation.Status.PENDING:
        return f"You have already answered: {invitation.get_status_display().lower()}."
    work_group = invitation.work_group
    if work_group.status in STARTED:
        return f"{work_group.title} has started, so this invitation has closed."
    first = first_session_on(work_group)
    if first is not None and first <= timezone.localdate():
        return f"{work_group.title} started on {first:%-d %B %Y}, so this invitation has closed."
    return ""


@dataclass
class Completer:
    """One of last year's completers, with the invitation to this copy if there is one."""

    enrolment: Enrolment
    invitation: ContinuationInvitation | None


def completers_for(work_group: WorkGroup) -> list[Completer]:
    """The completed enrolments of the Work Group this one was copied from, by name, each
    with its invitation to `work_group` (or None) and its own years with the group; two
    queries however many there are."""
    if work_group.copied_from_id is None:
        return []
    enrolments = list(
        Enrolment.objects.filter(
            work_group_id=work_group.copied_from_id, status=Enrolment.Status.COMPLETED
        )
        .select_related("user", "school")
        .annotate(continuing_label=continuing_label())
        .order_by("user__display_name", "pk")
    )
    invitations = {
        invitation.previous_id: invitation
        for invitation in ContinuationInvitation.objects.filter(
            work_group=work_group
        ).select_related("enrolment")
    }
    return [
        Completer(enrolment=enrolment, invitation=invitations.get(enrolment.pk))
        for enrolment in enrolments
    ]


def continuation_invitations_pending_for(user: User) -> list[ContinuationInvitation]:
    """Invitations to continue that wait for this person's answer and can still be answered
    (their Work Group has not started), soonest sent first."""
    today = timezone.localdate()
    started = Session.objects.filter(
        work_group=OuterRef("work_group"), status=Session.Status.SCHEDULED, date__lte=today
    )
    return list(
        ContinuationInvitation.objects.filter(
            previous__user=user, status=ContinuationInvitation.Status.PENDING
        )
        .exclude(work_group__status__in=STARTED)
        .annotate(started_on=Subquery(started.order_by("date").values("date")[:1]))
        .filter(started_on__isnull=True)
        .select_related("work_group__hub", "previous__work_group", "previous__school")
        .order_by("sent_at", "pk")
    )
