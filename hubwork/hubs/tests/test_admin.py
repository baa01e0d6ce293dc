"""The national team edits hubs and their areas, team roles and accreditations in the admin;
every save and delete goes through `hubs.services`, which validates and audits it."""

import io
from datetime import date

import pytest
from django.utils import timezone

from hubwork.accounts.tests.factories import UserFactory
from hubwork.core.models import AuditEvent
from hubwork.hubs.models import Accreditation, Hub, HubArea, HubRole
from hubwork.hubs.tests.factories import HubRoleFactory
from hubwork.schools.models import LocalAuthority
from hubwork.schools.tests.factories import SchoolFactory


@pytest.fixture
def local_authorities(db):
    return {
        code: LocalAuthority.objects.create(code=code, name=name)
        for code, name in [("330", "Birmingham"), ("332", "Dudley"), ("860", "Staffordshire")]
    }


def areas_inline(rows: list[dict[str, object]], *, initial: int = 0) -> dict[str, object]:
    data: dict[str, object] = {
        "areas-TOTAL_FORMS": str(len(rows)),
        "areas-INITIAL_FORMS": str(initial),
        "areas-MIN_NUM_FORMS": "0",
        "areas-MAX_NUM_FORMS": "1000",
    }
    for index, row in enumerate(rows):
        data.update({f"areas-{index}-{name}": value for name, value in row.items()})
    return data


def hub_form(hub_name: str = "Central Maths Hub", slug: str = "central", **extra: object):
    return {"name": hub_name, "slug": slug, "summary": "", "email": "central@example.org", **extra}


# Hubs and their areas ---------------------------------------------------------------------


def test_a_national_admin_adds_a_hub_with_its_area_and_lead_school(
    client, national_admin, local_authorities
):
    lead_school = SchoolFactory.create(urn=123456, local_authority=local_authorities["330"])
    client.force_login(national_admin)
    assert client.get("/admin/hubs/hub/add/").status_code == 200
    data = {
        **hub_form(lead_schools=[str(lead_school.pk)]),
        **areas_inline(
            [
                {"local_authority": str(local_authorities["330"].pk)},
                {"local_authority": str(local_authorities["332"].pk)},
            ]
        ),
    }
    response = client.post("/admin/hubs/hub/add/", data)
    assert response.status_code == 302, response.content.decode()[:3000]
    hub = Hub.objects.get(slug="central")
    assert set(hub.areas.values_list("local_authority__code", flat=True)) == {"330", "332"}
    assert list(hub.lead_schools.all()) == [lead_school]
    event = AuditEvent.objects.get()
    assert (event.verb, event.actor, event.hub_id) == ("hub.created", national_admin, hub.pk)
    assert event.data["changed"]["name"] == [None, "Central Maths Hub"]
    assert (event.data["areas_added"], event.data["areas_removed"]) == (["330", "332"], [])
    assert event.data["lead_schools_added"] == [123456]


def test_changing_a_hub_moves_its_area_and_logs_before_and_after(
    client, national_admin, hub, local_authorities
):
    birmingham = HubArea.objects.create(hub=hub, local_authority=local_authorities["330"])
    client.force_login(national_admin)
    data = {
        **hub_form(hub_name="GLOW Maths Hub", slug="glow", email="hello@glow.example.org"),
        **areas_inline(
            [
                {
                    "id": str(birmingham.pk),
                    "hub": str(hub.pk),
                    "local_authority": str(local_authorities["330"].pk),
                    "DELETE": "on",
                },
                {"local_authority": str(local_authorities["860"].pk)},
            ],
            initial=1,
        ),
    }
    response = client.post(f"/admin/hubs/hub/{hub.pk}/change/", data)
    assert response.status_code == 302, response.content.decode()[:3000]
    assert list(hub.areas.values_list("local_authority__code", flat=True)) == ["860"]
    event = AuditEvent.objects.get()
    assert event.verb == "hub.changed"
    assert event.data["changed"] == {"email": ["glow@example.org", "hello@glow.example.org"]}
    assert (event.data["areas_added"], event.data["areas_removed"]) == (["860"], ["330"])


