"""Who may see and change evaluation: questionnaires, forms, responses and reports.

- Questionnaires (the instruments) are defined by national admins.
- A participant answers their own forms: session feedback, pre and post, for a Work Group in
  which they hold (or completed) a place. Anyone else's form is a 404, as if it did not exist.
- A school leader answers through the link in their email (a token): no account needed.
- A Work Group's leads and its hub's staff (`Access.LEAD`) see its response rates, its
  anonymous feedback and its report, and leads edit and submit the report; hub staff
  (`Access.MANAGE`) accept it or return it. Nobody sees who answered what.
- Hub staff see their hub's roll-up (`hubs.permissions.get_hub_for_user`); national admins
  every hub's and the national one (`accounts.permissions.require_national_admin`).

Views get objects only through these getters.
"""

from django.http import Http404
from django.shortcuts import get_object_or_404

from hubwork.accounts.models import User
from hubwork.accounts.permissions import require_national_admin
from hubwork.evaluation.models import EvaluationReport, Invitation, Questionnaire, Wave
from hubwork.workgroups.models import Enrolment, Session, WorkGroup
from hubwork.workgroups.permissions import Access, get_work_group_for_user


def get_questionnaire_for_user(user: User, *, pk: int) -> Questionnaire:
    """A questionnaire version, for national admins: 403 for anyone else, 404 if none."""
    require_national_admin(user)
    return get_object_or_404(Questionnaire.objects.select_related("programme"), pk=pk)


def get_own_enrolment_for_form(user: User, *, work_group_slug: str) -> Enrolment:
    """`user`'s own place (enrolled or completed) in the Work Group with this slug, for their
    pre, post and session feedback forms: a 404 for anyone else, whoever they are."""
    if not user.is_authenticated or not user.is_active:
        raise Http404("No such form.")
    return get_object_or_404(
        Enrolment.objects.select_related("work_group__programme", "work_group__hub"),
        work_group__slug=work_group_slug,
        user=user,
        status__in=Enrolment.MEMBERS,
    )


def get_own_session_for_feedback(user: User, *, work_group_slug: str, number: int) -> Session:
    """A session (by its number) of a Work Group `user` holds a place in, for its feedback
    form: 404 for anyone else, or a session that does not go ahead."""
    enrolment = get_own_enrolment_for_form(user, work_group_slug=work_group_slug)
    session = get_object_or_404(
        Session.objects.exclude(status=Session.Status.CANCELLED),
        work_group=enrolment.work_group,
        number=number,
    )
    session.work_group = enrolment.work_group
    return session


def get_leader_invitation(*, token: str) -> Invitation:
    """A school leader's request, by the token in their email's link: 404 for any other."""
    return get_object_or_404(
        Invitation.objects.select_related("work_group__programme", "work_group__hub", "school"),
        token=token,
        wave=Wave.SCHOOL_LEADER,
    )


def get_work_group_evaluation_for_user(
    user: User, *, hub_slug: str, pk: int, manage: bool = False
) -> WorkGroup:
    """A Work Group whose evaluation (response rates, feedback, report) `user` may see: its
    leads and its hub's staff; with `manage`, (accepting or returning its report) its hub's
    staff alone. 404 if no such Work Group in the hub, 403 for anyone else."""
    return get_work_group_for_user(
        user, access=Access.MANAGE if manage else Access.LEAD, hub_slug=hub_slug, pk=pk
    )


def get_report_for_user(
    user: User, *, hub_slug: str, pk: int, manage: bool = False
) -> EvaluationReport:
    """The evaluation report of a Work Group, for whoever may see its evaluation (see
    `get_work_group_evaluation_for_user`). A Work Group with no report yet gets an unsaved
    draft: the report services save it on its first change."""
    work_group = get_work_group_evaluation_for_user(user, hub_slug=hub_slug, pk=pk, manage=manage)
    report = EvaluationReport.objects.filter(work_group=work_group).first()
    if report is None:
        report = EvaluationReport(work_group=work_group)
    report.work_group = work_group
    return report
