"""Demo PD Lead pathway and LLME records, in GLOW:

- last year's PD Lead cohort, led by the demo LLME (Liam Evans) with a co-lead, ran its
  sessions and registers and was completed: Nia Roberts completed it, so she holds the PD
  Lead accreditation and is an LLME of GLOW from 1 September (the hub lead set the start
  date); her record shows both;
- this year's cohort is open for interest (hub review), led by Liam: an accepted applicant
  (Dan Hughes) has a place, and Owen Price, accepted too, waits on the hub's PD Lead cohort
  page to be placed (with the applications demo's Sofia Martin, accepted by GLOW there);
- Liam's own record gets days a week agreed with GLOW and a renewal date for his PD Lead
  accreditation.

Every step goes through the services, as hub staff would take it. Loading twice changes
nothing: the cohorts are made once, by their codes.
"""

from datetime import date, time, timedelta
from decimal import Decimal

from django.utils import timezone

from hubwork.accounts.models import User
from hubwork.core.academic_years import AcademicYear
from hubwork.core.choices import Phase
from hubwork.hubs.models import Accreditation, Hub, HubRole
from hubwork.hubs.services import accreditation_save, hub_role_update
from hubwork.leaders.models import Application, HubApplication
from hubwork.leaders.services.pathway import pd_lead_cohort_place
from hubwork.programmes.models import Mode, Programme
from hubwork.schools.models import School
from hubwork.workgroups.models import Attendance, WorkGroup
from hubwork.workgroups.services.attendance import register_record
from hubwork.workgroups.services.completion import completion_apply
from hubwork.workgroups.services.sessions import session_add
from hubwork.workgroups.services.work_groups import work_group_create, work_group_set_status

LLME = "llme@example.org"
HUB_LEAD = "hub-lead@example.org"
PAST_CODE = "GLOW-PDL-PAST"
CURRENT_CODE = "GLOW-PDL"
# (email, name, role in school): the demo's own accepted applicants.
COMPLETER = ("nia.roberts@example.org", "Nia Roberts", "Maths lead")
WAITING = ("owen.price@example.org", "Owen Price", "Head of maths")
PLACED = ("dan.hughes@example.org", "Dan Hughes", "Year 6 teacher")


def _accepted(
    hub: Hub, school: School, person: tuple[str, str, str], password: str
) -> HubApplication:
    """An applicant `hub` has accepted (the applications pipeline's end, recorded directly as
    the other demo modules record their sign-ups)."""
    email, name, role = person
    user = User.objects.filter(email=email).first()
    if user is None:
        user = User.objects.create_user(email, password, display_name=name)
    existing = HubApplication.objects.filter(application__applicant=user, hub=hub).first()
    if existing is not None:
        return existing
    application = Application.objects.create(
        applicant=user,
        school=school,
        role_in_school=role,
        phases=[Phase.PRIMARY],
        experience="Teaching for nine years; maths lead for four, coaching colleagues.",
        why="I want to help teachers across the hub teach for mastery.",
        school_leader_name="Mrs Joanne Whitfield",
        school_leader_email="head@hillside.example.org",
        school_leader_asked_at=timezone.now() - timedelta(days=60),
        school_leader_confirmed_at=timezone.now() - timedelta(days=59),
        submitted_at=timezone.now() - timedelta(days=60),
    )
    return HubApplication.objects.create(
        application=application,
        hub=hub,
        status=HubApplication.Status.ACCEPTED,
        status_changed_at=timezone.now() - timedelta(days=20),
    )


def _cohort(
    *, hub: Hub, programme: Programme, leads: list[User], year: AcademicYear, code: str, by: User
) -> WorkGroup:
    return work_group_create(
        hub=hub,
        leads=leads,
        by=by,
        programme=programme,
        academic_year=year.start_year,
        code=code,
        title=f"PD Lead programme: GLOW cohort {year.label}",
        description=programme.summary,
        capacity=12,
        per_school_limit=2,
        mode=Mode.BLENDED,
        venue="Hillside Primary School, Birmingham",
        allocation="review",
    )


def _sessions(work_group: WorkGroup, dates: list[date], by: User) -> None:
    for day in dates:
        session_add(
            work_group=work_group,
            date=day,
            starts_at=time(9, 30),
            ends_at=time(15, 30),
            mode=Mode.FACE_TO_FACE,
            venue="Hillside Primary School, Birmingham",
            by=by,
        )


