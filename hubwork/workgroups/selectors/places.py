"""Reads about places: a person's live place in a Work Group, the colleagues who signed up
with them, where someone stands on a waiting list and why, and what stops a school taking
part. The allocation service counts places with `places_held` too, so both agree."""

from django.db.models import Count, OuterRef, Q, Subquery
from django.db.models.expressions import CombinedExpression

from hubwork.accounts.models import User
from hubwork.schools.models import School
from hubwork.workgroups.models import ColleagueInvitation, Enrolment, WorkGroup

Pending = ColleagueInvitation.Status.PENDING


def live_enrolment(*, work_group: WorkGroup, user: User) -> Enrolment | None:
    """The person's enrolment in the Work Group unless they withdrew or declined it."""
    return (
        Enrolment.objects.filter(work_group=work_group, user=user)
        .exclude(status__in=Enrolment.CLOSED)
        .select_related("school")
        .first()
    )


def live_enrolment_with_queue(*, work_group: WorkGroup, user: User) -> Enrolment | None:
    """`live_enrolment` with `ahead`: the places in the queue before them, as
    `waiting_position` counts them, worked out in the same single query."""
    ahead = (
        Enrolment.objects.filter(
            work_group=work_group,
            status__in=Enrolment.WAITING,
            requested_at__lt=OuterRef("requested_at"),
        )
        .order_by()
        .values("work_group")
        # Colleagues who signed up together are one place in the queue, as everywhere else.
        .annotate(count=places_in_queue())
        .values("count")
    )
    return (
        Enrolment.objects.filter(work_group=work_group, user=user)
        .exclude(status__in=Enrolment.CLOSED)
        .select_related("school")
        .annotate(ahead=Subquery(ahead))
        .first()
    )


def colleagues_of(enrolment: Enrolment) -> list[Enrolment]:
    """The others who signed up together with this person, by name."""
    if not enrolment.batch:
        return []
    return list(
        Enrolment.objects.filter(work_group_id=enrolment.work_group_id, batch=enrolment.batch)
        .exclude(pk=enrolment.pk)
        .select_related("user")
        .order_by("user__display_name")
    )


def waiting_position(enrolment: Enrolment) -> int | None:
    """1 for the next in line; colleagues who signed up together are one place in the
    queue and share a position. None when not waiting."""
    if enrolment.status not in Enrolment.WAITING:
        return None
    ahead = Enrolment.objects.filter(
        work_group_id=enrolment.work_group_id,
        status__in=Enrolment.WAITING,
        requested_at__lt=enrolment.requested_at,
    )
    return int(ahead.aggregate(places=places_in_queue())["places"]) + 1


def places_in_queue() -> CombinedExpression:
    """How many places in the queue some waiting enrolments take: one for each person who
    signed up alone, one for each batch of colleagues (COUNT DISTINCT skips the empty batch)."""
    return Count("pk", filter=Q(batch__isnull=True)) + Count("batch", distinct=True)


def places_held(work_group: WorkGroup) -> dict[int | None, int]:
    """Places held in the Work Group, by school id (key None is the total): enrolments that
    take part and places kept for colleagues until they confirm. Counted from the rows."""
    held: dict[int | None, int] = {}
    for rows in (
        Enrolment.objects.filter(work_group=work_group, status__in=Enrolment.TAKING_PART),
        ColleagueInvitation.objects.filter(work_group=work_group, status=Pending, place_held=True),
    ):
        for row in rows.values("school_id").annotate(count=Count("pk")).order_by():
            held[row["school_id"]] = held.get(row["school_id"], 0) + row["count"]
    held[None] = sum(held.values())
    return held


def _places(count: int) -> str:
    return f"{count} place{'s' if count != 1 else ''}"


def school_eligibility_problems(*, work_group: WorkGroup, school: School) -> list[str]:
    """Why no one from `school` can sign up to the Work Group, in plain English (empty: they
    can): the programme's rules about what a school must, or must not, have completed."""
    problems = []
    programme = work_group.programme
    completed = Enrolment.objects.filter(school=school, status=Enrolment.Status.COMPLETED)
    if (
        programme.requires_completion_of_id
        and not completed.filter(
            work_group__programme_id=programme.requires_completion_of_id
        ).exists()
    ):
        problems.append(
            f"{school.name} needs to have completed {programme.requires_completion_of} first."
        )
    if programme.once_per_school and completed.filter(work_group__programme=programme).exists():
        problems.append(
            f"{school.name} has already completed {programme.name}, which schools take once."
        )
    return problems


def school_places_note(*, work_group: WorkGroup, school: School) -> str:
    """What signing up from `school` would lead to when that is not a place: its limit is
    reached, so a sign-up joins the waiting list. Empty otherwise."""
    held = places_held(work_group).get(school.pk, 0)
    limit = work_group.per_school_limit
    if held < limit:
        return ""
    return (
        f"{school.name} already has {_places(held)} in this Work Group, the most it takes "
        "from one school. If you sign up, you join the waiting list."
    )


def batch_invitations(enrolment: Enrolment) -> list[ColleagueInvitation]:
    """The colleagues named on this person's sign-up who have not confirmed yet."""
    if not enrolment.batch:
        return []
    return list(
        ColleagueInvitation.objects.filter(
            work_group_id=enrolment.work_group_id, batch=enrolment.batch, status=Pending
        ).order_by("email")
    )


def waiting_reasons(enrolment: Enrolment) -> list[str]:
    """Why someone on the waiting list has no place, in plain English: their school's limit,
    the places left, or others waiting before them. Worked out from the places held now."""
    if enrolment.status != Enrolment.Status.WAITLISTED:
        return []
    work_group = enrolment.work_group
    held = places_held(work_group)
    size = 1
    if enrolment.batch:
        size = (
            Enrolment.objects.filter(
                work_group=work_group, batch=enrolment.batch, status=Enrolment.Status.WAITLISTED
            ).count()
            + ColleagueInvitation.objects.filter(
                work_group=work_group, batch=enrolment.batch, status=Pending, place_held=False
            ).count()
        )
    together = f": not enough for the {size} of you, who are placed together" if size > 1 else ""
    reasons = []
    from_school = held.get(enrolment.school_id, 0)
    limit = work_group.per_school_limit
    if from_school >= limit:
        reasons.append(
            f"Your school already has {_places(from_school)}, the most this Work Group takes "
            "from one school."
        )
    elif from_school + size > limit:
        reasons.append(
            f"Your school already has {_places(from_school)}, and this Work Group takes up "
            f"to {limit} from one school{together}."
        )
    left = max(work_group.capacity - held[None], 0)
    if not left:
        reasons.append(f"All {_places(work_group.capacity)} are taken.")
    elif left < size:
        reasons.append(f"There {'is' if left == 1 else 'are'} {_places(left)} left{together}.")
    if not reasons:
        reasons.append("Others who signed up before you are waiting for places first.")
    return reasons


def invitations_pending_for(user: User) -> list[ColleagueInvitation]:
    """Sign-ups that named this person as a colleague and wait for them to confirm."""
    return list(
        ColleagueInvitation.objects.filter(
            email=User.objects.normalize_email(user.email), status=Pending
        )
        .select_related("work_group__hub", "school", "invited_by")
        .order_by("expires_at", "pk")
    )


def invitation_pending_for(*, user: User, work_group: WorkGroup) -> ColleagueInvitation | None:
    """The invitation waiting for this person to confirm a place in the Work Group, if any."""
    return (
        ColleagueInvitation.objects.filter(
            work_group=work_group, email=User.objects.normalize_email(user.email), status=Pending
        )
        .select_related("invited_by", "school")
        .first()
    )
