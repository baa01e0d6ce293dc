"""Calendar feeds, read back with vobject: a parser independent of the one that writes them."""

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
import vobject  # type: ignore[import-untyped]

from hubwork.accounts.tests.factories import UserFactory
from hubwork.core.models import AuditEvent
from hubwork.programmes.models import Mode, Programme
from hubwork.workgroups.models import CalendarFeed, Enrolment, Session, WorkGroup
from hubwork.workgroups.services.calendar_feeds import calendar_feed_for, calendar_feed_regenerate

SITE_URL = "https://hubwork.example.org"
JOINING_LINK = "https://meet.example.org/glow-mastery-2"
SUMMER = date(2027, 6, 15)  # British Summer Time: UTC+1
WINTER = date(2026, 11, 17)  # Greenwich Mean Time: UTC+0
# Every feed takes the same number of queries however many sessions and groups it has.
PUBLIC_FEED_QUERIES = 2  # the Work Group; its sessions
PERSONAL_FEED_QUERIES = 2  # the feed by its token; the sessions of the person's groups


@pytest.fixture(autouse=True)
def _site_url(settings):
    settings.SITE_URL = SITE_URL


@pytest.fixture
def programme(db):
    return Programme.objects.create(name="Mastering Number", slug="mastering-number", summary="x")


def make_work_group(hub, programme, code, *, status=WorkGroup.Status.OPEN, sessions=1):
    work_group = WorkGroup.objects.create(
        programme=programme,
        hub=hub,
        academic_year=2026,
        code=code,
        slug=f"glow-{code.lower()}",
        title=f"Mastering Number {code}",
        capacity=20,
        status=status,
        venue="Hillside Primary School",
    )
    for number in range(1, sessions + 1):
        make_session(work_group, number, WINTER + timedelta(days=7 * (number - 1)))
    return work_group


def make_session(work_group, number, day, **fields):
    return Session.objects.create(
        work_group=work_group,
        number=number,
        date=day,
        starts_at=time(13, 30),
        ends_at=time(16, 0),
        mode=fields.pop("mode", Mode.FACE_TO_FACE),
        venue=fields.pop("venue", "Hillside Primary School, Birmingham"),
        **fields,
    )


def enrol(work_group, user, school, status=Enrolment.Status.ENROLLED):
    return Enrolment.objects.create(work_group=work_group, user=user, school=school, status=status)


def parse(response):
    assert response.status_code == 200, response.content
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return vobject.readOne(response.content.decode(), validate=True)


def events_by_uid(calendar):
    return {event.uid.value: event for event in calendar.contents.get("vevent", [])}


def feed_url(user):
    return f"/calendar/{calendar_feed_for(user).token}.ics"


def public_url(work_group):
    return f"/work-groups/{work_group.slug}/calendar.ics"


@pytest.fixture
def work_group(hub, programme, llme):
    work_group = make_work_group(hub, programme, "MN-01", sessions=0)
    work_group.leads.add(llme)
    return work_group


@pytest.fixture
def summer_session(work_group):
    return make_session(
        work_group,
        2,
        SUMMER,
        mode=Mode.BLENDED,
        joining_link=JOINING_LINK,
    )


@pytest.fixture
def winter_session(work_group):
    return make_session(work_group, 1, WINTER)


# The public feed of one Work Group


