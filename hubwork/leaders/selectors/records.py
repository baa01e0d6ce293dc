"""An LLME's record: accreditations, the hubs they lead for with the days a week agreed, and
the Work Groups and sessions they lead across every hub, this year and in past years.

Who sees what (permissions.get_llme_for_user decides who sees the record at all):

- the LLME themselves and national admins see every Work Group they lead in full;
- a hub's staff see their own hub's Work Groups in full, and another hub's only once
  published, by title and hub with its co-leads, its sessions as a date and time only. No
  one's participants are on the record.

The record costs a fixed number of queries however many Work Groups and sessions it holds.
"""

from dataclasses import dataclass, field

from django.db.models import Prefetch
from django.urls import reverse
from django.utils import timezone

from hubwork.accounts.models import HUB_STAFF_ROLES, Role, User
from hubwork.core.academic_years import AcademicYear
from hubwork.evaluation.models import EvaluationReport
from hubwork.hubs.models import Accreditation, HubRole
from hubwork.workgroups.links import work_group_home_url
from hubwork.workgroups.models import Session, WorkGroup


@dataclass(frozen=True)
class Viewer:
    """Who is looking at a record, and which of its hubs they manage."""

    user: User
    is_llme: bool
    is_national_admin: bool
    staff_hub_ids: frozenset[int]
    hub_lead_hub_ids: frozenset[int]

    def sees_in_full(self, work_group: WorkGroup) -> bool:
        return self.is_llme or self.is_national_admin or work_group.hub_id in self.staff_hub_ids

    def manages(self, work_group: WorkGroup) -> bool:
        return self.is_national_admin or work_group.hub_id in self.staff_hub_ids

    def may_change(self, hub_id: int) -> bool:
        return self.is_national_admin or hub_id in self.hub_lead_hub_ids

    @property
    def may_change_accreditations(self) -> bool:
        return self.is_national_admin or bool(self.hub_lead_hub_ids)


@dataclass(frozen=True)
class LedWorkGroup:
    work_group: WorkGroup
    # The viewer sees its details: its sessions' places, its status, its report.
    in_full: bool
    url: str
    co_leads: list[User]
    sessions: list[Session]
    report: EvaluationReport | None
    report_url: str


@dataclass
class YearLed:
    year: AcademicYear
    work_groups: list[LedWorkGroup] = field(default_factory=list)

    @property
    def session_count(self) -> int:
        return sum(len(led.sessions) for led in self.work_groups)


@dataclass(frozen=True)
class HubLed:
    hub_role: HubRole
    current: bool
    may_change: bool

    @property
    def ended(self) -> bool:
        """Over (otherwise, if not current, it starts later)."""
        ends_on = self.hub_role.ends_on
        return not self.current and ends_on is not None and ends_on < timezone.localdate()


@dataclass(frozen=True)
class LlmeRecord:
    llme: User
    viewer: Viewer
    accreditations: list[Accreditation]
    hubs: list[HubLed]
    this_year: list[YearLed]  # this academic year and any planned for later
    past_years: list[YearLed]

    @property
    def may_change_accreditations(self) -> bool:
        return self.viewer.may_change_accreditations


def record_viewer(*, user: User, llme: User, llme_hub_ids: set[int]) -> Viewer:
    """The viewer's standing on `llme`'s record: the hubs they are staff of (and hub lead of)
    among those the LLME leads or led for (one query, none for a national admin)."""
    staff: set[int] = set()
    hub_leads: set[int] = set()
    if not user.is_national_admin:
        for hub_id, role in (
            HubRole.objects.current()
            .filter(user=user, role__in=HUB_STAFF_ROLES, hub_id__in=llme_hub_ids)
            .values_list("hub_id", "role")
        ):
            staff.add(hub_id)
            if role == Role.HUB_LEAD:
                hub_leads.add(hub_id)
    return Viewer(
        user=user,
        is_llme=user.pk == llme.pk,
        is_national_admin=user.is_national_admin,
        staff_hub_ids=frozenset(staff),
        hub_lead_hub_ids=frozenset(hub_leads),
    )


