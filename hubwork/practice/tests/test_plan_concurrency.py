"""Co-leads saving the same plan at the same moment: one save wins, every other is refused
with a conflict, nothing is half-written. PostgreSQL only: the session row lock is what is
tested, and pytest-django's in-memory SQLite does not make threads wait for locks."""

import threading

import pytest
from django.db import connection, connections

from hubwork.accounts.models import User
from hubwork.accounts.tests.factories import UserFactory
from hubwork.core.models import AuditEvent
from hubwork.practice.models import SessionPlan
from hubwork.practice.services.plans import ActivityData, PlanConflict, plan_save
from hubwork.workgroups.models import Session
from hubwork.workgroups.tests.factories import SessionFactory

pytestmark = pytest.mark.django_db(transaction=True)

LEADS = 6


@pytest.mark.parametrize("first_save", [True, False], ids=["first save", "later save"])
def test_co_leads_saving_at_once_never_overwrite_each_other(transactional_db, first_save):
    if connection.vendor != "postgresql":
        pytest.skip("Row locks are tested on PostgreSQL (set DATABASE_URL)")
    session = SessionFactory.create()
    leads = [UserFactory.create(password=None, display_name=f"Lead {n}") for n in range(LEADS)]
    version = 0
    if not first_save:
        earlier = [ActivityData(title="Earlier", kind="input", minutes=10)]
        version = plan_save(session=session, activities=earlier, version=0, by=leads[0]).version
    barrier = threading.Barrier(LEADS)
    saved: list[int] = []
    refused: list[int] = []
    errors: list[str] = []

    def save(user_id: int) -> None:
        try:
            user = User.objects.get(pk=user_id)
            own = Session.objects.select_related("work_group").get(pk=session.pk)
            barrier.wait(timeout=30)
            activities = [ActivityData(title=f"By {user.display_name}", kind="input", minutes=30)]
            try:
                plan_save(session=own, activities=activities, version=version, by=user)
            except PlanConflict:
                refused.append(user_id)
            else:
                saved.append(user_id)
        except Exception as error:  # any other error fails the test
            errors.append(f"{type(error).__name__}: {error}")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=save, args=(lead.pk,)) for lead in leads]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert errors == []
    assert len(saved) == 1
    assert len(refused) == LEADS - 1
    plan = SessionPlan.objects.get(session=session)
    assert plan.version == version + 1
    winner = User.objects.get(pk=saved[0])
    assert plan.updated_by == winner
    assert list(plan.activities.values_list("title", flat=True)) == [f"By {winner.display_name}"]
    assert AuditEvent.objects.filter(verb="session_plan.saved").count() == version + 1