def test_public_feed_has_one_event_per_session_in_london_time(
    client, work_group, winter_session, summer_session
):
    response = client.get(public_url(work_group))
    assert response["Content-Disposition"] == f'attachment; filename="{work_group.slug}.ics"'
    calendar = parse(response)
    assert calendar.prodid.value == "-//Hubwork//Maths Hubs Work Groups//EN"
    assert calendar.version.value == "2.0"
    assert calendar.calscale.value == "GREGORIAN"
    assert calendar.x_wr_timezone.value == "Europe/London"
    assert calendar.x_wr_calname.value == "Mastering Number MN-01 (2026/27)"
    assert calendar.vtimezone.tzid.value == "Europe/London"
    # The VTIMEZONE's own rules put the clocks forward for the summer.
    london = calendar.vtimezone.gettzinfo()
    assert london.utcoffset(datetime(2026, 11, 17, 13, 30)) == timedelta(0)
    assert london.utcoffset(datetime(2027, 6, 15, 13, 30)) == timedelta(hours=1)

    events = events_by_uid(calendar)
    assert set(events) == {
        f"session-{winter_session.pk}@hubwork.example.org",
        f"session-{summer_session.pk}@hubwork.example.org",
    }
    winter = events[f"session-{winter_session.pk}@hubwork.example.org"]
    summer = events[f"session-{summer_session.pk}@hubwork.example.org"]
    # vobject turns TZID into a tzinfo and keeps the name it read.
    assert winter.dtstart.params["X-VOBJ-ORIGINAL-TZID"] == ["Europe/London"]
    assert summer.dtend.params["X-VOBJ-ORIGINAL-TZID"] == ["Europe/London"]
    assert winter.dtstart.value.utcoffset() == timedelta(0)
    assert winter.dtstart.value.replace(tzinfo=None) == datetime(2026, 11, 17, 13, 30)
    assert winter.dtend.value.replace(tzinfo=None) == datetime(2026, 11, 17, 16, 0)
    assert summer.dtstart.value.utcoffset() == timedelta(hours=1)
    assert summer.dtstart.value == datetime(2027, 6, 15, 12, 30, tzinfo=UTC)

    assert winter.summary.value == "Mastering Number MN-01: session 1"
    assert winter.status.value == "CONFIRMED"
    assert winter.sequence.value == "0"
    assert winter.url.value == f"{SITE_URL}/work-groups/glow-mn-01/"
    assert "Mastering Number" in winter.description.value
    assert "GLOW Maths Hub" in winter.description.value
    assert f"{SITE_URL}/work-groups/glow-mn-01/" in winter.description.value
    assert winter.location.value == "Hillside Primary School, Birmingham"


def test_public_feed_never_gives_the_joining_link(client, work_group, summer_session):
    online = make_session(work_group, 3, SUMMER + timedelta(days=7), mode=Mode.ONLINE, venue="")
    online.joining_link = "https://meet.example.org/online-only"
    online.save()
    response = client.get(public_url(work_group))
    assert b"meet.example.org" not in response.content
    events = events_by_uid(parse(response))
    locations = {event.uid.value: event.location.value for event in events.values()}
    assert locations == {
        f"session-{summer_session.pk}@hubwork.example.org": (
            "Hillside Primary School, Birmingham or online"
        ),
        f"session-{online.pk}@hubwork.example.org": "Online",
    }


def test_the_time_zone_rules_agree_with_the_tz_database(client, work_group):
    london = parse(client.get(public_url(work_group))).vtimezone.gettzinfo()
    reference = ZoneInfo("Europe/London")
    # Hour by hour through six years, the same instant reads the same on the clock.
    instant = datetime(2025, 1, 1, 0, 30, tzinfo=UTC)
    while instant.year < 2031:
        by_feed, by_reference = instant.astimezone(london), instant.astimezone(reference)
        assert by_feed.replace(tzinfo=None) == by_reference.replace(tzinfo=None), instant
        instant += timedelta(hours=1)


def test_a_draft_work_group_has_no_public_feed(client, hub, programme):
    draft = make_work_group(hub, programme, "MN-02", status=WorkGroup.Status.DRAFT)
    assert client.get(public_url(draft)).status_code == 404
    assert client.get("/work-groups/no-such-group/calendar.ics").status_code == 404


def test_a_work_group_with_no_sessions_yet_is_still_a_valid_calendar(client, work_group):
    calendar = parse(client.get(public_url(work_group)))
    assert "vevent" not in calendar.contents
    assert calendar.vtimezone.tzid.value == "Europe/London"


@pytest.mark.parametrize("sessions", [2, 20])
def test_public_feed_queries_stay_fixed(
    client, hub, programme, sessions, django_assert_num_queries
):
    work_group = make_work_group(hub, programme, "MN-03", sessions=sessions)
    with django_assert_num_queries(PUBLIC_FEED_QUERIES):
        response = client.get(public_url(work_group))
    assert len(parse(response).contents["vevent"]) == sessions


# Changes: UID stays, SEQUENCE goes up, LAST-MODIFIED and DTSTAMP follow the row


