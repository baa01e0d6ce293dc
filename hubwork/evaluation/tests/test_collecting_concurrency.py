"""Two runs of the hourly job at the same moment (two beat processes, or a run that overlaps
the next) email each person once. Run on PostgreSQL, where rows are locked and skipped; on
SQLite, IMMEDIATE transactions serialise the writers, and the in-memory test database cannot
show it (see workgroups' test_allocation_concurrency)."""

import threading
from datetime import timedelta

import pytest
from django.db import connection, connections
from django.utils import timezone

from hubwork.core.models import OutboxMessage
from hubwork.evaluation.models import Invitation, Questionnaire
from hubwork.evaluation.services.invitations import evaluation_requests_send
from hubwork.evaluation.tests.factories import QuestionnaireFactory
from hubwork.hubs.tests.factories import HubFactory
from hubwork.workgroups.tests.factories import (
    EnrolmentFactory,
    SessionFactory,
    WorkGroupFactory,
    days,
)

RUNS = 4
PEOPLE = 30

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="row locks are PostgreSQL's (SQLite: see doc)"
    ),
]


def _runs_at_once(now) -> list[str]:
    barrier = threading.Barrier(RUNS)
    errors: list[str] = []

    def run() -> None:
        try:
            barrier.wait(timeout=30)
            evaluation_requests_send(now=now)
        except Exception as error:  # any error at all fails the test
            errors.append(f"{type(error).__name__}: {error}")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run) for _ in range(RUNS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return errors


def test_runs_at_the_same_moment_email_each_person_once():
    QuestionnaireFactory.create(kind=Questionnaire.Kind.SESSION_FEEDBACK)
    work_group = WorkGroupFactory.create(hub=HubFactory.create())
    SessionFactory.create(work_group=work_group, date=days(-1))
    SessionFactory.create(work_group=work_group, date=days(20))
    for _ in range(PEOPLE):
        EnrolmentFactory.create(work_group=work_group)

    now = timezone.now()
    assert _runs_at_once(now) == []
    assert Invitation.objects.count() == PEOPLE
    assert OutboxMessage.objects.count() == PEOPLE
    # And the reminders, four days later.
    assert _runs_at_once(now + timedelta(days=4, minutes=1)) == []
    assert OutboxMessage.objects.count() == 2 * PEOPLE
    assert set(Invitation.objects.values_list("reminders_sent", flat=True)) == {1}
