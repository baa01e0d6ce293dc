"""Clashes in a Work Group lead's time, across every hub they lead for.

Two rules, checked whenever a session is planned or rearranged (the view warns; it never
blocks) and shown on the hub staff area's LLME load page:

- **Overlap**: the lead leads another session on the same date whose times overlap. Sessions
  that only touch (one ends at 4pm, the next starts at 4pm) do not clash.
- **More days than agreed in a week**: in one ISO week (Monday to Sunday), the lead leads
  sessions for a hub on more distinct days than the days a week agreed with that hub
  (`HubRole.days_per_week` of their LLME role there), or for all their hubs together on more
  days than the sum agreed with them all. Part days round up: a session takes the lead's day
  whatever its length, so half a day a week allows sessions on one day, 1.5 days on two. A
  hub with nothing agreed is not checked, and the total is checked only when every hub they
  lead for has agreed some days (otherwise the sum would understate what they do) and the
  week's sessions are for more than one hub (with one, the hub's own check says it all).

A session counts while it goes ahead: cancelled sessions, and every session of a cancelled
Work Group, are left out. Draft Work Groups count: their sessions are the plans people are
making, which is when a clash is best found.

Each clash is written for the hub whose page shows it: a session of that hub is named by its
Work Group and number; a session of another hub only as "a session for another hub" with its
date and time, never its title, hub, venue or participants.
"""

import datetime as dt
import hashlib
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, time, timedelta
from decimal import Decimal
from math import ceil

from django.db.models import F, QuerySet

from hubwork.accounts.models import User
from hubwork.core.times import day, time_range
from hubwork.hubs.models import HubRole
from hubwork.workgroups.models import Session, WorkGroup

WHEN = "D j M Y"  # Tue 2 Mar 2027


@dataclass(frozen=True)
class Slot:
    """One session one person leads, as the clash rules see it."""

    lead_pk: int
    hub_pk: int
    work_group_pk: int
    work_group_title: str
    number: int
    date: date
    starts_at: time
    ends_at: time
    session_pk: int | None = None  # None: a session being planned, not saved yet

    def overlaps(self, other: "Slot") -> bool:
        return (
            self.date == other.date
            and self.starts_at < other.ends_at
            and other.starts_at < self.ends_at
        )

    @property
    def week(self) -> dt.date:
        """The Monday of its ISO week."""
        return week_of(self.date)

    def describe(self, *, for_hub_pk: int) -> str:
        """The session as hub `for_hub_pk`'s staff may read it: another hub's only by when."""
        when = f"{day(self.date, WHEN)}, {time_range(self.starts_at, self.ends_at)}"
        if self.hub_pk == for_hub_pk:
            return f"session {self.number} of {self.work_group_title} on {when}"
        return f"a session for another hub on {when}"


def week_of(day_in_week: date) -> date:
    return day_in_week - timedelta(days=day_in_week.weekday())


def days_allowed(agreed: Decimal | None) -> int | None:
    """The session days a week that `agreed` days allow: part days round up (see above)."""
    return None if agreed is None else ceil(agreed)


def days_label(agreed: Decimal) -> str:
    """ "1 day", "0.5 days", "2 days"."""
    number = str(int(agreed)) if agreed == agreed.to_integral_value() else str(agreed)
    return f"{number} day" if number == "1" else f"{number} days"


def _days(count: int) -> str:
    return "1 day" if count == 1 else f"{count} days"


@dataclass(frozen=True)
class Agreement:
    """What one lead has agreed with the hubs they are an LLME of: hub pk → days a week
    (None where a role has nothing agreed)."""

    days: dict[int, Decimal | None]

    def for_hub(self, hub_pk: int) -> Decimal | None:
        return self.days.get(hub_pk)

    def in_all(self, hub_pks: Iterable[int] = ()) -> Decimal | None:
        """The sum agreed with every hub, or None unless every hub they are an LLME of, and
        every hub in `hub_pks`, has agreed some days."""
        hubs = set(self.days) | set(hub_pks)
        values = [self.days.get(hub_pk) for hub_pk in hubs]
        if not values or any(value is None for value in values):
            return None
        return sum((value for value in values if value is not None), Decimal(0))


