"""Leads take the register; participants send apologies in advance; everyone sees the rates."""

import pytest
from django.core.exceptions import ValidationError

from hubwork.accounts.tests.factories import UserFactory
from hubwork.core.models import AuditEvent
from hubwork.workgroups.models import Attendance, Enrolment, Session
from hubwork.workgroups.selectors.attendance import Rate, attendance_rates
from hubwork.workgroups.services.attendance import apologies_send, register_record
from hubwork.workgroups.tests.factories import (
    EnrolmentFactory,
    SessionFactory,
    WorkGroupFactory,
    days,
)

BASE = "/hubs/glow/manage/work-groups/"


@pytest.fixture
def work_group(hub, llme):
    return WorkGroupFactory.create(hub=hub, leads=[llme], status="running")


@pytest.fixture
def session(work_group):
    return SessionFactory.create(work_group=work_group, date=days(-1))


@pytest.fixture
def people(work_group, hillside):
    """Three people on the register, in name order."""
    return [
        EnrolmentFactory.create(
            work_group=work_group, school=hillside, user__display_name=name
        )
        for name in ["Amy Adams", "Ben Brown", "Cara Cole"]
    ]  # fmt: skip


def register_url(session: Session) -> str:
    return f"{BASE}{session.work_group_id}/sessions/{session.pk}/register/"


def marks_of(session: Session) -> dict[str, str]:
    return dict(
        Attendance.objects.filter(session=session).values_list(
            "enrolment__user__display_name", "status"
        )
    )


def test_lead_saves_the_register_for_the_groups_people_only(
    client, llme, work_group, session, people
):
    amy, ben, _cara = people
    withdrawn = EnrolmentFactory.create(
        work_group=work_group, status=Enrolment.Status.WITHDRAWN, user__display_name="Wes Gone"
    )
    stranger = EnrolmentFactory.create(user__display_name="Sam Elsewhere")  # another group
    client.force_login(llme)

    html = client.get(register_url(session)).content.decode()
    assert "Amy Adams" in html
    assert "Cara Cole" in html
    assert "Wes Gone" not in html
    assert '<legend class="govuk-fieldset__legend govuk-visually-hidden">Amy Adams</legend>' in html

    response = client.post(
        register_url(session),
        {
            f"mark_{amy.pk}": "present",
            f"mark_{ben.pk}": "late",
            f"mark_{withdrawn.pk}": "present",  # not on the register: ignored
            f"mark_{stranger.pk}": "present",
        },
    )
    assert response.url == f"{BASE}{work_group.pk}/attendance/"
    assert marks_of(session) == {"Amy Adams": "present", "Ben Brown": "late"}
    event = AuditEvent.objects.get(verb="attendance.recorded")
    assert event.data["counts"] == {"present": 1, "late": 1}
    assert event.data["changed"] == []
    assert event.actor == llme

    # Later: Ben was absent after all, and everyone not yet marked was there.
    client.post(register_url(session), {f"mark_{ben.pk}": "absent", "rest_present": "1"})
    assert marks_of(session) == {
        "Amy Adams": "present",
        "Ben Brown": "absent",
        "Cara Cole": "present",
    }
    edit = AuditEvent.objects.filter(verb="attendance.recorded").latest("pk")
    assert edit.data["changed"] == [{"enrolment": ben.pk, "status": "absent"}]
    assert edit.data["newly_marked"] == 1


def test_the_register_service_rejects_anyone_not_on_it(llme, work_group, session, people):
    withdrawn = EnrolmentFactory.create(work_group=work_group, status=Enrolment.Status.WITHDRAWN)
    stranger = EnrolmentFactory.create()
    for outsider_enrolment in (withdrawn, stranger):
        with pytest.raises(ValidationError, match="not on this register"):
            register_record(
                session=session,
                marks={people[0].pk: "present", outsider_enrolment.pk: "present"},
                by=llme,
            )
    with pytest.raises(ValidationError, match="not a way"):
        register_record(session=session, marks={people[0].pk: "asleep"}, by=llme)
    assert not Attendance.objects.exists()  # nothing half-saved
    assert not AuditEvent.objects.filter(verb="attendance.recorded").exists()


def test_apologies_sent_in_advance_are_preselected_on_the_register(
    client, llme, participant, work_group, hillside, people
):
    enrolment = EnrolmentFactory.create(work_group=work_group, user=participant, school=hillside)
    upcoming = SessionFactory.create(work_group=work_group, date=days(7))
    url = f"/my/work-groups/{enrolment.pk}/apologies/{upcoming.pk}/"
    client.force_login(participant)
    assert "Send apologies" in client.get(url).content.decode()
    response = client.post(url, {"note": "Year 6 residential trip"})
    assert response.url == url
    assert "You have sent apologies" in client.get(url).content.decode()
    attendance = Attendance.objects.get(enrolment=enrolment, session=upcoming)
    assert (attendance.status, attendance.note) == ("apologies", "Year 6 residential trip")
    assert AuditEvent.objects.filter(verb="attendance.apologies_sent", actor=participant).exists()

    client.force_login(llme)
    response = client.get(register_url(upcoming))
    form = response.context["form"]
    assert form[f"mark_{enrolment.pk}"].value() == "apologies"
    assert form[f"mark_{people[0].pk}"].value() is None
    assert "Year 6 residential trip" in response.content.decode()


