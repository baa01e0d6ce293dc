"""An LLME's development through the pages: their private log with this year's hours,
co-leads' notes, pairings made and ended by hub staff, quality-assurance visits and the
LLME's reply; who may see what (another hub's staff never see a visit or a note), the audit
log, the emails and a fixed number of queries as the data grows."""

from datetime import timedelta
from decimal import Decimal
from typing import Any

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from hubwork.accounts.tests.factories import UserFactory, enable_totp
from hubwork.core.academic_years import AcademicYear
from hubwork.core.models import AuditEvent
from hubwork.hubs.models import HubRole
from hubwork.hubs.tests.factories import HubRoleFactory
from hubwork.leaders.models import DevelopmentEntry, LeadNote, Pairing, QualityVisit
from hubwork.leaders.services.development import (
    development_entry_create,
    lead_note_add,
    pairing_create,
    quality_visit_record,
)
from hubwork.workgroups.models import Session
from hubwork.workgroups.tests.factories import SessionFactory, WorkGroupFactory, days

pytestmark = pytest.mark.django_db


@pytest.fixture
def co_lead(hub):
    user = UserFactory.create(display_name="Grace Adeyemi", email="grace@example.org")
    HubRoleFactory.create(user=user, hub=hub, role=HubRole.Kind.LLME)
    enable_totp(user)
    return user


@pytest.fixture
def work_group(hub, llme, co_lead):
    return WorkGroupFactory.create(hub=hub, leads=[llme, co_lead], title="Mastering Number")


@pytest.fixture
def session(work_group):
    return SessionFactory.create(work_group=work_group, date=days(-7))


@pytest.fixture
def other_staff(other_hub):
    """The hub lead of another hub."""
    user = UserFactory.create(display_name="Otto Other")
    HubRoleFactory.create(user=user, hub=other_hub, role=HubRole.Kind.HUB_LEAD)
    enable_totp(user)
    return user


def _entry(user, **fields):
    values: dict[str, Any] = {
        "kind": "training",
        "on": timezone.localdate(),
        "title": "Training day",
    }
    return development_entry_create(user=user, **(values | fields))


# The log ------------------------------------------------------------------------------------


def test_an_llme_logs_changes_and_deletes_their_development(client, llme):
    client.force_login(llme)
    response = client.post(
        reverse("leaders:development_entry_create"),
        {
            "kind": "national_event",
            "on": timezone.localdate().isoformat(),
            "title": "PD Lead national conference",
            "notes": "Sessions on talk.",
            "hours": "5.5",
        },
    )
    assert response.status_code == 302
    entry = DevelopmentEntry.objects.get(user=llme)
    assert entry.hours == Decimal("5.5")
    assert AuditEvent.objects.filter(verb="development_entry.added").exists()

    response = client.post(
        reverse("leaders:development_entry_edit", kwargs={"pk": entry.pk}),
        {"kind": "training", "on": entry.on.isoformat(), "title": "Renamed", "hours": "6"},
    )
    assert response.status_code == 302
    entry.refresh_from_db()
    assert (entry.title, entry.kind, entry.hours) == ("Renamed", "training", Decimal("6"))

    response = client.post(reverse("leaders:development_entry_delete", kwargs={"pk": entry.pk}))
    assert response.status_code == 302
    assert not DevelopmentEntry.objects.exists()
    assert AuditEvent.objects.filter(verb="development_entry.deleted").exists()


def test_the_log_lists_newest_first_with_this_years_hours(client, llme):
    this_year = AcademicYear.current()
    _entry(llme, title="Older", on=this_year.starts_on, hours=Decimal("2"))
    _entry(llme, title="Newer", on=this_year.starts_on + timedelta(days=3), hours=Decimal("1.5"))
    _entry(llme, title="Last year", on=this_year.starts_on - timedelta(days=1), hours=Decimal("9"))
    _entry(llme, title="No hours", on=this_year.starts_on + timedelta(days=1))
    client.force_login(llme)
    response = client.get(reverse("leaders:development"))
    body = response.content.decode()
    assert body.index("Newer") < body.index("No hours") < body.index("Older")
    assert body.index("Older") < body.index("Last year")
    assert f"3.5 hours logged in {this_year.label}" in body


