"""Whatever people do, in whatever order, places hold.

Hypothesis drives sign-ups (alone, or naming a colleague with or without an account), the
colleague confirming, declining or not answering in time, withdrawals, offers accepted,
declined and lapsed, and a lead raising the capacity; after every step the invariants below
must hold. Each run happens inside a savepoint that is rolled back, so runs do not meet.

The services offer freed places inside their own transaction, so the machine calls nothing
else after them: "nobody waits for a place they could have" checks the services themselves.
Only a lead raising the capacity (a direct update here) is followed by `places_offer_next`.
"""

from datetime import timedelta

import pytest
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule, run_state_machine_as_test

from hubwork.accounts.models import User
from hubwork.accounts.tests.factories import UserFactory
from hubwork.hubs.tests.factories import HubFactory
from hubwork.schools.tests.factories import SchoolFactory
from hubwork.workgroups.models import ColleagueInvitation, Enrolment, WorkGroup
from hubwork.workgroups.selectors.places import waiting_position
from hubwork.workgroups.services.places import (
    Applicant,
    enrolment_withdraw,
    interest_express,
    invitation_confirm,
    invitation_decline,
    invitations_lapse,
    offer_accept,
    offer_decline,
    offers_expire,
    places_offer_next,
)
from hubwork.workgroups.tests.factories import WorkGroupFactory

Status = Enrolment.Status
Pending = ColleagueInvitation.Status.PENDING
SCHOOLS = 4


