"""Places, as the services in `workgroups.services.places` give them: one person at a time.

The rush of many at once is in test_allocation_concurrency.py; the invariants under any
sequence of steps are in test_allocation_state_machine.py.
"""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.utils import timezone

from hubwork.accounts.models import User
from hubwork.accounts.tests.factories import UserFactory
from hubwork.core.models import AuditEvent
from hubwork.schools.models import School
from hubwork.schools.tests.factories import SchoolFactory
from hubwork.workgroups.models import Allocation, ColleagueInvitation, Enrolment, WorkGroup
from hubwork.workgroups.selectors.places import waiting_position
from hubwork.workgroups.services.places import (
    Applicant,
    enrolment_move,
    enrolment_withdraw,
    interest_express,
    invitation_confirm,
    offer_accept,
    offer_decline,
    offers_expire,
    places_offer_next,
)
from hubwork.workgroups.tests.factories import WorkGroupFactory

Status = Enrolment.Status
pytestmark = pytest.mark.django_db


@pytest.fixture
def work_group(hub) -> WorkGroup:
    """Three places, at most two from one school, first come first served."""
    return WorkGroupFactory.create(hub=hub, capacity=3, per_school_limit=2)


def sign_up(
    work_group: WorkGroup, *, school: School | None = None, people: int = 1
) -> list[Enrolment]:
    """Colleagues from one school (a new one unless given) sign up together: the first names
    the others, who confirm straight away."""
    school = school or SchoolFactory.create()
    teachers = [UserFactory.create(password=None) for _ in range(people)]
    first = interest_express(
        work_group=work_group,
        school=school,
        applicant=Applicant(user=teachers[0], role=Enrolment.Role.CLASS_TEACHER),
        colleagues=[teacher.email for teacher in teachers[1:]],
        leader_supports=True,
        by=teachers[0],
    )
    return [first] + [
        invitation_confirm(
            invitation=ColleagueInvitation.objects.get(batch=str(first.batch), email=teacher.email),
            user=teacher,
            role=Enrolment.Role.CLASS_TEACHER,
            leader_supports=True,
        )
        for teacher in teachers[1:]
    ]


def statuses(enrolments: list[Enrolment]) -> list[str]:
    return [Enrolment.objects.get(pk=enrolment.pk).status for enrolment in enrolments]


def held(work_group: WorkGroup) -> int:
    return Enrolment.objects.filter(
        work_group=work_group, status__in=[Status.OFFERED, Status.ENROLLED, Status.COMPLETED]
    ).count()


# Signing up


def test_first_come_first_served_until_full_then_the_waiting_list(work_group):
    first, second, third, fourth, fifth = (sign_up(work_group)[0] for _ in range(5))

    assert statuses([first, second, third]) == [Status.ENROLLED] * 3
    assert statuses([fourth, fifth]) == [Status.WAITLISTED] * 2
    assert waiting_position(fourth) == 1
    assert waiting_position(fifth) == 2
    assert waiting_position(first) is None


def test_sign_up_is_audited(work_group):
    enrolment = sign_up(work_group)[0]

    event = AuditEvent.objects.for_object(enrolment).get()
    assert event.verb == "enrolment.enrolled"
    assert event.actor_id == enrolment.user_id
    assert event.hub_id == work_group.hub_id
    assert event.data == {"via": "sign-up"}


def test_colleagues_are_placed_together_or_not_at_all(work_group):
    sign_up(work_group)
    sign_up(work_group)  # one place left
    pair = sign_up(work_group, people=2)

    assert statuses(pair) == [Status.WAITLISTED] * 2
    assert pair[0].batch is not None
    assert pair[0].batch == pair[1].batch
    # Colleagues share one position in the queue.
    assert waiting_position(pair[0]) == waiting_position(pair[1]) == 1

    together = sign_up(WorkGroupFactory.create(capacity=3, per_school_limit=2), people=2)
    assert statuses(together) == [Status.ENROLLED] * 2


def test_a_school_cannot_sign_up_more_than_its_limit_at_once(work_group):
    with pytest.raises(ValidationError, match="up to 2 places"):
        sign_up(work_group, people=3)
    assert not Enrolment.objects.exists()


def test_a_school_at_its_limit_joins_the_waiting_list(work_group):
    school = SchoolFactory.create()
    sign_up(work_group, school=school, people=2)

    third = sign_up(work_group, school=school)[0]

    assert third.status == Status.WAITLISTED
    assert held(work_group) == 2


def test_signing_up_twice_is_refused(work_group):
    enrolment = sign_up(work_group)[0]

    with pytest.raises(ValidationError, match="already signed up"):
        interest_express(
            work_group=work_group,
            school=enrolment.school,
            applicant=Applicant(user=enrolment.user, role=Enrolment.Role.CLASS_TEACHER),
            leader_supports=True,
            by=enrolment.user,
        )


