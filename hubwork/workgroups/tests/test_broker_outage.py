"""With Redis down (the broker and the cache), a saved change answers as usual and what it
implies waits in the outbox, to go once when the broker is back.

These tests commit for real (transactional_db), so the hand-over to the broker runs inside the
request, where a failure would have answered 500."""

from datetime import time

import pytest

from hubwork.core.models import AuditEvent, OutboxMessage
from hubwork.core.outbox import flush
from hubwork.programmes.models import Mode
from hubwork.workgroups.models import Enrolment, SessionChange
from hubwork.workgroups.tests.factories import EnrolmentFactory, SessionFactory, WorkGroupFactory

pytestmark = pytest.mark.usefixtures("transactional_db", "cache_on_dead_redis")


@pytest.fixture
def work_group(hub, llme):
    work_group = WorkGroupFactory.create(
        hub=hub, leads=[llme], title="Mastering Number, Dudley", slug="glow-mastering-number"
    )
    EnrolmentFactory.create_batch(2, work_group=work_group)
    EnrolmentFactory.create(work_group=work_group, status=Enrolment.Status.WAITLISTED)
    return work_group


def test_a_session_rearranged_while_redis_is_down_is_saved_once_and_announced_later(
    client, llme, work_group, broker, mailoutbox
):
    session = SessionFactory.create(work_group=work_group)
    client.force_login(llme)
    broker.down()
    response = client.post(
        f"/hubs/glow/manage/work-groups/{work_group.pk}/sessions/{session.pk}/rearrange/",
        {"date": session.date.isoformat(), "starts_at": "13:00", "ends_at": "16:00",
         "mode": Mode.FACE_TO_FACE, "venue": "Dudley Library", "status": "scheduled",
         "reason": "The hall is booked"},
    )  # fmt: skip
    assert response.status_code == 302
    change = SessionChange.objects.get()
    assert change.after["venue"] == "Dudley Library"
    assert AuditEvent.objects.filter(verb="session.rearranged").count() == 1
    waiting = OutboxMessage.objects.get()
    assert (waiting.task, waiting.kwargs) == (
        "hubwork.workgroups.notifications.notify_session_changed",
        {"change_id": change.pk},
    )
    assert waiting.sent_at is None
    assert "is rearranged" in client.get(response.url).content.decode()
    assert mailoutbox == []

    broker.back()
    assert flush() == 1
    taking_part = Enrolment.objects.filter(work_group=work_group, status__in=Enrolment.TAKING_PART)
    assert sorted(message.to[0] for message in mailoutbox) == sorted(
        enrolment.user.email for enrolment in taking_part
    )
    assert flush() == 0
    assert len(mailoutbox) == 2
    session.refresh_from_db()
    assert (session.venue, session.starts_at, session.sequence) == ("Dudley Library", time(13), 1)


def test_a_group_message_while_redis_is_down_goes_once_it_is_back(
    client, llme, work_group, broker, mailoutbox
):
    client.force_login(llme)
    broker.down()
    response = client.post(
        f"/hubs/glow/manage/work-groups/{work_group.pk}/participants/message/",
        {"subject": "Room change", "message": "Session 2 is in the hall."},
    )
    assert response.status_code == 302
    assert AuditEvent.objects.filter(verb="work_group.messaged").count() == 1
    assert OutboxMessage.objects.unsent().count() == 2
    assert mailoutbox == []

    broker.back()
    assert flush() == 2
    assert flush() == 0
    assert {message.subject for message in mailoutbox} == {"Mastering Number, Dudley: Room change"}
    assert len(mailoutbox) == 2


def test_signing_up_while_redis_is_down_gives_the_place_and_confirms_it_later(
    client, participant, work_group, hillside, broker, mailoutbox
):
    client.force_login(participant)
    broker.down()
    response = client.post(
        f"/work-groups/{work_group.slug}/sign-up/",
        {"school": hillside.name, "school_urn": str(hillside.urn), "role": "class_teacher",
         "leader_supports": "on"},
    )  # fmt: skip
    assert response.status_code == 302
    enrolment = Enrolment.objects.get(user=participant)
    assert enrolment.status == Enrolment.Status.ENROLLED
    signed_up = OutboxMessage.objects.unsent().get(
        task="hubwork.workgroups.notifications.notify_signed_up"
    )
    assert signed_up.kwargs == {"enrolment_id": enrolment.pk}
    assert mailoutbox == []

    broker.back()
    assert flush() == OutboxMessage.objects.count()
    assert [participant.email] in [message.to for message in mailoutbox]
    assert flush() == 0
