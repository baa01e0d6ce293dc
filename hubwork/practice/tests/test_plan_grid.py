"""The plans overview: each session's plan status and the EEF mechanism grid."""

import pytest

from hubwork.practice.selectors.plans import mechanism_grid, plan_rows
from hubwork.practice.services.plans import ActivityData, plan_save
from hubwork.practice.tests.factories import ActivityFactory, SessionPlanFactory
from hubwork.programmes.mechanisms import Mechanism, Purpose
from hubwork.workgroups.models import Session
from hubwork.workgroups.tests.factories import EnrolmentFactory, SessionFactory, WorkGroupFactory


def overview_url(work_group) -> str:
    return f"/hubs/{work_group.hub.slug}/manage/work-groups/{work_group.pk}/plans/"


def plan(session, *activities: tuple[str, int, list[str]]):
    plan = SessionPlanFactory.create(session=session)
    for kind, minutes, mechanisms in activities:
        ActivityFactory.create(plan=plan, kind=kind, minutes=minutes, mechanisms=mechanisms)
    return plan


def test_the_grid_marks_each_sessions_mechanisms_and_those_never_used(work_group, sessions):
    first, second, third = sessions
    plan(first, ("input", 60, ["setting_goals", "modelling"]), ("discussion", 30, []))
    plan(second, ("evaluating", 60, ["modelling", "feedback"]))
    # The third session has no plan.
    grid = mechanism_grid(work_group)
    assert grid.sessions == [first, second, third]
    rows = {row.mechanism: row for _, rows in grid.purposes for row in rows}
    assert len(rows) == 14
    assert rows[Mechanism.SETTING_GOALS].used == [True, False, False]
    assert rows[Mechanism.MODELLING].used == [True, True, False]
    assert rows[Mechanism.MODELLING].session_count == 2
    assert rows[Mechanism.FEEDBACK].used == [False, True, False]
    assert [purpose for purpose, _ in grid.purposes] == list(Purpose)
    assert set(grid.never_used) == set(Mechanism) - {
        Mechanism.SETTING_GOALS,
        Mechanism.MODELLING,
        Mechanism.FEEDBACK,
    }
    assert grid.never_used[0] == Mechanism.MANAGING_COGNITIVE_LOAD  # in the EEF's order


def test_a_cancelled_sessions_plan_does_not_count(work_group, sessions):
    second = sessions[1]
    plan(second, ("input", 60, ["rehearsing"]))
    second.status = Session.Status.CANCELLED
    second.save()
    grid = mechanism_grid(work_group)
    assert second not in grid.sessions
    assert Mechanism.REHEARSING in grid.never_used


def test_the_overview_page_shows_status_and_the_grid(client, llme, work_group, sessions):
    first, second, third = sessions
    # Session 1 fits with no warnings; session 2 runs over; session 3 has no plan.
    plan_save(
        session=first,
        activities=[
            ActivityData(title="Talk", kind="discussion", minutes=120, mechanisms=["modelling"]),
            ActivityData(title="Reflect", kind="reflection", minutes=60),
        ],
        version=0,
        by=llme,
    )
    plan(second, ("input", 400, ["feedback"]))
    client.force_login(llme)
    response = client.get(overview_url(work_group))
    assert response.status_code == 200
    html = response.content.decode()
    assert "180 of 360 minutes, 2 activities" in html
    assert '<strong class="govuk-tag govuk-tag--green">Fits</strong>' in html
    assert "Runs 40 minutes over" in html
    assert "4 warnings" in html  # over, no discussion, no evaluating, no reflection
    assert "No plan yet" in html
    assert f"sessions/{third.pk}/plan/" in html
    assert 'scope="rowgroup"' in html
    assert html.count('<span class="govuk-visually-hidden">Used</span>') == 2
    assert html.count('<span class="govuk-visually-hidden">Not used</span>') == 14 * 3 - 2
    never = html[html.index("Mechanisms no session uses") :]
    assert "Rehearsing the technique" in never
    assert "Modelling the technique" not in never


def test_every_mechanism_used_says_so(client, llme, work_group, sessions):
    plan(sessions[0], ("input", 60, list(Mechanism.values)))
    client.force_login(llme)
    html = client.get(overview_url(work_group)).content.decode()
    assert "Every one of the 14 mechanisms appears in at least one session." in html


@pytest.mark.parametrize(
    ("persona", "status"),
    [("llme", 200), ("hub_lead", 200), ("outsider", 403), ("participant", 403), ("member", 403)],
)
def test_who_may_see_the_overview(client, request, work_group, sessions, persona, status):
    if persona == "member":
        user = EnrolmentFactory.create(work_group=work_group).user
    else:
        user = request.getfixturevalue(persona)
    client.force_login(user)
    assert client.get(overview_url(work_group)).status_code == status


def test_a_lead_of_another_work_group_in_the_hub_may_not_see_it(client, hub, work_group):
    other_lead = WorkGroupFactory.create(hub=hub).leads.create(
        email="other@example.org", display_name="Other Lead"
    )
    client.force_login(other_lead)
    assert client.get(overview_url(work_group)).status_code == 403


def test_the_overview_keeps_a_fixed_number_of_queries(
    client, llme, work_group, sessions, django_assert_max_num_queries
):
    plan(sessions[0], ("input", 60, ["modelling"]))
    client.force_login(llme)
    with django_assert_max_num_queries(40) as queries:
        assert client.get(overview_url(work_group)).status_code == 200
    before = len(queries)
    for session in [*sessions[1:], *SessionFactory.create_batch(4, work_group=work_group)]:
        plan(session, *[("discussion", 20, ["feedback", "rehearsing"])] * 6)
    with django_assert_max_num_queries(before) as queries:
        assert client.get(overview_url(work_group)).status_code == 200
    assert len(queries) == before
    assert len(plan_rows(work_group)) == 7


def test_the_overview_links_each_planned_sessions_printable_plan(
    client, llme, work_group, sessions
):
    plan(sessions[0], ("input", 20, []))
    client.force_login(llme)
    html = client.get(overview_url(work_group)).content.decode()
    base = f"/hubs/{work_group.hub.slug}/manage/work-groups/{work_group.pk}/sessions/"
    assert f'href="{base}{sessions[0].pk}/plan/print/">Print the plan' in html
    # A session with no plan yet has nothing to print.
    assert f'href="{base}{sessions[1].pk}/plan/print/"' not in html