def test_the_log_is_private_to_its_llme(client, llme, co_lead, hub_lead, national_admin):
    entry = _entry(llme, title="My private reflection")
    for person in (co_lead, hub_lead, national_admin):
        client.force_login(person)
        edit = client.get(reverse("leaders:development_entry_edit", kwargs={"pk": entry.pk}))
        assert edit.status_code == 404
        delete = client.post(reverse("leaders:development_entry_delete", kwargs={"pk": entry.pk}))
        assert delete.status_code == 404
        if person == co_lead:
            page = client.get(reverse("leaders:development"))
            assert "My private reflection" not in page.content.decode()
    assert DevelopmentEntry.objects.filter(pk=entry.pk).exists()


def test_only_llmes_keep_a_log(client, participant, hub_lead, hub):
    for person in (participant, hub_lead):
        client.force_login(person)
        assert client.get(reverse("leaders:development")).status_code == 403
    # Someone who leads a Work Group without an LLME role, and a past LLME, keep one.
    lead = UserFactory.create()
    WorkGroupFactory.create(hub=hub, leads=[lead])
    past = UserFactory.create()
    HubRoleFactory.create(
        user=past, hub=hub, role=HubRole.Kind.LLME, starts_on=days(-400), ends_on=days(-30)
    )
    for person in (lead, past):
        client.force_login(person)
        assert client.get(reverse("leaders:development")).status_code == 200


def test_the_development_page_keeps_its_queries_as_the_log_grows(client, llme, session, hub_lead):
    client.force_login(llme)
    url = reverse("leaders:development")

    def add() -> None:
        _entry(llme, hours=Decimal("1"))
        quality_visit_record(session=session, llme=llme, feedback="Good", by=hub_lead)
        other = UserFactory.create()
        HubRoleFactory.create(user=other, hub=session.work_group.hub, role=HubRole.Kind.LLME)
        pairing_create(
            hub=session.work_group.hub,
            llme=other,
            experienced=llme,
            starts_on=timezone.localdate(),
            by=hub_lead,
        )

    add()
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for _ in range(3):
        add()
    with CaptureQueriesContext(connection) as many:
        response = client.get(url)
    assert response.status_code == 200
    assert len(many) == len(few)


# Co-leads' notes ----------------------------------------------------------------------------


def test_co_leads_share_notes_that_participants_never_see(
    client, work_group, llme, co_lead, hub_lead, participant
):
    url = reverse(
        "leaders:lead_notes", kwargs={"hub_slug": work_group.hub.slug, "pk": work_group.pk}
    )
    client.force_login(llme)
    response = client.post(url, {"text": "Let's swap the order of activities 2 and 3."})
    assert response.status_code == 302
    note = LeadNote.objects.get()
    assert note.author == llme
    for person in (co_lead, hub_lead):
        client.force_login(person)
        page = client.get(url)
        assert "swap the order" in page.content.decode()
    client.force_login(participant)
    assert client.get(url).status_code == 403


def test_another_hubs_staff_cannot_read_or_add_notes(client, work_group, llme, other_staff):
    lead_note_add(work_group=work_group, by=llme, text="Secret plan")
    url = reverse(
        "leaders:lead_notes", kwargs={"hub_slug": work_group.hub.slug, "pk": work_group.pk}
    )
    client.force_login(other_staff)
    assert client.get(url).status_code == 403
    assert client.post(url, {"text": "Hello"}).status_code == 403
    # Under their own hub's address, the Work Group is not found.
    other_url = reverse("leaders:lead_notes", kwargs={"hub_slug": "origin", "pk": work_group.pk})
    assert client.get(other_url).status_code == 404
    assert LeadNote.objects.count() == 1


def test_the_staff_work_group_page_links_to_notes_and_visits(client, work_group, session, hub_lead):
    client.force_login(hub_lead)
    page = client.get(
        reverse("workgroups:manage", kwargs={"hub_slug": work_group.hub.slug, "pk": work_group.pk})
    ).content.decode()
    assert (
        reverse("leaders:lead_notes", kwargs={"hub_slug": work_group.hub.slug, "pk": work_group.pk})
        in page
    )
    visit_url = reverse("leaders:quality_visit_create", kwargs={"hub_slug": work_group.hub.slug})
    assert f"{visit_url}?session={session.pk}" in page


