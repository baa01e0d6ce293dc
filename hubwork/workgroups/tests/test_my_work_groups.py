"""A participant's own Work Groups: /my/work-groups/, withdrawing, accepting and declining."""

import uuid
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from hubwork.accounts.tests.factories import UserFactory
from hubwork.core.academic_years import AcademicYear
from hubwork.core.models import AuditEvent
from hubwork.workgroups.models import Enrolment, WorkGroup
from hubwork.workgroups.tests.factories import (
    EnrolmentFactory,
    SessionFactory,
    WorkGroupFactory,
)

Status = Enrolment.Status


@pytest.fixture
def work_group(hub) -> WorkGroup:
    return WorkGroupFactory.create(
        hub=hub, title="Mastering Number", capacity=1, per_school_limit=1
    )


@pytest.fixture
def signed_in(client, participant):
    client.force_login(participant)
    return client


def test_signing_in_is_required(client, db):
    response = client.get("/my/work-groups/")
    assert response.status_code == 302
    assert response.url.startswith("/accounts/login/")


def test_lists_every_enrolment_this_year_first_then_past(
    signed_in, participant, hub, hillside, work_group
):
    today = timezone.localdate()
    SessionFactory.create(work_group=work_group, number=1, date=today - timedelta(days=7))
    SessionFactory.create(work_group=work_group, number=2, date=today + timedelta(days=7))
    EnrolmentFactory.create(work_group=work_group, user=participant, school=hillside)
    past = WorkGroupFactory.create(
        hub=hub, title="Old Work Group", academic_year=AcademicYear.current().start_year - 2
    )
    EnrolmentFactory.create(
        work_group=past, user=participant, school=hillside, status=Status.COMPLETED
    )
    full = WorkGroupFactory.create(hub=hub, title="Busy Work Group", capacity=1, per_school_limit=1)
    EnrolmentFactory.create(work_group=full)
    EnrolmentFactory.create(work_group=full, status=Status.WAITLISTED)
    EnrolmentFactory.create(
        work_group=full, user=participant, school=hillside, status=Status.WAITLISTED
    )

    response = signed_in.get("/my/work-groups/")
    html = response.content.decode()
    assert (
        html.index("Busy Work Group")
        < html.index("Mastering Number")
        < html.index("Old Work Group")
    )
    assert "Past years" in html
    assert "On the waiting list (number 2)" in html
    assert "Session 2:" in html
    assert "Hillside Primary School" in html
    assert 'href="/calendar/"' in html
    # Someone else's Work Groups are not listed.
    assert html.count('<h3 class="govuk-summary-card__title">') == 3


def test_the_dashboard_and_navigation_link_here(signed_in):
    assert 'href="/my/work-groups/"' in signed_in.get("/dashboard/").content.decode()
    html = signed_in.get("/my/work-groups/").content.decode()
    assert (
        'href="/my/work-groups/" aria-current="page">'
        '<strong class="govuk-service-navigation__active-fallback">My Work Groups</strong>'
    ) in html


def test_withdrawing_frees_the_place_for_the_next_person_waiting(
    signed_in, participant, hillside, work_group, django_capture_on_commit_callbacks
):
    mine = EnrolmentFactory.create(work_group=work_group, user=participant, school=hillside)
    waiting = EnrolmentFactory.create(
        work_group=work_group,
        status=Status.WAITLISTED,
        user=UserFactory.create(email="next@example.org", password=None),
    )
    confirm = signed_in.get(f"/my/work-groups/{mine.pk}/withdraw/")
    assert "Are you sure you want to withdraw?" in confirm.content.decode()
    # Nothing changes until they confirm.
    mine.refresh_from_db()
    assert mine.status == Status.ENROLLED

    with django_capture_on_commit_callbacks(execute=True):
        response = signed_in.post(
            f"/my/work-groups/{mine.pk}/withdraw/", {"reason": "Timetable clash"}
        )
    assert response.status_code == 302
    assert response.url == "/my/work-groups/"
    mine.refresh_from_db()
    waiting.refresh_from_db()
    assert mine.status == Status.WITHDRAWN
    assert waiting.status == Status.OFFERED
    assert waiting.offer_expires_at is not None
    assert [message.to for message in mail.outbox] == [["next@example.org"]]
    assert AuditEvent.objects.get(verb="enrolment.withdrawn").data["reason"] == "Timetable clash"
    assert "You have left Mastering Number." in signed_in.get(response.url).content.decode()


def test_accepting_an_offer_gives_the_place(signed_in, participant, hillside, work_group):
    offer = EnrolmentFactory.create(
        work_group=work_group,
        user=participant,
        school=hillside,
        status=Status.OFFERED,
        offer_expires_at=timezone.now() + timedelta(hours=48),
    )
    html = signed_in.get("/my/work-groups/").content.decode()
    assert "Offered a place: accept by" in html
    assert "Accept the place" in html
    response = signed_in.post(f"/my/work-groups/{offer.pk}/accept/", follow=True)
    offer.refresh_from_db()
    assert offer.status == Status.ENROLLED
    assert "You have a place in Mastering Number." in response.content.decode()


