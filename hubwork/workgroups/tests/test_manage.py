"""Hub staff manage their Work Groups in Hubwork's own pages; other hubs cannot."""

from datetime import date, time

import pytest

from hubwork.core.models import AuditEvent
from hubwork.programmes.models import Mode, Programme
from hubwork.workgroups.models import Session, SessionChange, WorkGroup
from hubwork.workgroups.services.sessions import session_add
from hubwork.workgroups.services.work_groups import work_group_create

BASE = "/hubs/glow/manage/work-groups/"


@pytest.fixture
def programme(db):
    return Programme.objects.create(name="Mastering Number", slug="mastering-number", summary="x")


@pytest.fixture
def work_group(hub, hub_lead, llme, programme):
    work_group = work_group_create(
        hub=hub, leads=[llme], by=hub_lead, programme=programme, academic_year=2026,
        code="GLOW-MN-01", title="Mastering Number, Dudley", capacity=12, per_school_limit=2,
        mode=Mode.FACE_TO_FACE, venue="Dudley Maths Centre",
    )  # fmt: skip
    session_add(
        work_group=work_group, date=date(2026, 10, 6), starts_at=time(13), ends_at=time(16),
        mode=Mode.FACE_TO_FACE, venue="Dudley Maths Centre", by=hub_lead,
    )  # fmt: skip
    return work_group


def test_hub_lead_creates_a_work_group_through_the_pages(client, hub, hub_lead, llme, programme):
    client.force_login(hub_lead)
    form = client.get(BASE + "new/").content.decode()
    assert "Liam Evans" in form  # the hub's LLMEs are offered as leads
    response = client.post(
        BASE + "new/",
        {
            "programme": programme.pk, "academic_year": 2026, "code": "GLOW-MN-02",
            "title": "Mastering Number, Sandwell", "description": "For Reception to Year 2.",
            "leads": [llme.pk], "capacity": 16, "per_school_limit": 2, "mode": "blended",
            "venue": "Sandwell", "recruitment_closes_on": "2026-09-20",
        },
    )  # fmt: skip
    work_group = WorkGroup.objects.get(code="GLOW-MN-02")
    assert response.url == f"{BASE}{work_group.pk}/"
    assert work_group.status == WorkGroup.Status.DRAFT
    assert list(work_group.leads.all()) == [llme]


def test_problems_are_shown_by_the_field_and_nothing_is_saved(client, hub, hub_lead, programme):
    client.force_login(hub_lead)
    response = client.post(
        BASE + "new/",
        {"programme": programme.pk, "academic_year": 2026, "code": "X", "title": "",
         "capacity": 10, "per_school_limit": 20, "mode": "online"},
    )  # fmt: skip
    html = response.content.decode()
    assert "There is a problem" in html
    assert 'href="#id_title"' in html
    assert 'href="#id_leads"' in html
    assert not WorkGroup.objects.filter(code="X").exists()


TOO_LARGE_AN_ID = "99999999999999999999999"


def test_ids_too_large_for_the_database_are_errors_by_the_field(
    client, hub_lead, llme, programme, work_group
):
    client.force_login(hub_lead)
    data = {
        "programme": programme.pk, "academic_year": 2026, "code": "GLOW-MN-09",
        "title": "Mastering Number, Walsall", "capacity": 16, "per_school_limit": 2,
        "mode": "online", "leads": [llme.pk, TOO_LARGE_AN_ID],
    }  # fmt: skip
    for url in [BASE + "new/", f"{BASE}{work_group.pk}/edit/"]:
        response = client.post(url, data)
        assert response.status_code == 200, url
        assert 'href="#id_leads"' in response.content.decode()
        response = client.post(url, {**data, "leads": [llme.pk], "programme": TOO_LARGE_AN_ID})
        assert response.status_code == 200, url
        assert 'href="#id_programme"' in response.content.decode()
    assert not WorkGroup.objects.filter(code="GLOW-MN-09").exists()


