"""Continuers accepting while others rush to sign up (issue 17): the place-allocation lock
holds for both, so no more than capacity are enrolled and no school passes its limit.

Like test_allocation_concurrency: on PostgreSQL the threads race the row lock; pytest-django's
in-memory SQLite cannot be raced by threads, so the same rush also runs in a subprocess on a
SQLite file, configured as Hubwork runs it.
"""

import json
import subprocess
import sys
import textwrap
import threading
from dataclasses import dataclass, field

import pytest
from django.db import connections

from hubwork.accounts.models import User
from hubwork.accounts.tests.factories import UserFactory
from hubwork.hubs.models import HubRole
from hubwork.hubs.tests.factories import HubFactory, HubRoleFactory
from hubwork.schools.models import School
from hubwork.schools.tests.factories import SchoolFactory
from hubwork.workgroups.models import ContinuationInvitation, Enrolment, WorkGroup
from hubwork.workgroups.services.continuation import continuation_accept, continuation_invite
from hubwork.workgroups.services.places import Applicant, interest_express
from hubwork.workgroups.services.work_groups import (
    work_group_copy_to_next_year,
    work_group_set_status,
)
from hubwork.workgroups.tests.factories import EnrolmentFactory, SessionFactory, WorkGroupFactory
from hubwork.workgroups.tests.test_allocation_concurrency import (
    REPO,
    skip_on_sqlite_in_memory,
    sqlite_environment,
)

CAPACITY = 8
PER_SCHOOL = 2
CONTINUERS = 6  # three schools, two each: each school's limit is reached by continuers alone
NEWCOMERS = 14  # half of them from the continuers' schools, half from schools of their own
Status = Enrolment.Status


@dataclass
class ContinuationRush:
    work_group_id: int
    # (kind, user id, object id): "accept" an invitation, or "sign_up" from a school.
    steps: list[tuple[str, int, int]]
    continuer_schools: list[int]
    errors: list[str] = field(default_factory=list)


def continuation_rush_prepare() -> ContinuationRush:
    """Last year's group with CONTINUERS completers, copied and invited; the copy is open.
    Continuers accept at the very moment NEWCOMERS sign up."""
    hub = HubFactory.create()
    lead = UserFactory.create(password=None)
    HubRoleFactory.create(user=lead, hub=hub, role=HubRole.Kind.LLME)
    original = WorkGroupFactory.create(
        hub=hub,
        leads=[lead],
        capacity=CAPACITY,
        per_school_limit=PER_SCHOOL,
        status=WorkGroup.Status.COMPLETED,
    )
    SessionFactory.create(work_group=original)
    schools = [SchoolFactory.create() for _ in range(CONTINUERS // PER_SCHOOL)]
    previous = [
        EnrolmentFactory.create(
            work_group=original,
            school=schools[number % len(schools)],
            user=UserFactory.create(password=None),
            status=Status.COMPLETED,
        )
        for number in range(CONTINUERS)
    ]
    copy = work_group_copy_to_next_year(work_group=original, by=lead)
    invitations = continuation_invite(work_group=copy, previous=previous, by=lead)
    work_group_set_status(work_group=copy, status=WorkGroup.Status.OPEN, by=lead)
    steps = [("accept", i.previous.user_id, i.pk) for i in invitations]
    for number in range(NEWCOMERS):
        school = schools[number % len(schools)] if number % 2 else SchoolFactory.create()
        steps.append(("sign_up", UserFactory.create(password=None).pk, school.pk))
    return ContinuationRush(
        work_group_id=copy.pk, steps=steps, continuer_schools=[s.pk for s in schools]
    )


def continuation_rush_run(rush: ContinuationRush) -> ContinuationRush:
    barrier = threading.Barrier(len(rush.steps))

    def step(kind: str, user_id: int, object_id: int) -> None:
        try:
            user = User.objects.get(pk=user_id)
            work_group = WorkGroup.objects.get(pk=rush.work_group_id)
            invitation = (
                ContinuationInvitation.objects.get(pk=object_id) if kind == "accept" else None
            )
            school = School.objects.get(pk=object_id) if kind == "sign_up" else None
            barrier.wait(timeout=30)
            if invitation is not None:
                continuation_accept(invitation=invitation, user=user, leader_supports=True)
            else:
                assert school is not None
                interest_express(
                    work_group=work_group,
                    school=school,
                    applicant=Applicant(user=user, role=Enrolment.Role.CLASS_TEACHER),
                    leader_supports=True,
                    by=user,
                )
        except Exception as error:  # any error at all fails the rush
            rush.errors.append(f"{type(error).__name__}: {error}")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=step, args=one) for one in rush.steps]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return rush