def test_a_rearranged_session_keeps_its_uid_and_goes_up_a_sequence(
    client, work_group, winter_session, llme
):
    long_ago = datetime(2026, 9, 1, 8, 15, 30, tzinfo=UTC)
    Session.objects.filter(pk=winter_session.pk).update(updated_at=long_ago)
    uid = f"session-{winter_session.pk}@hubwork.example.org"
    before = events_by_uid(parse(client.get(feed_url(llme))))[uid]
    assert before.sequence.value == "0"
    assert before.last_modified.value == long_ago
    assert before.dtstamp.value == long_ago
    assert before.created.value == winter_session.created_at.replace(microsecond=0)

    # Rearranged: a week later, and online.
    winter_session.refresh_from_db()
    winter_session.date = WINTER + timedelta(days=7)
    winter_session.mode = Mode.ONLINE
    winter_session.joining_link = JOINING_LINK
    winter_session.sequence += 1
    winter_session.save()
    winter_session.refresh_from_db()
    assert winter_session.updated_at > long_ago

    after = events_by_uid(parse(client.get(feed_url(llme))))[uid]
    assert int(after.sequence.value) > int(before.sequence.value)
    assert after.dtstart.value.date() == date(2026, 11, 24)
    assert after.last_modified.value == winter_session.updated_at.replace(microsecond=0)
    assert after.dtstamp.value == after.last_modified.value
    assert after.location.value == JOINING_LINK
    assert JOINING_LINK in after.description.value

    public = client.get(public_url(work_group))
    assert JOINING_LINK.encode() not in public.content
    assert events_by_uid(parse(public))[uid].location.value == "Online"


def test_uids_stay_the_same_when_the_address_is_regenerated(client, llme, winter_session):
    first = set(events_by_uid(parse(client.get(feed_url(llme)))))
    calendar_feed_regenerate(user=llme)
    assert set(events_by_uid(parse(client.get(feed_url(llme))))) == first


def test_a_cancelled_session_stays_in_the_feed_as_cancelled(
    client, work_group, winter_session, summer_session, llme
):
    winter_session.status = Session.Status.CANCELLED
    winter_session.sequence += 1
    winter_session.save()
    for url in (public_url(work_group), feed_url(llme)):
        events = events_by_uid(parse(client.get(url)))
        assert len(events) == 2
        cancelled = events[f"session-{winter_session.pk}@hubwork.example.org"]
        assert cancelled.status.value == "CANCELLED"
        assert cancelled.sequence.value == "1"
        assert "cancelled" in cancelled.summary.value
        other = events[f"session-{summer_session.pk}@hubwork.example.org"]
        assert other.status.value == "CONFIRMED"


def test_cancelling_the_work_group_cancels_its_sessions_in_calendars(
    client, work_group, winter_session, llme
):
    work_group.status = WorkGroup.Status.CANCELLED
    work_group.save()
    event = events_by_uid(parse(client.get(feed_url(llme))))[
        f"session-{winter_session.pk}@hubwork.example.org"
    ]
    assert event.status.value == "CANCELLED"
    assert event.sequence.value == "1"
    work_group.refresh_from_db()
    assert event.last_modified.value == work_group.updated_at.replace(microsecond=0)


# A person's own feed


def test_personal_feed_has_the_groups_a_person_leads_or_takes_part_in(
    client, hub, programme, llme, participant, hillside
):
    led = make_work_group(hub, programme, "LED")
    led.leads.add(llme)
    enrolled = make_work_group(hub, programme, "ENROLLED")
    enrol(enrolled, llme, hillside)
    offered = make_work_group(hub, programme, "OFFERED")
    enrol(offered, llme, hillside, Enrolment.Status.OFFERED)
    # Draft groups reach their leads' calendars while they are planned.
    draft_led = make_work_group(hub, programme, "DRAFT", status=WorkGroup.Status.DRAFT)
    draft_led.leads.add(llme)
    withdrawn = make_work_group(hub, programme, "WITHDRAWN")
    enrol(withdrawn, llme, hillside, Enrolment.Status.WITHDRAWN)
    waitlisted = make_work_group(hub, programme, "WAITLISTED")
    enrol(waitlisted, llme, hillside, Enrolment.Status.WAITLISTED)
    someone_elses = make_work_group(hub, programme, "OTHERS")
    enrol(someone_elses, participant, hillside)
    someone_elses.leads.add(UserFactory.create())

    response = client.get(feed_url(llme))
    assert response["Cache-Control"] == "private, max-age=900"
    calendar = parse(response)
    assert calendar.x_wr_calname.value == "Hubwork: your Work Group sessions"
    titles = {event.summary.value for event in calendar.contents["vevent"]}
    assert titles == {
        "Mastering Number LED: session 1",
        "Mastering Number ENROLLED: session 1",
        "Mastering Number OFFERED: session 1",
        "Mastering Number DRAFT: session 1",
    }
    participant_titles = {
        event.summary.value for event in parse(client.get(feed_url(participant))).contents["vevent"]
    }
    assert participant_titles == {"Mastering Number OTHERS: session 1"}


def test_personal_feed_gives_the_joining_link(client, llme, summer_session):
    event = events_by_uid(parse(client.get(feed_url(llme))))[
        f"session-{summer_session.pk}@hubwork.example.org"
    ]
    assert event.location.value == f"Hillside Primary School, Birmingham, {JOINING_LINK}"


