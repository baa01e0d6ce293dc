"""LLME applications' services: submitting to several hubs, the school leader's signed link,
each hub's pipeline (allowed and refused steps), the emails with calendar invites, and the
audit trail."""

from datetime import timedelta
from typing import Any

import pytest
from django.core import mail, signing
from django.core.exceptions import ValidationError
from django.utils import timezone
from icalendar import Calendar

from hubwork.accounts.tests.factories import UserFactory
from hubwork.core.choices import Phase
from hubwork.core.models import AuditEvent
from hubwork.hubs.models import Accreditation
from hubwork.hubs.tests.factories import HubFactory
from hubwork.leaders import application_links
from hubwork.leaders.application_links import school_leader_token, school_leader_token_read
from hubwork.leaders.models import Application, HubApplication, HubApplicationEvent
from hubwork.leaders.selectors.applications import accepted_applications_for_hub
from hubwork.leaders.services.applications import (
    ApplicationData,
    allowed_next,
    application_submit,
    hub_application_move,
    hub_application_note_add,
    hub_application_withdraw,
    interview_arrange,
    offer_accept,
    school_leader_ask_again,
    school_leader_confirm,
)
from hubwork.schools.tests.factories import SchoolFactory
from hubwork.workgroups.tests.factories import ProgrammeFactory

pytestmark = pytest.mark.django_db
Status = HubApplication.Status


def submit(applicant, hubs, **overrides) -> Application:
    data: dict[str, Any] = {
        "school": overrides.pop("school", None) or SchoolFactory.create(),
        "role_in_school": "Year 4 teacher and maths lead",
        "phases": [Phase.PRIMARY],
        "experience": "Eight years teaching; maths lead for three.",
        "accreditations_held": [Accreditation.Kind.MASTERY_SPECIALIST],
        "programmes": [ProgrammeFactory.create()],
        "why": "To help other teachers build fluency.",
        "school_leader_name": "Sam Head",
        "school_leader_email": "head@school.example.org",
    }
    data.update(overrides)
    return application_submit(applicant=applicant, data=ApplicationData(**data), hubs=hubs)


@pytest.fixture(autouse=True)
def _after_commit_at_once(monkeypatch):
    """The outbox hands emails on once the transaction commits; a test's never does."""
    monkeypatch.setattr(
        "django.db.transaction.on_commit", lambda func, using=None, robust=False: func()
    )


@pytest.fixture
def applicant(db):
    return UserFactory.create(display_name="Priya Clarke", email="priya@example.org")


@pytest.fixture
def two_hubs(hub, other_hub):
    return hub, other_hub


def test_submit_makes_one_part_per_hub_asks_the_leader_and_audits(applicant, two_hubs):
    application = submit(applicant, list(two_hubs))
    parts = list(application.hub_applications.order_by("hub__name"))
    assert [part.hub.slug for part in parts] == ["glow", "origin"]
    assert {part.status for part in parts} == {Status.RECEIVED}
    assert HubApplicationEvent.objects.filter(to_status=Status.RECEIVED).count() == 2
    assert application.school_leader_asked_at is not None
    assert application.school_leader_confirmed_at is None
    verbs = set(AuditEvent.objects.values_list("verb", flat=True))
    assert {"llme_application.submitted", "hub_application.received"} <= verbs
    assert set(
        AuditEvent.objects.filter(verb="hub_application.received").values_list("hub_id", flat=True)
    ) == {hub.pk for hub in two_hubs}
    leader_email = next(m for m in mail.outbox if m.to == ["head@school.example.org"])
    assert "Priya Clarke" in leader_email.body
    assert "/llme-applications/confirm/" in leader_email.body
    assert any(m.to == ["priya@example.org"] for m in mail.outbox)


def test_submit_refuses_a_hub_already_applied_to_and_a_self_confirming_leader(applicant, hub):
    submit(applicant, [hub])
    with pytest.raises(ValidationError) as refused:
        submit(applicant, [hub])
    assert "already applied to GLOW Maths Hub" in str(refused.value.message_dict["hubs"])
    with pytest.raises(ValidationError) as refused:
        submit(applicant, [HubFactory.create()], school_leader_email="PRIYA@example.org")
    assert "school_leader_email" in refused.value.message_dict
    with pytest.raises(ValidationError) as refused:
        submit(applicant, [])
    assert "hubs" in refused.value.message_dict


def test_a_withdrawn_hub_can_be_applied_to_again(applicant, hub):
    part = submit(applicant, [hub]).hub_applications.get()
    hub_application_withdraw(hub_application=part, by=applicant)
    assert submit(applicant, [hub]).hub_applications.get().status == Status.RECEIVED


