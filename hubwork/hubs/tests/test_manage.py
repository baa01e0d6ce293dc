"""The hub staff area: each hub's staff manage their own hub only."""

from datetime import timedelta

import pytest
from django.apps import apps
from django.utils import timezone

from hubwork.accounts.tests.factories import UserFactory, enable_totp
from hubwork.core.academic_years import AcademicYear
from hubwork.core.models import AuditEvent
from hubwork.hubs.models import HubArea, HubRole
from hubwork.hubs.tests.factories import HubRoleFactory
from hubwork.schools.models import LocalAuthority, School


@pytest.fixture
def assistant(hub):
    user = UserFactory.create(display_name="Arjun Shah")
    HubRoleFactory.create(user=user, hub=hub, role=HubRole.Kind.ASSISTANT_HUB_LEAD, phase="primary")
    enable_totp(user)
    return user


@pytest.fixture
def national_admin(db):
    user = UserFactory.create(is_national_admin=True)
    enable_totp(user)
    return user


@pytest.fixture
def area_schools(hub, other_hub):
    birmingham = LocalAuthority.objects.create(code="330", name="Birmingham")
    dudley = LocalAuthority.objects.create(code="332", name="Dudley")
    stafford = LocalAuthority.objects.create(code="860", name="Staffordshire")
    HubArea.objects.create(hub=hub, local_authority=birmingham)
    HubArea.objects.create(hub=hub, local_authority=dudley)
    HubArea.objects.create(hub=other_hub, local_authority=stafford)
    School.objects.create(urn=1, name="Alpha Primary", phase="primary", local_authority=birmingham)
    School.objects.create(
        urn=2, name="Beta Academy", phase="secondary", local_authority=dudley, status="closed"
    )
    School.objects.create(urn=3, name="Gamma Primary", phase="primary", local_authority=stafford)


TEAM = "/hubs/glow/manage/team/"
SCHOOLS = "/hubs/glow/manage/schools/"


def test_hub_lead_grants_a_role_and_it_is_audited(client, hub, hub_lead):
    newcomer = UserFactory.create(email="nina@example.org", display_name="Nina Clark")
    client.force_login(hub_lead)
    response = client.post(
        TEAM,
        {
            "email": "NINA@example.org",
            "role": "llme",
            "phase": "",
            "starts_on": timezone.localdate(),
        },
    )
    assert response.status_code == 302
    hub_role = HubRole.objects.get(user=newcomer, hub=hub)
    assert hub_role.role == HubRole.Kind.LLME
    event = AuditEvent.objects.get(verb="hub_role.granted", object_id=str(hub_role.pk))
    assert (event.actor, event.hub_id) == (hub_lead, hub.pk)
    assert "Nina Clark" in client.get(TEAM).content.decode()


def test_granting_explains_problems_by_the_field(client, hub, hub_lead):
    UserFactory.create(email="nina@example.org")
    client.force_login(hub_lead)
    response = client.post(TEAM, {"email": "nobody@example.org", "role": "llme", "starts_on": "x"})
    html = response.content.decode()
    assert "No one has a Hubwork account with that email address" in html
    assert "Enter a valid date" in html
    response = client.post(
        TEAM,
        {
            "email": "nina@example.org",
            "role": "assistant_hub_lead",
            "phase": "",
            "starts_on": "2026-09-01",
        },
    )
    assert "Choose the phase this assistant hub lead leads" in response.content.decode()
    assert "<title>Error: Team" in response.content.decode()
    assert not HubRole.objects.filter(user__email="nina@example.org").exists()


def test_hub_lead_ends_a_role(client, hub, hub_lead):
    llme_role = HubRoleFactory.create(hub=hub, starts_on=timezone.localdate() - timedelta(days=30))
    client.force_login(hub_lead)
    url = f"/hubs/glow/manage/team/{llme_role.pk}/end/"
    assert client.get(url).status_code == 200
    too_early = llme_role.starts_on - timedelta(days=1)
    response = client.post(url, {"ends_on": too_early})
    assert "cannot end before then" in response.content.decode()
    response = client.post(url, {"ends_on": timezone.localdate()})
    assert response.status_code == 302
    llme_role.refresh_from_db()
    assert llme_role.ends_on == timezone.localdate()
    assert AuditEvent.objects.filter(verb="hub_role.ended", hub_id=hub.pk).count() == 1


def test_assistant_hub_leads_see_the_team_but_cannot_change_it(client, hub, assistant, llme):
    client.force_login(assistant)
    response = client.get(TEAM)
    assert response.status_code == 200
    assert "Add someone to the team" not in response.content.decode()
    response = client.post(
        TEAM, {"email": llme.email, "role": "hub_lead", "starts_on": "2026-09-01"}
    )
    assert response.status_code == 403
    llme_role = llme.hub_roles.get()
    assert client.post(f"/hubs/glow/manage/team/{llme_role.pk}/end/").status_code == 403
    assert not AuditEvent.objects.exists()