def test_declining_an_offer_passes_it_on(
    signed_in, participant, hillside, work_group, django_capture_on_commit_callbacks
):
    offer = EnrolmentFactory.create(
        work_group=work_group,
        user=participant,
        school=hillside,
        status=Status.OFFERED,
        offer_expires_at=timezone.now() + timedelta(hours=48),
    )
    waiting = EnrolmentFactory.create(work_group=work_group, status=Status.WAITLISTED)
    with django_capture_on_commit_callbacks(execute=True):
        signed_in.post(f"/my/work-groups/{offer.pk}/decline/")
    offer.refresh_from_db()
    waiting.refresh_from_db()
    assert offer.status == Status.DECLINED
    assert waiting.status == Status.OFFERED


def test_an_expired_offer_cannot_be_accepted(signed_in, participant, hillside, work_group):
    offer = EnrolmentFactory.create(
        work_group=work_group,
        user=participant,
        school=hillside,
        status=Status.OFFERED,
        offer_expires_at=timezone.now() - timedelta(minutes=1),
    )
    response = signed_in.post(f"/my/work-groups/{offer.pk}/accept/", follow=True)
    offer.refresh_from_db()
    assert offer.status == Status.OFFERED
    assert "This offer has expired" in response.content.decode()


def test_another_persons_enrolment_is_not_found(signed_in, work_group):
    theirs = EnrolmentFactory.create(work_group=work_group)
    for path in ("withdraw", "accept", "decline"):
        assert signed_in.post(f"/my/work-groups/{theirs.pk}/{path}/").status_code == 404
    assert signed_in.get(f"/my/work-groups/{theirs.pk}/withdraw/").status_code == 404
    theirs.refresh_from_db()
    assert theirs.status == Status.ENROLLED


def test_offer_email_links_open_a_page_that_confirms_before_answering(
    client, db, django_capture_on_commit_callbacks, mailoutbox
):
    from hubwork.workgroups.models import Enrolment
    from hubwork.workgroups.services.places import places_offer_next
    from hubwork.workgroups.tests.factories import EnrolmentFactory, WorkGroupFactory

    work_group = WorkGroupFactory.create(capacity=1, per_school_limit=1)
    enrolment = EnrolmentFactory.create(work_group=work_group, status="waitlisted")
    with django_capture_on_commit_callbacks(execute=True):
        places_offer_next(work_group=work_group)
    body = mailoutbox[0].body
    accept_url = f"/my/work-groups/{enrolment.pk}/accept/"
    assert accept_url in body
    assert f"/my/work-groups/{enrolment.pk}/decline/" in body

    client.force_login(enrolment.user)
    page = client.get(accept_url)
    assert "Accept the place" in page.content.decode()
    assert Enrolment.objects.get(pk=enrolment.pk).status == "offered"  # a GET changes nothing
    client.post(accept_url)
    assert Enrolment.objects.get(pk=enrolment.pk).status == "enrolled"


def test_members_reach_their_group_space_and_log_trials_from_their_cards(
    signed_in, participant, work_group, hub
):
    waiting_in = WorkGroupFactory.create(hub=hub, title="Oracy")
    EnrolmentFactory.create(work_group=work_group, user=participant, status=Status.ENROLLED)
    EnrolmentFactory.create(work_group=waiting_in, user=participant, status=Status.WAITLISTED)
    html = signed_in.get("/my/work-groups/").content.decode()
    assert f"/work-groups/{work_group.slug}/space/" in html
    assert f"/my/trials/new/?work_group={work_group.slug}" in html
    assert f"/work-groups/{waiting_in.slug}/space/" not in html
    assert f"/my/trials/new/?work_group={waiting_in.slug}" not in html


def test_the_public_page_and_my_work_groups_give_the_same_waiting_number(
    signed_in, participant, work_group
):
    now = timezone.now()
    colleagues = uuid.uuid4()
    for minutes, batch in ((-30, colleagues), (-29, colleagues), (-20, None)):
        EnrolmentFactory.create(
            work_group=work_group,
            status=Status.WAITLISTED,
            batch=batch,
            requested_at=now + timedelta(minutes=minutes),
        )
    EnrolmentFactory.create(
        work_group=work_group, user=participant, status=Status.WAITLISTED, requested_at=now
    )
    # Two colleagues who signed up together, then one person alone: third in the queue.
    assert "(number 3)" in signed_in.get("/my/work-groups/").content.decode()
    public = signed_in.get(f"/work-groups/{work_group.slug}/").content.decode()
    assert "You are on the waiting list (number 3)" in public