# The school leader's signed link -------------------------------------------------------------


def test_the_leader_link_confirms_once(applicant, hub):
    application = submit(applicant, [hub])
    reading = school_leader_token_read(school_leader_token(application))
    assert reading.application == application
    assert not reading.expired
    school_leader_confirm(application=reading.application)
    application.refresh_from_db()
    first = application.school_leader_confirmed_at
    assert first is not None
    school_leader_confirm(application=application)
    application.refresh_from_db()
    assert application.school_leader_confirmed_at == first
    assert AuditEvent.objects.filter(verb="llme_application.school_leader_confirmed").count() == 1


def test_a_tampered_or_expired_link_names_nothing(applicant, hub, monkeypatch):
    application = submit(applicant, [hub])
    token = school_leader_token(application)
    tampered = school_leader_token_read(token[:-2] + ("aa" if not token.endswith("aa") else "bb"))
    assert tampered.application is None
    assert not tampered.expired
    forged = signing.dumps({"a": application.pk, "e": "head@school.example.org"}, salt="other")
    assert school_leader_token_read(forged).application is None
    # Genuine, but older than its 14 days.
    monkeypatch.setattr(application_links, "CONFIRM_MAX_AGE", -1)
    expired = school_leader_token_read(token)
    assert expired.application is None
    assert expired.expired


def test_a_link_stops_working_if_the_leader_address_is_not_the_one_sent_to(applicant, hub):
    application = submit(applicant, [hub])
    token = school_leader_token(application)
    Application.objects.filter(pk=application.pk).update(school_leader_email="new@example.org")
    assert school_leader_token_read(token).application is None


def test_asking_again_emails_a_new_link_until_confirmed(applicant, hub):
    application = submit(applicant, [hub])
    mail.outbox.clear()
    school_leader_ask_again(application=application, by=applicant)
    assert [m.to for m in mail.outbox] == [["head@school.example.org"]]
    school_leader_confirm(application=application)
    with pytest.raises(ValidationError):
        school_leader_ask_again(application=application, by=applicant)


# The pipeline ----------------------------------------------------------------------------


def _interview(part, staff, *, days=7, minutes=45, place="GLOW office, Birmingham"):
    return interview_arrange(
        hub_application=part,
        at=timezone.now() + timedelta(days=days),
        minutes=minutes,
        place=place,
        by=staff,
    )


def _invite(message) -> Calendar:
    [(name, content, mimetype)] = message.attachments
    assert name == "interview.ics"
    assert mimetype.startswith("text/calendar")
    return Calendar.from_ical(content)


def test_the_whole_pipeline_emails_the_applicant_with_invites(applicant, hub, hub_lead):
    part = submit(applicant, [hub]).hub_applications.get()
    mail.outbox.clear()

    hub_application_move(hub_application=part, to_status=Status.SHORTLISTED, by=hub_lead)
    assert "shortlisted" in mail.outbox[-1].subject

    _interview(part, hub_lead)
    part.refresh_from_db()
    assert part.status == Status.INTERVIEW_ARRANGED
    assert part.interview_sequence == 0
    invite = _invite(mail.outbox[-1])
    [event] = invite.walk("VEVENT")
    assert str(invite["METHOD"]) == "REQUEST"
    assert event.decoded("SEQUENCE") == 0
    assert "GLOW office" in str(event["LOCATION"])
    assert (event.decoded("DTEND") - event.decoded("DTSTART")) == timedelta(minutes=45)
    uid = str(event["UID"])

    _interview(part, hub_lead, days=8, minutes=60, place="https://meet.example.org/llme")
    part.refresh_from_db()
    assert part.interview_sequence == 1
    assert "has changed" in mail.outbox[-1].subject
    [event] = _invite(mail.outbox[-1]).walk("VEVENT")
    assert str(event["UID"]) == uid
    assert event.decoded("SEQUENCE") == 1

    hub_application_move(hub_application=part, to_status=Status.OFFERED, by=hub_lead)
    assert "offers you a place" in mail.outbox[-1].subject
    offer_accept(hub_application=part, by=applicant)
    assert part.status == Status.ACCEPTED
    assert "accepted" in mail.outbox[-1].subject
    assert list(accepted_applications_for_hub(hub)) == [part]

    steps = list(part.events.values_list("from_status", "to_status"))
    assert steps == [
        ("", Status.RECEIVED),
        (Status.RECEIVED, Status.SHORTLISTED),
        (Status.SHORTLISTED, Status.INTERVIEW_ARRANGED),
        (Status.INTERVIEW_ARRANGED, Status.INTERVIEW_ARRANGED),
        (Status.INTERVIEW_ARRANGED, Status.OFFERED),
        (Status.OFFERED, Status.ACCEPTED),
    ]
    assert AuditEvent.objects.filter(hub_id=hub.pk, object_id=str(part.pk)).count() == 6


