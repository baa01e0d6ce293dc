"""The planner through HTTP: saving in order, warnings as you edit, copying, co-leads."""

import re

import pytest
from django.test import Client

from hubwork.accounts.tests.factories import UserFactory
from hubwork.core.models import AuditEvent
from hubwork.practice.models import Activity, SessionPlan
from hubwork.practice.services.plans import ActivityData, plan_save
from hubwork.practice.tests.factories import ActivityFactory, SessionPlanFactory
from hubwork.programmes.mechanisms import Mechanism
from hubwork.workgroups.tests.factories import EnrolmentFactory, SessionFactory, WorkGroupFactory


def edit_url(session) -> str:
    work_group = session.work_group
    base = f"/hubs/{work_group.hub.slug}/manage/work-groups/{work_group.pk}"
    return f"{base}/sessions/{session.pk}/plan/"


def row(index: int, title: str, kind: str, minutes: int | str, **extra) -> dict[str, object]:
    data: dict[str, object] = {
        f"activities-{index}-title": title,
        f"activities-{index}-kind": kind,
        f"activities-{index}-minutes": str(minutes),
        f"activities-{index}-notes": extra.get("notes", ""),
        f"activities-{index}-materials": extra.get("materials", ""),
        f"activities-{index}-position": str(extra.get("position", index + 1)),
    }
    if "mechanisms" in extra:
        data[f"activities-{index}-mechanisms"] = extra["mechanisms"]
    if extra.get("delete"):
        data[f"activities-{index}-DELETE"] = "on"
    return data


def post_data(rows: list[dict[str, object]], *, version: int = 0, total: int | None = None):
    data: dict[str, object] = {
        "activities-TOTAL_FORMS": str(len(rows) if total is None else total),
        "activities-INITIAL_FORMS": "0",
        "activities-MIN_NUM_FORMS": "0",
        "activities-MAX_NUM_FORMS": "40",
        "version": str(version),
    }
    for one in rows:
        data.update(one)
    return data