@dataclass(frozen=True)
class WeekLoad:
    """One lead's week, from one hub's side: session days for the hub and for all hubs."""

    starts_on: date
    days_here: int
    allowed_here: int | None
    agreed_here: Decimal | None
    days_in_all: int
    allowed_in_all: int | None
    agreed_in_all: Decimal | None
    hubs: int

    @property
    def over_here(self) -> bool:
        return self.allowed_here is not None and self.days_here > self.allowed_here

    @property
    def over_in_all(self) -> bool:
        return (
            self.hubs > 1
            and self.allowed_in_all is not None
            and self.days_in_all > self.allowed_in_all
        )

    @property
    def is_over(self) -> bool:
        return self.over_here or self.over_in_all

    def problems(self, name: str) -> list[str]:
        """What is wrong with the week, in sentences naming `name` (the lead)."""
        week = f"the week beginning {day(self.starts_on, 'j F Y')}"
        problems = []
        if self.over_here and self.agreed_here is not None:
            problems.append(
                f"{name} leads sessions for this hub on {_days(self.days_here)} in {week}, "
                f"more than the {days_label(self.agreed_here)} a week agreed with this hub."
            )
        if self.over_in_all and self.agreed_in_all is not None:
            problems.append(
                f"{name} leads sessions on {_days(self.days_in_all)} in {week} across the hubs "
                f"they work for, more than the {days_label(self.agreed_in_all)} a week "
                "agreed with them all."
            )
        return problems


def week_loads(slots: Iterable[Slot], *, hub_pk: int, agreement: Agreement) -> list[WeekLoad]:
    """One lead's weeks (of `slots`, all theirs), each with its session days, for hub
    `hub_pk` and for all hubs, earliest first."""
    days_here: dict[date, set[date]] = defaultdict(set)
    days_in_all: dict[date, set[date]] = defaultdict(set)
    hubs: dict[date, set[int]] = defaultdict(set)
    for slot in slots:
        days_in_all[slot.week].add(slot.date)
        hubs[slot.week].add(slot.hub_pk)
        if slot.hub_pk == hub_pk:
            days_here[slot.week].add(slot.date)
    agreed_here = agreement.for_hub(hub_pk)
    loads = []
    for week in sorted(days_in_all):
        agreed_in_all = agreement.in_all(hubs[week])
        loads.append(
            WeekLoad(
                starts_on=week,
                days_here=len(days_here[week]),
                allowed_here=days_allowed(agreed_here),
                agreed_here=agreed_here,
                days_in_all=len(days_in_all[week]),
                allowed_in_all=days_allowed(agreed_in_all),
                agreed_in_all=agreed_in_all,
                hubs=len(hubs[week]),
            )
        )
    return loads


@dataclass(frozen=True)
class Clash:
    """One clash, in a sentence the hub's staff may read."""

    lead_name: str
    message: str


def clashes_of(
    slot: Slot, others: Sequence[Slot], *, name: str, agreement: Agreement, for_hub_pk: int
) -> list[Clash]:
    """The clashes of `slot` with `others` (the same lead's other sessions, not `slot`
    itself, including at least the rest of its week), for hub `for_hub_pk`'s staff to read."""
    clashes = [
        Clash(name, f"{name} also leads {other.describe(for_hub_pk=for_hub_pk)}, which overlaps.")
        for other in others
        if slot.overlaps(other)
    ]
    week = [other for other in others if other.week == slot.week]
    for load in week_loads([*week, slot], hub_pk=slot.hub_pk, agreement=agreement):
        clashes.extend(Clash(name, problem) for problem in load.problems(name))
    return clashes


def fingerprint(clashes: Sequence[Clash]) -> str:
    """A short token for a set of clashes, so a form knows the person saw these very ones
    before saving anyway (not a secret: it only saves asking twice)."""
    text = "\n".join(sorted(clash.message for clash in clashes))
    return hashlib.sha256(text.encode()).hexdigest()[:20]


# Reads ------------------------------------------------------------------------------------


def led_sessions(*, lead_pks: Iterable[int], starts_on: date, ends_on: date) -> QuerySet[Session]:
    """Sessions going ahead between two dates (inclusive) of Work Groups led by any of
    `lead_pks`, one row per session and lead, with `lead_pk` annotated and the Work Group
    fetched with it (one query)."""
    return (
        Session.objects.filter(
            work_group__leads__in=list(lead_pks), date__gte=starts_on, date__lte=ends_on
        )
        .exclude(status=Session.Status.CANCELLED)
        .exclude(work_group__status=WorkGroup.Status.CANCELLED)
        .annotate(lead_pk=F("work_group__leads"))
        .select_related("work_group")
        .order_by("date", "starts_at", "pk")
    )


def slot_of(session: Session, *, lead_pk: int) -> Slot:
    return Slot(
        lead_pk=lead_pk,
        hub_pk=session.work_group.hub_id,
        work_group_pk=session.work_group_id,
        work_group_title=session.work_group.title,
        number=session.number,
        date=session.date,
        starts_at=session.starts_at,
        ends_at=session.ends_at,
        session_pk=session.pk,
    )


