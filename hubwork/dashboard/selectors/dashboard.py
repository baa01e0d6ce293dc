from typing import Any

from django.db.models import Prefetch
from django.utils import timezone

from hubwork.accounts.models import HUB_STAFF_ROLES, STAFF_ROLES, Role, User
from hubwork.accounts.two_factor import has_two_factor
from hubwork.core.academic_years import AcademicYear
from hubwork.dashboard.selectors.hub_overview import every_hub_figures, hub_overviews
from hubwork.evaluation.selectors.my_forms import forms_for_user
from hubwork.hubs.links import WAITING_FOR_HUB_STAFF
from hubwork.leaders.selectors.applications import has_llme_applications
from hubwork.practice.selectors.lead_overview import lead_overview
from hubwork.practice.selectors.my_practice import practice_by_work_group
from hubwork.research.selectors.projects import projects_for_member
from hubwork.research.selectors.session_readings import readings_before_next_sessions
from hubwork.workgroups.models import Enrolment, Session

SESSIONS_IN_ORDER = Prefetch("sessions", queryset=Session.objects.order_by("date", "starts_at"))


def dashboard_for_user(*, user: User) -> dict[str, Any]:
    """What a person's dashboard shows: for hub staff, what needs doing in each of their hubs;
    for the national team, every hub's headline figures; their Work Groups (taking part and
    leading, this academic year on; what is due between sessions and what they have logged;
    for those they lead, what needs doing, trials shared and who is quiet), roles, hub team
    roles and account security."""
    hub_roles = list(user.hub_roles.current().select_related("hub").order_by("hub__name", "role"))
    accreditations = list(user.accreditations.order_by("year_achieved"))
    roles = user.roles
    # Each hub whose staff area the person may open, once, by name (hub_roles are in order).
    staff_hubs = list(
        {role.hub.pk: role.hub for role in hub_roles if role.role in HUB_STAFF_ROLES}.values()
    )
    leading = lead_overview(user)
    this_year = AcademicYear.current().start_year
    taking_part = list(
        Enrolment.objects.filter(
            user=user, status__in=Enrolment.TAKING_PART, work_group__academic_year__gte=this_year
        )
        .select_related("work_group__hub", "work_group__programme", "school")
        .prefetch_related(Prefetch("work_group__sessions", queryset=SESSIONS_IN_ORDER.queryset))
        .order_by("work_group__title")
    )
    between_sessions = [group for group in practice_by_work_group(user) if group.is_running]
    feedback_forms = forms_for_user(user)
    return {
        "taking_part": taking_part,
        # Evaluation forms open now that the person has not answered yet, and whether any
        # they answered can still be changed.
        "feedback_forms": [form for form in feedback_forms if not form.answered],
        "feedback_answered": any(form.answered for form in feedback_forms),
        # What is due before the next sessions and what the person has logged, per Work Group.
        "between_sessions": between_sessions,
        # The readings set for each of their Work Groups' next sessions, and whether they
        # have read each.
        "readings_before_sessions": readings_before_next_sessions(user),
        # The research projects of the Work Groups they take part in or lead, with status.
        "research_projects": list(projects_for_member(user).select_related("hub")),
        "today": timezone.localdate(),
        # Members (enrolled or completed) have a group space; people offered a place do not yet.
        "member_statuses": Enrolment.MEMBERS,
        "leading": leading,
        "hub_overviews": hub_overviews(staff_hubs) if staff_hubs else [],
        "every_hub": every_hub_figures() if user.is_national_admin else [],
        "waiting_for_staff_labels": WAITING_FOR_HUB_STAFF.labels,
        "roles": [role for role in Role if role in roles],
        "hub_roles": hub_roles,
        "accreditations": accreditations,
        "is_staff_role": bool(roles & STAFF_ROLES),
        # Leads see their participants' details, so they need two-factor too (for those pages).
        "needs_two_factor": bool(roles & STAFF_ROLES) or bool(leading),
        "has_two_factor": has_two_factor(user),
        # Becoming an LLME (leaders): whether they have applied.
        "has_llme_applications": has_llme_applications(user),
        "staff_area_roles": HUB_STAFF_ROLES,
    }