def test_another_hubs_staff_cannot_see_or_change_this_team(client, hub, outsider, llme):
    client.force_login(outsider)
    llme_role = llme.hub_roles.get()
    assert client.get(TEAM).status_code == 403
    assert client.get(SCHOOLS).status_code == 403
    response = client.post(
        TEAM, {"email": outsider.email, "role": "hub_lead", "starts_on": "2026-09-01"}
    )
    assert response.status_code == 403
    # Their own hub's address cannot reach this hub's roles either.
    assert (
        client.post(
            f"/hubs/origin/manage/team/{llme_role.pk}/end/", {"ends_on": "2030-01-01"}
        ).status_code
        == 404
    )
    llme_role.refresh_from_db()
    assert llme_role.ends_on is None
    assert not HubRole.objects.filter(user=outsider, hub=hub).exists()


def test_llmes_and_participants_have_no_staff_area(client, hub, llme, participant):
    for person in (llme, participant):
        client.force_login(person)
        assert client.get(TEAM).status_code == 403


def test_national_admins_manage_every_hub(client, hub, other_hub, national_admin):
    client.force_login(national_admin)
    assert client.get(TEAM).status_code == 200
    assert client.get("/hubs/origin/manage/team/").status_code == 200


def test_signed_out_visitors_are_asked_to_sign_in(client, hub):
    response = client.get(TEAM)
    assert response.status_code == 302
    assert response.url.startswith("/accounts/login/")


def test_schools_list_holds_the_hubs_area_only_and_filters(client, hub, hub_lead, area_schools):
    client.force_login(hub_lead)
    html = client.get(SCHOOLS).content.decode()
    assert "Alpha Primary" in html
    assert "Beta Academy" in html
    assert "Gamma Primary" not in html  # another hub's area

    response = client.get(SCHOOLS, {"phase": "primary"})
    assert [school.name for school in response.context["page"]] == ["Alpha Primary"]
    response = client.get(SCHOOLS, {"status": "closed", "local_authority": "332"})
    assert [school.name for school in response.context["page"]] == ["Beta Academy"]
    response = client.get(SCHOOLS, {"local_authority": "860"})  # not in this hub's area
    assert "Select a valid choice" in response.content.decode()


def test_schools_list_queries_stay_fixed_as_schools_grow(
    client, hub, hub_lead, area_schools, django_assert_max_num_queries
):
    client.force_login(hub_lead)
    with django_assert_max_num_queries(50) as before:
        client.get(SCHOOLS)
    birmingham = LocalAuthority.objects.get(code="330")
    schools = School.objects.bulk_create(
        School(urn=100 + n, name=f"School {n}", local_authority=birmingham) for n in range(120)
    )
    year = AcademicYear.current()
    engagement = apps.get_model("workgroups", "SchoolEngagement")
    engagement.objects.bulk_create(
        engagement(school=school, academic_year=start_year)
        for school in schools
        for start_year in (year.start_year, year.previous().start_year)
    )
    with django_assert_max_num_queries(len(before)) as after:
        response = client.get(SCHOOLS, {"page": 2})
    assert len(after) == len(before)
    assert response.context["page"].number == 2


def test_schools_list_shows_stored_engagements_and_filters_on_them(
    client, hub, hub_lead, area_schools
):
    # Engagement is stored as completions are recorded (workgroups.services.completion); here it is
    # made directly, through the app registry, since hubs never imports workgroups.
    engagement = apps.get_model("workgroups", "SchoolEngagement")
    this_year = AcademicYear.current()
    last_year = this_year.previous()
    alpha = School.objects.get(name="Alpha Primary")
    beta = School.objects.get(name="Beta Academy")
    engagement.objects.create(school=alpha, academic_year=this_year.start_year)
    engagement.objects.create(school=alpha, academic_year=last_year.start_year)
    engagement.objects.create(school=beta, academic_year=last_year.start_year)
    engagement.objects.create(school=beta, academic_year=last_year.start_year - 1)  # too long ago
    client.force_login(hub_lead)

    response = client.get(SCHOOLS)
    rows = {school.name: school.recent_engagements for school in response.context["page"]}
    assert [e.year_label for e in rows["Alpha Primary"]] == [this_year.label, last_year.label]
    assert [e.year_label for e in rows["Beta Academy"]] == [last_year.label]
    html = response.content.decode()
    assert f"Engaged in {this_year.label}" in html
    assert html.count(f"Engaged in {last_year.label}") == 2
    assert "Engaged this year" in html  # the filter option

    response = client.get(SCHOOLS, {"status": "engaged"})
    assert [school.name for school in response.context["page"]] == ["Alpha Primary"]
    response = client.get(SCHOOLS, {"status": "not_engaged"})
    assert [school.name for school in response.context["page"]] == ["Beta Academy"]