def slots_by_lead(sessions: Iterable[Session]) -> dict[int, list[Slot]]:
    """Rows of `led_sessions` as each lead's slots, in date order."""
    slots: dict[int, list[Slot]] = defaultdict(list)
    for session in sessions:
        lead_pk: int = session.lead_pk  # type: ignore[attr-defined]
        slots[lead_pk].append(slot_of(session, lead_pk=lead_pk))
    return slots


def agreements(*, lead_pks: Iterable[int], on: date) -> dict[int, Agreement]:
    """Each lead's days a week agreed with the hubs they are an LLME of on `on` (one query).
    With two current LLME roles in one hub, the larger agreement counts."""
    days: dict[int, dict[int, Decimal | None]] = defaultdict(dict)
    rows = (
        HubRole.objects.current(on)
        .filter(user__in=list(lead_pks), role=HubRole.Kind.LLME)
        .values_list("user_id", "hub_id", "days_per_week")
    )
    for user_pk, hub_pk, agreed in rows:
        before = days[user_pk].get(hub_pk)
        days[user_pk][hub_pk] = agreed if before is None else max(before, agreed or before)
    return {user_pk: Agreement(dict(hubs)) for user_pk, hubs in days.items()}


def session_clashes(
    *,
    work_group: WorkGroup,
    date: date,
    starts_at: time,
    ends_at: time,
    session: Session | None = None,
    leads: Sequence[User] | None = None,
) -> list[Clash]:
    """The clashes a session of `work_group` on `date` from `starts_at` to `ends_at` would
    make for its leads (`session` is the one being rearranged, left out of the comparison),
    written for `work_group`'s hub. Three queries whatever the number of leads or sessions.

    A session the sessions service would refuse (ending before it starts, or outside the
    Work Group's year) clashes with nothing: its errors are the ones to show first."""
    if ends_at <= starts_at or date not in work_group.year:
        return []
    people = list(work_group.leads.all()) if leads is None else list(leads)
    if not people:
        return []
    lead_pks = [person.pk for person in people]
    week = week_of(date)
    sessions = led_sessions(lead_pks=lead_pks, starts_on=week, ends_on=week + timedelta(days=6))
    if session is not None:
        sessions = sessions.exclude(pk=session.pk)
    others = slots_by_lead(sessions)
    agreed = agreements(lead_pks=lead_pks, on=date)
    clashes: list[Clash] = []
    for person in people:
        proposed = Slot(
            lead_pk=person.pk,
            hub_pk=work_group.hub_id,
            work_group_pk=work_group.pk,
            work_group_title=work_group.title,
            number=session.number if session is not None else 0,
            date=date,
            starts_at=starts_at,
            ends_at=ends_at,
        )
        clashes.extend(
            clashes_of(
                proposed,
                others.get(person.pk, []),
                name=person.display_name or person.email,
                agreement=agreed.get(person.pk, Agreement({})),
                for_hub_pk=work_group.hub_id,
            )
        )
    return clashes


def work_group_clashes(
    *, work_group: WorkGroup, sessions: Sequence[Session]
) -> dict[int, list[Clash]]:
    """For the Work Group's staff page: each of `sessions` (its own) that clashes, by pk,
    with its clashes for its leads. Three queries however many sessions or leads."""
    going_ahead = [session for session in sessions if not session.is_cancelled]
    if not going_ahead or work_group.status == WorkGroup.Status.CANCELLED:
        return {}
    people = list(work_group.leads.all())
    if not people:
        return {}
    lead_pks = [person.pk for person in people]
    first = week_of(min(session.date for session in going_ahead))
    last = week_of(max(session.date for session in going_ahead)) + timedelta(days=6)
    slots = slots_by_lead(led_sessions(lead_pks=lead_pks, starts_on=first, ends_on=last))
    agreed = agreements(lead_pks=lead_pks, on=min(session.date for session in going_ahead))
    found: dict[int, list[Clash]] = {}
    for session in going_ahead:
        for person in people:
            mine = slots.get(person.pk, [])
            slot = slot_of(session, lead_pk=person.pk)
            others = [other for other in mine if other.session_pk != session.pk]
            clashes = clashes_of(
                slot,
                others,
                name=person.display_name or person.email,
                agreement=agreed.get(person.pk, Agreement({})),
                for_hub_pk=work_group.hub_id,
            )
            if clashes:
                found.setdefault(session.pk, []).extend(clashes)
    return found