def test_apologies_only_before_the_session_and_only_your_own(
    client, participant, work_group, session, hillside, people
):
    enrolment = EnrolmentFactory.create(work_group=work_group, user=participant, school=hillside)
    with pytest.raises(ValidationError, match="before the session starts"):
        apologies_send(enrolment=enrolment, session=session, note="", by=participant)
    client.force_login(participant)
    past = client.get(f"/my/work-groups/{enrolment.pk}/apologies/{session.pk}/")
    assert "can no longer be sent" in past.content.decode()

    upcoming = SessionFactory.create(work_group=work_group, date=days(7))
    someone_else = people[0]
    assert (
        client.get(f"/my/work-groups/{someone_else.pk}/apologies/{upcoming.pk}/").status_code == 404
    )
    other_session = SessionFactory.create(date=days(7))  # another Work Group's
    assert (
        client.get(f"/my/work-groups/{enrolment.pk}/apologies/{other_session.pk}/").status_code
        == 404
    )
    assert not Attendance.objects.exists()


def test_rates_per_person_and_session_leave_out_cancelled_and_future_sessions(
    client, llme, work_group, people
):
    amy, ben, cara = people
    first = SessionFactory.create(work_group=work_group, date=days(-60))
    second = SessionFactory.create(work_group=work_group, date=days(0))
    cancelled = SessionFactory.create(
        work_group=work_group, date=days(-30), status=Session.Status.CANCELLED
    )
    future = SessionFactory.create(work_group=work_group, date=days(30))
    register_record(
        session=first, marks={amy.pk: "present", ben.pk: "late", cara.pk: "absent"}, by=llme
    )
    register_record(session=second, marks={amy.pk: "present", ben.pk: "absent"}, by=llme)
    # Marks on sessions that did not go ahead (or not yet) never count.
    Attendance.objects.create(enrolment=cara, session=cancelled, status="present")
    apologies_send(enrolment=cara, session=future, note="", by=cara.user)

    rates = attendance_rates(work_group)
    assert rates.held == 2
    per_person = [
        (line.enrolment, line.rate.attended, line.rate.out_of, line.rate.percent)
        for line in rates.people
    ]
    assert per_person == [(amy, 2, 2, 100), (ben, 1, 2, 50), (cara, 0, 2, 0)]
    assert [line.counts["apologies"] for line in rates.people] == [0, 0, 0]
    by_session = {line.session: line for line in rates.sessions}
    assert by_session[first].rate == Rate(attended=2, out_of=3)
    assert by_session[second].rate == Rate(attended=1, out_of=3)
    assert by_session[second].unmarked == 1
    assert by_session[cancelled].rate is None
    assert not by_session[cancelled].held
    assert by_session[future].rate is None

    client.force_login(llme)
    html = client.get(f"{BASE}{work_group.pk}/attendance/").content.decode()
    assert "2 of 2" in html
    assert "67%" in html
    assert "Not yet held" in html
    assert register_url(first) in html
    assert f"{BASE}{work_group.pk}/completion/" in html


def test_who_may_open_registers_and_rates(
    client, hub_lead, llme, participant, outsider, work_group, session, people
):
    pages = [register_url(session), f"{BASE}{work_group.pk}/attendance/"]
    for user in (hub_lead, llme):
        client.force_login(user)
        assert all(client.get(url).status_code == 200 for url in pages)
    not_their_lead = UserFactory.create()
    for user in (outsider, participant, not_their_lead):
        client.force_login(user)
        assert all(client.get(url).status_code == 403 for url in pages)
        assert (
            client.post(register_url(session), {f"mark_{people[0].pk}": "present"}).status_code
            == 403
        )
    assert not Attendance.objects.exists()
    client.logout()
    assert client.get(register_url(session)).url.startswith("/accounts/login/")


def test_register_and_rates_queries_stay_fixed_as_participants_grow(
    client, llme, work_group, session, people, django_assert_max_num_queries
):
    register_record(session=session, marks={people[0].pk: "present"}, by=llme)
    pages = [register_url(session), f"{BASE}{work_group.pk}/attendance/"]
    client.force_login(llme)
    before = []
    for url in pages:
        with django_assert_max_num_queries(40) as queries:
            assert client.get(url).status_code == 200
        before.append(len(queries))
    more = EnrolmentFactory.create_batch(12, work_group=work_group)
    SessionFactory.create(work_group=work_group, date=days(-3))
    register_record(session=session, marks={enrolment.pk: "late" for enrolment in more}, by=llme)
    for url, count in zip(pages, before, strict=True):
        with django_assert_max_num_queries(count) as queries:
            client.get(url)
        assert len(queries) == count
