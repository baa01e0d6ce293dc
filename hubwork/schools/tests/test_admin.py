"""Schools and local authorities come from the national register: the admin shows them, and
only the GIAS import changes them."""

import pytest

from hubwork.core.models import AuditEvent
from hubwork.schools.models import LocalAuthority, School
from hubwork.schools.tests.factories import SchoolFactory


@pytest.mark.parametrize("model", ["school", "localauthority"])
def test_the_admin_shows_the_register_without_a_way_to_change_it(client, national_admin, model):
    school = SchoolFactory.create(name="Alpha Primary")
    pk = school.pk if model == "school" else school.local_authority_id
    client.force_login(national_admin)
    base = f"/admin/schools/{model}/"

    listing = client.get(base).content.decode()
    assert f"{base}add/" not in listing
    page = client.get(f"{base}{pk}/change/")
    assert page.status_code == 200
    html = page.content.decode()
    assert 'name="_save"' not in html
    assert 'name="_continue"' not in html

    assert client.get(f"{base}add/").status_code == 403
    assert client.post(f"{base}add/", {"name": "New", "code": "999"}).status_code == 403
    assert client.post(f"{base}{pk}/change/", {"name": "Renamed"}).status_code == 403
    assert client.post(f"{base}{pk}/delete/", {"post": "yes"}).status_code == 403
    assert School.objects.get().name == "Alpha Primary"
    assert LocalAuthority.objects.count() == 1
    assert not AuditEvent.objects.exists()


def test_hubs_can_still_look_up_schools_and_local_authorities(client, national_admin):
    SchoolFactory.create(name="Alpha Primary")
    client.force_login(national_admin)
    for model, field_name in [("school", "lead_schools"), ("localauthority", "local_authority")]:
        response = client.get(
            "/admin/autocomplete/",
            {
                "term": "",
                "app_label": "hubs",
                "model_name": "hub" if model == "school" else "hubarea",
                "field_name": field_name,
            },
        )
        assert response.status_code == 200, model
        assert response.json()["results"], model
