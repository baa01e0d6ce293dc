"""A colleague asked to confirm: a teacher at the demo participant's school has signed up to
one of GLOW's Work Groups and named her, so her My Work Groups asks her to confirm (with a
place held for her), and the teacher's own pages show they are waiting for her."""

from django.core.exceptions import ValidationError
from django.db.models import Q

from hubwork.accounts.models import User
from hubwork.core.academic_years import AcademicYear
from hubwork.hubs.models import Hub
from hubwork.schools.models import School
from hubwork.workgroups.models import Allocation, ColleagueInvitation, Enrolment, WorkGroup
from hubwork.workgroups.services.places import Applicant, interest_express

PARTICIPANT = "participant@example.org"


def seed_invitations(*, hubs: dict[str, Hub]) -> int:
    """Sign a demo teacher up through the sign-up service, naming the participant; nothing if
    she was named before or no GLOW Work Group is taking sign-ups today."""
    participant = User.objects.get(email=PARTICIPANT)
    if ColleagueInvitation.objects.filter(email=participant.email).exists():
        return 0
    own = Enrolment.objects.filter(user=participant).select_related("school").first()
    school = (
        own.school
        if own
        else School.objects.filter(local_authority__hub_area__hub=hubs["glow"]).order_by("urn")[0]
    )
    work_groups = (
        WorkGroup.objects.filter(
            hub=hubs["glow"],
            academic_year=AcademicYear.current().start_year,
            status=WorkGroup.Status.OPEN,
            allocation=Allocation.FIRST_COME,
        )
        .with_availability()
        .filter(Q(recruiting=True), Q(places_left__gte=2))
        .exclude(enrolments__user=participant)
        .order_by("title")
    )
    for work_group in work_groups:
        teacher = (
            User.objects.filter(email__startswith="teacher", email__endswith="@example.org")
            .exclude(enrolments__work_group=work_group)
            .order_by("-pk")
            .first()
        )
        if teacher is None:
            continue
        try:
            interest_express(
                work_group=work_group,
                school=school,
                applicant=Applicant(user=teacher, role=Enrolment.Role.SUBJECT_LEADER),
                colleagues=[participant.email],
                leader_supports=True,
                by=teacher,
            )
        except ValidationError:
            continue  # the school may not take this one; try the next
        return 2
    return 0
