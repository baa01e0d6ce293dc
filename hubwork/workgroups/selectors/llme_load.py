"""The hub staff area's LLME load: each of the hub's LLMEs, the sessions they lead this term
for every hub they work for, the days a week agreed, and the clashes (selectors/clashes.py).

Another hub's sessions show only as a date and time "for another hub".

Terms are simple and fixed, so everyone reads them alike: autumn from 1 September to 31
December, spring from 1 January to 31 March, summer from 1 April to 31 August (Easter moves;
sessions in the Easter holiday are rare enough not to matter for a load check).
"""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.utils import timezone

from hubwork.accounts.models import User
from hubwork.hubs.models import Hub, HubRole
from hubwork.workgroups.selectors.clashes import (
    Agreement,
    Slot,
    WeekLoad,
    agreements,
    days_label,
    led_sessions,
    slots_by_lead,
    week_loads,
)


@dataclass(frozen=True)
class Term:
    name: str  # "autumn", "spring", "summer"
    starts_on: date
    ends_on: date

    @classmethod
    def for_date(cls, day: date) -> "Term":
        if day.month >= 9:
            return cls("autumn", date(day.year, 9, 1), date(day.year, 12, 31))
        if day.month <= 3:
            return cls("spring", date(day.year, 1, 1), date(day.year, 3, 31))
        return cls("summer", date(day.year, 4, 1), date(day.year, 8, 31))

    @classmethod
    def current(cls) -> "Term":
        return cls.for_date(timezone.localdate())

    def next(self) -> "Term":
        return Term.for_date(date.fromordinal(self.ends_on.toordinal() + 1))

    @property
    def label(self) -> str:
        """ "Autumn term 2026"."""
        return f"{self.name.capitalize()} term {self.starts_on.year}"


@dataclass
class LoadSession:
    """One session an LLME leads this term; `here` when it is for this hub (its title and
    Work Group show), otherwise only its date and time may."""

    slot: Slot
    here: bool
    overlaps: list[str] = field(default_factory=list)
    over_week: bool = False

    @property
    def has_clash(self) -> bool:
        return bool(self.overlaps) or self.over_week


@dataclass
class LlmeLoad:
    user: User
    role_pk: int  # their LLME role in this hub, where the days a week agreed are set
    agreed_here: Decimal | None
    agreed_in_all: Decimal | None
    hubs: int  # how many hubs they are an LLME of
    sessions: list[LoadSession]
    weeks: list[WeekLoad]

    @property
    def weeks_over(self) -> list[WeekLoad]:
        return [week for week in self.weeks if week.is_over]

    @property
    def week_problems(self) -> list[str]:
        return [problem for week in self.weeks_over for problem in week.problems(self.name)]

    @property
    def overlapping(self) -> int:
        return sum(1 for session in self.sessions if session.overlaps)

    @property
    def has_clash(self) -> bool:
        return bool(self.overlapping or self.weeks_over)

    @property
    def agreed_here_label(self) -> str:
        return days_label(self.agreed_here) if self.agreed_here is not None else "Not agreed"

    @property
    def agreed_in_all_label(self) -> str:
        """The sum agreed with all their hubs; "Not known" unless every hub has agreed some."""
        if self.hubs <= 1:
            return self.agreed_here_label
        return days_label(self.agreed_in_all) if self.agreed_in_all is not None else "Not known"

    @property
    def name(self) -> str:
        return self.user.display_name or self.user.email


def llme_load(*, hub: Hub, term: Term) -> list[LlmeLoad]:
    """The hub's current LLMEs by name, each with this term's sessions across every hub they
    lead for and the weeks and sessions that clash. Three queries however many LLMEs,
    sessions or hubs."""
    roles = (
        HubRole.objects.current()
        .filter(hub=hub, role=HubRole.Kind.LLME)
        .select_related("user")
        .order_by("user__display_name", "user__email", "pk")
    )
    users: dict[int, User] = {}
    role_pks: dict[int, int] = {}
    for role in roles:
        users.setdefault(role.user_id, role.user)
        role_pks.setdefault(role.user_id, role.pk)
    if not users:
        return []
    agreed = agreements(lead_pks=users, on=timezone.localdate())
    slots = slots_by_lead(
        led_sessions(lead_pks=users, starts_on=term.starts_on, ends_on=term.ends_on)
    )
    loads = []
    for user_pk, user in users.items():
        agreement = agreed.get(user_pk, Agreement({}))
        mine = slots.get(user_pk, [])
        weeks = week_loads(mine, hub_pk=hub.pk, agreement=agreement)
        over = {week.starts_on for week in weeks if week.is_over}
        sessions = []
        for slot in mine:
            overlaps = [
                other.describe(for_hub_pk=hub.pk)
                for other in mine
                if other.session_pk != slot.session_pk and slot.overlaps(other)
            ]
            sessions.append(
                LoadSession(
                    slot=slot,
                    here=slot.hub_pk == hub.pk,
                    overlaps=overlaps,
                    over_week=slot.week in over,
                )
            )
        loads.append(
            LlmeLoad(
                user=user,
                role_pk=role_pks[user_pk],
                agreed_here=agreement.for_hub(hub.pk),
                agreed_in_all=agreement.in_all(),
                hubs=len(agreement.days),
                sessions=sessions,
                weeks=weeks,
            )
        )
    return loads
