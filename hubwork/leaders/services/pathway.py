"""The PD Lead pathway: hub staff place an accepted applicant in a cohort of the hub's PD Lead
programme. The cohort is then an ordinary Work Group (sessions, register, completion), and
completing it accredits them and makes them an LLME of the hub (workgroups' completion calls
hubs.services.llme_accredit).

Placing goes through the allocation services (`interest_express`, then `enrolment_move` when
the sign-up alone did not give a place), which lock the Work Group and re-check capacity and
the school's limit: a cohort is never overfilled, and a place that is not there is refused
with nothing saved.
"""

from django.core.exceptions import ValidationError
from django.db import transaction

from hubwork.accounts.models import User
from hubwork.core.audit import audit
from hubwork.leaders.models import HubApplication
from hubwork.workgroups.models import Enrolment, WorkGroup
from hubwork.workgroups.services.places import Applicant, enrolment_move, interest_express

PLACED_REASON = "Placed in the PD Lead cohort from their accepted LLME application."


def pd_lead_cohort_place(
    *, hub_application: HubApplication, work_group: WorkGroup, by: User
) -> Enrolment:
    """Give an accepted applicant a place in one of the hub's PD Lead cohorts, with the school
    from their application. They are emailed about their place as anyone signing up is."""
    application = hub_application.application
    if hub_application.status != HubApplication.Status.ACCEPTED:
        raise ValidationError(
            {"hub_application": "Only an applicant who has accepted can join a cohort."}
        )
    if work_group.hub_id != hub_application.hub_id:
        raise ValidationError({"work_group": "Choose one of this hub's cohorts."})
    if not work_group.programme.accreditation:
        raise ValidationError(
            {"work_group": f"{work_group.title} is not a cohort of an accrediting programme."}
        )
    if work_group.status != WorkGroup.Status.OPEN:
        raise ValidationError(
            {
                "work_group": f"{work_group.title} is {work_group.get_status_display().lower()}: "
                "open it for interest to place people in it."
            }
        )
    applicant = application.applicant
    with transaction.atomic():
        try:
            enrolment = interest_express(
                work_group=work_group,
                school=application.school,
                applicant=Applicant(
                    user=applicant,
                    role=Enrolment.Role.OTHER,
                    school_leader_name=application.school_leader_name,
                    school_leader_email=application.school_leader_email,
                ),
                # Their school leader's support was part of the application.
                leader_supports=True,
                by=by,
            )
        except ValidationError as error:
            raise ValidationError(_in_staff_words(error, applicant)) from error
        if enrolment.status != Enrolment.Status.ENROLLED:
            # Hub review, or a waiting list: the place is given (or refused) under the lock.
            enrolment = enrolment_move(
                enrolment=enrolment, status=Enrolment.Status.ENROLLED, by=by, reason=PLACED_REASON
            )
        audit(
            by,
            "llme_application.placed_in_cohort",
            hub_application,
            hub=hub_application.hub_id,
            work_group=work_group.pk,
            enrolment=enrolment.pk,
        )
    return enrolment


def _in_staff_words(error: ValidationError, applicant: User) -> list[str]:
    """The sign-up's reasons, which speak to the person signing up, said to hub staff."""
    messages = []
    for message in error.messages:
        if message == "You have already signed up to this Work Group.":
            message = f"{applicant.display_name} is already in this Work Group."
        messages.append(message)
    return messages
