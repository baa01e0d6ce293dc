"""An LLME's record: what they, their hubs' staff and national admins see of it, what another
hub's staff do not, what a hub lead changes on it, and its fixed number of queries."""

from datetime import date
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from hubwork.accounts.tests.factories import UserFactory, enable_totp
from hubwork.core.academic_years import AcademicYear
from hubwork.core.models import AuditEvent
from hubwork.evaluation.models import EvaluationReport
from hubwork.hubs.models import Accreditation, HubRole
from hubwork.hubs.tests.factories import HubRoleFactory
from hubwork.workgroups.models import WorkGroup
from hubwork.workgroups.tests.factories import SessionFactory, WorkGroupFactory, days

THIS_YEAR = AcademicYear.current().start_year


@pytest.fixture
def record(hub, other_hub, llme):
    """Liam leads for GLOW and for Origin: a Work Group in each this year (with a co-lead in
    GLOW and an evaluation report in Origin), a draft in Origin and last year's in GLOW."""
    HubRole.objects.filter(user=llme).update(days_per_week=Decimal("1"))
    origin_role = HubRoleFactory.create(
        user=llme, hub=other_hub, role=HubRole.Kind.LLME, days_per_week=Decimal("0.5")
    )
    Accreditation.objects.create(user=llme, kind="pd_lead", year_achieved=2024)
    co_lead = UserFactory.create(display_name="Cara Colead")
    glow = WorkGroupFactory.create(hub=hub, title="GLOW Fractions", leads=[llme, co_lead])
    SessionFactory.create(work_group=glow, date=days(10), venue="Glow Venue Road")
    origin = WorkGroupFactory.create(hub=other_hub, title="Origin Number", leads=[llme])
    SessionFactory.create(work_group=origin, date=days(12), venue="Origin Venue Lane")
    EvaluationReport.objects.create(work_group=origin)
    WorkGroupFactory.create(
        hub=other_hub, title="Origin Draft Plans", leads=[llme], status=WorkGroup.Status.DRAFT
    )
    WorkGroupFactory.create(
        hub=hub,
        title="GLOW Last Year",
        leads=[llme],
        academic_year=THIS_YEAR - 1,
        status=WorkGroup.Status.COMPLETED,
    )
    return {"glow": glow, "origin": origin, "origin_role": origin_role}


def page(client, user, llme):
    client.force_login(user)
    return client.get(f"/llmes/{llme.pk}/")


def test_the_llme_sees_everything_they_lead_across_hubs(client, llme, record):
    html = page(client, llme, llme).content.decode()
    assert "Your LLME record" in html
    assert "PD Lead programme" in html
    assert "2024" in html
    for text in ("GLOW Maths Hub", "Origin Maths Hub", "Origin Draft Plans", "GLOW Last Year"):
        assert text in html
    assert "Cara Colead" in html
    assert "Origin Venue Lane" in html
    assert "Glow Venue Road" in html
    # They lead it, so its evaluation report is theirs to read.
    origin = record["origin"]
    assert f"/hubs/origin/manage/work-groups/{origin.pk}/evaluation/report/" in html
    # Nobody but a hub lead changes the record.
    assert "Add an accreditation" not in html


def test_a_hubs_staff_see_another_hubs_work_only_as_published_titles_and_times(
    client, hub_lead, llme, record
):
    html = page(client, hub_lead, llme).content.decode()
    assert "GLOW Fractions" in html
    assert "Glow Venue Road" in html
    assert "Origin Number" in html  # published: by title and hub
    assert "Origin Venue Lane" not in html  # its sessions: a date and time only
    assert "Origin Draft Plans" not in html
    assert "/evaluation/report/" not in html
    # The hub lead changes what is agreed with their own hub only.
    glow_role = HubRole.objects.get(user=llme, hub__slug="glow")
    assert f"/llmes/{llme.pk}/hubs/{glow_role.pk}/" in html
    assert f"/llmes/{llme.pk}/hubs/{record['origin_role'].pk}/" not in html
    assert "Add an accreditation" in html