@pytest.mark.parametrize(
    ("start", "to_status"),
    [
        (Status.RECEIVED, Status.OFFERED),
        (Status.RECEIVED, Status.ACCEPTED),
        (Status.SHORTLISTED, Status.OFFERED),
        (Status.SHORTLISTED, Status.SHORTLISTED),
        (Status.NOT_PROGRESSED, Status.SHORTLISTED),
        (Status.WITHDRAWN, Status.OFFERED),
        (Status.ACCEPTED, Status.NOT_PROGRESSED),
    ],
)
def test_steps_the_pipeline_does_not_allow_are_refused(applicant, hub, hub_lead, start, to_status):
    part = submit(applicant, [hub]).hub_applications.get()
    HubApplication.objects.filter(pk=part.pk).update(status=start)
    part.refresh_from_db()
    with pytest.raises(ValidationError) as refused:
        hub_application_move(
            hub_application=part, to_status=to_status, by=hub_lead, reason="Because"
        )
    assert "to_status" in refused.value.message_dict
    part.refresh_from_db()
    assert part.status == start


def test_an_interview_needs_a_shortlist_and_a_future_time(applicant, hub, hub_lead):
    part = submit(applicant, [hub]).hub_applications.get()
    with pytest.raises(ValidationError) as refused:
        _interview(part, hub_lead)
    assert "cannot be interview arranged" in str(refused.value)
    hub_application_move(hub_application=part, to_status=Status.SHORTLISTED, by=hub_lead)
    with pytest.raises(ValidationError) as refused:
        _interview(part, hub_lead, days=-1, minutes=5, place=" ")
    assert set(refused.value.message_dict) == {
        "interview_date",
        "interview_minutes",
        "interview_place",
    }
    with pytest.raises(ValidationError):
        hub_application_move(hub_application=part, to_status=Status.INTERVIEW_ARRANGED, by=hub_lead)


def test_not_progressed_needs_a_reason_and_sends_it_and_cancels_the_interview(
    applicant, hub, hub_lead
):
    part = submit(applicant, [hub]).hub_applications.get()
    hub_application_move(hub_application=part, to_status=Status.SHORTLISTED, by=hub_lead)
    _interview(part, hub_lead)
    with pytest.raises(ValidationError) as refused:
        hub_application_move(hub_application=part, to_status=Status.NOT_PROGRESSED, by=hub_lead)
    assert "reason" in refused.value.message_dict
    mail.outbox.clear()
    hub_application_move(
        hub_application=part,
        to_status=Status.NOT_PROGRESSED,
        by=hub_lead,
        reason="We have no primary places this year.",
    )
    assert part.reason == "We have no primary places this year."
    assert part.interview_sequence == 1
    reason_email = next(m for m in mail.outbox if not m.attachments)
    assert "We have no primary places this year." in reason_email.body
    cancellation = next(m for m in mail.outbox if m.attachments)
    calendar = _invite(cancellation)
    assert str(calendar["METHOD"]) == "CANCEL"
    [event] = calendar.walk("VEVENT")
    assert event.decoded("SEQUENCE") == 1
    assert str(event["STATUS"]) == "CANCELLED"


def test_allowed_next_steps():
    assert allowed_next(Status.RECEIVED) == {
        Status.SHORTLISTED,
        Status.NOT_PROGRESSED,
        Status.WITHDRAWN,
    }
    assert allowed_next(Status.ACCEPTED) == {Status.WITHDRAWN}
    assert allowed_next(Status.WITHDRAWN) == set()


def test_each_hub_moves_its_own_part_only(applicant, hub, other_hub, hub_lead):
    application = submit(applicant, [hub, other_hub])
    glow = application.hub_applications.get(hub=hub)
    origin = application.hub_applications.get(hub=other_hub)
    hub_application_move(hub_application=glow, to_status=Status.SHORTLISTED, by=hub_lead)
    origin.refresh_from_db()
    assert origin.status == Status.RECEIVED


def test_a_note_is_audited_for_its_hub(applicant, hub, hub_lead):
    part = submit(applicant, [hub]).hub_applications.get()
    with pytest.raises(ValidationError):
        hub_application_note_add(hub_application=part, by=hub_lead, text="  ")
    note = hub_application_note_add(hub_application=part, by=hub_lead, text="Strong on fluency.")
    assert note.author == hub_lead
    event = AuditEvent.objects.get(verb="hub_application.note_added")
    assert event.hub_id == hub.pk
    assert "Strong" not in str(event.data)
