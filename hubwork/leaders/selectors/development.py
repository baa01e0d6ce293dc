"""Reads for an LLME's development: who counts as an LLME, their own log with this year's
hours, their pairings and the quality-assurance visits to their sessions; a hub's pairings
and visits for its staff; co-leads' notes on a Work Group. Each decides its joins once, so a
page costs the same number of queries however much there is."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import Q, QuerySet, Sum
from django.utils import timezone

from hubwork.accounts.models import User
from hubwork.core.academic_years import AcademicYear
from hubwork.hubs.models import Hub, HubRole
from hubwork.leaders.models import DevelopmentEntry, LeadNote, Pairing, QualityVisit
from hubwork.workgroups.models import Session, WorkGroup

# How far back a hub's staff may choose a session to record a visit to.
VISIT_YEARS_BACK = 1


def is_llme(user: User) -> bool:
    """Anyone who has held an LLME role in a hub (now or in the past) or leads a Work Group:
    the people who keep a development log and a directory profile (at most two queries)."""
    if not user.is_authenticated or not user.is_active:
        return False
    held = HubRole.objects.filter(
        user=user, role=HubRole.Kind.LLME, starts_on__lte=timezone.localdate()
    ).exists()
    return held or WorkGroup.objects.filter(leads=user).exists()


def current_llmes(hub: Hub) -> QuerySet[User]:
    """The hub's LLMEs today, by name: the people staff may pair."""
    return User.objects.filter(
        is_active=True,
        pk__in=HubRole.objects.current().filter(hub=hub, role=HubRole.Kind.LLME).values("user_id"),
    ).order_by("display_name", "email")


def development_entries(user: User) -> QuerySet[DevelopmentEntry]:
    """The person's own log, newest first."""
    return DevelopmentEntry.objects.filter(user=user).order_by("-on", "-pk")


def hours_in_year(user: User, academic_year: AcademicYear) -> Decimal:
    """The hours logged with a date in `academic_year` (entries without hours count none)."""
    total = DevelopmentEntry.objects.filter(
        user=user, on__gte=academic_year.starts_on, on__lte=academic_year.ends_on
    ).aggregate(total=Sum("hours"))["total"]
    return total or Decimal("0")


def _pairings() -> QuerySet[Pairing]:
    return Pairing.objects.select_related("hub", "llme", "experienced")


def pairings_of(user: User) -> list[Pairing]:
    """Every pairing the person is in, as the new LLME or as the experienced co-lead,
    current ones first."""
    pairings = list(_pairings().filter(Q(llme=user) | Q(experienced=user)))
    today = timezone.localdate()
    return sorted(pairings, key=lambda pairing: not is_current(pairing, today))


def is_current(pairing: Pairing, today: date | None = None) -> bool:
    day = today or timezone.localdate()
    return pairing.starts_on <= day and (pairing.ends_on is None or pairing.ends_on >= day)


def _visits() -> QuerySet[QualityVisit]:
    return QualityVisit.objects.select_related(
        "session__work_group__hub", "session__work_group__programme", "llme", "visitor"
    )


def visits_to(user: User) -> QuerySet[QualityVisit]:
    """The quality-assurance visits to sessions the person led, newest first."""
    return _visits().filter(llme=user)


@dataclass(frozen=True)
class DevelopmentPage:
    entries: list[DevelopmentEntry]
    academic_year: AcademicYear
    hours_this_year: Decimal
    pairings: list[Pairing]
    visits: list[QualityVisit]


def development_page(user: User) -> DevelopmentPage:
    """Everything on an LLME's development page (four queries)."""
    academic_year = AcademicYear.current()
    return DevelopmentPage(
        entries=list(development_entries(user)),
        academic_year=academic_year,
        hours_this_year=hours_in_year(user, academic_year),
        pairings=pairings_of(user),
        visits=list(visits_to(user)),
    )


@dataclass(frozen=True)
class HubDevelopment:
    current_pairings: list[Pairing]
    past_pairings: list[Pairing]
    visits: list[QualityVisit]


def hub_development(hub: Hub) -> HubDevelopment:
    """A hub's pairings (current and ended) and the visits to its Work Groups' sessions
    (two queries). Visits belong to the hub of the session's Work Group, whoever led it."""
    today = timezone.localdate()
    pairings = list(_pairings().filter(hub=hub))
    return HubDevelopment(
        current_pairings=[pairing for pairing in pairings if is_current(pairing, today)],
        past_pairings=[pairing for pairing in pairings if not is_current(pairing, today)],
        visits=list(_visits().filter(session__work_group__hub=hub)),
    )


def sessions_to_visit(hub: Hub) -> QuerySet[Session]:
    """Sessions of the hub's Work Groups that staff may record a visit to: not cancelled,
    this academic year or last, newest first."""
    since = AcademicYear.current().start_year - VISIT_YEARS_BACK
    return (
        Session.objects.filter(work_group__hub=hub, work_group__academic_year__gte=since)
        .exclude(status=Session.Status.CANCELLED)
        .select_related("work_group")
        .order_by("-date", "-starts_at", "work_group__title")
    )


def session_leads(session: Session) -> list[User]:
    """The leads of the session's Work Group, by name."""
    return list(session.work_group.leads.order_by("display_name", "email"))


def lead_notes(work_group: WorkGroup) -> QuerySet[LeadNote]:
    """The co-leads' notes on a Work Group, newest first, with their authors."""
    return LeadNote.objects.filter(work_group=work_group).select_related("author")
