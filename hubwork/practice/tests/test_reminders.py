"""Reminders before sessions, run as Celery beat runs them: members who have logged nothing
for the last session's gap tasks, and leads whose next session has no plan. Each is sent
once, however often the job runs."""

from datetime import time, timedelta

import pytest
from django.conf import settings
from django.utils import timezone

from hubwork.accounts.tests.factories import UserFactory
from hubwork.hubs.models import HubRole
from hubwork.hubs.tests.factories import HubRoleFactory
from hubwork.practice.models import Activity, ReminderSent, SessionPlan
from hubwork.practice.tasks import send_reminders
from hubwork.practice.tests.factories import (
    ActivityFactory,
    ClassroomTrialFactory,
    GapTaskFactory,
    SessionPlanFactory,
)
from hubwork.workgroups.models import Enrolment, Session, WorkGroup
from hubwork.workgroups.tests.factories import EnrolmentFactory, SessionFactory, WorkGroupFactory


def days(number):
    return timezone.localdate() + timedelta(days=number)


@pytest.fixture
def work_group(hub, llme):
    return WorkGroupFactory.create(hub=hub, leads=[llme], title="Mastering Number, Dudley")


@pytest.fixture
def sessions(work_group):
    """Session 1 four weeks ago (gap tasks set there), session 2 in two days, planned."""
    last = SessionFactory.create(work_group=work_group, date=days(-26))
    coming = SessionFactory.create(work_group=work_group, date=days(2))
    ActivityFactory.create(plan=SessionPlanFactory.create(session=coming))
    return last, coming


@pytest.fixture
def gap_tasks(sessions):
    last, _ = sessions
    return [
        GapTaskFactory.create(session=last, title="Try bar models", due_on=days(1)),
        GapTaskFactory.create(session=last, title="Use stem sentences", due_on=days(1)),
    ]


def member(work_group, name, status=Enrolment.Status.ENROLLED):
    user = UserFactory.create(display_name=name, password=None)
    EnrolmentFactory.create(work_group=work_group, user=user, status=status)
    return user


def run(capture):
    with capture(execute=True):
        send_reminders.delay()


def test_members_who_logged_nothing_get_one_reminder_listing_the_gap_tasks(
    work_group, sessions, gap_tasks, mailoutbox, django_capture_on_commit_callbacks
):
    quiet = member(work_group, "Quinn Quiet")
    completed = member(work_group, "Cara Completed", Enrolment.Status.COMPLETED)
    drafted = member(work_group, "Dan Draft")
    ClassroomTrialFactory.create(work_group=work_group, author=drafted, gap_task=gap_tasks[1])
    shared = member(work_group, "Sita Shared")
    ClassroomTrialFactory.create(
        work_group=work_group, author=shared, gap_task=gap_tasks[0], shared_at=timezone.now()
    )
    for status in (Enrolment.Status.WITHDRAWN, Enrolment.Status.WAITLISTED):
        member(work_group, f"Not {status}", status)
    # An own-idea trial is not a trial for the gap tasks.
    ClassroomTrialFactory.create(work_group=work_group, author=completed, gap_task=None)

    run(django_capture_on_commit_callbacks)

    assert sorted(message.to[0] for message in mailoutbox) == sorted([quiet.email, completed.email])
    message = next(message for message in mailoutbox if message.to == [quiet.email])
    _, coming = sessions
    assert message.subject == (
        "Hubwork: log what you tried before session 2 of Mastering Number, Dudley"
    )
    assert "Hello Quinn Quiet" in message.body
    assert "Try bar models" in message.body
    assert "Use stem sentences" in message.body
    for task in gap_tasks:
        assert (
            f"{settings.SITE_URL}/my/trials/new/?work_group={work_group.slug}&gap_task={task.pk}"
        ) in message.body
    assert f"{settings.SITE_URL}/my/practice/" in message.body
    assert set(
        ReminderSent.objects.filter(kind=ReminderSent.Kind.TRIAL_DUE).values_list("session", "user")
    ) == {(coming.pk, quiet.pk), (coming.pk, completed.pk)}


def test_running_again_sends_nothing_twice(
    work_group, sessions, gap_tasks, mailoutbox, django_capture_on_commit_callbacks
):
    member(work_group, "Quinn Quiet")
    run(django_capture_on_commit_callbacks)
    assert len(mailoutbox) == 1
    run(django_capture_on_commit_callbacks)
    run(django_capture_on_commit_callbacks)
    assert len(mailoutbox) == 1
    # Someone who joins later is still reminded, once.
    member(work_group, "Nia New")
    run(django_capture_on_commit_callbacks)
    run(django_capture_on_commit_callbacks)
    assert len(mailoutbox) == 2


def test_a_cancelled_session_triggers_nothing(
    work_group, sessions, gap_tasks, mailoutbox, django_capture_on_commit_callbacks
):
    member(work_group, "Quinn Quiet")
    _, coming = sessions
    Session.objects.filter(pk=coming.pk).update(status=Session.Status.CANCELLED)
    run(django_capture_on_commit_callbacks)
    assert mailoutbox == []
    assert not ReminderSent.objects.exists()


@pytest.mark.parametrize("status", [WorkGroup.Status.DRAFT, WorkGroup.Status.CANCELLED])
def test_a_work_group_that_is_not_running_triggers_nothing(
    work_group, sessions, gap_tasks, mailoutbox, django_capture_on_commit_callbacks, status
):
    member(work_group, "Quinn Quiet")
    _, coming = sessions
    SessionPlan.objects.filter(session=coming).delete()  # its leads would be reminded too
    WorkGroup.objects.filter(pk=work_group.pk).update(status=status)
    run(django_capture_on_commit_callbacks)
    assert mailoutbox == []


