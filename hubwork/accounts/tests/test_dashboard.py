from hubwork.accounts.models import Role
from hubwork.hubs.models import Accreditation, HubRole
from hubwork.hubs.tests.factories import HubFactory, HubRoleFactory


def test_dashboard_lists_roles_and_hub_team_roles(client, llme, hub):
    Accreditation.objects.create(user=llme, kind=Accreditation.Kind.PD_LEAD, year_achieved=2019)
    client.force_login(llme)
    response = client.get("/dashboard/")
    assert response.status_code == 200
    assert response.context["roles"] == [Role.LLME, Role.PARTICIPANT]
    html = response.content.decode()
    assert "GLOW Maths Hub" in html
    assert "LLME (Work Group lead)" in html
    assert "PD Lead programme, 2019" in html


def test_dashboard_queries_stay_fixed_as_roles_grow(client, llme, django_assert_max_num_queries):
    client.force_login(llme)
    with django_assert_max_num_queries(100) as few_roles:
        client.get("/dashboard/")
    for _ in range(5):
        HubRoleFactory.create(user=llme, hub=HubFactory.create(), role=HubRole.Kind.LLME)
    with django_assert_max_num_queries(len(few_roles)) as many_roles:
        response = client.get("/dashboard/")
    assert len(response.context["hub_roles"]) == 6
    assert len(many_roles) == len(few_roles)