# Pairings -----------------------------------------------------------------------------------


def test_hub_staff_pair_two_llmes_and_both_are_told(
    client, hub, llme, co_lead, hub_lead, django_capture_on_commit_callbacks
):
    client.force_login(hub_lead)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("leaders:pairing_create", kwargs={"hub_slug": hub.slug}),
            {
                "llme": llme.pk,
                "experienced": co_lead.pk,
                "starts_on": timezone.localdate().isoformat(),
                "note": "Co-plan the autumn sessions.",
            },
        )
    assert response.status_code == 302
    pairing = Pairing.objects.get()
    assert (pairing.llme, pairing.experienced, pairing.created_by) == (llme, co_lead, hub_lead)
    assert sorted(message.to[0] for message in mail.outbox) == sorted([llme.email, co_lead.email])
    assert AuditEvent.objects.filter(verb="pairing.made", hub_id=hub.pk).exists()
    for person, words in ((llme, "Grace Adeyemi"), (co_lead, "You support")):
        client.force_login(person)
        assert words in client.get(reverse("leaders:development")).content.decode()


def test_a_pairing_needs_two_different_llmes_of_the_hub(
    client, hub, llme, co_lead, hub_lead, other_hub
):
    stranger = UserFactory.create()
    HubRoleFactory.create(user=stranger, hub=other_hub, role=HubRole.Kind.LLME)
    client.force_login(hub_lead)
    url = reverse("leaders:pairing_create", kwargs={"hub_slug": hub.slug})
    same = client.post(url, {"llme": llme.pk, "experienced": llme.pk, "starts_on": "2026-09-01"})
    assert "Choose someone other than the new LLME" in same.content.decode()
    other = client.post(
        url, {"llme": llme.pk, "experienced": stranger.pk, "starts_on": "2026-09-01"}
    )
    assert other.status_code == 200
    assert not Pairing.objects.exists()


def test_hub_staff_end_a_pairing(
    client, hub, llme, co_lead, hub_lead, django_capture_on_commit_callbacks
):
    pairing = pairing_create(
        hub=hub, llme=llme, experienced=co_lead, starts_on=days(-30), by=hub_lead
    )
    mail.outbox.clear()
    client.force_login(hub_lead)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("leaders:pairing_end", kwargs={"hub_slug": hub.slug, "pk": pairing.pk}),
            {"ends_on": days(-1).isoformat()},
        )
    assert response.status_code == 302
    pairing.refresh_from_db()
    assert pairing.ends_on == days(-1)
    assert len(mail.outbox) == 2
    page = client.get(reverse("leaders:hub_development", kwargs={"hub_slug": hub.slug}))
    assert "No current pairings" in page.content.decode()


def test_another_hubs_staff_cannot_end_a_pairing(client, hub, llme, co_lead, hub_lead, other_staff):
    pairing = pairing_create(
        hub=hub, llme=llme, experienced=co_lead, starts_on=days(-30), by=hub_lead
    )
    client.force_login(other_staff)
    url = reverse("leaders:pairing_end", kwargs={"hub_slug": hub.slug, "pk": pairing.pk})
    assert client.post(url, {"ends_on": "2026-09-01"}).status_code == 403
    own = reverse("leaders:pairing_end", kwargs={"hub_slug": "origin", "pk": pairing.pk})
    assert client.get(own).status_code == 404
    pairing.refresh_from_db()
    assert pairing.ends_on is None


# Quality-assurance visits -------------------------------------------------------------------