def llme_record(*, llme: User, viewer_user: User) -> LlmeRecord:
    """Everything on `llme`'s record that `viewer_user` may see (five queries)."""
    roles = list(
        HubRole.objects.filter(user=llme, role=HubRole.Kind.LLME)
        .select_related("hub")
        .order_by("-starts_on", "hub__name")
    )
    viewer = record_viewer(
        user=viewer_user, llme=llme, llme_hub_ids={hub_role.hub_id for hub_role in roles}
    )
    accreditations = list(Accreditation.objects.filter(user=llme).order_by("year_achieved", "kind"))
    current_ids = set(
        HubRole.objects.current()
        .filter(user=llme, role=HubRole.Kind.LLME)
        .values_list("pk", flat=True)
    )
    hubs = [
        HubLed(
            hub_role=hub_role,
            current=hub_role.pk in current_ids,
            may_change=viewer.may_change(hub_role.hub_id),
        )
        for hub_role in roles
    ]
    hubs.sort(key=lambda led: not led.current)  # current first, each part newest first

    work_groups = (
        WorkGroup.objects.filter(leads=llme)
        .select_related("hub", "programme", "evaluation_report")
        .prefetch_related(
            Prefetch("leads", queryset=User.objects.order_by("display_name", "pk")),
            Prefetch("sessions", queryset=Session.objects.order_by("date", "starts_at", "pk")),
        )
        .order_by("-academic_year", "title", "pk")
    )
    years: dict[int, YearLed] = {}
    for work_group in work_groups:
        led = _led(work_group, llme=llme, viewer=viewer)
        if led is not None:
            years.setdefault(
                work_group.academic_year, YearLed(year=AcademicYear(work_group.academic_year))
            ).work_groups.append(led)
    this_year = AcademicYear.current().start_year
    return LlmeRecord(
        llme=llme,
        viewer=viewer,
        accreditations=accreditations,
        hubs=hubs,
        this_year=[year for start, year in years.items() if start >= this_year][::-1],
        past_years=[year for start, year in years.items() if start < this_year],
    )


def _led(work_group: WorkGroup, *, llme: User, viewer: Viewer) -> LedWorkGroup | None:
    """One Work Group as this viewer may see it, or None when they may not see it at all."""
    in_full = viewer.sees_in_full(work_group)
    if not in_full and work_group.status == WorkGroup.Status.DRAFT:
        return None
    leads = list(work_group.leads.all())
    co_leads = [lead for lead in leads if lead.pk != llme.pk]
    sessions = list(work_group.sessions.all())
    report: EvaluationReport | None = None
    report_url = ""
    if in_full:
        url = work_group_home_url(work_group, is_hub_staff=viewer.manages(work_group))
        # Its report is for its hub's staff and its leads (evaluation.permissions).
        may_read_report = viewer.manages(work_group) or any(
            lead.pk == viewer.user.pk for lead in leads
        )
        try:
            report = work_group.evaluation_report
        except EvaluationReport.DoesNotExist:
            report = None
        if report is not None and may_read_report:
            report_url = reverse(
                "evaluation:report",
                kwargs={"hub_slug": work_group.hub.slug, "pk": work_group.pk},
            )
        elif not may_read_report:
            report = None
    else:
        url = work_group.get_absolute_url()
        # Another hub's sessions, as a date and time only: nothing that was called off.
        sessions = [session for session in sessions if not session.is_cancelled]
    return LedWorkGroup(
        work_group=work_group,
        in_full=in_full,
        url=url,
        co_leads=co_leads,
        sessions=sessions,
        report=report,
        report_url=report_url,
    )


def holds_another(accreditation: Accreditation) -> bool:
    """Whether its holder already has another accreditation of the same kind."""
    return (
        Accreditation.objects.filter(user_id=accreditation.user_id, kind=accreditation.kind)
        .exclude(pk=accreditation.pk)
        .exists()
    )
