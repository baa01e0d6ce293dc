"""Readings set for sessions, as leads use them: set with a guiding question, change, reorder,
remove, add to the session plan once (with the plan's version moving on, so a co-lead's
stale save is refused), and see who has read what."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from hubwork.core.models import AuditEvent
from hubwork.practice.models import Activity
from hubwork.practice.services.plans import ActivityData, PlanConflict, plan_save
from hubwork.practice.tests.factories import ActivityFactory, SessionPlanFactory
from hubwork.research.models import ReadingProgress, SessionReading
from hubwork.research.services.session_readings import (
    reading_progress_save,
    session_reading_add_to_plan,
    session_reading_move,
    session_reading_remove,
    session_reading_set,
    session_reading_update,
)
from hubwork.research.tests.factories import ReadingFactory, SessionReadingFactory
from hubwork.workgroups.models import Enrolment
from hubwork.workgroups.tests.factories import EnrolmentFactory, SessionFactory, WorkGroupFactory

QUESTION = "Read pages 3–7: which of the three strategies would suit your Year 8 class?"


def days(number):
    return timezone.localdate() + timedelta(days=number)


@pytest.fixture
def work_group(hub, llme):
    return WorkGroupFactory.create(hub=hub, title="Mastering Number", leads=[llme])


@pytest.fixture
def session(work_group):
    return SessionFactory.create(work_group=work_group, date=days(10))


@pytest.fixture
def member(work_group, participant):
    EnrolmentFactory.create(work_group=work_group, user=participant)
    return participant


def url(name, session, **kwargs):
    work_group = session.work_group
    return reverse(
        f"research:{name}",
        kwargs={"hub_slug": work_group.hub.slug, "pk": work_group.pk, "session_pk": session.pk}
        | kwargs,
    )


# --- Services -------------------------------------------------------------------------------


def test_readings_are_set_in_order_with_their_question_and_audited(session, llme):
    first = session_reading_set(
        session=session, reading=ReadingFactory.create(), guiding_question=f" {QUESTION} ", by=llme
    )
    second = session_reading_set(
        session=session, reading=ReadingFactory.create(), guiding_question="Note one idea.", by=llme
    )
    assert (first.position, second.position) == (1, 2)
    assert first.guiding_question == QUESTION
    assert first.set_by == llme
    assert AuditEvent.objects.filter(verb="session_reading.set").count() == 2


def test_a_reading_is_set_once_per_session_and_needs_a_question(session, llme):
    reading = ReadingFactory.create()
    session_reading_set(session=session, reading=reading, guiding_question=QUESTION, by=llme)
    with pytest.raises(ValidationError) as error:
        session_reading_set(session=session, reading=reading, guiding_question=QUESTION, by=llme)
    assert "reading" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        session_reading_set(
            session=session, reading=ReadingFactory.create(), guiding_question="  ", by=llme
        )
    assert "guiding_question" in error.value.message_dict
    assert SessionReading.objects.count() == 1


def test_reordering_moves_one_place_and_renumbers(session, llme):
    readings = [
        session_reading_set(
            session=session, reading=ReadingFactory.create(), guiding_question=QUESTION, by=llme
        )
        for _ in range(3)
    ]
    session_reading_move(session_reading=readings[2], up=True, by=llme)
    order = list(SessionReading.objects.filter(session=session).values_list("pk", flat=True))
    assert order == [readings[0].pk, readings[2].pk, readings[1].pk]
    session_reading_move(session_reading=readings[0], up=True, by=llme)  # first: stays
    session_reading_move(session_reading=readings[0], up=False, by=llme)
    assert list(SessionReading.objects.filter(session=session).values_list("pk", "position")) == [
        (readings[2].pk, 1),
        (readings[0].pk, 2),
        (readings[1].pk, 3),
    ]


def test_changing_and_removing(session, llme, member):
    item = session_reading_set(
        session=session, reading=ReadingFactory.create(), guiding_question=QUESTION, by=llme
    )
    session_reading_update(session_reading=item, guiding_question="New question", by=llme)
    item.refresh_from_db()
    assert item.guiding_question == "New question"
    reading_progress_save(
        session_reading=item, user=member, done=True, private_notes="", response="", share=False
    )
    session_reading_remove(session_reading=item, by=llme)
    assert not SessionReading.objects.exists()
    assert not ReadingProgress.objects.exists()
    assert AuditEvent.objects.filter(verb="session_reading.removed").exists()


def test_adding_to_the_plan_appends_an_engaging_with_research_activity_once(session, llme):
    plan = SessionPlanFactory.create(session=session, version=3)
    ActivityFactory.create(plan=plan, position=1, title="Welcome")
    reading = ReadingFactory.create(title="Talk in maths lessons", authors="Mercer, N.", year=2006)
    item = SessionReadingFactory.create(session=session, reading=reading, guiding_question=QUESTION)

    activity = session_reading_add_to_plan(session_reading=item, by=llme)

    assert activity.kind == Activity.Kind.RESEARCH == "research"
    assert activity.position == 2
    assert "Mercer, N. (2006). Talk in maths lessons." in activity.notes
    assert QUESTION in activity.notes
    item.refresh_from_db()
    assert item.activity == activity
    plan.refresh_from_db()
    assert (plan.version, plan.updated_by) == (4, llme)
    with pytest.raises(ValidationError):
        session_reading_add_to_plan(session_reading=item, by=llme)
    assert Activity.objects.filter(plan=plan).count() == 2


def test_still_once_after_the_plan_is_saved_and_its_activities_written_afresh(session, llme):
    item = SessionReadingFactory.create(session=session)
    session_reading_add_to_plan(session_reading=item, by=llme)
    plan = session.plan
    saved = [ActivityData.from_activity(activity) for activity in plan.activities.all()]
    plan_save(session=session, activities=saved, version=plan.version, by=llme)
    item.refresh_from_db()
    assert item.activity is None  # the rows were written afresh
    with pytest.raises(ValidationError):
        session_reading_add_to_plan(session_reading=item, by=llme)
    assert Activity.objects.filter(plan__session=session).count() == 1


def test_a_lead_editing_the_plan_meanwhile_gets_the_conflict(session, llme, hub_lead):
    plan = SessionPlanFactory.create(session=session, version=1)
    opened_at = plan.version  # a co-lead opens the plan …
    session_reading_add_to_plan(
        session_reading=SessionReadingFactory.create(session=session), by=llme
    )
    with pytest.raises(PlanConflict):  # … and saves after the reading went in
        plan_save(
            session=session,
            activities=[ActivityData(title="Starter", kind="input", minutes=10)],
            version=opened_at,
            by=hub_lead,
        )
    assert Activity.objects.filter(plan__session=session, kind="research").count() == 1


def test_a_session_with_no_plan_gets_one(session, llme):
    activity = session_reading_add_to_plan(
        session_reading=SessionReadingFactory.create(session=session), by=llme
    )
    assert activity.plan.session == session
    assert activity.plan.version == 1


# --- Pages for leads ------------------------------------------------------------------------


def test_a_lead_finds_a_reading_and_sets_it_with_a_question(client, llme, session):
    ReadingFactory.create(title="Bar models in Year 8", authors="Ng, S.")
    ReadingFactory.create(title="Something else entirely", authors="Other, A.", summary="")
    client.force_login(llme)
    page = client.get(url("session_readings", session), {"q": "bar models"})
    assert page.status_code == 200
    assert b"Bar models in Year 8" in page.content
    assert b"Something else entirely" not in page.content
    reading = ReadingFactory._meta.model.objects.get(title="Bar models in Year 8")

    missing = client.post(
        url("session_readings", session), {"q": "bar models", "reading": reading.pk}
    )
    assert missing.status_code == 200
    assert "Enter a guiding question or task" in missing.content.decode()

    response = client.post(
        url("session_readings", session),
        {"q": "bar models", "reading": reading.pk, "guiding_question": QUESTION},
    )
    assert response.status_code == 302
    item = SessionReading.objects.get()
    assert (item.reading, item.guiding_question, item.set_by) == (reading, QUESTION, llme)


def test_a_lead_changes_reorders_adds_to_plan_and_removes_through_pages(client, llme, session):
    first, second = SessionReadingFactory.create_batch(2, session=session)
    SessionReading.objects.filter(pk=second.pk).update(position=1)
    client.force_login(llme)
    client.post(
        url("session_reading_edit", session, reading_pk=first.pk), {"guiding_question": "Why?"}
    )
    client.post(url("session_reading_move", session, reading_pk=first.pk), {"direction": "up"})
    assert SessionReading.objects.values_list("guiding_question", flat=True)[0] == "Why?"
    client.post(url("session_reading_add_to_plan", session, reading_pk=first.pk))
    again = client.post(
        url("session_reading_add_to_plan", session, reading_pk=first.pk), follow=True
    )
    assert "already in the session plan" in again.content.decode()
    assert Activity.objects.filter(plan__session=session).count() == 1
    assert "In the plan" in client.get(url("session_readings", session)).content.decode()
    client.post(url("session_reading_delete", session, reading_pk=second.pk))
    assert list(SessionReading.objects.all()) == [first]


def test_other_hubs_and_participants_cannot_set_readings(client, session, outsider, member):
    for person in (outsider, member):
        client.force_login(person)
        assert client.get(url("session_readings", session)).status_code == 403
    item = SessionReadingFactory.create(session=session)
    other = SessionFactory.create(work_group=WorkGroupFactory.create(hub=session.work_group.hub))
    client.force_login(session.work_group.leads.get())
    # A reading of another session is not found at this session's address.
    assert client.get(url("session_reading_edit", other, reading_pk=item.pk)).status_code in (
        403,
        404,
    )


def test_the_readings_page_is_linked_from_the_leads_session_pages(client, llme, session):
    client.force_login(llme)
    target = url("session_readings", session)
    work_group = session.work_group
    kwargs = {"hub_slug": work_group.hub.slug, "pk": work_group.pk, "session_pk": session.pk}
    for name in ("practice:plan", "practice:gap_tasks", "practice:what_we_tried"):
        assert target in client.get(reverse(name, kwargs=kwargs)).content.decode(), name
    overview = reverse(
        "practice:plans", kwargs={"hub_slug": work_group.hub.slug, "pk": work_group.pk}
    )
    assert target in client.get(overview).content.decode()


def _members(work_group, count):
    return [EnrolmentFactory.create(work_group=work_group).user for _ in range(count)]


def test_who_has_read_shows_members_and_shared_responses(client, llme, session, member):
    quiet = EnrolmentFactory.create(work_group=session.work_group).user
    EnrolmentFactory.create(
        work_group=session.work_group, status=Enrolment.Status.WITHDRAWN, user__display_name="Gone"
    )
    item = SessionReadingFactory.create(session=session)
    reading_progress_save(
        session_reading=item,
        user=member,
        done=True,
        private_notes="MY PRIVATE NOTE",
        response="Stem sentences would suit set 3.",
        share=True,
    )
    client.force_login(llme)
    page = client.get(url("session_readings_progress", session)).content.decode()
    assert member.display_name in page
    assert quiet.display_name in page
    assert "Gone" not in page
    assert "Stem sentences would suit set 3." in page
    assert "MY PRIVATE NOTE" not in page
    assert "1 of 2" in page
    listing = client.get(url("session_readings", session)).content.decode()
    assert "1 of 2 members, 1 shared a response" in listing


def test_who_has_read_keeps_a_flat_number_of_queries_as_members_grow(client, llme, session):
    readings = SessionReadingFactory.create_batch(2, session=session)
    client.force_login(llme)

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url("session_readings_progress", session)).status_code == 200
        return len(queries)

    for user in _members(session.work_group, 2):
        reading_progress_save(
            session_reading=readings[0],
            user=user,
            done=True,
            private_notes="",
            response="Yes",
            share=True,
        )
    few = count()
    for user in _members(session.work_group, 8):
        reading_progress_save(
            session_reading=readings[1],
            user=user,
            done=True,
            private_notes="",
            response="No",
            share=True,
        )
    SessionReadingFactory.create(session=session)
    assert count() == few


def test_the_readings_list_keeps_a_flat_number_of_queries(client, llme, session):
    SessionReadingFactory.create(session=session)
    client.force_login(llme)

    def count():
        with CaptureQueriesContext(connection) as queries:
            client.get(url("session_readings", session))
        return len(queries)

    few = count()
    SessionReadingFactory.create_batch(4, session=session)
    _members(session.work_group, 5)
    assert count() == few
