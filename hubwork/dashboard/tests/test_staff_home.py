"""Hub staff land on what needs them now: this year's Work Groups and their places, sessions
coming up without a plan, sessions that happened without a register, completions to decide
and sign-ups to review. The national team sees every hub's figures, linking into each hub's
staff area. Every figure is counted in the database, so the query count stays fixed."""

from dataclasses import dataclass

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from hubwork.accounts.tests.factories import UserFactory, enable_totp
from hubwork.core.links import CountedLink
from hubwork.hubs.links import WAITING_FOR_HUB_STAFF
from hubwork.hubs.models import Hub, HubRole
from hubwork.hubs.tests.factories import HubFactory, HubRoleFactory
from hubwork.practice.tests.factories import ActivityFactory, SessionPlanFactory
from hubwork.workgroups.models import Allocation, Attendance, Enrolment, Session, WorkGroup
from hubwork.workgroups.tests.factories import (
    EnrolmentFactory,
    SessionFactory,
    WorkGroupFactory,
    days,
)

Status = Enrolment.Status


def planned(session):
    ActivityFactory.create(plan=SessionPlanFactory.create(session=session))
    return session


def marked(session, status=Attendance.Status.PRESENT):
    enrolment = session.work_group.enrolments.filter(status__in=Enrolment.MEMBERS).first()
    Attendance.objects.create(enrolment=enrolment, session=session, status=status)
    return session


@dataclass
class HubStory:
    hub: Hub
    mastering: WorkGroup
    oracy: WorkGroup
    review: WorkGroup
    no_register: Session
    only_apologies: Session
    no_plan: Session


def hub_story(hub: Hub, prefix: str = "") -> HubStory:
    """A hub with something in each list, and things that must stay out of them."""
    running = WorkGroup.Status.RUNNING
    mastering = WorkGroupFactory.create(
        hub=hub, title=f"{prefix}Mastering Number", capacity=12, status=running
    )
    for status, count in [(Status.ENROLLED, 4), (Status.OFFERED, 1), (Status.WAITLISTED, 2)]:
        EnrolmentFactory.create_batch(count, work_group=mastering, status=status)
    marked(SessionFactory.create(work_group=mastering, date=days(-20)))  # register taken
    no_register = planned(SessionFactory.create(work_group=mastering, date=days(-10)))
    only_apologies = marked(
        SessionFactory.create(work_group=mastering, date=days(-5)), Attendance.Status.APOLOGIES
    )
    no_plan = SessionFactory.create(work_group=mastering, date=days(10))
    planned(SessionFactory.create(work_group=mastering, date=days(12)))
    SessionFactory.create(work_group=mastering, date=days(40))  # beyond four weeks
    SessionFactory.create(work_group=mastering, date=days(8), status=Session.Status.CANCELLED)

    # Every session has gone ahead: completion is to decide.
    oracy = WorkGroupFactory.create(hub=hub, title=f"{prefix}Oracy", capacity=10, status=running)
    EnrolmentFactory.create_batch(2, work_group=oracy)
    for offset in (-50, -35):
        marked(SessionFactory.create(work_group=oracy, date=days(offset)))
    # Completed already: nothing to decide.
    done = WorkGroupFactory.create(
        hub=hub, title=f"{prefix}Done", capacity=10, status=WorkGroup.Status.COMPLETED
    )
    EnrolmentFactory.create_batch(2, work_group=done, status=Status.COMPLETED)
    marked(SessionFactory.create(work_group=done, date=days(-60)))
    # Places given by hub review: three sign-ups wait.
    review = WorkGroupFactory.create(
        hub=hub, title=f"{prefix}Review", capacity=10, allocation=Allocation.REVIEW
    )
    EnrolmentFactory.create_batch(3, work_group=review, status=Status.INTERESTED)
    SessionFactory.create(work_group=review, date=days(60))
    # Nobody in it yet, so its past session needs no register.
    empty = WorkGroupFactory.create(hub=hub, title=f"{prefix}Empty", capacity=10)
    SessionFactory.create(work_group=empty, date=days(-3))
    SessionFactory.create(work_group=empty, date=days(30))
    # Cancelled: out of every figure.
    cancelled = WorkGroupFactory.create(
        hub=hub, title=f"{prefix}Cancelled", capacity=30, status=WorkGroup.Status.CANCELLED
    )
    EnrolmentFactory.create_batch(2, work_group=cancelled)
    SessionFactory.create(work_group=cancelled, date=days(5))
    # Last year's: not this year's Work Groups.
    WorkGroupFactory.create(
        hub=hub,
        title=f"{prefix}Last year",
        academic_year=mastering.academic_year - 1,
        status=WorkGroup.Status.COMPLETED,
    )
    return HubStory(hub, mastering, oracy, review, no_register, only_apologies, no_plan)


@pytest.fixture
def story(hub):
    return hub_story(hub)