def test_someone_with_no_groups_gets_an_empty_calendar(client, participant):
    calendar = parse(client.get(feed_url(participant)))
    assert "vevent" not in calendar.contents


def test_an_unknown_or_old_address_is_not_found(client, llme, winter_session):
    response = client.get("/calendar/not-a-real-token.ics")
    assert response.status_code == 404
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert b"There is no Hubwork calendar at this address" in response.content

    old = feed_url(llme)
    assert client.get(old).status_code == 200
    calendar_feed_regenerate(user=llme)
    assert client.get(old).status_code == 404
    assert client.get(feed_url(llme)).status_code == 200
    assert client.head(feed_url(llme)).status_code == 200


def test_a_closed_account_feed_stops_working(client, llme, winter_session):
    url = feed_url(llme)
    llme.is_active = False
    llme.save()
    assert client.get(url).status_code == 404


def test_the_feed_needs_no_sign_in_but_works_when_signed_in_too(client, llme, winter_session):
    url = feed_url(llme)
    assert len(events_by_uid(parse(client.get(url)))) == 1
    client.force_login(UserFactory.create())
    assert len(events_by_uid(parse(client.get(url)))) == 1


@pytest.mark.parametrize("groups", [2, 20])
def test_personal_feed_queries_stay_fixed(
    client, hub, programme, participant, hillside, groups, django_assert_num_queries
):
    for number in range(groups):
        work_group = make_work_group(hub, programme, f"Q-{number}", sessions=3)
        if number % 2:
            work_group.leads.add(participant)
        else:
            enrol(work_group, participant, hillside)
    url = feed_url(participant)
    with django_assert_num_queries(PERSONAL_FEED_QUERIES):
        response = client.get(url)
    assert len(parse(response).contents["vevent"]) == groups * 3


# The "Your calendar" page


def test_calendar_page_needs_sign_in(client):
    response = client.get("/calendar/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_calendar_page_offers_a_webcal_link_and_the_address_to_copy(client, participant):
    client.force_login(participant)
    response = client.get("/calendar/")
    assert response.status_code == 200
    token = CalendarFeed.objects.get(user=participant).token
    html = response.content.decode()
    assert '<h1 class="govuk-heading-l">Your calendar</h1>' in html
    assert f'href="webcal://hubwork.example.org/calendar/{token}.ics"' in html
    assert f'value="https://hubwork.example.org/calendar/{token}.ics" readonly' in html
    assert '<label class="govuk-label govuk-label--s" for="calendar-address">' in html
    assert "Your old address will stop working" in html
    # The page gives the same address each visit.
    client.get("/calendar/")
    assert CalendarFeed.objects.get(user=participant).token == token


def test_getting_a_new_address_retires_the_old_one_and_is_audited(client, participant):
    client.force_login(participant)
    client.get("/calendar/")
    feed = CalendarFeed.objects.get(user=participant)
    old_token = feed.token

    response = client.post("/calendar/", follow=True)
    assert response.redirect_chain == [("/calendar/", 302)]
    feed.refresh_from_db()
    assert feed.token != old_token
    html = response.content.decode()
    assert "You have a new calendar address" in html
    assert f"webcal://hubwork.example.org/calendar/{feed.token}.ics" in html
    assert old_token not in html
    event = AuditEvent.objects.get(verb="calendar_feed.regenerated")
    assert (event.actor, event.object_id) == (participant, str(feed.pk))
    assert old_token not in str(event.data)
    assert feed.token not in str(event.data)


def test_the_dashboard_links_to_the_calendar_page(client, participant):
    client.force_login(participant)
    html = client.get("/dashboard/").content.decode()
    assert 'href="/calendar/">Add your sessions to your calendar</a>' in html


def test_signing_in_makes_the_address_and_the_page_never_writes(client, participant):
    client.force_login(participant)
    assert CalendarFeed.objects.filter(user=participant).exists()
    # Someone who signed in before addresses were made at sign-in has none: the page says
    # so and offers a button, rather than making one on a GET.
    CalendarFeed.objects.filter(user=participant).delete()
    html = client.get("/calendar/").content.decode()
    assert not CalendarFeed.objects.filter(user=participant).exists()
    assert "You do not have a calendar address yet." in html
    assert ".ics" not in html
    response = client.post("/calendar/", follow=True)
    feed = CalendarFeed.objects.get(user=participant)
    assert "Your calendar address is ready." in response.content.decode()
    assert f"webcal://hubwork.example.org/calendar/{feed.token}.ics" in response.content.decode()
    assert not AuditEvent.objects.filter(verb="calendar_feed.regenerated").exists()