def test_the_school_leader_must_support_it(work_group, participant, hillside):
    with pytest.raises(ValidationError) as raised:
        interest_express(
            work_group=work_group,
            school=hillside,
            applicant=Applicant(user=participant, role=Enrolment.Role.CLASS_TEACHER),
            leader_supports=False,
            by=participant,
        )
    assert "leader_supports" in raised.value.message_dict


def test_a_closed_work_group_takes_no_sign_ups(work_group):
    WorkGroup.objects.filter(pk=work_group.pk).update(status=WorkGroup.Status.DRAFT)

    with pytest.raises(ValidationError, match="not taking sign-ups"):
        sign_up(work_group)


def test_under_hub_review_everyone_is_interested_until_offered(
    work_group, hub_lead, mailoutbox, django_capture_on_commit_callbacks
):
    WorkGroup.objects.filter(pk=work_group.pk).update(allocation=Allocation.REVIEW)
    first, second = sign_up(work_group)[0], sign_up(work_group)[0]

    assert statuses([first, second]) == [Status.INTERESTED] * 2
    assert waiting_position(second) == 2
    # Leads offer places themselves; the waiting list does not move on its own.
    assert places_offer_next(work_group=work_group) == []

    with django_capture_on_commit_callbacks(execute=True):
        offered = enrolment_move(
            enrolment=second, status=Status.OFFERED, by=hub_lead, reason="Nearest school"
        )
    assert offered.status == Status.OFFERED
    assert offered.offer_expires_at is not None
    assert [message.to for message in mailoutbox] == [[second.user.email]]


# Places freed: the next in line


def test_a_withdrawal_offers_the_place_to_the_next_in_line(
    work_group, mailoutbox, django_capture_on_commit_callbacks
):
    enrolled = [sign_up(work_group)[0] for _ in range(3)]
    next_in_line, after = sign_up(work_group)[0], sign_up(work_group)[0]

    with django_capture_on_commit_callbacks(execute=True):
        enrolment_withdraw(enrolment=enrolled[0], by=enrolled[0].user, reason="Moved school")

    next_in_line.refresh_from_db()
    assert next_in_line.status == Status.OFFERED
    assert next_in_line.offer_expires_at is not None
    assert timezone.now() + timedelta(hours=71) < next_in_line.offer_expires_at
    assert statuses([after]) == [Status.WAITLISTED]
    assert waiting_position(after) == 1
    assert [message.to for message in mailoutbox] == [[next_in_line.user.email]]
    assert work_group.title in mailoutbox[0].subject
    withdrawn = AuditEvent.objects.for_object(enrolled[0]).latest("pk")
    assert withdrawn.verb == "enrolment.withdrawn"
    assert withdrawn.data == {"before": "enrolled", "reason": "Moved school"}
    assert AuditEvent.objects.for_object(next_in_line).latest("pk").verb == "enrolment.offered"


def test_someone_whose_school_is_at_its_limit_is_passed_over_without_skipping_others(
    django_capture_on_commit_callbacks,
):
    work_group = WorkGroupFactory.create(capacity=4, per_school_limit=2)
    busy = SchoolFactory.create()
    sign_up(work_group, school=busy, people=2)
    leaving = sign_up(work_group)[0]
    sign_up(work_group)
    from_busy_school = sign_up(work_group, school=busy)[0]  # first in line, school at its limit
    other, last = sign_up(work_group)[0], sign_up(work_group)[0]

    with django_capture_on_commit_callbacks(execute=True):
        enrolment_withdraw(enrolment=leaving, by=leaving.user)

    assert statuses([from_busy_school, other, last]) == [
        Status.WAITLISTED,
        Status.OFFERED,
        Status.WAITLISTED,
    ]
    # Passed over for now, not moved down: still first in line.
    assert waiting_position(from_busy_school) == 1


def test_a_batch_is_offered_only_when_there_is_room_for_all_of_it(
    django_capture_on_commit_callbacks,
):
    work_group = WorkGroupFactory.create(capacity=3, per_school_limit=2)
    enrolled = [sign_up(work_group)[0] for _ in range(3)]
    pair = sign_up(work_group, people=2)
    single = sign_up(work_group)[0]

    with django_capture_on_commit_callbacks(execute=True):
        enrolment_withdraw(enrolment=enrolled[0], by=enrolled[0].user)
    # One place: not enough for the pair, who keep their place in line.
    assert statuses(pair) == [Status.WAITLISTED] * 2
    assert statuses([single]) == [Status.OFFERED]

    with django_capture_on_commit_callbacks(execute=True):
        enrolment_withdraw(enrolment=enrolled[1], by=enrolled[1].user)
        enrolment_withdraw(enrolment=enrolled[2], by=enrolled[2].user)
    assert statuses(pair) == [Status.OFFERED] * 2


