"""The lead's dashboard: each session's plan status, trials shared since the last session and
who is quiet; participants get a link to their group space."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from hubwork.accounts.tests.factories import UserFactory
from hubwork.practice.models import Activity
from hubwork.practice.selectors.lead_overview import lead_overview
from hubwork.practice.tests.factories import (
    ActivityFactory,
    ClassroomTrialFactory,
    SessionPlanFactory,
)
from hubwork.workgroups.models import Enrolment, Session, WorkGroup
from hubwork.workgroups.tests.factories import EnrolmentFactory, SessionFactory, WorkGroupFactory

Kind = Activity.Kind


def days(number):
    return timezone.localdate() + timedelta(days=number)


def plan(session, *activities):
    session_plan = SessionPlanFactory.create(session=session)
    for kind, minutes in activities:
        ActivityFactory.create(plan=session_plan, kind=kind, minutes=minutes)
    return session_plan


def person(work_group, name, status=Enrolment.Status.ENROLLED):
    user = UserFactory.create(display_name=name, password=None)
    EnrolmentFactory.create(work_group=work_group, user=user, status=status)
    return user


@pytest.fixture
def sessions(work_group):
    """Session 1 a month ago, session 2 two days ago (both 9:30 to 3:30), 3 and 4 to come."""
    return [
        SessionFactory.create(work_group=work_group, date=days(offset))
        for offset in (-30, -2, 5, 30)
    ]


def test_each_session_shows_its_plan_status_with_links(client, work_group, sessions, llme):
    first, second, third, fourth = sessions
    good = [(Kind.INPUT, 60), (Kind.DISCUSSION, 60), (Kind.REFLECTION, 30)]
    plan(first, *good)
    plan(
        second,
        (Kind.INPUT, 200),
        (Kind.EVALUATING, 100),
        (Kind.DISCUSSION, 60),
        (Kind.REFLECTION, 40),
    )
    plan(third, *good)  # no time to evaluate trials after the first session: one warning
    plan(fourth)  # an empty plan is no plan

    client.force_login(llme)
    response = client.get("/dashboard/")
    led = response.context["leading"]
    assert [item.status for item in led[0].sessions] == [
        "Fits",
        "Runs over by 40 minutes",
        "1 warning",
        "No plan yet",
    ]
    # The dashboard summarises: the next session's plan, with links to it and to rearrange it,
    # and what was shared since session 2 (in "What we tried" before session 3).
    assert led[0].next_session.session == third
    html = response.content.decode()
    base = f"/hubs/{work_group.hub.slug}/manage/work-groups/{work_group.pk}/"
    assert "Plan: 1 warning" in html
    assert f"{base}sessions/{third.pk}/plan/" in html
    assert f"{base}sessions/{third.pk}/rearrange/" in html
    assert f"{base}sessions/{third.pk}/what-we-tried/" in html
    assert f"{base}plans/" in html
    assert f"/work-groups/{work_group.slug}/space/" in html

    # The Work Group's sessions page links every session's plan and tools.
    html = client.get(f"{base}plans/").content.decode()
    for session in sessions:
        assert f"{base}sessions/{session.pk}/plan/" in html
        assert f"{base}sessions/{session.pk}/register/" in html
        assert f"{base}sessions/{session.pk}/rearrange/" in html
    assert f"{base}sessions/{first.pk}/what-we-tried/" not in html
    for session in (second, third, fourth):
        assert f"{base}sessions/{session.pk}/what-we-tried/" in html
    assert "Runs 40 minutes over" in html


def test_a_cancelled_session_needs_no_plan(client, work_group, sessions, llme):
    Session.objects.filter(pk=sessions[2].pk).update(status=Session.Status.CANCELLED)
    statuses = [item.status for item in lead_overview(llme)[0].sessions]
    assert statuses == ["No plan yet", "No plan yet", "Cancelled", "No plan yet"]


def test_trials_shared_since_the_last_session_and_who_is_quiet(client, work_group, sessions, llme):
    now = timezone.now()
    active = person(work_group, "Ana Active")
    earlier = person(work_group, "Ben Before")
    drafting = person(work_group, "Cal Draft")
    person(work_group, "Wes Withdrawn", Enrolment.Status.WITHDRAWN)
    done = person(work_group, "Dee Done", Enrolment.Status.COMPLETED)
    for author, shared_at in [
        (active, now - timedelta(days=1)),
        (active, now - timedelta(hours=1)),
        (done, now - timedelta(hours=3)),
        (earlier, now - timedelta(days=10)),  # before session 2 began
        (drafting, None),
    ]:
        ClassroomTrialFactory.create(
            work_group=work_group, author=author, gap_task=None, shared_at=shared_at
        )
    other = WorkGroupFactory.create(hub=work_group.hub)
    ClassroomTrialFactory.create(work_group=other, gap_task=None, shared_at=now)

    client.force_login(llme)
    response = client.get("/dashboard/")
    led = response.context["leading"][0]
    assert led.since == sessions[1]
    assert led.shared_trials == 3
    assert [user.display_name for user in led.quiet] == ["Ben Before", "Cal Draft"]
    html = response.content.decode()
    assert "Shared since session 2" in html
    assert '<span data-testid="shared-trials-' + str(work_group.pk) + '">3 trials</span>' in html
    assert "nothing yet from 2 of 4 members" in html
    assert "Ben Before" in html
    assert "Cal Draft" in html
    assert "Wes Withdrawn" not in html


def test_before_the_first_session_anyone_who_has_shared_nothing_is_quiet(hub, llme):
    work_group = WorkGroupFactory.create(hub=hub, leads=[llme])
    SessionFactory.create(work_group=work_group, date=days(10))
    sharer = person(work_group, "Ana Active")
    person(work_group, "Quinn Quiet")
    ClassroomTrialFactory.create(
        work_group=work_group, author=sharer, gap_task=None, shared_at=timezone.now()
    )
    led = lead_overview(llme)[0]
    assert led.since is None
    assert led.shared_trials == 1
    assert [user.display_name for user in led.quiet] == ["Quinn Quiet"]


def test_only_this_years_work_groups_led(hub, llme):
    WorkGroupFactory.create(
        hub=hub, leads=[llme], academic_year=timezone.localdate().year - 3, title="Old one"
    )
    led = WorkGroupFactory.create(hub=hub, leads=[llme], title="This year")
    WorkGroupFactory.create(hub=hub, title="Someone else's")
    assert [item.work_group for item in lead_overview(llme)] == [led]


def test_participants_get_a_link_to_their_group_space(client, work_group, participant, hillside):
    EnrolmentFactory.create(work_group=work_group, user=participant, school=hillside)
    offered = WorkGroupFactory.create(hub=work_group.hub, title="Offered one")
    EnrolmentFactory.create(
        work_group=offered, user=participant, school=hillside, status=Enrolment.Status.OFFERED
    )
    client.force_login(participant)
    html = client.get("/dashboard/").content.decode()
    assert f"/work-groups/{work_group.slug}/space/" in html
    assert "Offered one" in html
    assert f"/work-groups/{offered.slug}/space/" not in html
    assert "Work Groups you lead" not in html


def _queries(client):
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/dashboard/").status_code == 200
    return len(queries)


def _led_work_group(hub, llme, number):
    work_group = WorkGroupFactory.create(hub=hub, leads=[llme], status=WorkGroup.Status.RUNNING)
    first, second, _ = (
        SessionFactory.create(work_group=work_group, date=days(offset)) for offset in (-20, -3, 9)
    )
    plan(first, (Kind.INPUT, 60), (Kind.DISCUSSION, 60))
    plan(second, (Kind.EVALUATING, 400))
    for index in range(3):
        member = person(work_group, f"Member {number}-{index}")
        ClassroomTrialFactory.create(
            work_group=work_group,
            author=member,
            gap_task=None,
            shared_at=timezone.now() - timedelta(days=index * 2),
        )
    return work_group


def test_queries_stay_fixed_as_led_work_groups_sessions_and_trials_grow(
    client, hub, llme, participant, django_assert_num_queries
):
    _led_work_group(hub, llme, 0)
    client.force_login(llme)
    few = _queries(client)
    for number in range(1, 5):
        _led_work_group(hub, llme, number)
    with django_assert_num_queries(few):
        response = client.get("/dashboard/")
    assert len(response.context["leading"]) == 5
    assert all(len(item.sessions) == 3 for item in response.context["leading"])
    assert all(item.shared_trials == 2 for item in response.context["leading"])
