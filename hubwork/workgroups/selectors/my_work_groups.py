"""A participant's own Work Groups, for My Work Groups."""

from django.db.models import Prefetch
from django.utils import timezone

from hubwork.accounts.models import Role, User
from hubwork.core.academic_years import AcademicYear
from hubwork.workgroups.models import Enrolment, Session
from hubwork.workgroups.selectors.continuation import continuing_label
from hubwork.workgroups.selectors.places import waiting_position


def my_work_groups_for(user: User) -> tuple[list[Enrolment], list[Enrolment]]:
    """Every enrolment of `user`, split into this year's and later (soonest first) and past
    years' (latest first), each with `position` on the waiting list and `next_session`."""
    today = timezone.localdate()
    upcoming = Session.objects.filter(date__gte=today).order_by("date", "starts_at", "number")
    enrolments: list[Enrolment] = list(
        Enrolment.objects.filter(user=user)
        .select_related("work_group__hub", "work_group__programme", "school")
        .annotate(continuing_label=continuing_label())
        .prefetch_related(
            Prefetch("work_group__sessions", queryset=upcoming, to_attr="upcoming_sessions")
        )
        .order_by("-work_group__academic_year", "work_group__title", "pk")
    )
    this_year = AcademicYear.current().start_year
    for enrolment in enrolments:
        # A person is on the waiting list of only a few Work Groups: one count each.
        enrolment.position = waiting_position(enrolment)  # type: ignore[attr-defined]
        sessions = [
            s
            for s in enrolment.work_group.upcoming_sessions  # type: ignore[attr-defined]
            if not s.is_cancelled
        ]
        enrolment.next_session = sessions[0] if sessions else None  # type: ignore[attr-defined]
    current = [e for e in enrolments if e.work_group.academic_year >= this_year]
    current.sort(key=lambda e: (e.work_group.academic_year, e.work_group.title))
    past = [e for e in enrolments if e.work_group.academic_year < this_year]
    return current, past


def takes_part(user: User) -> bool:
    """Whether My Work Groups and "Between sessions" are for this person: a teacher with no
    other role (they come to take part), or anyone with a place or a request for one, now or
    in an earlier year. Staff and leads who take part in nothing do not need them. One
    query at most."""
    if user.roles <= {Role.PARTICIPANT}:
        return True
    return Enrolment.objects.filter(user=user).exists()
