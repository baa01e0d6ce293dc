import pytest

from hubwork.hubs.models import HubArea, HubRole
from hubwork.hubs.tests.factories import HubFactory, HubRoleFactory
from hubwork.schools.models import LocalAuthority

# The hub, its local authorities, lead schools, current leaders and this year's offer of
# Work Groups (workgroups' tests check that the offer's size does not change this either).
HUB_PAGE_QUERIES = 5


@pytest.fixture
def glow_area(hub):
    birmingham = LocalAuthority.objects.create(code="330", name="Birmingham")
    HubArea.objects.create(hub=hub, local_authority=birmingham)
    return birmingham


def test_hub_list_shows_every_hub_with_its_area(client, hub, glow_area, other_hub):
    response = client.get("/hubs/")
    html = response.content.decode()
    assert response.status_code == 200
    assert 'href="/hubs/glow/"' in html
    assert "Birmingham" in html
    assert "Origin Maths Hub" in html


def test_hub_list_queries_stay_fixed_as_hubs_grow(client, db, django_assert_num_queries):
    HubFactory.create()
    with django_assert_num_queries(2):
        client.get("/hubs/")
    for number in range(10):
        hub = HubFactory.create()
        local_authority = LocalAuthority.objects.create(code=f"9{number:02d}", name=f"LA {number}")
        HubArea.objects.create(hub=hub, local_authority=local_authority)
    with django_assert_num_queries(2):
        client.get("/hubs/")


def test_hub_page_shows_area_leaders_and_contact(client, hub, glow_area, hub_lead, llme):
    hub.email = "glow@example.org"
    hub.save()
    response = client.get("/hubs/glow/")
    html = response.content.decode()
    assert "Birmingham" in html
    assert "Helen Marsh" in html  # the hub lead
    assert "Liam Evans" not in html  # LLMEs are not listed as the hub's leaders
    assert "mailto:glow@example.org" in html
    assert "Manage this hub" not in html


def test_hub_page_offers_the_staff_area_to_its_staff(client, hub, hub_lead):
    client.force_login(hub_lead)
    assert "Manage this hub" in client.get("/hubs/glow/").content.decode()


def test_hub_page_queries_stay_fixed_as_the_team_grows(client, hub, django_assert_num_queries):
    HubRoleFactory.create(hub=hub, role=HubRole.Kind.HUB_LEAD)
    with django_assert_num_queries(HUB_PAGE_QUERIES):
        client.get("/hubs/glow/")
    for _ in range(5):
        HubRoleFactory.create(hub=hub, role=HubRole.Kind.HUB_LEAD)
    with django_assert_num_queries(HUB_PAGE_QUERIES):
        client.get("/hubs/glow/")


def test_unknown_hub_is_a_404(client, db):
    assert client.get("/hubs/nowhere/").status_code == 404