def test_a_local_authority_in_another_hub_is_refused_with_a_message(
    client, national_admin, hub, other_hub, local_authorities
):
    HubArea.objects.create(hub=other_hub, local_authority=local_authorities["330"])
    client.force_login(national_admin)
    data = {
        **hub_form(hub_name="GLOW Maths Hub", slug="glow"),
        **areas_inline([{"local_authority": str(local_authorities["330"].pk)}]),
    }
    response = client.post(f"/admin/hubs/hub/{hub.pk}/change/", data)
    assert response.status_code == 200
    assert "Hub area with this Local authority already exists" in response.content.decode()
    assert HubArea.objects.get().hub == other_hub
    assert not AuditEvent.objects.exists()


def test_a_hub_without_a_name_is_refused(client, national_admin):
    client.force_login(national_admin)
    response = client.post("/admin/hubs/hub/add/", {**hub_form(hub_name=""), **areas_inline([])})
    assert response.status_code == 200
    assert "This field is required" in response.content.decode()
    assert not Hub.objects.exists()
    assert not AuditEvent.objects.exists()


def test_a_lead_school_id_too_large_for_the_database_is_refused_by_the_field(
    client, national_admin
):
    client.force_login(national_admin)
    data = {
        **hub_form(lead_schools=["99999999999999999999999"]),
        **areas_inline([]),
    }
    response = client.post("/admin/hubs/hub/add/", data)
    assert response.status_code == 200
    assert "is not one of the available choices" in response.content.decode()
    assert not Hub.objects.exists()


def test_a_person_id_too_large_for_the_database_is_refused_by_the_field(
    client, national_admin, hub
):
    client.force_login(national_admin)
    response = client.post(
        "/admin/hubs/hubrole/add/",
        {"user": "99999999999999999999999", "hub": str(hub.pk), "role": HubRole.Kind.HUB_LEAD},
    )
    assert response.status_code == 200
    assert "That choice is not one of the available choices" in response.content.decode()
    assert not HubRole.objects.exists()


