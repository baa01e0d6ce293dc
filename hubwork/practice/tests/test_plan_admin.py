"""National admins edit programmes' template plans in the admin; Work Groups' plans stay out."""

import pytest

from hubwork.accounts.tests.factories import UserFactory, enable_totp
from hubwork.core.models import AuditEvent
from hubwork.practice.models import SessionPlan
from hubwork.practice.tests.factories import ActivityFactory, SessionPlanFactory
from hubwork.workgroups.tests.factories import ProgrammeFactory

ADD = "/admin/practice/sessionplan/add/"


@pytest.fixture
def national_admin(db):
    admin = UserFactory.create(is_national_admin=True, is_staff=True, is_superuser=True)
    enable_totp(admin)
    return admin


def inline(rows: list[dict[str, object]]) -> dict[str, object]:
    data: dict[str, object] = {
        "activities-TOTAL_FORMS": str(len(rows)),
        "activities-INITIAL_FORMS": "0",
        "activities-MIN_NUM_FORMS": "0",
        "activities-MAX_NUM_FORMS": "1000",
    }
    for index, row in enumerate(rows):
        data.update({f"activities-{index}-{name}": value for name, value in row.items()})
    return data


def test_a_national_admin_adds_a_template_with_mechanisms(client, national_admin):
    programme = ProgrammeFactory.create(name="Mastering Number")
    client.force_login(national_admin)
    assert client.get(ADD).status_code == 200
    data = {
        "programme": str(programme.pk),
        "template_number": "1",
        "template_minutes": "360",
        **inline(
            [
                {
                    "position": "1",
                    "title": "Why number sense matters",
                    "kind": "input",
                    "minutes": "45",
                    "mechanisms": ["modelling", "credible_source"],
                },
                {"position": "2", "title": "Reflect", "kind": "reflection", "minutes": "20"},
            ]
        ),
    }
    response = client.post(ADD, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    template = SessionPlan.objects.get(programme=programme, template_number=1)
    assert template.version == 1
    assert template.updated_by == national_admin
    assert list(template.activities.values_list("title", "mechanisms")) == [
        ("Why number sense matters", ["credible_source", "modelling"]),
        ("Reflect", []),
    ]
    assert AuditEvent.objects.get(verb="session_plan.template_saved").data["activities"] == 2


def test_a_template_needs_a_programme_and_session_number(client, national_admin):
    client.force_login(national_admin)
    response = client.post(ADD, {"template_minutes": "360", **inline([])})
    assert response.status_code == 200
    assert not SessionPlan.objects.exists()


def test_work_groups_plans_are_not_in_the_admin(client, national_admin):
    plan = SessionPlanFactory.create()
    ActivityFactory.create(plan=plan, title="A Work Group's own activity")
    client.force_login(national_admin)
    listing = client.get("/admin/practice/sessionplan/")
    assert "0 session plans" in listing.content.decode()
    response = client.get(f"/admin/practice/sessionplan/{plan.pk}/change/")
    assert response.status_code == 302  # "does not exist": back to the admin index