class PlacesMachine(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.savepoint = transaction.atomic()
        self.savepoint.__enter__()
        self.work_group = WorkGroupFactory.create(
            hub=HubFactory.create(), capacity=3, per_school_limit=2
        )
        self.schools = [SchoolFactory.create() for _ in range(SCHOOLS)]
        self.arrivals: list[int] = []  # enrolment ids, in the order people signed up
        self.colleagues_named = 0

    def teardown(self) -> None:
        transaction.set_rollback(True)
        self.savepoint.__exit__(None, None, None)

    # Helpers

    def enrolments(self, *statuses: str) -> list[Enrolment]:
        return list(
            Enrolment.objects.filter(work_group=self.work_group, status__in=statuses).order_by("pk")
        )

    def invitations(self, *statuses: str) -> list[ColleagueInvitation]:
        return list(
            ColleagueInvitation.objects.filter(
                work_group=self.work_group, status__in=statuses
            ).order_by("pk")
        )

    # Rules

    @rule(school=st.integers(0, SCHOOLS - 1), size=st.integers(1, 2), has_account=st.booleans())
    def sign_up(self, school: int, size: int, has_account: bool) -> None:
        teacher = UserFactory.create(password=None)
        emails = []
        for _ in range(size - 1):
            self.colleagues_named += 1
            email = f"colleague{self.colleagues_named}@example.org"
            if has_account:
                UserFactory.create(email=email, password=None)
            emails.append(email)
        enrolment = interest_express(
            work_group=self.work_group,
            school=self.schools[school],
            applicant=Applicant(user=teacher, role=Enrolment.Role.CLASS_TEACHER),
            colleagues=emails,
            leader_supports=True,
            by=teacher,
        )
        self.arrivals.append(enrolment.pk)

    @rule(pick=st.integers(0, 100), confirm=st.booleans())
    def colleague_answers(self, pick: int, confirm: bool) -> None:
        pending = self.invitations(Pending)
        if not pending:
            return
        invitation = pending[pick % len(pending)]
        # Someone without an account creates one with the invited address first.
        user = User.objects.filter(email=invitation.email).first() or UserFactory.create(
            email=invitation.email, password=None
        )
        if not confirm:
            invitation_decline(invitation=invitation, user=user)
            return
        enrolment = invitation_confirm(
            invitation=invitation,
            user=user,
            role=Enrolment.Role.CLASS_TEACHER,
            leader_supports=True,
        )
        # They queue where the sign-up that named them queues: after its earlier arrivals.
        batch = set(Enrolment.objects.filter(batch=invitation.batch).values_list("pk", flat=True))
        last = max(index for index, pk in enumerate(self.arrivals) if pk in batch)
        self.arrivals.insert(last + 1, enrolment.pk)

    @rule(pick=st.integers(0, 100))
    def colleague_does_not_answer_in_time(self, pick: int) -> None:
        pending = self.invitations(Pending)
        if pending:
            invitation = pending[pick % len(pending)]
            ColleagueInvitation.objects.filter(pk=invitation.pk).update(
                expires_at=timezone.now() - timedelta(minutes=1)
            )
            assert invitations_lapse() == 1

    @rule(pick=st.integers(0, 100))
    def withdraw(self, pick: int) -> None:
        active = self.enrolments(*Enrolment.TAKING_PART, *Enrolment.WAITING)
        if active:
            enrolment = active[pick % len(active)]
            enrolment_withdraw(enrolment=enrolment, by=enrolment.user)

    @rule(pick=st.integers(0, 100), accept=st.booleans())
    def answer_offer(self, pick: int, accept: bool) -> None:
        offers = self.enrolments(Status.OFFERED)
        if offers:
            enrolment = offers[pick % len(offers)]
            if accept:
                offer_accept(enrolment=enrolment, by=enrolment.user)
            else:
                offer_decline(enrolment=enrolment, by=enrolment.user)

    @rule()
    def offers_lapse(self) -> None:
        Enrolment.objects.filter(work_group=self.work_group, status=Status.OFFERED).update(
            offer_expires_at=timezone.now() - timedelta(minutes=1)
        )
        offers_expire()

    @rule(more=st.integers(1, 2))
    def capacity_raised(self, more: int) -> None:
        WorkGroup.objects.filter(pk=self.work_group.pk).update(capacity=F("capacity") + more)
        places_offer_next(work_group=self.work_group)

    # Invariants

    @invariant()
    def places_are_never_oversold(self) -> None:
        self.work_group.refresh_from_db()
        holding = self.enrolments(*Enrolment.TAKING_PART)
        assert len(holding) <= self.work_group.capacity
        for school in self.schools:
            from_school = [e for e in holding if e.school_id == school.pk]
            assert len(from_school) <= self.work_group.per_school_limit

    @invariant()
    def places_held_for_colleagues_count_too(self) -> None:
        self.work_group.refresh_from_db()
        holding = [e.school_id for e in self.enrolments(*Enrolment.TAKING_PART)]
        holding += [i.school_id for i in self.invitations(Pending) if i.place_held]
        assert len(holding) <= self.work_group.capacity
        for school in self.schools:
            assert holding.count(school.pk) <= self.work_group.per_school_limit
        available = WorkGroup.objects.with_availability().get(pk=self.work_group.pk)
        assert available.places_taken == len(holding)  # type: ignore[attr-defined]

    @invariant()
    def colleagues_are_placed_together(self) -> None:
        batches: dict[object, set[bool]] = {}
        for enrolment in self.enrolments(*Enrolment.TAKING_PART, *Enrolment.WAITING):
            if enrolment.batch is not None:
                batches.setdefault(enrolment.batch, set()).add(
                    enrolment.status in Enrolment.WAITING
                )
        assert all(len(waiting) == 1 for waiting in batches.values())
        # A colleague still asked to confirm holds a place when their batch has places, and
        # waits with it when it waits; once everyone who signed up has left, they are not
        # asked any more.
        for invitation in self.invitations(Pending):
            assert invitation.batch in batches
            batches[invitation.batch].add(not invitation.place_held)
        assert all(len(waiting) == 1 for waiting in batches.values())

    @invariant()
    def nobody_waits_for_a_place_they_could_have(self) -> None:
        self.work_group.refresh_from_db()
        # Places held for colleagues who have not confirmed yet are taken (issue 11), and
        # colleagues still asked to confirm wait with their batch, which needs room for them.
        holding = [e.school_id for e in self.enrolments(*Enrolment.TAKING_PART)]
        holding += [i.school_id for i in self.invitations(Pending) if i.place_held]
        free = self.work_group.capacity - len(holding)
        waiting = self.enrolments(Status.WAITLISTED)
        groups: dict[object, list[object]] = {}
        for enrolment in waiting:
            groups.setdefault(enrolment.batch or enrolment.pk, []).append(enrolment)
        for invitation in self.invitations(Pending):
            if not invitation.place_held and invitation.batch in groups:
                groups[invitation.batch].append(invitation)
        for group in groups.values():
            school_holds = holding.count(waiting_school(group))
            fits = len(group) <= free and (
                school_holds + len(group) <= self.work_group.per_school_limit
            )
            assert not fits, f"{len(group)} waiting with {free} places free"

    @invariant()
    def the_waiting_list_keeps_arrival_order(self) -> None:
        waiting = Enrolment.objects.filter(
            work_group=self.work_group, status__in=Enrolment.WAITING
        ).order_by("requested_at", "pk")
        in_line = [enrolment.pk for enrolment in waiting]
        assert in_line == [pk for pk in self.arrivals if pk in set(in_line)]
        positions = [waiting_position(enrolment) or 0 for enrolment in waiting]
        assert positions == sorted(positions)
        assert positions[:1] in ([], [1])

    @invariant()
    def closed_places_hold_nothing(self) -> None:
        assert all(e.offer_expires_at is None for e in self.enrolments(*Enrolment.CLOSED))
        answered = ColleagueInvitation.objects.filter(work_group=self.work_group).exclude(
            status=Pending
        )
        assert not answered.filter(place_held=True).exists()

    @invariant()
    def only_the_colleague_themselves_takes_their_place(self) -> None:
        """Naming a colleague never enrols them: every colleague's enrolment comes from
        their own confirmation of an invitation to their own address."""
        confirmed = {
            invitation.enrolment_id: invitation
            for invitation in self.invitations(ColleagueInvitation.Status.CONFIRMED)
        }
        inviters = set(self.arrivals) - set(confirmed)
        for enrolment in Enrolment.objects.filter(work_group=self.work_group).select_related(
            "user"
        ):
            if enrolment.pk in confirmed:
                assert confirmed[enrolment.pk].email == enrolment.user.email
                assert confirmed[enrolment.pk].batch == enrolment.batch
            else:
                assert enrolment.pk in inviters


def waiting_school(group: list[object]) -> int:
    first = group[0]
    assert isinstance(first, Enrolment)
    return first.school_id


@pytest.mark.django_db
def test_places_hold_whatever_people_do():
    run_state_machine_as_test(
        PlacesMachine,
        settings=settings(
            max_examples=15,
            stateful_step_count=12,
            deadline=None,
            suppress_health_check=[HealthCheck.too_slow],
        ),
    )