def test_deleting_a_hub_is_audited(client, national_admin, hub):
    client.force_login(national_admin)
    response = client.post(f"/admin/hubs/hub/{hub.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert not Hub.objects.exists()
    event = AuditEvent.objects.get()
    assert (event.verb, event.object_id, event.data["slug"]) == ("hub.deleted", str(hub.pk), "glow")


def test_an_areas_upload_is_audited_once_with_its_file_name(client, national_admin, hub):
    LocalAuthority.objects.create(code="330", name="Birmingham")
    client.force_login(national_admin)
    upload = io.BytesIO(b"hub,la_code\nglow,330\nglow,000\n")
    upload.name = "areas-2026.csv"
    client.post("/admin/hubs/hub/import-areas/", {"file": upload})
    event = AuditEvent.objects.get()
    assert (event.verb, event.actor) == ("hub_areas.imported", national_admin)
    assert event.data == {
        "file": "areas-2026.csv",
        "added": 1,
        "moved": 0,
        "unchanged": 0,
        "rejected": 1,
    }


# Hub teams --------------------------------------------------------------------------------


def role_form(**values: object) -> dict[str, object]:
    return {"starts_on": "2026-09-01", "phase": "", "ends_on": "", **values}


def test_a_role_granted_in_the_admin_is_audited_as_a_grant(client, national_admin, hub):
    person = UserFactory.create()
    client.force_login(national_admin)
    response = client.post(
        "/admin/hubs/hubrole/add/",
        role_form(user=str(person.pk), hub=str(hub.pk), role="assistant_hub_lead", phase="primary"),
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    hub_role = HubRole.objects.get(user=person)
    event = AuditEvent.objects.for_object(hub_role).get()
    assert (event.verb, event.actor, event.hub_id) == ("hub_role.granted", national_admin, hub.pk)


def test_a_role_corrected_in_the_admin_logs_before_and_after(client, national_admin, hub, llme):
    hub_role = HubRole.objects.get(user=llme)
    client.force_login(national_admin)
    response = client.post(
        f"/admin/hubs/hubrole/{hub_role.pk}/change/",
        role_form(user=str(llme.pk), hub=str(hub.pk), role="llme", starts_on="2025-09-01"),
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    hub_role.refresh_from_db()
    assert hub_role.starts_on == date(2025, 9, 1)
    event = AuditEvent.objects.for_object(hub_role).get()
    assert event.verb == "hub_role.changed"
    today = timezone.localdate().isoformat()
    assert event.data == {"changed": {"starts_on": [today, "2025-09-01"]}}


def test_a_phase_for_a_role_without_one_is_refused(client, national_admin, hub, llme):
    hub_role = HubRole.objects.get(user=llme)
    client.force_login(national_admin)
    response = client.post(
        f"/admin/hubs/hubrole/{hub_role.pk}/change/",
        role_form(user=str(llme.pk), hub=str(hub.pk), role="llme", phase="primary"),
    )
    assert response.status_code == 200
    assert "Only assistant hub leads have a phase" in response.content.decode()
    assert HubRole.objects.get(pk=hub_role.pk).phase == ""
    assert not AuditEvent.objects.exists()


def test_deleting_a_role_is_audited_with_what_it_was(client, national_admin, hub):
    hub_role = HubRoleFactory.create(hub=hub, role=HubRole.Kind.LLME)
    client.force_login(national_admin)
    response = client.post(f"/admin/hubs/hubrole/{hub_role.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert not HubRole.objects.filter(pk=hub_role.pk).exists()
    event = AuditEvent.objects.get()
    assert (event.verb, event.hub_id, event.data["role"]) == ("hub_role.deleted", hub.pk, "llme")


# LLMEs' accreditations --------------------------------------------------------------------


def test_accreditations_are_added_changed_and_deleted_through_the_service(
    client, national_admin, llme
):
    client.force_login(national_admin)
    response = client.post(
        "/admin/hubs/accreditation/add/",
        {"user": str(llme.pk), "kind": "pd_lead", "year_achieved": "2019"},
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    accreditation = Accreditation.objects.get(user=llme)
    response = client.post(
        f"/admin/hubs/accreditation/{accreditation.pk}/change/",
        {"user": str(llme.pk), "kind": "pd_lead", "year_achieved": "2020"},
    )
    assert response.status_code == 302
    assert Accreditation.objects.get().year_achieved == 2020
    response = client.post(f"/admin/hubs/accreditation/{accreditation.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert not Accreditation.objects.exists()

    events = AuditEvent.objects.for_object(accreditation).order_by("pk")
    assert [(event.verb, event.actor) for event in events] == [
        ("accreditation.added", national_admin),
        ("accreditation.changed", national_admin),
        ("accreditation.deleted", national_admin),
    ]
    assert events[1].data == {"changed": {"year_achieved": [2019, 2020]}}


def test_deleting_several_accreditations_at_once_audits_each(client, national_admin, llme):
    accreditations = [
        Accreditation.objects.create(user=llme, kind=kind, year_achieved=2019)
        for kind in ("pd_lead", "mastery_specialist")
    ]
    client.force_login(national_admin)
    response = client.post(
        "/admin/hubs/accreditation/",
        {
            "action": "delete_selected",
            "post": "yes",
            "_selected_action": [str(accreditation.pk) for accreditation in accreditations],
        },
    )
    assert response.status_code == 302
    assert not Accreditation.objects.exists()
    assert AuditEvent.objects.filter(verb="accreditation.deleted").count() == 2


def test_the_same_accreditation_twice_is_refused(client, national_admin, llme):
    Accreditation.objects.create(user=llme, kind="pd_lead", year_achieved=2019)
    client.force_login(national_admin)
    response = client.post(
        "/admin/hubs/accreditation/add/",
        {"user": str(llme.pk), "kind": "pd_lead", "year_achieved": "2021"},
    )
    assert response.status_code == 200
    assert "already exists" in response.content.decode()
    assert Accreditation.objects.count() == 1
    assert not AuditEvent.objects.exists()


def test_an_accreditation_year_out_of_range_is_refused(client, national_admin, llme):
    client.force_login(national_admin)
    response = client.post(
        "/admin/hubs/accreditation/add/",
        {"user": str(llme.pk), "kind": "pd_lead", "year_achieved": "1990"},
    )
    assert response.status_code == 200
    assert "greater than or equal to 2000" in response.content.decode()
    assert not Accreditation.objects.exists()
