"""The hub staff area's LLME load page, and hub leads setting the days a week agreed with an
LLME on the team page."""

from datetime import time, timedelta
from decimal import Decimal

from django.db import connection
from django.test.utils import CaptureQueriesContext

from hubwork.accounts.tests.factories import UserFactory, enable_totp
from hubwork.core.models import AuditEvent
from hubwork.hubs.models import HubRole
from hubwork.hubs.tests.factories import HubRoleFactory
from hubwork.workgroups.selectors.clashes import week_of
from hubwork.workgroups.selectors.llme_load import Term
from hubwork.workgroups.tests.factories import EnrolmentFactory, SessionFactory, WorkGroupFactory

TERM = Term.current()
# A Tuesday in this term whose whole week is in the term too.
TUESDAY = week_of(TERM.starts_on) + timedelta(weeks=2, days=1)
SECRET_TITLE = "Secret Staffordshire Fractions Group"
SECRET_VENUE = "Hidden Valley Primary, Lichfield"
SECRET_PARTICIPANT = "Zebedee Quartermain"


def load_url(hub) -> str:
    return f"/hubs/{hub.slug}/manage/llme-load/"


def add_llme_with_clashes(hub, other_hub, *, name: str, llme=None):
    """An LLME of both hubs, half a day a week agreed with each, whose sessions for the two
    overlap on one day and take two days of one week."""
    if llme is None:
        llme = UserFactory.create(display_name=name)
        HubRoleFactory.create(user=llme, hub=hub, role=HubRole.Kind.LLME)
    HubRoleFactory.create(user=llme, hub=other_hub, role=HubRole.Kind.LLME)
    HubRole.objects.filter(user=llme).update(days_per_week=Decimal("0.5"))
    own = WorkGroupFactory.create(hub=hub, leads=[llme], title=f"Mastering Number with {name}")
    theirs = WorkGroupFactory.create(
        hub=other_hub, leads=[llme], title=SECRET_TITLE, venue=SECRET_VENUE
    )
    EnrolmentFactory.create(work_group=theirs, user__display_name=SECRET_PARTICIPANT)
    for day, starts, ends in ((TUESDAY, 15, 16), (TUESDAY + timedelta(weeks=4), 9, 11)):
        SessionFactory.create(work_group=own, date=day, starts_at=time(starts), ends_at=time(ends))
    SessionFactory.create(
        work_group=theirs,
        date=TUESDAY,
        starts_at=time(15, 30),
        ends_at=time(17),
        venue=SECRET_VENUE,
    )
    SessionFactory.create(
        work_group=theirs,
        date=TUESDAY + timedelta(days=1),
        starts_at=time(9),
        ends_at=time(12),
        venue=SECRET_VENUE,
    )
    return llme


def test_hub_staff_see_each_llmes_sessions_across_hubs_with_clashes(
    client, hub, other_hub, hub_lead, llme
):
    add_llme_with_clashes(hub, other_hub, name="Liam Evans", llme=llme)
    client.force_login(hub_lead)
    response = client.get(load_url(hub))
    html = response.content.decode()
    assert response.status_code == 200
    assert f"{TERM.label.lower()}" in html
    assert "Mastering Number with Liam Evans</a>, session 1" in html
    assert html.count("A session for another hub</td>") == 2
    assert 'Overlaps</strong> <span class="govuk-body-s">A session for another hub on' in html
    assert "Week over the days agreed" in html
    assert "Liam Evans leads sessions on 2 days in the week beginning" in html
    assert "more than the 1 day a week agreed with them all" in html
    assert "0.5 days" in html  # agreed with this hub
    for secret in (SECRET_TITLE, SECRET_VENUE, "Origin Maths Hub", SECRET_PARTICIPANT):
        assert secret not in html
    # Hub leads may change the days agreed from here.
    role = HubRole.objects.get(user=llme, hub=hub)
    assert f"/hubs/{hub.slug}/manage/team/{role.pk}/days/" in html
    assert 'href="/hubs/glow/manage/llme-load/" aria-current="page"' in html


def test_the_next_term_can_be_seen(client, hub, hub_lead, llme):
    client.force_login(hub_lead)
    html = client.get(load_url(hub) + "?term=next").content.decode()
    assert TERM.next().label.lower() in html
    assert f"See the {TERM.label.lower()}" in html


def test_the_page_costs_the_same_queries_however_many_llmes_and_sessions(
    client, hub, other_hub, hub_lead, llme, django_assert_num_queries
):
    add_llme_with_clashes(hub, other_hub, name="Liam Evans", llme=llme)
    client.force_login(hub_lead)
    client.get(load_url(hub))
    with CaptureQueriesContext(connection) as few:
        client.get(load_url(hub))
    for number in range(4):
        add_llme_with_clashes(hub, other_hub, name=f"Leader {number}")
    with django_assert_num_queries(len(few)):
        response = client.get(load_url(hub))
    assert len(response.context["loads"]) == 5
    assert response.context["clashing"] == 5


def test_only_the_hubs_staff_see_its_llme_load(client, hub, outsider, llme):
    for person in (outsider, llme):
        client.force_login(person)
        assert client.get(load_url(hub)).status_code == 403
    client.logout()
    assert client.get(load_url(hub)).status_code == 302


# Days a week agreed, on the team page ------------------------------------------------------


def days_url(hub, role) -> str:
    return f"/hubs/{hub.slug}/manage/team/{role.pk}/days/"


def test_the_hub_lead_sets_the_days_a_week_agreed_with_an_llme(client, hub, hub_lead, llme):
    role = HubRole.objects.get(user=llme, hub=hub)
    client.force_login(hub_lead)
    team = client.get(f"/hubs/{hub.slug}/manage/team/").content.decode()
    assert "No days a week agreed" in team
    assert days_url(hub, role) in team

    response = client.post(days_url(hub, role), {"days_per_week": "7"})
    assert 'href="#id_days_per_week"' in response.content.decode()

    response = client.post(days_url(hub, role), {"days_per_week": "0.5"})
    assert response.status_code == 302
    role.refresh_from_db()
    assert role.days_per_week == Decimal("0.5")
    event = AuditEvent.objects.filter(verb="hub_role.changed").latest("pk")
    assert "days_per_week" in str(event.data)
    assert "0.5 days a week agreed" in client.get(response.url).content.decode()

    client.post(days_url(hub, role), {"days_per_week": ""})
    role.refresh_from_db()
    assert role.days_per_week is None


def test_only_the_hub_lead_sets_days_and_only_for_llmes(client, hub, hub_lead, llme):
    assistant = UserFactory.create()
    HubRoleFactory.create(
        user=assistant, hub=hub, role=HubRole.Kind.ASSISTANT_HUB_LEAD, phase="primary"
    )
    enable_totp(assistant)
    llme_role = HubRole.objects.get(user=llme, hub=hub)
    client.force_login(assistant)
    assert client.get(days_url(hub, llme_role)).status_code == 403
    client.force_login(hub_lead)
    own_role = HubRole.objects.get(user=hub_lead, hub=hub)
    assert client.get(days_url(hub, own_role)).status_code == 404