def test_leaving_the_waiting_list_offers_nothing(work_group, django_capture_on_commit_callbacks):
    [sign_up(work_group) for _ in range(3)]
    waiting, after = sign_up(work_group)[0], sign_up(work_group)[0]

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        enrolment_withdraw(enrolment=waiting, by=waiting.user)

    assert callbacks == []
    assert statuses([waiting, after]) == [Status.WITHDRAWN, Status.WAITLISTED]
    assert waiting_position(after) == 1
    with pytest.raises(ValidationError, match="already withdrawn"):
        enrolment_withdraw(enrolment=waiting, by=waiting.user)


def test_someone_who_withdrew_comes_back_at_the_end_of_the_queue(work_group):
    [sign_up(work_group) for _ in range(3)]
    returning = sign_up(work_group)[0]
    enrolment_withdraw(enrolment=returning, by=returning.user)
    later = sign_up(work_group)[0]

    again = interest_express(
        work_group=work_group,
        school=returning.school,
        applicant=Applicant(user=returning.user, role=Enrolment.Role.CLASS_TEACHER),
        leader_supports=True,
        by=returning.user,
    )

    assert again.pk == returning.pk
    assert waiting_position(later) == 1
    assert waiting_position(again) == 2


# Offers: accept, decline, expire


@pytest.fixture
def offered(work_group, mailoutbox, django_capture_on_commit_callbacks) -> list[Enrolment]:
    """The Work Group is full; one place was freed and offered; two more people wait.

    The outbox starts empty again.
    """
    enrolled = [sign_up(work_group)[0] for _ in range(3)]
    waiting = [sign_up(work_group)[0] for _ in range(3)]
    with django_capture_on_commit_callbacks(execute=True):
        enrolment_withdraw(enrolment=enrolled[0], by=enrolled[0].user)
    assert statuses(waiting) == [Status.OFFERED, Status.WAITLISTED, Status.WAITLISTED]
    mailoutbox.clear()
    return [Enrolment.objects.get(pk=enrolment.pk) for enrolment in waiting]


def test_accepting_an_offer_enrols(offered):
    enrolment = offer_accept(enrolment=offered[0], by=offered[0].user)

    assert enrolment.status == Status.ENROLLED
    assert enrolment.offer_expires_at is None
    event = AuditEvent.objects.for_object(enrolment).latest("pk")
    assert (event.verb, event.data) == ("enrolment.enrolled", {"via": "offer"})
    with pytest.raises(ValidationError, match="no offer to accept"):
        offer_accept(enrolment=enrolment, by=enrolment.user)
    with pytest.raises(ValidationError, match="no offer to decline"):
        offer_decline(enrolment=enrolment, by=enrolment.user)


