"""When each activity starts by the clock: in the planner (saved, checked without JavaScript,
and live as the lead edits), and on the printable plan. The sessions run 9:30am to 3:30pm."""

import re
from collections import Counter
from datetime import time

import pytest

from hubwork.practice.models import SessionPlan
from hubwork.practice.selectors.plan_times import running_order
from hubwork.practice.services.plans import ActivityData, plan_save
from hubwork.practice.tests.factories import ActivityFactory, SessionPlanFactory
from hubwork.practice.tests.test_plan_views import edit_url, post_data, row
from hubwork.programmes.mechanisms import Mechanism
from hubwork.workgroups.tests.factories import EnrolmentFactory

WELCOME_TALK_TRIED = [
    ActivityData(title="Welcome", kind="input", minutes=30, notes="Aims on the board."),
    ActivityData(
        title="Talk",
        kind="discussion",
        minutes=45,
        materials="Cards",
        mechanisms=[Mechanism.MODELLING.value],
    ),
    ActivityData(title="What we tried", kind="evaluating", minutes=60),
]


def print_url(session) -> str:
    return edit_url(session) + "print/"


def time_of(html: str, index: int) -> str:
    match = re.search(rf'<p [^>]*id="activities-{index}-time"[^>]*>([^<]*)</p>', html)
    assert match, index
    return match.group(1)


def test_each_activity_starts_when_the_one_before_ends(sessions):
    order = running_order(sessions[0], WELCOME_TALK_TRIED)
    assert [(item.starts_at, item.ends_at) for item in order.items] == [
        (time(9, 30), time(10, 0)),
        (time(10, 0), time(10, 45)),
        (time(10, 45), time(11, 45)),
    ]
    assert order.finishes_at == time(11, 45)
    assert not order.runs_over
    long = [*WELCOME_TALK_TRIED, ActivityData(title="Planning", kind="planning", minutes=240)]
    assert running_order(sessions[0], long).finishes_at == time(15, 45)
    assert running_order(sessions[0], long).runs_over
    assert running_order(sessions[0], []).finishes_at is None


def test_the_planner_shows_when_each_saved_activity_starts(client, llme, sessions):
    plan_save(session=sessions[0], activities=WELCOME_TALK_TRIED, version=0, by=llme)
    client.force_login(llme)
    html = client.get(edit_url(sessions[0])).content.decode()
    assert time_of(html, 0) == "Starts at 9:30am, ends at 10am"
    assert time_of(html, 1) == "Starts at 10am, ends at 10:45am"
    assert time_of(html, 2) == "Starts at 10:45am, ends at 11:45am"
    assert time_of(html, 3) == ""  # the blank row for another activity
    assert "From 9:30am to 11:45am." in html


def test_checking_the_times_without_javascript_shows_them_and_saves_nothing(client, llme, sessions):
    client.force_login(llme)
    # The talk is given order number 1, so it comes first.
    data = post_data(
        [row(0, "Welcome", "input", 30, position=2), row(1, "Talk", "discussion", 250, position=1)]
    )
    data["check"] = "1"
    response = client.post(edit_url(sessions[0]), data)
    assert response.status_code == 200
    html = response.content.decode()
    assert not SessionPlan.objects.exists()
    assert time_of(html, 0) == "Starts at 9:30am, ends at 1:40pm"
    assert time_of(html, 1) == "Starts at 1:40pm, ends at 2:10pm"
    assert "From 9:30am to 2:10pm." in html
    assert 'name="activities-0-title" value="Talk"' in html


def test_the_live_check_swaps_in_each_start_time_in_the_order_given(client, llme, sessions):
    client.force_login(llme)
    data = post_data(
        [
            row(0, "Welcome", "input", 30, position=2),
            row(1, "Talk", "discussion", 250, position=1),
            row(2, "", "", ""),
        ]
    )
    html = client.post(edit_url(sessions[0]) + "check/", data).content.decode()
    assert "280 of 360 minutes planned, 80 left" in html
    assert "From 9:30am to 2:10pm." in html
    swapped = re.findall(
        r'<p [^>]*id="(activities-\d-time)" data-hx-swap-oob="true">([^<]*)</p>', html
    )
    assert swapped == [
        ("activities-1-time", "Starts at 9:30am, ends at 1:40pm"),
        ("activities-0-time", "Starts at 1:40pm, ends at 2:10pm"),
        ("activities-2-time", ""),
    ]
    # Running over the session's end is said too.
    data = post_data([row(0, "Welcome", "input", 400)])
    html = client.post(edit_url(sessions[0]) + "check/", data).content.decode()
    assert "From 9:30am to 4:10pm, after the session ends at 3:30pm." in html


def test_the_planner_is_valid_with_its_two_forms_on_one_page(client, llme, sessions):
    """Both the planner and the copy form carry a version: their ids must differ."""
    source = SessionPlanFactory.create(session=sessions[1])
    ActivityFactory.create(plan=source)
    client.force_login(llme)
    html = client.get(edit_url(sessions[0])).content.decode()
    assert 'action="' + edit_url(sessions[0]) + 'copy/"' in html
    ids = Counter(re.findall(r'\sid="([^"]+)"', html))
    assert {name: count for name, count in ids.items() if count > 1} == {}
    assert 'id="id_version"' in html
    assert 'id="id_copy_version"' in html
    assert 'for="id_copy_source">Plan to copy</label>' in html


def test_the_printable_plan_has_times_notes_materials_and_mechanisms(
    client, llme, sessions, django_assert_max_num_queries
):
    plan = plan_save(session=sessions[0], activities=WELCOME_TALK_TRIED, version=0, by=llme)
    client.force_login(llme)
    with django_assert_max_num_queries(30) as queries:
        response = client.get(print_url(sessions[0]))
    assert response.status_code == 200
    html = response.content.decode()
    for text in [
        "Plan for session 1",
        '<span class="govuk-caption-m">9:30am to 10am</span> Welcome</h2>',
        '<span class="govuk-caption-m">10am to 10:45am</span> Talk</h2>',
        '<span class="govuk-caption-m">10:45am to 11:45am</span> What we tried</h2>',
        "Aims on the board.",
        "Cards",
        Mechanism.MODELLING.label,
        "3 activities, from 9:30am to 11:45am.",
        "Print this page",
        # Its print styles are in the stylesheet (no inline styles under the Content
        # Security Policy), for pages with this class.
        '<body class="govuk-template__body hubwork-print-body">',
    ]:
        assert text in html, text
    assert "govuk-service-navigation" not in html
    assert edit_url(sessions[0]) in html  # the way back

    count = len(queries)
    ActivityFactory.create_batch(8, plan=plan, mechanisms=["feedback"])
    with django_assert_max_num_queries(count) as queries:
        assert client.get(print_url(sessions[0])).status_code == 200
    assert len(queries) == count

    # The planner links to it.
    assert print_url(sessions[0]) in client.get(edit_url(sessions[0])).content.decode()


def test_an_empty_plan_prints_as_nothing_planned(client, hub_lead, sessions):
    client.force_login(hub_lead)
    html = client.get(print_url(sessions[0])).content.decode()
    assert "Nothing is planned for this session yet." in html


@pytest.mark.parametrize("persona", ["outsider", "participant", "member"])
def test_nobody_else_may_print_a_plan(client, request, sessions, persona):
    if persona == "member":
        user = EnrolmentFactory.create(work_group=sessions[0].work_group).user
    else:
        user = request.getfixturevalue(persona)
    client.force_login(user)
    assert client.get(print_url(sessions[0])).status_code == 403
