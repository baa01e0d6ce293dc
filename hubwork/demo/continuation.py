"""Demo continuing participants: GLOW's Mastering Number group for teaching assistants, led by
the demo LLME, ran last year and was copied into this year as a draft starting in the spring
term. Its leads invited last year's completers: one took a place before sign-up opened (the
participants list shows "Second year with this group"), the demo participant has not answered
yet (My Work Groups asks her), and one completer is still to be invited."""

from datetime import date, time, timedelta

from django.utils import timezone

from hubwork.accounts.models import User
from hubwork.core.academic_years import AcademicYear
from hubwork.hubs.models import Hub
from hubwork.programmes.models import Mode, Programme
from hubwork.schools.models import School
from hubwork.workgroups.models import Enrolment, WorkGroup
from hubwork.workgroups.services.continuation import continuation_accept, continuation_invite
from hubwork.workgroups.services.sessions import session_add
from hubwork.workgroups.services.work_groups import (
    work_group_copy_to_next_year,
    work_group_create,
    work_group_set_status,
)

LLME = "llme@example.org"
PARTICIPANT = "participant@example.org"
CODE = "GLOW-MNC"
# Last year's completers besides the participant: the first accepts, the second waits to be
# invited.
TEACHERS = ("teacher21@example.org", "teacher22@example.org")


def _session_dates(last_year: AcademicYear) -> list[date]:
    """Three dates last year that fall, a year on, a few weeks from now: the copy has not
    started, so its invitations are still open."""
    start = timezone.localdate() - timedelta(weeks=52) + timedelta(weeks=5)
    dates = [start + timedelta(weeks=6 * number) for number in range(3)]
    return [min(max(day, last_year.starts_on), last_year.ends_on) for day in dates]


def seed_continuation(*, hubs: dict[str, Hub], by: User) -> int:
    """Create the group, its copy and the invitations unless they exist (safe to run twice)."""
    hub = hubs["glow"]
    last_year = AcademicYear.current().previous()
    if WorkGroup.objects.filter(hub=hub, code=CODE).exists():
        return 0
    lead = User.objects.filter(email=LLME).first()
    participant = User.objects.filter(email=PARTICIPANT).first()
    teachers = list(User.objects.filter(email__in=TEACHERS).order_by("email"))
    schools = list(School.objects.filter(local_authority__hub_area__hub=hub).order_by("urn")[:2])
    programme = Programme.objects.filter(slug="mastering-number").first()
    if lead is None or participant is None or len(teachers) < 2 or len(schools) < 2:
        return 0
    if programme is None:
        return 0
    original = work_group_create(
        hub=hub,
        leads=[lead],
        by=by,
        programme=programme,
        academic_year=last_year.start_year,
        code=CODE,
        title="Mastering Number for teaching assistants: GLOW",
        description=programme.summary,
        capacity=12,
        per_school_limit=2,
        mode=Mode.ONLINE,
        venue="Online across the hub's area",
    )
    for day in _session_dates(last_year):
        session_add(
            work_group=original,
            date=day,
            starts_at=time(15, 45),
            ends_at=time(17, 15),
            mode=Mode.ONLINE,
            joining_link="https://meet.example.org/hubwork-demo",
            by=by,
        )
    # Demo completers are recorded directly, as the other demo groups' sign-ups are placed.
    people = [(participant, schools[0]), (teachers[0], schools[1]), (teachers[1], schools[1])]
    completers = Enrolment.objects.bulk_create(
        Enrolment(
            work_group=original,
            user=person,
            school=school,
            status=Enrolment.Status.COMPLETED,
            role=Enrolment.Role.TEACHING_ASSISTANT,
            leader_supports=True,
        )
        for person, school in people
    )
    work_group_set_status(work_group=original, status=WorkGroup.Status.COMPLETED, by=by)
    copy = work_group_copy_to_next_year(work_group=original, by=lead)
    invitations = continuation_invite(work_group=copy, previous=completers[:2], by=lead)
    accepted = next(i for i in invitations if i.previous.user_id == teachers[0].pk)
    continuation_accept(invitation=accepted, user=teachers[0], leader_supports=True)
    return 2 + len(completers) + len(invitations)