def test_sessions_are_added_and_rearranged_with_messages_by_the_field(
    client, hub_lead, work_group, mailoutbox, django_capture_on_commit_callbacks
):
    client.force_login(hub_lead)
    url = f"{BASE}{work_group.pk}/sessions/new/"
    response = client.post(
        url, {"date": "2027-09-10", "starts_at": "13:00", "ends_at": "12:00", "mode": "online"}
    )
    html = response.content.decode()
    assert "academic year, 2026/27" in html
    assert "must end after it starts" in html
    assert work_group.sessions.count() == 1

    session = work_group.sessions.get()
    url = f"{BASE}{work_group.pk}/sessions/{session.pk}/rearrange/"
    assert 'value="2026-10-06"' in client.get(url).content.decode()
    client.post(f"{BASE}{work_group.pk}/status/", {"status": "open"})
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url,
            {"date": "2026-10-13", "starts_at": "13:00", "ends_at": "16:00", "mode": "online",
             "joining_link": "meet.example.org/glow", "status": "scheduled", "reason": "Strike"},
        )  # fmt: skip
    assert response.status_code == 302
    session.refresh_from_db()
    assert (session.date, session.mode, session.sequence) == (date(2026, 10, 13), "online", 1)
    assert session.joining_link == "https://meet.example.org/glow"
    change = SessionChange.objects.get()
    assert change.kinds == ["moved", "moved_online"]
    # No one has signed up yet, so the other lead is the one person told.
    assert [message.to for message in mailoutbox] == [[work_group.leads.get().email]]


def test_publishing_and_copying_to_next_year(client, hub_lead, work_group):
    client.force_login(hub_lead)
    client.post(f"{BASE}{work_group.pk}/status/", {"status": "open"})
    work_group.refresh_from_db()
    assert work_group.status == WorkGroup.Status.OPEN
    response = client.post(f"{BASE}{work_group.pk}/copy/")
    copy = WorkGroup.objects.get(copied_from=work_group)
    assert response.url == f"{BASE}{copy.pk}/"
    assert copy.academic_year == 2027
    assert copy.sessions.get().date == date(2027, 10, 5)  # a Tuesday, as before
    assert AuditEvent.objects.filter(verb="work_group.copied").count() == 1


def test_another_hub_cannot_see_or_change_these_work_groups(client, outsider, work_group):
    client.force_login(outsider)
    session = work_group.sessions.get()
    for url in [BASE, f"{BASE}{work_group.pk}/", f"{BASE}{work_group.pk}/edit/", BASE + "new/"]:
        assert client.get(url).status_code == 403, url
    assert client.post(f"{BASE}{work_group.pk}/status/", {"status": "open"}).status_code == 403
    assert client.post(f"{BASE}{work_group.pk}/copy/").status_code == 403
    rearrange = f"{BASE}{work_group.pk}/sessions/{session.pk}/rearrange/"
    assert client.post(rearrange, {"status": "cancelled"}).status_code == 403
    # Through their own hub's address the Work Group does not exist.
    assert client.get(f"/hubs/origin/manage/work-groups/{work_group.pk}/").status_code == 404
    assert not WorkGroup.objects.filter(copied_from=work_group).exists()
    assert Session.objects.get(pk=session.pk).status == "scheduled"


def test_a_lead_may_rearrange_their_own_sessions(client, llme, work_group):
    client.force_login(llme)
    session = work_group.sessions.get()
    url = f"{BASE}{work_group.pk}/sessions/{session.pk}/rearrange/"
    page = client.get(url)
    assert page.status_code == 200
    # Cancel goes to the Work Group's sessions page, which a lead may open (not the staff page).
    assert f'href="{BASE}{work_group.pk}/plans/">Cancel' in page.content.decode()
    response = client.post(
        url,
        {"date": "2026-10-06", "starts_at": "13:00", "ends_at": "16:00", "mode": "face_to_face",
         "venue": "Dudley Maths Centre", "status": "cancelled", "reason": "Illness"},
    )  # fmt: skip
    assert response.url == f"{BASE}{work_group.pk}/plans/"
    assert Session.objects.get(pk=session.pk).is_cancelled
    assert client.get(f"{BASE}{work_group.pk}/").status_code == 403  # not hub staff


def test_changing_a_draft_groups_session_emails_nobody(
    client, hub_lead, work_group, mailoutbox, django_capture_on_commit_callbacks
):
    client.force_login(hub_lead)
    session = work_group.sessions.get()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            f"{BASE}{work_group.pk}/sessions/{session.pk}/rearrange/",
            {"date": "2026-10-06", "starts_at": "13:00", "ends_at": "16:00",
             "mode": "face_to_face", "venue": "Dudley Library", "status": "scheduled"},
        )  # fmt: skip
    assert Session.objects.get(pk=session.pk).venue == "Dudley Library"
    assert SessionChange.objects.count() == 1
    assert mailoutbox == []