def test_a_session_more_than_three_days_away_is_too_soon_to_remind(
    work_group, sessions, gap_tasks, mailoutbox, django_capture_on_commit_callbacks
):
    member(work_group, "Quinn Quiet")
    _, coming = sessions
    Session.objects.filter(pk=coming.pk).update(date=days(4))
    run(django_capture_on_commit_callbacks)
    assert mailoutbox == []
    Session.objects.filter(pk=coming.pk).update(date=days(3))
    run(django_capture_on_commit_callbacks)
    assert len(mailoutbox) == 1


def test_no_gap_tasks_at_the_previous_session_means_no_trial_reminder(
    work_group, sessions, mailoutbox, django_capture_on_commit_callbacks
):
    member(work_group, "Quinn Quiet")
    run(django_capture_on_commit_callbacks)
    assert mailoutbox == []


def test_the_previous_session_is_the_last_one_not_cancelled(
    work_group, sessions, gap_tasks, mailoutbox, django_capture_on_commit_callbacks
):
    """Gap tasks set at session 1 still count when a session between was cancelled."""
    between = SessionFactory.create(work_group=work_group, date=days(-5))
    Session.objects.filter(pk=between.pk).update(status=Session.Status.CANCELLED)
    quiet = member(work_group, "Quinn Quiet")
    run(django_capture_on_commit_callbacks)
    assert [message.to for message in mailoutbox] == [[quiet.email]]


def test_the_previous_session_is_the_one_what_we_tried_looks_back_on(
    work_group, sessions, gap_tasks, mailoutbox, django_capture_on_commit_callbacks
):
    """A session at the same time as session 2 comes after it (by number), as in "What we
    tried": session 1's gap tasks are not evaluated there, so nobody is reminded twice."""
    _, coming = sessions
    same_time = SessionFactory.create(
        work_group=work_group, date=coming.date, starts_at=coming.starts_at
    )
    assert same_time.number > coming.number
    quiet = member(work_group, "Quinn Quiet")
    run(django_capture_on_commit_callbacks)
    assert [message.to for message in mailoutbox] == [[quiet.email]]
    assert list(
        ReminderSent.objects.filter(kind=ReminderSent.Kind.TRIAL_DUE).values_list("session", "user")
    ) == [(coming.pk, quiet.pk)]


@pytest.fixture
def co_lead(hub, work_group):
    user = UserFactory.create(display_name="Cleo Colead", password=None)
    HubRoleFactory.create(user=user, hub=hub, role=HubRole.Kind.LLME)
    work_group.leads.add(user)
    return user


def test_leads_of_a_session_with_no_plan_are_reminded_once(
    work_group, llme, co_lead, mailoutbox, django_capture_on_commit_callbacks
):
    SessionFactory.create(work_group=work_group, date=days(-20))
    next_session = SessionFactory.create(
        work_group=work_group, date=days(6), starts_at=time(13), ends_at=time(16)
    )
    SessionFactory.create(work_group=work_group, date=days(7))  # not the next one

    run(django_capture_on_commit_callbacks)

    assert sorted(message.to[0] for message in mailoutbox) == sorted([llme.email, co_lead.email])
    message = mailoutbox[0]
    assert message.subject == "Hubwork: session 2 of Mastering Number, Dudley has no plan yet"
    planner = (
        f"{settings.SITE_URL}/hubs/{work_group.hub.slug}/manage/work-groups/{work_group.pk}"
        f"/sessions/{next_session.pk}/plan/"
    )
    assert planner in message.body
    assert set(ReminderSent.objects.values_list("kind", "session", "user")) == {
        (ReminderSent.Kind.PLAN_MISSING, next_session.pk, llme.pk),
        (ReminderSent.Kind.PLAN_MISSING, next_session.pk, co_lead.pk),
    }
    run(django_capture_on_commit_callbacks)
    assert len(mailoutbox) == 2


def test_an_empty_plan_counts_as_no_plan(
    work_group, llme, mailoutbox, django_capture_on_commit_callbacks
):
    session = SessionFactory.create(work_group=work_group, date=days(3))
    SessionPlanFactory.create(session=session)
    run(django_capture_on_commit_callbacks)
    assert [message.to for message in mailoutbox] == [[llme.email]]


def test_a_lead_whose_next_session_is_planned_is_not_reminded(
    work_group, llme, mailoutbox, django_capture_on_commit_callbacks
):
    session = SessionFactory.create(work_group=work_group, date=days(3))
    ActivityFactory.create(
        plan=SessionPlanFactory.create(session=session), kind=Activity.Kind.DISCUSSION
    )
    SessionFactory.create(work_group=work_group, date=days(5))  # unplanned, but not next
    run(django_capture_on_commit_callbacks)
    assert mailoutbox == []


def test_a_next_session_more_than_a_week_away_is_too_soon_to_remind(
    work_group, llme, mailoutbox, django_capture_on_commit_callbacks
):
    SessionFactory.create(work_group=work_group, date=days(8))
    run(django_capture_on_commit_callbacks)
    assert mailoutbox == []


def test_a_session_that_has_already_begun_today_is_too_late_to_remind(
    work_group, llme, mailoutbox, django_capture_on_commit_callbacks
):
    last = SessionFactory.create(work_group=work_group, date=days(-26))
    GapTaskFactory.create(session=last)
    SessionFactory.create(
        work_group=work_group, date=days(0), starts_at=time(0), ends_at=time(0, 1)
    )
    member(work_group, "Quinn Quiet")
    run(django_capture_on_commit_callbacks)
    assert mailoutbox == []