def continuation_rush_outcome(rush: ContinuationRush) -> dict[str, object]:
    enrolments = list(Enrolment.objects.filter(work_group_id=rush.work_group_id))
    by_school: dict[int, int] = {}
    for enrolment in enrolments:
        if enrolment.status in Enrolment.TAKING_PART:
            by_school[enrolment.school_id] = by_school.get(enrolment.school_id, 0) + 1
    invitations = ContinuationInvitation.objects.filter(work_group_id=rush.work_group_id)
    return {
        "errors": rush.errors,
        "people": len(enrolments),
        "taking_part": sum(e.status in Enrolment.TAKING_PART for e in enrolments),
        "waiting": sum(e.status == Status.WAITLISTED for e in enrolments),
        "most_from_one_school": max(by_school.values(), default=0),
        "continuers": sum(e.continues_from_id is not None for e in enrolments),
        "invitations_answered": invitations.exclude(
            status=ContinuationInvitation.Status.PENDING
        ).count(),
        "invitations_match": all(
            (i.status == ContinuationInvitation.Status.ACCEPTED)
            == (i.enrolment is not None and i.enrolment.status == Status.ENROLLED)
            for i in invitations.select_related("enrolment")
        ),
    }


def assert_continuers_and_rush_never_oversell(outcome: dict[str, object]) -> None:
    assert outcome["errors"] == []
    # Nobody lost: everyone who acted has one enrolment, with a place or waiting.
    assert outcome["people"] == CONTINUERS + NEWCOMERS
    assert outcome["taking_part"] == CAPACITY
    assert outcome["waiting"] == CONTINUERS + NEWCOMERS - CAPACITY
    assert isinstance(outcome["most_from_one_school"], int)
    assert outcome["most_from_one_school"] <= PER_SCHOOL
    assert outcome["continuers"] == CONTINUERS
    assert outcome["invitations_answered"] == CONTINUERS
    assert outcome["invitations_match"]


@pytest.mark.django_db(transaction=True)
def test_continuers_accepting_while_others_sign_up_never_oversell():
    skip_on_sqlite_in_memory()
    outcome = continuation_rush_outcome(continuation_rush_run(continuation_rush_prepare()))

    assert_continuers_and_rush_never_oversell(outcome)


SQLITE_CONTINUATION_RUSH = textwrap.dedent(
    """
    import json
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)
    from hubwork.workgroups.tests import test_continuation_concurrency as rush

    run = rush.continuation_rush_run(rush.continuation_rush_prepare())
    print(json.dumps(rush.continuation_rush_outcome(run)))
    """
)


def test_continuers_in_a_rush_on_a_sqlite_file(tmp_path):
    environment = sqlite_environment(tmp_path, named_by_url=False)
    finished = subprocess.run(  # noqa: S603 - our own interpreter running our own script
        [sys.executable, "-c", SQLITE_CONTINUATION_RUSH],
        cwd=REPO,
        env=environment,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert finished.returncode == 0, finished.stderr
    assert_continuers_and_rush_never_oversell(json.loads(finished.stdout.strip().splitlines()[-1]))
