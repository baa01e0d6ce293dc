"""A rush: many people reach for the same few places at the same moment.

Each sign-up runs in its own thread with its own database connection, released together by
a barrier, so the Work Group row lock (PostgreSQL) or the IMMEDIATE transaction (SQLite) is
what keeps places from being oversold. pytest-django's SQLite test database lives in memory,
where threads share one cache and its table locks do not wait; so on SQLite the rush runs in a
subprocess against a real SQLite file, configured as Hubwork runs it.
"""

import json
import os
import subprocess
import sys
import textwrap
import threading
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.db import connection, connections

from hubwork.accounts.models import User
from hubwork.accounts.tests.factories import UserFactory
from hubwork.core.models import AuditEvent
from hubwork.hubs.tests.factories import HubFactory
from hubwork.schools.models import School
from hubwork.schools.tests.factories import SchoolFactory
from hubwork.workgroups.models import ColleagueInvitation, Enrolment, WorkGroup
from hubwork.workgroups.selectors.places import waiting_position
from hubwork.workgroups.services.places import (
    Applicant,
    interest_express,
    invitation_confirm,
    invitation_decline,
)
from hubwork.workgroups.tests.factories import WorkGroupFactory

REPO = Path(__file__).resolve().parents[3]
CAPACITY = 10
PEOPLE = 30
Status = Enrolment.Status


@dataclass
class Rush:
    work_group_id: int
    people: list[tuple[int, int]]  # (user id, school id), one thread each
    errors: list[str] = field(default_factory=list)