def seed_leader_records(*, hubs: dict[str, Hub], by: User, password: str) -> int:
    """The cohorts, their people and the records, unless they exist (safe to run twice)."""
    hub = hubs["glow"]
    if WorkGroup.objects.filter(hub=hub, code__in=[PAST_CODE, CURRENT_CODE]).exists():
        return 0
    lead = User.objects.filter(email=LLME).first()
    hub_lead = User.objects.filter(email=HUB_LEAD).first()
    programme = Programme.objects.filter(accreditation=Accreditation.Kind.PD_LEAD).first()
    schools = list(School.objects.filter(local_authority__hub_area__hub=hub).order_by("urn")[:3])
    if lead is None or hub_lead is None or programme is None or len(schools) < 3:
        return 0
    co_lead = (
        User.objects.filter(
            hub_roles__in=HubRole.objects.current().filter(hub=hub, role=HubRole.Kind.LLME)
        )
        .exclude(pk=lead.pk)
        .order_by("email")
        .first()
    )
    leads = [lead] if co_lead is None else [lead, co_lead]
    created = 0
    this_year = AcademicYear.current()
    last_year = this_year.previous()

    # Last year's cohort: placed, attended and completed, so Nia became an LLME.
    past = _cohort(hub=hub, programme=programme, leads=leads, year=last_year, code=PAST_CODE, by=by)
    _sessions(past, [last_year.starts_on + timedelta(weeks=6 + 7 * n) for n in range(6)], by)
    work_group_set_status(work_group=past, status=WorkGroup.Status.OPEN, by=by)
    nia = pd_lead_cohort_place(
        hub_application=_accepted(hub, schools[0], COMPLETER, password),
        work_group=past,
        by=hub_lead,
    )
    work_group_set_status(work_group=past, status=WorkGroup.Status.RUNNING, by=by)
    for session in past.sessions.order_by("number"):
        register_record(session=session, marks={nia.pk: Attendance.Status.PRESENT}, by=lead)
    completion_apply(work_group=past, by=hub_lead)
    created += 10
    # The hub lead agreed when she starts and her days a week.
    role = HubRole.objects.get(user=nia.user, hub=hub, role=HubRole.Kind.LLME)
    role.starts_on = this_year.starts_on
    role.days_per_week = Decimal("0.5")
    hub_role_update(hub_role=role, by=hub_lead)
    accreditation = Accreditation.objects.get(user=nia.user, kind=Accreditation.Kind.PD_LEAD)
    accreditation.renews_on = date(last_year.ends_on.year + 3, 8, 31)
    accreditation_save(accreditation=accreditation, by=hub_lead)

    # This year's cohort: open for interest under hub review, one applicant placed and one
    # waiting on the PD Lead cohort page.
    current = _cohort(
        hub=hub, programme=programme, leads=[lead], year=this_year, code=CURRENT_CODE, by=by
    )
    first = max(timezone.localdate() - timedelta(weeks=3), this_year.starts_on)
    _sessions(
        current, [min(first + timedelta(weeks=6 * n), this_year.ends_on) for n in range(6)], by
    )
    work_group_set_status(work_group=current, status=WorkGroup.Status.OPEN, by=by)
    placed = _accepted(hub, schools[1], PLACED, password)
    pd_lead_cohort_place(hub_application=placed, work_group=current, by=hub_lead)
    _accepted(hub, schools[2], WAITING, password)
    created += 10

    # Liam's own record: the days a week agreed with GLOW and when his PD Lead renews.
    lead_role = HubRole.objects.current().filter(user=lead, hub=hub, role=HubRole.Kind.LLME).first()
    if lead_role is not None and lead_role.days_per_week is None:
        lead_role.days_per_week = Decimal("1")
        hub_role_update(hub_role=lead_role, by=hub_lead)
        created += 1
    pd_lead = Accreditation.objects.filter(user=lead, kind=Accreditation.Kind.PD_LEAD).first()
    if pd_lead is not None and pd_lead.renews_on is None:
        pd_lead.renews_on = date(this_year.ends_on.year + 1, 8, 31)
        accreditation_save(accreditation=pd_lead, by=hub_lead)
        created += 1
    return created
