"""Demo LLME load: Liam Evans (llme@example.org) leads for a second hub, Origin, with clashes
that GLOW's hub lead sees on the LLME load page this term.

- He is an LLME of Origin as well as GLOW, with half a day a week agreed with each.
- Origin's Mastering Number twilight (online) meets on the day of one of his GLOW sessions
  this term, starting half an hour before that session ends: an overlapping pair.
- Origin's Sustaining Teaching for Mastery group meets the next day (or the day before), so
  that week he leads sessions on two days where one is agreed in all: a week over.

Dated from the day the demo is loaded, around his GLOW session nearest today this term, so
the load page always has something to flag. `seed_demo` runs this after every GLOW Work Group
is made. Safe to run twice: nothing is added once Origin's groups exist.
"""

from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.utils import timezone

from hubwork.accounts.models import User
from hubwork.core.academic_years import AcademicYear
from hubwork.hubs.models import Hub, HubRole
from hubwork.hubs.services import hub_role_grant, hub_role_update
from hubwork.programmes.models import Mode, Programme
from hubwork.workgroups.models import Session, WorkGroup
from hubwork.workgroups.selectors.llme_load import Term
from hubwork.workgroups.services.sessions import session_add
from hubwork.workgroups.services.work_groups import work_group_create, work_group_set_status

LLME = "llme@example.org"
HALF_A_DAY = Decimal("0.5")
TWILIGHT = "ORIGIN-LOAD-MN"
DAY_TIME = "ORIGIN-LOAD-SFM"


def _agree_half_a_day(*, hub: Hub, user: User, by: User) -> int:
    """An LLME role in the hub with half a day a week agreed (left alone if already set)."""
    role = HubRole.objects.current().filter(hub=hub, user=user, role=HubRole.Kind.LLME).first()
    created = 0
    if role is None:
        role = hub_role_grant(hub=hub, user=user, role=HubRole.Kind.LLME, by=by)
        created = 1
    if role.days_per_week is None:
        role.days_per_week = HALF_A_DAY
        hub_role_update(hub_role=role, by=by)
        created = 1
    return created


def _anchor(*, user: User, hub: Hub, term: Term, today: date) -> Session | None:
    """His GLOW session this term nearest today (the next one if there is a choice)."""
    sessions = Session.objects.filter(
        work_group__hub=hub,
        work_group__leads=user,
        date__gte=term.starts_on,
        date__lte=term.ends_on,
        status=Session.Status.SCHEDULED,
    ).exclude(work_group__status=WorkGroup.Status.CANCELLED)
    return min(
        sessions,
        key=lambda session: (abs((session.date - today).days), -session.date.toordinal()),
        default=None,
    )


def _next_day_in_week(day: date, term: Term) -> date:
    """Another weekday in the same ISO week, inside the term."""
    after, before = day + timedelta(days=1), day - timedelta(days=1)
    if day.weekday() < 4 and after <= term.ends_on:
        return after
    return before if before >= term.starts_on and day.weekday() > 0 else after


def _shift(at: time, minutes: int) -> time:
    return (datetime.combine(date(2000, 1, 1), at) + timedelta(minutes=minutes)).time()


def seed_llme_load(*, hubs: dict[str, Hub], by: User) -> int:
    """Give the demo LLME a second hub with an overlapping session and a week over."""
    user = User.objects.filter(email=LLME).first()
    glow, origin = hubs.get("glow"), hubs.get("origin")
    if user is None or glow is None or origin is None:
        return 0
    created = _agree_half_a_day(hub=glow, user=user, by=by)
    created += _agree_half_a_day(hub=origin, user=user, by=by)
    year = AcademicYear.current()
    if WorkGroup.objects.filter(hub=origin, academic_year=year.start_year, code=TWILIGHT).exists():
        return created
    today = timezone.localdate()
    term = Term.for_date(today)
    anchor = _anchor(user=user, hub=glow, term=term, today=today)
    if anchor is None:
        return created
    programmes = {programme.slug: programme for programme in Programme.objects.all()}
    short = origin.name.replace(" Maths Hub", "")

    twilight = work_group_create(
        hub=origin,
        leads=[user],
        by=by,
        programme=programmes["mastering-number"],
        academic_year=year.start_year,
        code=TWILIGHT,
        title=f"Mastering Number: {short} twilight",
        description=programmes["mastering-number"].summary,
        capacity=20,
        per_school_limit=2,
        mode=Mode.ONLINE,
        venue="Online across Staffordshire",
    )
    # Starts half an hour before his GLOW session ends: the overlapping pair.
    starts_at = _shift(anchor.ends_at, -30)
    session_add(
        work_group=twilight,
        date=anchor.date,
        starts_at=starts_at,
        ends_at=_shift(starts_at, 90),
        mode=Mode.ONLINE,
        joining_link="https://meet.example.org/origin-twilight",
        by=by,
    )
    work_group_set_status(work_group=twilight, status=WorkGroup.Status.OPEN, by=by)

    day_time = work_group_create(
        hub=origin,
        leads=[user],
        by=by,
        programme=programmes["sustaining-teaching-for-mastery"],
        academic_year=year.start_year,
        code=DAY_TIME,
        title=f"Sustaining Teaching for Mastery: {short} schools",
        description=programmes["sustaining-teaching-for-mastery"].summary,
        capacity=16,
        per_school_limit=2,
        mode=Mode.FACE_TO_FACE,
        venue="Meadow Lane Primary, Lichfield",
    )
    # A second day in the same week: two days where half a day is agreed with each hub.
    session_add(
        work_group=day_time,
        date=_next_day_in_week(anchor.date, term),
        starts_at=time(9, 30),
        ends_at=time(12, 30),
        mode=Mode.FACE_TO_FACE,
        venue="Meadow Lane Primary, Lichfield",
        by=by,
    )
    work_group_set_status(work_group=day_time, status=WorkGroup.Status.OPEN, by=by)
    return created + 4