def rush_prepare(*, colleagues: bool = False) -> Rush:
    """A Work Group of CAPACITY places, one per school, and PEOPLE teachers: each from their
    own school, or with `colleagues` two from each school, signing up separately."""
    work_group = WorkGroupFactory.create(
        hub=HubFactory.create(), capacity=CAPACITY, per_school_limit=1
    )
    schools = [SchoolFactory.create().pk for _ in range(PEOPLE // 2 if colleagues else PEOPLE)]
    teachers = [
        (UserFactory.create(password=None).pk, schools[number % len(schools)])
        for number in range(PEOPLE)
    ]
    return Rush(work_group_id=work_group.pk, people=teachers)


def rush_run(rush: Rush) -> Rush:
    """Everyone signs up at once, each on a thread with its own connection."""
    barrier = threading.Barrier(len(rush.people))

    def sign_up(user_id: int, school_id: int) -> None:
        try:
            user = User.objects.get(pk=user_id)
            school = School.objects.get(pk=school_id)
            work_group = WorkGroup.objects.get(pk=rush.work_group_id)
            barrier.wait(timeout=30)
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

    threads = [threading.Thread(target=sign_up, args=person) for person in rush.people]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return rush


def rush_outcome(rush: Rush) -> dict[str, object]:
    """What the rush left behind, in plain data (so a subprocess can send it back as JSON)."""
    enrolments = list(
        Enrolment.objects.filter(work_group_id=rush.work_group_id).order_by("requested_at", "pk")
    )
    by_school: dict[int, int] = {}
    for enrolment in enrolments:
        if enrolment.status == Status.ENROLLED:
            by_school[enrolment.school_id] = by_school.get(enrolment.school_id, 0) + 1
    # The audit log's ids are handed out inside each sign-up's transaction, under the lock:
    # they are the order in which sign-ups went through.
    committed = [
        int(object_id)
        for object_id in AuditEvent.objects.filter(
            object_type="workgroups.enrolment",
            object_id__in=[str(enrolment.pk) for enrolment in enrolments],
        )
        .order_by("pk")
        .values_list("object_id", flat=True)
    ]
    return {
        "errors": rush.errors,
        "statuses": [enrolment.status for enrolment in enrolments],
        "schools": [enrolment.school_id for enrolment in enrolments],
        "requested_order": [enrolment.pk for enrolment in enrolments],
        "commit_order": committed,
        "positions": [waiting_position(enrolment) for enrolment in enrolments],
        "most_from_one_school": max(by_school.values(), default=0),
        "requested_at_distinct": len({enrolment.requested_at for enrolment in enrolments}),
    }


def assert_no_overselling(outcome: dict[str, object]) -> None:
    assert outcome["errors"] == []
    # In the order people asked: the first `capacity` have places, the rest wait in line.
    assert outcome["statuses"] == [Status.ENROLLED] * CAPACITY + [Status.WAITLISTED] * (
        PEOPLE - CAPACITY
    )
    assert outcome["commit_order"] == outcome["requested_order"]
    assert outcome["requested_at_distinct"] == PEOPLE
    assert outcome["positions"] == [None] * CAPACITY + list(range(1, PEOPLE - CAPACITY + 1))
    assert outcome["most_from_one_school"] == 1


def assert_first_of_each_school_placed(outcome: dict[str, object]) -> None:
    """Two colleagues per school, one place per school: the first to ask from each of the
    first CAPACITY schools to ask has a place; their colleagues and everyone later wait."""
    assert outcome["errors"] == []
    schools = outcome["schools"]
    assert isinstance(schools, list)
    seen: set[int] = set()
    expected = []
    for school in schools:
        placed = school not in seen and len(seen) < CAPACITY
        seen.add(school)
        expected.append(Status.ENROLLED if placed else Status.WAITLISTED)
    assert outcome["statuses"] == expected
    assert outcome["commit_order"] == outcome["requested_order"]
    assert outcome["most_from_one_school"] == 1


def skip_on_sqlite_in_memory() -> None:
    if connection.vendor == "sqlite" and connection.is_in_memory_db():  # type: ignore[attr-defined]
        pytest.skip(
            "threads cannot rush an in-memory SQLite database (shared-cache table locks do "
            "not wait); test_a_rush_on_a_sqlite_file runs the same rushes on a file"
        )


@pytest.mark.django_db(transaction=True)
def test_a_rush_of_sign_ups_fills_the_places_exactly_and_queues_the_rest():
    skip_on_sqlite_in_memory()
    outcome = rush_outcome(rush_run(rush_prepare()))

    assert_no_overselling(outcome)


@pytest.mark.django_db(transaction=True)
def test_a_rush_of_colleagues_keeps_the_per_school_limit_and_fills_every_place():
    skip_on_sqlite_in_memory()
    outcome = rush_outcome(rush_run(rush_prepare(colleagues=True)))

    assert_first_of_each_school_placed(outcome)


SQLITE_RUSH = textwrap.dedent(
    """
    import json
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)
    from hubwork.workgroups.tests import test_allocation_concurrency as rush

    outcomes = [
        rush.rush_outcome(rush.rush_run(rush.rush_prepare(colleagues=colleagues)))
        for colleagues in (False, True)
    ]
    print(json.dumps(outcomes))
    """
)


def sqlite_environment(tmp_path: Path, *, named_by_url: bool) -> dict[str, str]:
    """Hubwork's environment for a SQLite file: the default one in DATA_DIR, or one named by
    DATABASE_URL, which must be just as safe under a rush."""
    environment = {
        **os.environ,
        "DATA_DIR": str(tmp_path),
        "DJANGO_SETTINGS_MODULE": "hubwork.settings",
        "DEBUG": "false",
    }
    environment.pop("DATABASE_URL", None)
    if named_by_url:
        environment["DATABASE_URL"] = f"sqlite:///{tmp_path / 'named.sqlite3'}"
    return environment


@pytest.mark.parametrize("named_by_url", [False, True], ids=["default-file", "database-url"])
def test_a_rush_on_a_sqlite_file(tmp_path, named_by_url):
    """The same rushes on SQLite as Hubwork runs it: a file, WAL, IMMEDIATE transactions,
    whether the file is the default one or named by DATABASE_URL."""
    environment = sqlite_environment(tmp_path, named_by_url=named_by_url)
    finished = subprocess.run(  # noqa: S603 - our own interpreter running our own script
        [sys.executable, "-c", SQLITE_RUSH],
        cwd=REPO,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert finished.returncode == 0, finished.stderr
    alone, colleagues = json.loads(finished.stdout.strip().splitlines()[-1])

    assert_no_overselling(alone)
    assert_first_of_each_school_placed(colleagues)


# Colleagues confirming or saying no while newcomers sign up (issue 11) -------------------------

HELD_BATCHES = 5  # each: one person with a place and a place held for the colleague they named
DECLINING = 2
NEWCOMERS = 10


@dataclass
class ConfirmationRush:
    work_group_id: int
    # (kind, user id, object id): "confirm"/"decline" an invitation, or "sign_up" from a school.
    steps: list[tuple[str, int, int]]
    errors: list[str] = field(default_factory=list)


def confirmation_rush_prepare() -> ConfirmationRush:
    """CAPACITY places, all taken: HELD_BATCHES people each with a place and one held for the
    colleague they named. The colleagues answer (DECLINING of them say no) while NEWCOMERS from
    other schools sign up."""
    work_group = WorkGroupFactory.create(
        hub=HubFactory.create(), capacity=CAPACITY, per_school_limit=2
    )
    steps = []
    for number in range(HELD_BATCHES):
        teacher = UserFactory.create(password=None)
        colleague = UserFactory.create(password=None)
        enrolment = interest_express(
            work_group=work_group,
            school=SchoolFactory.create(),
            applicant=Applicant(user=teacher, role=Enrolment.Role.CLASS_TEACHER),
            colleagues=[colleague.email],
            leader_supports=True,
            by=teacher,
        )
        invitation = ColleagueInvitation.objects.get(batch=str(enrolment.batch))
        kind = "decline" if number < DECLINING else "confirm"
        steps.append((kind, colleague.pk, invitation.pk))
    for _ in range(NEWCOMERS):
        steps.append(("sign_up", UserFactory.create(password=None).pk, SchoolFactory.create().pk))
    return ConfirmationRush(work_group_id=work_group.pk, steps=steps)


def confirmation_rush_run(rush: ConfirmationRush) -> ConfirmationRush:
    barrier = threading.Barrier(len(rush.steps))

    def step(kind: str, user_id: int, object_id: int) -> None:
        try:
            user = User.objects.get(pk=user_id)
            work_group = WorkGroup.objects.get(pk=rush.work_group_id)
            invitation = (
                ColleagueInvitation.objects.get(pk=object_id) if kind != "sign_up" else None
            )
            school = School.objects.get(pk=object_id) if kind == "sign_up" else None
            barrier.wait(timeout=30)
            if invitation is not None and kind == "confirm":
                invitation_confirm(
                    invitation=invitation,
                    user=user,
                    role=Enrolment.Role.CLASS_TEACHER,
                    leader_supports=True,
                )
            elif invitation is not None:
                invitation_decline(invitation=invitation, user=user)
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


def confirmation_rush_outcome(rush: ConfirmationRush) -> dict[str, object]:
    enrolments = Enrolment.objects.filter(work_group_id=rush.work_group_id)
    invitations = ColleagueInvitation.objects.filter(work_group_id=rush.work_group_id)
    return {
        "errors": rush.errors,
        "taking_part": enrolments.filter(status__in=Enrolment.TAKING_PART).count(),
        "waiting": enrolments.filter(status=Status.WAITLISTED).count(),
        "held": invitations.filter(place_held=True).count(),
        "invitations": sorted(invitations.values_list("status", flat=True)),
    }


def assert_confirmations_never_oversell(outcome: dict[str, object]) -> None:
    """Every place is filled exactly once: the colleagues who confirmed keep theirs, the ones
    declined go to newcomers, and everyone else waits."""
    assert outcome["errors"] == []
    assert outcome["held"] == 0
    assert outcome["taking_part"] == CAPACITY
    assert outcome["waiting"] == NEWCOMERS - DECLINING
    assert (
        outcome["invitations"]
        == ["confirmed"] * (HELD_BATCHES - DECLINING) + ["declined"] * DECLINING
    )


@pytest.mark.django_db(transaction=True)
def test_colleagues_confirming_while_newcomers_rush_never_oversell():
    skip_on_sqlite_in_memory()
    outcome = confirmation_rush_outcome(confirmation_rush_run(confirmation_rush_prepare()))

    assert_confirmations_never_oversell(outcome)


SQLITE_CONFIRMATION_RUSH = textwrap.dedent(
    """
    import json
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)
    from hubwork.workgroups.tests import test_allocation_concurrency as rush

    run = rush.confirmation_rush_run(rush.confirmation_rush_prepare())
    print(json.dumps(rush.confirmation_rush_outcome(run)))
    """
)


@pytest.mark.parametrize("named_by_url", [False, True], ids=["default-file", "database-url"])
def test_colleagues_confirming_in_a_rush_on_a_sqlite_file(tmp_path, named_by_url):
    environment = sqlite_environment(tmp_path, named_by_url=named_by_url)
    finished = subprocess.run(  # noqa: S603 - our own interpreter running our own script
        [sys.executable, "-c", SQLITE_CONFIRMATION_RUSH],
        cwd=REPO,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert finished.returncode == 0, finished.stderr
    assert_confirmations_never_oversell(json.loads(finished.stdout.strip().splitlines()[-1]))
