"""Template plans edited in the admin are saved and deleted through `template_plans`, which
validates, versions and audits them."""

from collections.abc import Mapping

import pytest

from hubwork.core.models import AuditEvent
from hubwork.practice.models import Activity, SessionPlan
from hubwork.workgroups.tests.factories import ProgrammeFactory


@pytest.fixture
def template(db) -> SessionPlan:
    programme = ProgrammeFactory.create(name="Mastering Number")
    plan = SessionPlan.objects.create(
        programme=programme, template_number=1, template_minutes=360, version=3
    )
    for position, title in enumerate(["Welcome", "Number sense", "Reflect"], start=1):
        Activity.objects.create(plan=plan, position=position, title=title, kind="input", minutes=30)
    return plan


def change_url(plan: SessionPlan) -> str:
    return f"/admin/practice/sessionplan/{plan.pk}/change/"


def change_form(plan: SessionPlan, **edits: Mapping[str, object]) -> dict[str, object]:
    """The change form as shown, with `edits` made to the activities titled by the keys."""
    activities = list(plan.activities.all())
    data: dict[str, object] = {
        "programme": str(plan.programme_id),
        "template_number": str(plan.template_number),
        "template_minutes": str(plan.template_minutes),
        "activities-TOTAL_FORMS": str(len(activities)),
        "activities-INITIAL_FORMS": str(len(activities)),
        "activities-MIN_NUM_FORMS": "0",
        "activities-MAX_NUM_FORMS": "1000",
    }
    for index, activity in enumerate(activities):
        row = {
            "id": activity.pk,
            "plan": plan.pk,
            "position": activity.position,
            "title": activity.title,
            "kind": activity.kind,
            "minutes": activity.minutes,
            "notes": "",
            "materials": "",
            **edits.get(activity.title, {}),
        }
        data.update({f"activities-{index}-{name}": value for name, value in row.items()})
    return data


def test_editing_a_template_replaces_its_activities_and_moves_its_version(
    client, national_admin, template
):
    client.force_login(national_admin)
    data = {
        **change_form(
            template,
            Welcome={"position": 3},
            Reflect={"DELETE": "on"},
            **{"Number sense": {"position": 1, "minutes": 45}},
        ),
        "template_minutes": "300",
    }
    response = client.post(change_url(template), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    template.refresh_from_db()
    assert (template.version, template.template_minutes) == (4, 300)
    assert template.updated_by == national_admin
    assert list(template.activities.values_list("position", "title", "minutes")) == [
        (1, "Number sense", 45),
        (2, "Welcome", 30),
    ]
    event = AuditEvent.objects.get()
    assert (event.verb, event.actor) == ("session_plan.template_saved", national_admin)
    assert event.data["changed"] == {"template_minutes": [360, 300]}
    assert (event.data["version"], event.data["activities"]) == (4, 2)


def test_an_activity_without_minutes_is_refused_and_nothing_changes(
    client, national_admin, template
):
    client.force_login(national_admin)
    response = client.post(change_url(template), change_form(template, Welcome={"minutes": "0"}))
    assert response.status_code == 200
    assert "greater than or equal to 1" in response.content.decode()
    template.refresh_from_db()
    assert template.version == 3
    assert template.activities.count() == 3
    assert not AuditEvent.objects.exists()


def test_a_second_template_for_the_same_session_number_is_refused(client, national_admin, template):
    client.force_login(national_admin)
    data = {
        "programme": str(template.programme_id),
        "template_number": "1",
        "template_minutes": "360",
        "activities-TOTAL_FORMS": "0",
        "activities-INITIAL_FORMS": "0",
        "activities-MIN_NUM_FORMS": "0",
        "activities-MAX_NUM_FORMS": "1000",
    }
    response = client.post("/admin/practice/sessionplan/add/", data)
    assert response.status_code == 200
    assert "already exists" in response.content.decode()
    assert SessionPlan.objects.count() == 1
    assert not AuditEvent.objects.exists()


def test_deleting_a_template_is_audited(client, national_admin, template):
    client.force_login(national_admin)
    response = client.post(f"/admin/practice/sessionplan/{template.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert not SessionPlan.objects.exists()
    event = AuditEvent.objects.get()
    assert event.verb == "session_plan.template_deleted"
    assert (event.data["template_number"], event.data["version"]) == (1, 3)
