from datetime import date, time

import pytest
from django.core.exceptions import ValidationError

from hubwork.accounts.tests.factories import UserFactory
from hubwork.core.models import AuditEvent
from hubwork.programmes.models import Mode, Programme
from hubwork.workgroups.models import Enrolment, Session, SessionChange, WorkGroup
from hubwork.workgroups.services.sessions import session_add, session_cancel, session_rearrange
from hubwork.workgroups.services.work_groups import (
    work_group_copy_to_next_year,
    work_group_create,
    work_group_set_status,
)


@pytest.fixture
def programme(db):
    return Programme.objects.create(
        name="Sustaining Teaching for Mastery", slug="stfm", summary="x"
    )


@pytest.fixture
def work_group(hub, llme, hub_lead, programme):
    work_group = work_group_create(
        hub=hub,
        leads=[llme],
        by=hub_lead,
        programme=programme,
        academic_year=2026,
        code="GLOW-SfM-01",
        title="Sustaining Mastery in Birmingham",
        capacity=20,
        per_school_limit=2,
        mode=Mode.FACE_TO_FACE,
        venue="Hillside Primary School",
    )
    for day in (date(2026, 10, 6), date(2027, 1, 19), date(2027, 5, 11)):
        session_add(
            work_group=work_group,
            date=day,
            starts_at=time(13, 0),
            ends_at=time(16, 0),
            mode=Mode.FACE_TO_FACE,
            venue="Hillside Primary School",
            by=hub_lead,
        )
    return work_group


def test_a_new_work_group_is_a_draft_with_its_leads_and_is_audited(work_group, llme, hub_lead):
    assert work_group.status == WorkGroup.Status.DRAFT
    assert list(work_group.leads.all()) == [llme]
    assert work_group.slug == "glow-glow-sfm-01-2026-27"
    event = AuditEvent.objects.get(verb="work_group.created")
    assert (event.actor, event.hub_id) == (hub_lead, work_group.hub_id)
    assert [s.number for s in work_group.sessions.all()] == [1, 2, 3]


def test_leads_must_be_llmes_of_the_hub(hub, hub_lead, programme, outsider, participant):
    with pytest.raises(ValidationError, match="Leads must be LLMEs of GLOW Maths Hub"):
        work_group_create(
            hub=hub,
            leads=[participant],
            by=hub_lead,
            programme=programme,
            academic_year=2026,
            code="X",
            title="X",
            capacity=10,
        )
    assert not WorkGroup.objects.exists()


@pytest.mark.parametrize(
    ("day", "starts", "ends", "field", "message"),
    [
        (date(2027, 9, 1), time(13), time(16), "date", "academic year, 2026/27"),
        (date(2026, 11, 3), time(16), time(13), "ends_at", "end after it starts"),
        (date(2026, 10, 6), time(15), time(17), "starts_at", "overlaps session 1"),
    ],
)
def test_sessions_are_validated_with_clear_messages(
    work_group, hub_lead, day, starts, ends, field, message
):
    with pytest.raises(ValidationError) as error:
        session_add(
            work_group=work_group,
            date=day,
            starts_at=starts,
            ends_at=ends,
            mode=Mode.FACE_TO_FACE,
            venue="Hall",
            by=hub_lead,
        )
    assert message in " ".join(error.value.message_dict[field])
    assert work_group.sessions.count() == 3


def test_an_earlier_session_added_later_takes_its_place_in_the_numbering(work_group, hub_lead):
    session_add(
        work_group=work_group,
        date=date(2026, 9, 15),
        starts_at=time(9),
        ends_at=time(12),
        mode=Mode.ONLINE,
        joining_link="https://meet.example.org/glow",
        by=hub_lead,
    )
    sessions = list(work_group.sessions.order_by("date"))
    assert [s.number for s in sessions] == [1, 2, 3, 4]
    # The three that moved down a number changed in calendars too.
    assert [s.sequence for s in sessions[1:]] == [1, 1, 1]
    assert work_group.sessions.get(number=1).date == date(2026, 9, 15)