def test_the_planner_page_shows_an_empty_plan(client, llme, sessions):
    client.force_login(llme)
    response = client.get(edit_url(sessions[0]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Nothing planned yet: the session is 360 minutes long." in html
    assert 'name="activities-0-title"' in html


def test_saving_creates_the_activities_in_the_order_given_and_audits(client, llme, sessions):
    session = sessions[1]
    client.force_login(llme)
    data = post_data(
        [
            row(0, "Reflection and next steps", "reflection", 30, position=3),
            row(1, "Welcome and aims", "input", 30, position=1, mechanisms=["setting_goals"]),
            row(2, "What we tried", "evaluating", 60, position=2, notes="Bring trial notes"),
            row(3, "", "", ""),  # a blank row is not an activity
        ]
    )
    response = client.post(edit_url(session), data)
    assert response.status_code == 302
    assert response["Location"] == edit_url(session)
    plan = SessionPlan.objects.get(session=session)
    assert plan.version == 1
    assert plan.updated_by == llme
    assert list(plan.activities.values_list("position", "title", "kind", "minutes")) == [
        (1, "Welcome and aims", "input", 30),
        (2, "What we tried", "evaluating", 60),
        (3, "Reflection and next steps", "reflection", 30),
    ]
    assert plan.activities.get(position=1).mechanisms == ["setting_goals"]
    assert plan.activities.get(position=2).notes == "Bring trial notes"
    event = AuditEvent.objects.get(verb="session_plan.saved")
    assert event.actor == llme
    assert event.hub_id == session.work_group.hub_id
    assert event.data["activities"] == 3
    assert event.data["version"] == 1

    page = client.get(edit_url(session)).content.decode()
    assert "The plan for session 2 is saved." in page
    assert "120 of 360 minutes planned, 240 left" in page
    assert "There is no time for group discussion." in page


def test_warnings_change_as_you_edit_without_saving(client, llme, sessions):
    client.force_login(llme)
    check = edit_url(sessions[1]) + "check/"
    over = client.post(check, post_data([row(0, "Input", "input", 400)]), HTTP_HX_REQUEST="true")
    assert over.status_code == 200
    html = over.content.decode()
    assert "400 of 360 minutes: 40 over" in html
    assert "The plan runs 40 minutes over" in html
    assert "<html" not in html  # only the summary
    # Half typed: a row without a title yet still counts its minutes.
    fits = client.post(
        check,
        post_data(
            [
                row(0, "Input", "input", 200),
                row(1, "", "discussion", 100),
                row(2, "Trials", "evaluating", 30),
                row(3, "Reflect", "reflection", 30),
                row(4, "Dropped", "input", 500, delete=True),
            ]
        ),
    )
    html = fits.content.decode()
    assert "360 of 360 minutes planned, 0 left" in html
    assert "No warnings" in html
    assert not SessionPlan.objects.exists()


def test_adding_a_row_without_javascript_keeps_what_was_typed(client, llme, sessions):
    client.force_login(llme)
    data = post_data([row(0, "Welcome", "input", 30)])
    data["add_row"] = "1"
    response = client.post(edit_url(sessions[0]), data)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'value="Welcome"' in html
    assert 'name="activities-1-title"' in html
    assert "30 of 360 minutes planned, 330 left" in html
    assert not SessionPlan.objects.exists()


def test_a_row_with_mistakes_is_shown_again_with_messages(client, llme, sessions):
    client.force_login(llme)
    response = client.post(
        edit_url(sessions[0]),
        post_data([row(0, "Welcome", "input", 30), row(1, "", "discussion", "ten")]),
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Activity 2: Enter a title." in html
    assert "Activity 2: Enter the minutes as a whole number, like 30." in html
    assert 'value="Welcome"' in html
    assert not SessionPlan.objects.exists()


def test_a_co_leads_save_is_never_silently_overwritten(client, llme, work_group, sessions):
    co_lead = UserFactory.create(display_name="Cara Cole")
    work_group.leads.add(co_lead)
    session = sessions[1]
    liam, cara = client, Client()
    cara.force_login(co_lead)
    liam.force_login(llme)
    # Both open the empty plan (version 0).
    assert 'name="version" value="0"' in liam.get(edit_url(session)).content.decode()
    assert 'name="version" value="0"' in cara.get(edit_url(session)).content.decode()
    # Cara saves first.
    assert (
        cara.post(edit_url(session), post_data([row(0, "Cara's input", "input", 45)])).status_code
        == 302
    )
    # Liam's save, from the version he opened, is refused; his input is kept.
    refused = liam.post(
        edit_url(session),
        post_data([row(0, "Liam's discussion", "discussion", 60)], version=0),
    )
    assert refused.status_code == 409
    html = refused.content.decode()
    assert "Your changes are not saved yet" in html
    assert "Cara Cole changed this plan at" in html
    assert 'value="Liam&#x27;s discussion"' in html  # his own input, still in the form
    assert "Cara&#x27;s input" in html  # her plan, shown beside it
    assert 'name="version" value="1"' in html  # the form now carries her version
    plan = SessionPlan.objects.get(session=session)
    assert list(plan.activities.values_list("title", flat=True)) == ["Cara's input"]
    # Liam merges and saves again: that succeeds.
    merged = post_data(
        [row(0, "Cara's input", "input", 45), row(1, "Liam's discussion", "discussion", 60)],
        version=1,
    )
    assert liam.post(edit_url(session), merged).status_code == 302
    plan.refresh_from_db()
    assert plan.version == 2
    assert plan.updated_by == llme
    assert plan.activities.count() == 2
    assert AuditEvent.objects.filter(verb="session_plan.saved").count() == 2


def copy(client, session, source, *, version: int = 0, replace: bool = False):
    data = {"source": str(source.pk), "version": str(version)}
    if replace:
        data["replace"] = "on"
    return client.post(edit_url(session) + "copy/", data)


def test_copying_the_programmes_template(client, llme, sessions):
    session = sessions[0]
    template = SessionPlan.objects.create(programme=session.work_group.programme, template_number=1)
    ActivityFactory.create(plan=template, title="Welcome (template)")
    client.force_login(llme)
    page = client.get(edit_url(session)).content.decode()
    # This session's template is suggested while the plan is empty.
    assert re.search(
        rf'<option value="{template.pk}" selected>Template for session 1 \(1 activity, 30 min',
        page,
    )
    response = copy(client, session, template)
    assert response.status_code == 302
    plan = SessionPlan.objects.get(session=session)
    assert list(plan.activities.values_list("title", flat=True)) == ["Welcome (template)"]
    assert AuditEvent.objects.get(verb="session_plan.copied").data["source"] == template.pk
    page = client.get(edit_url(session)).content.decode()
    assert "Copied the template for session 1 into session 1." in page


def test_copying_over_a_plan_needs_confirming(client, llme, sessions):
    first, second, _ = sessions
    source = SessionPlanFactory.create(session=first)
    ActivityFactory.create(plan=source, title="From session 1")
    existing = plan_save(
        session=second,
        activities=[ActivityData(title="Keep me", kind="input", minutes=20)],
        version=0,
        by=llme,
    )
    client.force_login(llme)
    response = copy(client, second, source, version=existing.version)
    assert response.status_code == 200
    assert "already has 1 activity: tick the box" in response.content.decode()
    assert list(existing.activities.values_list("title", flat=True)) == ["Keep me"]
    response = copy(client, second, source, version=existing.version, replace=True)
    assert response.status_code == 302
    assert list(existing.activities.values_list("title", flat=True)) == ["From session 1"]


def test_copying_from_a_stale_page_is_refused(client, llme, sessions):
    first, second, _ = sessions
    source = SessionPlanFactory.create(session=first)
    ActivityFactory.create(plan=source)
    plan_save(
        session=second,
        activities=[ActivityData(title="Saved meanwhile", kind="input", minutes=20)],
        version=0,
        by=llme,
    )
    client.force_login(llme)
    response = copy(client, second, source, version=0, replace=True)
    assert response.status_code == 409
    assert "Nothing was copied" in response.content.decode()
    assert not AuditEvent.objects.filter(verb="session_plan.copied").exists()


def test_copying_with_a_version_for_a_plan_that_never_existed_is_a_message_not_an_error(
    client, llme, sessions
):
    first, second, _ = sessions
    source = SessionPlanFactory.create(session=first)
    ActivityFactory.create(plan=source)
    client.force_login(llme)
    response = copy(client, second, source, version=3, replace=True)
    assert response.status_code == 200
    assert "This plan has changed since you opened it." in response.content.decode()
    assert not SessionPlan.objects.filter(session=second).exists()


def test_copying_from_last_years_run(client, llme, hub, work_group, sessions):
    last_year = WorkGroupFactory.create(
        hub=hub, programme=work_group.programme, academic_year=work_group.academic_year - 1
    )
    old_session = SessionFactory.create(work_group=last_year)
    old_plan = SessionPlanFactory.create(session=old_session)
    ActivityFactory.create(plan=old_plan, title="Last year's opener", kind="discussion")
    work_group.copied_from = last_year
    work_group.save()
    client.force_login(llme)
    page = client.get(edit_url(sessions[0])).content.decode()
    assert f"Last year&#x27;s run ({last_year.year.label})" in page
    assert copy(client, sessions[0], old_plan).status_code == 302
    plan = SessionPlan.objects.get(session=sessions[0])
    assert list(plan.activities.values_list("title", "kind")) == [
        ("Last year's opener", "discussion")
    ]


def test_another_work_groups_plan_is_not_offered_or_copied(client, llme, sessions):
    stranger = SessionPlanFactory.create()
    ActivityFactory.create(plan=stranger, title="Not yours")
    client.force_login(llme)
    assert "Not yours" not in client.get(edit_url(sessions[0])).content.decode()
    response = copy(client, sessions[0], stranger)
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert not SessionPlan.objects.filter(session=sessions[0]).exists()


@pytest.mark.parametrize("method", ["get", "post_edit", "post_check", "post_copy"])
@pytest.mark.parametrize(
    ("persona", "status"),
    [("llme", 200), ("hub_lead", 200), ("outsider", 403), ("participant", 403), ("member", 403)],
)
def test_who_may_plan(client, request, sessions, method, persona, status):
    session = sessions[0]
    if persona == "member":
        user = EnrolmentFactory.create(work_group=session.work_group).user
    else:
        user = request.getfixturevalue(persona)
    client.force_login(user)
    data = post_data([row(0, "Welcome", "input", 30)])
    response = {
        "get": lambda: client.get(edit_url(session)),
        "post_edit": lambda: client.post(edit_url(session), data),
        "post_check": lambda: client.post(edit_url(session) + "check/", data),
        "post_copy": lambda: client.post(edit_url(session) + "copy/", {"version": "0"}),
    }[method]()
    if status == 200:
        assert response.status_code in {200, 302}
    else:
        assert response.status_code == 403
        assert not SessionPlan.objects.exists()


def test_the_planner_keeps_a_fixed_number_of_queries(
    client, llme, work_group, sessions, django_assert_max_num_queries
):
    session = sessions[1]
    plan = plan_save(
        session=session,
        activities=[ActivityData(title="Welcome", kind="input", minutes=30)],
        version=0,
        by=llme,
    )
    source = SessionPlanFactory.create(session=sessions[0])
    ActivityFactory.create(plan=source)
    client.force_login(llme)
    with django_assert_max_num_queries(40) as queries:
        assert client.get(edit_url(session)).status_code == 200
    before = len(queries)
    for _ in range(11):
        ActivityFactory.create(plan=plan, mechanisms=["modelling", "feedback"])
    ActivityFactory.create_batch(4, plan=source)
    for more in SessionFactory.create_batch(3, work_group=work_group):
        ActivityFactory.create_batch(2, plan=SessionPlanFactory.create(session=more))
    for number in range(1, 4):
        template = SessionPlan.objects.create(
            programme=work_group.programme, template_number=number
        )
        ActivityFactory.create_batch(3, plan=template)
    with django_assert_max_num_queries(before) as queries:
        assert client.get(edit_url(session)).status_code == 200
    assert len(queries) == before
    html = client.get(edit_url(session)).content.decode()
    assert "360 of 360 minutes planned, 0 left" in html
    assert Activity.objects.count() == 12 + 5 + 6 + 9
    assert "Session 6 (2 activities, 60 minutes)" in html
    assert Mechanism.MODELLING.label in html


def test_adding_a_row_does_not_yet_mark_half_finished_rows_as_mistakes(client, llme, sessions):
    client.force_login(llme)
    data = post_data(
        [
            row(0, "Second", "discussion", "", position=2, mechanisms=["modelling"]),
            row(1, "First", "input", 30, position=1),
        ]
    )
    data["add_row"] = "1"
    html = client.post(edit_url(sessions[0]), data).content.decode()
    assert "There is a problem" not in html
    assert html.index('value="First"') < html.index('value="Second"')
    assert 'name="activities-2-title"' in html
    assert re.search(r'name="activities-1-mechanisms" value="modelling"[^>]*checked', html)


def test_odd_order_numbers_are_never_a_mistake(client, llme, sessions):
    client.force_login(llme)
    data = post_data(
        [
            row(0, "Second", "discussion", 30, position="later"),
            row(1, "First", "input", 30, position=0),
            row(2, "Third", "reflection", 30, position=7),
        ]
    )
    assert client.post(edit_url(sessions[0]), data).status_code == 302
    plan = SessionPlan.objects.get(session=sessions[0])
    assert list(plan.activities.values_list("position", "title")) == [
        (1, "First"),
        (2, "Second"),
        (3, "Third"),
    ]


def test_a_form_without_its_version_saves_nothing(client, llme, sessions):
    client.force_login(llme)
    data = post_data([row(0, "Welcome", "input", 30)])
    del data["version"]
    response = client.post(edit_url(sessions[0]), data)
    assert response.status_code == 400
    assert 'value="Welcome"' in response.content.decode()
    assert not SessionPlan.objects.exists()


def test_hub_staff_get_a_link_back_to_the_work_group(client, llme, hub_lead, work_group, sessions):
    back = f'href="/hubs/glow/manage/work-groups/{work_group.pk}/"'
    client.force_login(hub_lead)
    assert back in client.get(edit_url(sessions[0])).content.decode()
    # Leads cannot open that page, so they are not sent there.
    client.force_login(llme)
    assert back not in client.get(edit_url(sessions[0])).content.decode()