def test_a_hub_lead_sees_what_needs_doing_at_their_hub(client, hub_lead, story, other_hub):
    hub_story(other_hub, prefix="Elsewhere ")
    client.force_login(hub_lead)
    response = client.get("/dashboard/")
    [overview] = response.context["hub_overviews"]
    figures = overview.figures
    assert overview.hub == story.hub
    assert (figures.work_groups, figures.capacity) == (5, 52)
    assert (figures.filled, figures.offered, figures.waiting) == (8, 1, 5)
    assert (figures.unplanned_soon, figures.registers_to_take, figures.completions_due) == (
        1,
        2,
        1,
    )
    assert [(item.label, item.count) for item in figures.waiting_for_staff] == [
        ("LLME applications to decide", 0),
        ("Sign-ups to review", 3),
        ("Research projects to review", 0),
    ]
    assert overview.unplanned_soon == [story.no_plan]
    assert overview.registers_to_take == [story.no_register, story.only_apologies]
    assert overview.completions_due == [story.oracy]

    html = response.content.decode()
    base = f"/hubs/glow/manage/work-groups/{story.mastering.pk}/"
    assert "What needs doing at GLOW Maths Hub" in html
    assert (
        "5 Work Groups this year: 8 of 52 places filled, 1 offer out and 5 people waiting." in html
    )
    assert f'href="{base}sessions/{story.no_plan.pk}/plan/"' in html
    assert f'href="{base}sessions/{story.no_register.pk}/register/"' in html
    assert f'href="{base}sessions/{story.only_apologies.pk}/register/"' in html
    assert f'href="/hubs/glow/manage/work-groups/{story.oracy.pk}/completion/"' in html
    assert 'href="/hubs/glow/manage/work-groups/">Sign-ups to review' in html
    assert "Elsewhere" not in html  # another hub's
    assert "Maths Hubs this year" not in html  # the national list is for the national team


def test_assistant_hub_leads_get_the_same_home(client, hub, story):
    assistant = UserFactory.create()
    HubRoleFactory.create(
        user=assistant, hub=hub, role=HubRole.Kind.ASSISTANT_HUB_LEAD, phase="primary"
    )
    enable_totp(assistant)
    client.force_login(assistant)
    html = client.get("/dashboard/").content.decode()
    assert "What needs doing at GLOW Maths Hub" in html


def test_llmes_and_participants_get_no_hub_home(client, llme, participant, story):
    for person in (llme, participant):
        client.force_login(person)
        response = client.get("/dashboard/")
        assert response.context["hub_overviews"] == []
        assert "What needs doing at" not in response.content.decode()


def test_the_national_team_sees_every_hub_with_links_into_its_staff_area(
    client, national_admin, story, other_hub
):
    HubFactory.create(name="Angles Maths Hub", slug="angles")
    client.force_login(national_admin)
    response = client.get("/dashboard/")
    rows = {hub.slug: figures for hub, figures in response.context["every_hub"]}
    assert list(rows) == ["angles", "glow", "origin"]  # by name
    glow = rows["glow"]
    assert (glow.work_groups, glow.filled, glow.capacity, glow.offered, glow.waiting) == (
        5,
        8,
        52,
        1,
        5,
    )
    assert (glow.unplanned_soon, glow.registers_to_take, glow.completions_due) == (1, 2, 1)
    assert rows["origin"].work_groups == 0
    html = response.content.decode()
    assert "Maths Hubs this year" in html
    glow_row = html[html.index('data-testid="every-hub-glow"') :].split("</tr>")[0]
    assert ">8 of 52</td>" in glow_row
    for slug in rows:
        assert f'href="/hubs/{slug}/manage/work-groups/"' in html
    assert ">Sign-ups to review</th>" in html
    assert client.get("/hubs/origin/manage/work-groups/").status_code == 200


def test_applications_and_anything_else_waiting_join_the_homes_through_the_slot(
    client, hub_lead, national_admin, story, monkeypatch
):
    """LLME applications do not exist yet; when they do, they register in the slot."""
    link: CountedLink[Hub] = CountedLink(
        "LLME applications to decide",
        count=lambda hubs: {hub.pk: 2 for hub in hubs},
        url=lambda hub: f"/hubs/{hub.slug}/manage/team/",
        order=10,
    )
    monkeypatch.setitem(WAITING_FOR_HUB_STAFF._links, link.label, link)
    client.force_login(hub_lead)
    html = client.get("/dashboard/").content.decode()
    assert 'href="/hubs/glow/manage/team/">LLME applications to decide' in html
    client.force_login(national_admin)
    html = client.get("/dashboard/").content.decode()
    assert ">LLME applications to decide</th>" in html


def _queries(client) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/dashboard/").status_code == 200
    return len(queries)


def test_a_hub_leads_home_costs_the_same_queries_as_hubs_and_groups_grow(
    client, hub, hub_lead, story, django_assert_num_queries
):
    client.force_login(hub_lead)
    _queries(client)  # settle anything cached once per process
    small = _queries(client)
    # More Work Groups, sessions and sign-ups in the hub, and a second hub to lead.
    hub_story(hub, prefix="More ")
    second = HubFactory.create()
    HubRoleFactory.create(user=hub_lead, hub=second, role=HubRole.Kind.HUB_LEAD)
    hub_story(second)
    with django_assert_num_queries(small):
        response = client.get("/dashboard/")
    assert len(response.context["hub_overviews"]) == 2
    assert response.context["hub_overviews"][0].figures.work_groups == 10


def test_the_national_home_costs_the_same_queries_as_hubs_and_groups_grow(
    client, national_admin, story, django_assert_num_queries
):
    client.force_login(national_admin)
    _queries(client)
    small = _queries(client)
    for number in range(3):
        hub_story(HubFactory.create(name=f"Hub {number}", slug=f"hub-{number}"))
    hub_story(story.hub, prefix="More ")
    with django_assert_num_queries(small):
        response = client.get("/dashboard/")
    assert len(response.context["every_hub"]) == 4