def test_rearranging_keeps_history_bumps_sequence_and_emails_everyone_taking_part(
    work_group, hub_lead, llme, hillside, mailoutbox, django_capture_on_commit_callbacks
):
    teacher = UserFactory.create(display_name="Tara Singh")
    withdrawn = UserFactory.create()
    Enrolment.objects.create(
        work_group=work_group, user=teacher, school=hillside, status="enrolled"
    )
    Enrolment.objects.create(
        work_group=work_group, user=withdrawn, school=hillside, status="withdrawn"
    )
    session = work_group.sessions.get(number=2)

    with django_capture_on_commit_callbacks(execute=True):
        change = session_rearrange(
            session=session,
            by=hub_lead,
            reason="Snow is forecast",
            mode=Mode.ONLINE,
            joining_link="https://meet.example.org/glow-2",
        )
    session.refresh_from_db()
    assert session.sequence == 1
    assert change is not None
    assert change.kinds == [SessionChange.Kind.MOVED_ONLINE]
    assert change.before["mode"] == "face_to_face"
    assert change.after["mode"] == "online"
    assert sorted(message.to[0] for message in mailoutbox) == sorted([teacher.email, llme.email])
    email = next(message for message in mailoutbox if message.to == [teacher.email])
    assert email.subject == "Hubwork: Sustaining Mastery in Birmingham session 2 has moved online"
    assert "Snow is forecast" in email.body
    assert "https://meet.example.org/glow-2" in email.body
    assert "Before: Tuesday 19 January 2027, 1pm to 4pm" in email.body


def test_rearranging_to_the_same_arrangement_changes_nothing(work_group, hub_lead, mailoutbox):
    session = work_group.sessions.get(number=1)
    assert session_rearrange(session=session, by=hub_lead, starts_at=time(13, 0)) is None
    assert not SessionChange.objects.exists()


def test_cancelling_keeps_the_session_and_frees_its_time(work_group, hub_lead):
    session = work_group.sessions.get(number=1)
    change = session_cancel(session=session, by=hub_lead, reason="Venue flooded")
    assert change is not None
    assert change.kinds == [SessionChange.Kind.CANCELLED]
    assert Session.objects.get(pk=session.pk).is_cancelled
    # The cancelled session no longer blocks another at the same time.
    session_add(
        work_group=work_group,
        date=session.date,
        starts_at=time(13, 0),
        ends_at=time(16, 0),
        mode=Mode.FACE_TO_FACE,
        venue="Library",
        by=hub_lead,
    )


def test_publishing_needs_sessions(hub, hub_lead, llme, programme, work_group):
    work_group_set_status(work_group=work_group, status=WorkGroup.Status.OPEN, by=hub_lead)
    assert WorkGroup.objects.get(pk=work_group.pk).status == WorkGroup.Status.OPEN
    empty = work_group_create(
        hub=hub, leads=[llme], by=hub_lead, programme=programme, academic_year=2026,
        code="EMPTY", title="Empty", capacity=10,
    )  # fmt: skip
    with pytest.raises(ValidationError, match="Add its sessions"):
        work_group_set_status(work_group=empty, status=WorkGroup.Status.OPEN, by=hub_lead)


def test_copying_to_next_year_shifts_sessions_and_keeps_weekdays(work_group, hub_lead):
    copy = work_group_copy_to_next_year(work_group=work_group, by=hub_lead)
    assert (copy.academic_year, copy.status, copy.copied_from) == (2027, "draft", work_group)
    assert copy.code == work_group.code
    assert copy.slug != work_group.slug
    assert list(copy.leads.all()) == list(work_group.leads.all())
    old = list(work_group.sessions.order_by("number"))
    new = list(copy.sessions.order_by("number"))
    assert [s.date.weekday() for s in new] == [s.date.weekday() for s in old]
    assert all(s.date in copy.year for s in new)
    assert [s.starts_at for s in new] == [s.starts_at for s in old]
    assert AuditEvent.objects.filter(verb="work_group.copied", object_id=str(copy.pk)).exists()
