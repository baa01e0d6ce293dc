"""Leads set, change and remove the gap tasks set at a session; nobody else can."""

from datetime import timedelta

import pytest
from django.utils import timezone

from hubwork.accounts.tests.factories import UserFactory
from hubwork.core.models import AuditEvent
from hubwork.hubs.models import HubRole
from hubwork.hubs.tests.factories import HubRoleFactory
from hubwork.practice.models import ClassroomTrial, GapTask
from hubwork.practice.tests.factories import ClassroomTrialFactory, GapTaskFactory
from hubwork.workgroups.models import Session
from hubwork.workgroups.tests.factories import EnrolmentFactory, SessionFactory, WorkGroupFactory

BASE = "/hubs/glow/manage/work-groups/"


@pytest.fixture
def work_group(hub, llme):
    return WorkGroupFactory.create(hub=hub, leads=[llme], status="running")


@pytest.fixture
def sessions(work_group):
    """Three sessions, four weeks apart."""
    return [SessionFactory.create(work_group=work_group) for _ in range(3)]


def list_url(session: Session) -> str:
    return f"{BASE}{session.work_group_id}/sessions/{session.pk}/gap-tasks/"


def edit_url(gap_task: GapTask) -> str:
    return f"{list_url(gap_task.session)}{gap_task.pk}/"


def delete_url(gap_task: GapTask) -> str:
    return f"{edit_url(gap_task)}delete/"


def form_data(**overrides: str) -> dict[str, str]:
    return {
        "title": "Use stem sentences when pupils explain",
        "description": "Note which pupils use them unprompted.",
        "classes": "Any Key Stage 2 class",
        "due_on": "",
        **overrides,
    }


def test_the_form_offers_the_next_sessions_date_as_the_due_date(client, llme, sessions):
    client.force_login(llme)
    response = client.get(list_url(sessions[0]))
    assert response.status_code == 200
    html = response.content.decode()
    assert f'value="{sessions[1].date:%Y-%m-%d}"' in html
    assert "No gap tasks are set at this session yet." in html


def test_the_default_due_date_skips_a_cancelled_next_session(client, llme, sessions):
    Session.objects.filter(pk=sessions[1].pk).update(status=Session.Status.CANCELLED)
    client.force_login(llme)
    html = client.get(list_url(sessions[0])).content.decode()
    assert f'value="{sessions[2].date:%Y-%m-%d}"' in html
    assert f'value="{sessions[1].date:%Y-%m-%d}"' not in html


def test_lead_sets_a_gap_task_through_the_page(client, llme, hub, sessions):
    client.force_login(llme)
    due = sessions[1].date
    response = client.post(list_url(sessions[0]), form_data(due_on=f"{due:%Y-%m-%d}"))
    assert response.status_code == 302
    assert response.url == list_url(sessions[0])

    gap_task = GapTask.objects.get()
    assert gap_task.session == sessions[0]
    assert gap_task.title == "Use stem sentences when pupils explain"
    assert gap_task.classes == "Any Key Stage 2 class"
    assert gap_task.due_on == due
    assert gap_task.set_by == llme
    event = AuditEvent.objects.get(verb="gap_task.set")
    assert event.actor == llme
    assert event.object_id == str(gap_task.pk)
    assert event.hub_id == hub.pk
    assert event.data["due_on"] == f"{due:%Y-%m-%d}"

    html = client.get(list_url(sessions[0])).content.decode()
    assert "Use stem sentences when pupils explain" in html
    assert "1 gap task set at session 1" in html


def test_a_due_date_before_the_session_is_an_error_by_the_field(client, llme, sessions):
    client.force_login(llme)
    early = sessions[0].date - timedelta(days=1)
    response = client.post(list_url(sessions[0]), form_data(due_on=f"{early:%Y-%m-%d}"))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="id_due_on_error"' in html
    assert "must be on or after the session it is set at" in html
    assert 'href="#id_due_on"' in html  # and in the error summary
    assert not GapTask.objects.exists()
    assert not AuditEvent.objects.filter(verb="gap_task.set").exists()


def test_missing_title_and_date_are_errors_by_their_fields(client, llme, sessions):
    client.force_login(llme)
    response = client.post(list_url(sessions[0]), form_data(title=""))
    html = response.content.decode()
    assert "Enter what participants should try." in html
    assert "Enter the date it is due." in html
    assert not GapTask.objects.exists()


def test_no_gap_tasks_at_a_cancelled_session(client, llme, sessions):
    Session.objects.filter(pk=sessions[1].pk).update(status=Session.Status.CANCELLED)
    client.force_login(llme)
    html = client.get(list_url(sessions[1])).content.decode()
    assert "This session was cancelled, so no gap tasks can be set at it." in html
    response = client.post(list_url(sessions[1]), form_data(due_on=f"{sessions[2].date:%Y-%m-%d}"))
    assert response.status_code == 200
    assert not GapTask.objects.exists()