def test_hub_staff_record_a_visit_and_the_llme_replies(
    client, hub, session, llme, hub_lead, django_capture_on_commit_callbacks
):
    client.force_login(hub_lead)
    url = reverse("leaders:quality_visit_create", kwargs={"hub_slug": hub.slug})
    step_two = client.get(url, {"session": session.pk})
    assert "Which lead is the feedback for?" in step_two.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url, {"session": session.pk, "llme": llme.pk, "feedback": "Strong modelling."}
        )
    assert response.status_code == 302
    visit = QualityVisit.objects.get()
    assert (visit.llme, visit.visitor, visit.session) == (llme, hub_lead, session)
    assert [message.to for message in mail.outbox] == [[llme.email]]
    mail.outbox.clear()

    client.force_login(llme)
    development = client.get(reverse("leaders:development")).content.decode()
    assert "Waiting for your reply" in development
    visit_url = reverse("leaders:quality_visit", kwargs={"pk": visit.pk})
    assert "Strong modelling." in client.get(visit_url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(visit_url, {"reply": "Thank you."}).status_code == 302
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(visit_url, {"reply": "Thank you, I will."}).status_code == 302
    visit.refresh_from_db()
    assert visit.reply == "Thank you, I will."
    assert [message.to for message in mail.outbox] == [[hub_lead.email], [hub_lead.email]]
    assert AuditEvent.objects.filter(verb="quality_visit.replied").count() == 1
    assert AuditEvent.objects.filter(verb="quality_visit.reply_changed").count() == 1

    client.force_login(hub_lead)
    assert "Thank you, I will." in client.get(visit_url).content.decode()
    # The hub's staff read the reply but do not write it.
    assert client.post(visit_url, {"reply": "Not mine"}).status_code == 403


def test_a_visit_is_for_one_of_the_sessions_leads(client, hub, session, hub_lead):
    not_a_lead = UserFactory.create()
    HubRoleFactory.create(user=not_a_lead, hub=hub, role=HubRole.Kind.LLME)
    client.force_login(hub_lead)
    response = client.post(
        reverse("leaders:quality_visit_create", kwargs={"hub_slug": hub.slug}),
        {"session": session.pk, "llme": not_a_lead.pk, "feedback": "Fine"},
    )
    assert response.status_code == 200
    assert not QualityVisit.objects.exists()


def test_visits_belong_to_the_hub_of_the_session(
    client, hub, session, llme, co_lead, hub_lead, other_staff, other_hub
):
    visit = quality_visit_record(session=session, llme=llme, feedback="Private", by=hub_lead)
    url = reverse("leaders:quality_visit", kwargs={"pk": visit.pk})
    # Another hub's staff, and a co-lead who was not visited, find nothing.
    for person in (other_staff, co_lead):
        client.force_login(person)
        assert client.get(url).status_code == 404
        assert client.post(url, {"reply": "x"}).status_code == 404
    client.force_login(other_staff)
    page = client.get(reverse("leaders:hub_development", kwargs={"hub_slug": other_hub.slug}))
    assert "Private" not in page.content.decode()
    assert "No visits recorded yet" in page.content.decode()
    # Nor can they record a visit to this hub's session under their own hub's address.
    response = client.post(
        reverse("leaders:quality_visit_create", kwargs={"hub_slug": other_hub.slug}),
        {"session": session.pk, "llme": llme.pk, "feedback": "Sneaky"},
    )
    assert response.status_code == 200
    assert QualityVisit.objects.count() == 1
    # Even when the LLME also leads for the other hub, the visit stays with this hub.
    HubRoleFactory.create(user=llme, hub=other_hub, role=HubRole.Kind.LLME)
    client.force_login(other_staff)
    assert client.get(url).status_code == 404


def test_a_cancelled_session_cannot_be_visited(client, hub, session, llme, hub_lead):
    Session.objects.filter(pk=session.pk).update(status=Session.Status.CANCELLED)
    client.force_login(hub_lead)
    response = client.post(
        reverse("leaders:quality_visit_create", kwargs={"hub_slug": hub.slug}),
        {"session": session.pk, "llme": llme.pk, "feedback": "Fine"},
    )
    assert response.status_code == 200
    assert not QualityVisit.objects.exists()


def test_the_hub_page_keeps_its_queries_as_visits_and_pairings_grow(
    client, hub, session, llme, hub_lead
):
    client.force_login(hub_lead)
    url = reverse("leaders:hub_development", kwargs={"hub_slug": hub.slug})

    def add() -> None:
        quality_visit_record(session=session, llme=llme, feedback="Good", by=hub_lead)
        newcomer = UserFactory.create()
        HubRoleFactory.create(user=newcomer, hub=hub, role=HubRole.Kind.LLME)
        pairing_create(hub=hub, llme=newcomer, experienced=llme, starts_on=days(-1), by=hub_lead)

    add()
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for _ in range(3):
        add()
    with CaptureQueriesContext(connection) as many:
        response = client.get(url)
    assert response.status_code == 200
    assert len(many) == len(few)