def test_the_record_is_not_found_for_anyone_else(
    client, llme, record, participant, national_admin, other_hub
):
    assert page(client, participant, llme).status_code == 404
    stranger_staff = UserFactory.create()
    HubRoleFactory.create(user=stranger_staff, hub=WorkGroupFactory.create().hub, role="hub_lead")
    enable_totp(stranger_staff)
    assert page(client, stranger_staff, llme).status_code == 404
    assert page(client, national_admin, llme).status_code == 200
    # Someone who never was an LLME has no record, whoever asks.
    assert page(client, national_admin, participant).status_code == 404


def test_the_record_costs_the_same_queries_however_much_they_lead(
    client, hub, hub_lead, llme, record, django_assert_num_queries
):
    client.force_login(hub_lead)
    url = f"/llmes/{llme.pk}/"
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for year in (THIS_YEAR, THIS_YEAR - 2):
        for _ in range(3):
            work_group = WorkGroupFactory.create(
                hub=hub, academic_year=year, leads=[llme, UserFactory.create()]
            )
            SessionFactory.create_batch(3, work_group=work_group)
            EvaluationReport.objects.create(work_group=work_group)
    Accreditation.objects.create(user=llme, kind="mastery_specialist", year_achieved=2020)
    with django_assert_num_queries(len(few)):
        response = client.get(url)
    assert response.content.decode().count('data-testid="led-work-group"') == 9


def test_the_hub_lead_changes_days_a_week_and_the_start(client, hub_lead, llme, record):
    role = HubRole.objects.get(user=llme, hub__slug="glow")
    client.force_login(hub_lead)
    url = f"/llmes/{llme.pk}/hubs/{role.pk}/"
    response = client.post(url, {"days_per_week": "1.5", "starts_on": "2026-09-01"})
    assert response.status_code == 302
    role.refresh_from_db()
    assert (role.days_per_week, role.starts_on.isoformat()) == (Decimal("1.5"), "2026-09-01")
    assert AuditEvent.objects.filter(verb="hub_role.changed").exists()
    # Another hub's role is that hub's lead's to change.
    other = f"/llmes/{llme.pk}/hubs/{record['origin_role'].pk}/"
    assert client.get(other).status_code == 403


def test_assistant_hub_leads_and_the_llme_read_but_do_not_change(client, hub, llme, record):
    assistant = UserFactory.create()
    HubRoleFactory.create(user=assistant, hub=hub, role="assistant_hub_lead", phase="primary")
    enable_totp(assistant)
    for user in (assistant, llme):
        client.force_login(user)
        assert client.get(f"/llmes/{llme.pk}/").status_code == 200
        assert client.get(f"/llmes/{llme.pk}/accreditations/add/").status_code == 403


def test_the_hub_lead_adds_changes_and_removes_accreditations(client, hub_lead, llme, record):
    client.force_login(hub_lead)
    base = f"/llmes/{llme.pk}/accreditations/"
    response = client.post(
        base + "add/", {"kind": "pd_lead", "year_achieved": "2025", "renews_on": ""}
    )
    assert "They already hold this accreditation" in response.content.decode()
    response = client.post(
        base + "add/",
        {"kind": "mastery_specialist", "year_achieved": "2022", "renews_on": "2027-07-31"},
    )
    assert response.status_code == 302
    added = Accreditation.objects.get(user=llme, kind="mastery_specialist")
    assert added.renews_on == date(2027, 7, 31)
    assert "Due for renewal on 31 July 2027" in page(client, hub_lead, llme).content.decode()

    response = client.post(
        f"{base}{added.pk}/",
        {"kind": "mastery_specialist", "year_achieved": "2023", "renews_on": ""},
    )
    assert response.status_code == 302
    added.refresh_from_db()
    assert (added.year_achieved, added.renews_on) == (2023, None)

    assert client.post(f"{base}{added.pk}/remove/").status_code == 302
    assert not Accreditation.objects.filter(pk=added.pk).exists()
    assert AuditEvent.objects.filter(verb="accreditation.deleted").count() == 1


def test_the_dashboard_and_the_team_page_link_to_the_record(client, hub, hub_lead, llme):
    client.force_login(llme)
    assert (
        f'href="/llmes/{llme.pk}/">Your LLME record' in client.get("/dashboard/").content.decode()
    )
    client.force_login(hub_lead)
    html = client.get(f"/hubs/{hub.slug}/manage/team/").content.decode()
    assert f'href="/llmes/{llme.pk}/">LLME record' in html
    assert f'href="/llmes/{hub_lead.pk}/"' not in html