def test_lead_changes_a_gap_task(client, llme, sessions):
    gap_task = GapTaskFactory.create(
        session=sessions[0], title="Old title", due_on=sessions[1].date
    )
    client.force_login(llme)
    html = client.get(edit_url(gap_task)).content.decode()
    assert 'value="Old title"' in html
    assert f'value="{sessions[1].date:%Y-%m-%d}"' in html

    later = sessions[1].date + timedelta(days=7)
    response = client.post(edit_url(gap_task), form_data(title="New title", due_on=f"{later}"))
    assert response.status_code == 302
    gap_task.refresh_from_db()
    assert (gap_task.title, gap_task.due_on) == ("New title", later)
    event = AuditEvent.objects.get(verb="gap_task.changed")
    assert event.actor == llme
    assert event.data["changed"]["title"] == ["Old title", "New title"]


def test_changing_to_a_date_before_the_session_is_refused(client, llme, sessions):
    gap_task = GapTaskFactory.create(session=sessions[0], due_on=sessions[1].date)
    client.force_login(llme)
    early = sessions[0].date - timedelta(days=3)
    response = client.post(edit_url(gap_task), form_data(due_on=f"{early}"))
    assert response.status_code == 200
    assert 'id="id_due_on_error"' in response.content.decode()
    gap_task.refresh_from_db()
    assert gap_task.due_on == sessions[1].date
    assert not AuditEvent.objects.filter(verb="gap_task.changed").exists()


def test_lead_removes_a_gap_task_and_trials_keep_its_title(client, llme, sessions, work_group):
    gap_task = GapTaskFactory.create(session=sessions[0], title="Bar models")
    shared = ClassroomTrialFactory.create(
        work_group=work_group, gap_task=gap_task, shared_at=timezone.now()
    )
    draft = ClassroomTrialFactory.create(work_group=work_group, gap_task=gap_task)
    client.force_login(llme)
    html = client.get(delete_url(gap_task)).content.decode()
    assert "Remove the gap task “Bar models”?" in html
    assert "1 shared trial answers this gap task" in html  # the draft is not counted

    response = client.post(delete_url(gap_task))
    assert response.status_code == 302
    assert not GapTask.objects.exists()
    for trial in (shared, draft):
        trial.refresh_from_db()
        assert trial.gap_task is None
        assert trial.own_idea == "Bar models"
    assert ClassroomTrial.objects.count() == 2
    event = AuditEvent.objects.get(verb="gap_task.deleted")
    assert event.actor == llme
    assert event.data["title"] == "Bar models"


def test_hub_staff_may_set_gap_tasks(client, hub_lead, sessions):
    client.force_login(hub_lead)
    assert client.get(list_url(sessions[0])).status_code == 200
    response = client.post(list_url(sessions[0]), form_data(due_on=f"{sessions[1].date}"))
    assert response.status_code == 302
    assert GapTask.objects.get().set_by == hub_lead


@pytest.mark.parametrize("persona", ["outsider", "participant", "member", "other_llme"])
def test_nobody_else_may_see_or_change_gap_tasks(client, request, hub, sessions, persona):
    if persona == "member":
        user = EnrolmentFactory.create(work_group=sessions[0].work_group).user
    elif persona == "other_llme":
        # An LLME of the same hub who leads another of its Work Groups, not this one.
        user = UserFactory.create(display_name="Olive Other")
        HubRoleFactory.create(user=user, hub=hub, role=HubRole.Kind.LLME)
        WorkGroupFactory.create(hub=hub, leads=[user])
    else:
        user = request.getfixturevalue(persona)
    gap_task = GapTaskFactory.create(session=sessions[0], title="Kept")
    client.force_login(user)
    due = f"{sessions[1].date}"
    assert client.get(list_url(sessions[0])).status_code == 403
    assert client.post(list_url(sessions[0]), form_data(due_on=due)).status_code == 403
    assert client.get(edit_url(gap_task)).status_code == 403
    assert client.post(edit_url(gap_task), form_data(title="Hacked", due_on=due)).status_code == 403
    assert client.get(delete_url(gap_task)).status_code == 403
    assert client.post(delete_url(gap_task)).status_code == 403
    gap_task.refresh_from_db()
    assert gap_task.title == "Kept"
    assert GapTask.objects.count() == 1
    assert not AuditEvent.objects.filter(verb__startswith="gap_task.").exists()


def test_a_gap_task_is_only_reached_through_its_own_session(client, llme, sessions):
    gap_task = GapTaskFactory.create(session=sessions[0])
    client.force_login(llme)
    wrong = f"{list_url(sessions[2])}{gap_task.pk}/"
    assert client.get(wrong).status_code == 404
    assert client.post(f"{wrong}delete/").status_code == 404
    assert GapTask.objects.filter(pk=gap_task.pk).exists()


def test_gap_task_list_queries_stay_fixed(
    client, llme, sessions, work_group, django_assert_max_num_queries
):
    client.force_login(llme)
    GapTaskFactory.create(session=sessions[0])
    url = list_url(sessions[0])
    with django_assert_max_num_queries(40) as queries:
        assert client.get(url).status_code == 200
    count = len(queries)
    for _ in range(5):
        gap_task = GapTaskFactory.create(session=sessions[0])
        ClassroomTrialFactory.create_batch(
            2, work_group=work_group, gap_task=gap_task, shared_at=timezone.now()
        )
    with django_assert_max_num_queries(count) as queries:
        assert client.get(url).status_code == 200
    assert len(queries) == count