def test_declining_an_offer_moves_it_on(offered, mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        offer_decline(enrolment=offered[0], by=offered[0].user, reason="Too far")

    assert statuses(offered) == [Status.DECLINED, Status.OFFERED, Status.WAITLISTED]
    assert [message.to for message in mailoutbox] == [[offered[1].user.email]]
    assert AuditEvent.objects.for_object(offered[0]).latest("pk").verb == "enrolment.declined"


def test_an_expired_offer_cannot_be_accepted_and_lapses(
    offered, mailoutbox, django_capture_on_commit_callbacks
):
    past = timezone.now() - timedelta(minutes=1)
    Enrolment.objects.filter(pk=offered[0].pk).update(offer_expires_at=past)

    with pytest.raises(ValidationError, match="expired"):
        offer_accept(enrolment=offered[0], by=offered[0].user)
    with django_capture_on_commit_callbacks(execute=True):
        assert offers_expire() == 1

    assert statuses(offered) == [Status.DECLINED, Status.OFFERED, Status.WAITLISTED]
    event = AuditEvent.objects.for_object(offered[0]).latest("pk")
    assert (event.verb, event.actor_id) == ("enrolment.declined", None)
    assert event.data == {"before": "offered", "reason": "offer expired"}
    assert [message.to for message in mailoutbox] == [[offered[1].user.email]]


def test_offers_still_in_time_do_not_expire(offered):
    assert offers_expire() == 0
    assert statuses(offered)[0] == Status.OFFERED


# A lead moves people


def test_moving_someone_in_needs_room(work_group, hub_lead: User):
    [sign_up(work_group) for _ in range(3)]
    waiting = sign_up(work_group)[0]

    with pytest.raises(ValidationError, match="no room"):
        enrolment_move(enrolment=waiting, status=Status.ENROLLED, by=hub_lead, reason="Keen")
    with pytest.raises(ValidationError, match="Say why"):
        enrolment_move(enrolment=waiting, status=Status.ENROLLED, by=hub_lead, reason=" ")
    with pytest.raises(ValidationError, match="Choose a status"):
        enrolment_move(enrolment=waiting, status="vip", by=hub_lead, reason="Keen")
    assert statuses([waiting]) == [Status.WAITLISTED]


def test_moving_someone_in_respects_the_school_limit(hub_lead: User):
    work_group = WorkGroupFactory.create(capacity=5, per_school_limit=2)
    school = SchoolFactory.create()
    sign_up(work_group, school=school, people=2)
    third = sign_up(work_group, school=school)[0]

    with pytest.raises(ValidationError, match="school's limit"):
        enrolment_move(enrolment=third, status=Status.OFFERED, by=hub_lead, reason="Keen")


def test_moving_someone_out_offers_the_place_on(
    work_group, hub_lead: User, django_capture_on_commit_callbacks
):
    enrolled = [sign_up(work_group)[0] for _ in range(3)]
    waiting = sign_up(work_group)[0]

    with django_capture_on_commit_callbacks(execute=True):
        moved = enrolment_move(
            enrolment=enrolled[0], status=Status.WITHDRAWN, by=hub_lead, reason="Left the school"
        )

    assert moved.status == Status.WITHDRAWN
    assert statuses([waiting]) == [Status.OFFERED]
    event = AuditEvent.objects.for_object(moved).latest("pk")
    assert (event.verb, event.actor_id) == ("enrolment.withdrawn", hub_lead.pk)
    assert event.data == {"before": "enrolled", "reason": "Left the school"}


def test_moving_someone_to_where_they_are_changes_nothing(work_group, hub_lead: User):
    enrolment = sign_up(work_group)[0]
    before = AuditEvent.objects.count()

    enrolment_move(enrolment=enrolment, status=Status.ENROLLED, by=hub_lead, reason="Check")

    assert AuditEvent.objects.count() == before


def test_a_free_place_is_not_held_back_by_someone_who_cannot_take_it():
    work_group = WorkGroupFactory.create(capacity=4, per_school_limit=1)
    busy = SchoolFactory.create()
    sign_up(work_group, school=busy)
    sign_up(work_group, school=busy)  # waits: the school is at its limit; 3 places are free

    newcomer = sign_up(work_group)[0]

    assert newcomer.status == Status.ENROLLED


def test_a_stale_decline_does_not_undo_an_accepted_place(offered):
    seen_before_accepting = Enrolment.objects.get(pk=offered[0].pk)
    offer_accept(enrolment=offered[0], by=offered[0].user)

    with pytest.raises(ValidationError, match="no offer to decline"):
        offer_decline(enrolment=seen_before_accepting, by=offered[0].user)

    assert statuses([offered[0]]) == [Status.ENROLLED]


def test_people_waiting_are_offered_a_free_place_before_a_newcomer(work_group):
    [sign_up(work_group) for _ in range(3)]
    waiting = sign_up(work_group)[0]
    # A lead adds a place, and before anything offers it on, someone new signs up.
    WorkGroup.objects.filter(pk=work_group.pk).update(capacity=4)

    newcomer = sign_up(work_group)[0]

    assert statuses([waiting, newcomer]) == [Status.OFFERED, Status.WAITLISTED]
    assert waiting_position(newcomer) == 1


def test_an_offer_accepted_while_offers_lapse_stays_accepted(offered, hub_lead: User):
    """The beat run's list of lapsed offers can be stale by the time it takes the lock."""
    lapsed = Enrolment.objects.filter(pk=offered[0].pk)
    lapsed.update(offer_expires_at=timezone.now() - timedelta(minutes=1))
    accepted_meanwhile = False

    def accept_after_the_list_is_read(execute, sql, params, many, context):
        nonlocal accepted_meanwhile
        result = execute(sql, params, many, context)
        if not accepted_meanwhile and '"offer_expires_at" <' in sql:
            accepted_meanwhile = True
            # What a lead's move (or an accept just before the deadline) commits meanwhile.
            lapsed.update(status=Status.ENROLLED, offer_expires_at=None)
        return result

    with connection.execute_wrapper(accept_after_the_list_is_read):
        assert offers_expire() == 0

    assert accepted_meanwhile
    assert statuses(offered) == [Status.ENROLLED, Status.WAITLISTED, Status.WAITLISTED]


def test_a_colleague_left_waiting_alone_is_offered_a_place_that_now_fits(
    django_capture_on_commit_callbacks,
):
    work_group = WorkGroupFactory.create(capacity=3, per_school_limit=2)
    sign_up(work_group)
    sign_up(work_group)  # one place left
    staying, leaving = sign_up(work_group, people=2)  # waits: two do not fit in one place

    with django_capture_on_commit_callbacks(execute=True):
        enrolment_withdraw(enrolment=leaving, by=leaving.user)

    assert statuses([staying]) == [Status.OFFERED]
