"""Calendar feeds: Work Group sessions as iCalendar (RFC 5545) for calendar apps.

Two feeds share one builder. The public feed of one Work Group gives the venue but never
the joining link; a person's own feed (found by its secret token) has every session of the
Work Groups they lead or take part in, joining links included.
"""

from collections.abc import Iterable
from datetime import UTC, datetime, timedelta
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import Q, QuerySet
from django.urls import reverse
from icalendar import (
    STATUS,
    Calendar,
    Event,
    Timezone,
    TimezoneDaylight,
    TimezoneStandard,
    vDuration,
)

from hubwork.accounts.models import User
from hubwork.programmes.models import Mode
from hubwork.workgroups.models import (
    CalendarFeed,
    Enrolment,
    Session,
    WorkGroup,
)

PRODID = "-//Hubwork//Maths Hubs Work Groups//EN"


TIMEZONE = ZoneInfo("Europe/London")


PERSONAL_CALENDAR_NAME = "Hubwork: your Work Group sessions"


# How often we suggest calendar apps check for changes (most choose for themselves).
REFRESH_INTERVAL = timedelta(hours=1)


def work_group_for_calendar(*, slug: str) -> WorkGroup:
    """A published Work Group with what its feed shows; raises WorkGroup.DoesNotExist."""
    return WorkGroup.objects.published().select_related("programme", "hub").get(slug=slug)


def calendar_feed_by_token(token: str) -> CalendarFeed | None:
    """The feed with this secret token, or None (also once its owner's account is closed).

    Looked up through the unique index, never compared character by character in Python;
    with 192 random bits in a token, guessing one is out of reach either way.
    """
    return CalendarFeed.objects.filter(token=token, user__is_active=True).first()


def calendar_feed_of(user: User) -> CalendarFeed | None:
    """A person's calendar feed, if they have one (made when they sign in)."""
    return CalendarFeed.objects.filter(user=user).first()


def sessions_for_user(user_id: int) -> QuerySet[Session]:
    """Every session of the Work Groups a person leads or has a place in, in one query."""
    work_groups = WorkGroup.objects.filter(
        Q(leads=user_id) | Q(enrolments__user=user_id, enrolments__status__in=Enrolment.TAKING_PART)
    ).values("pk")
    return Session.objects.filter(work_group__in=work_groups).select_related(
        "work_group__programme", "work_group__hub"
    )


def calendar_for_work_group(work_group: WorkGroup) -> Calendar:
    """The public feed of one Work Group: venues, never joining links."""
    # The related manager hands each session this same work_group, so no query per session.
    return build_calendar(
        name=str(work_group), sessions=work_group.sessions.all(), include_joining_links=False
    )


def calendar_for_user(user_id: int) -> Calendar:
    """A person's own feed, joining links included."""
    return build_calendar(
        name=PERSONAL_CALENDAR_NAME, sessions=sessions_for_user(user_id), include_joining_links=True
    )


def build_calendar(
    *, name: str, sessions: Iterable[Session], include_joining_links: bool
) -> Calendar:
    """A VCALENDAR with one VEVENT per session; cancelled sessions stay in, marked cancelled."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", TIMEZONE.key)
    calendar.add("refresh-interval", vDuration(REFRESH_INTERVAL), parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", vDuration(REFRESH_INTERVAL))
    # Always describe the time zone, even with no sessions: RFC 5545 wants at least one
    # component in a calendar.
    calendar.add_component(london_timezone())
    for session in sessions:
        calendar.add_component(session_event(session, include_joining_link=include_joining_links))
    return calendar


def london_timezone() -> Timezone:
    """Europe/London as two yearly rules, the form Outlook understands.

    icalendar can derive a VTIMEZONE from the tz database, but it lists each change as an
    RDATE, which Outlook misreads (summer sessions an hour out). These are the UK's rules
    since 1996: BST from 01:00 GMT on the last Sunday of March to 02:00 BST on the last
    Sunday of October. Most other calendar apps go by the TZID name alone.
    """
    timezone = Timezone()
    timezone.add("tzid", TIMEZONE.key)
    summer = TimezoneDaylight()
    summer.add("tzname", "BST")
    summer.add("dtstart", datetime(1996, 3, 31, 1, 0))
    summer.add("rrule", {"freq": "yearly", "bymonth": 3, "byday": "-1su"})
    summer.add("tzoffsetfrom", timedelta(0))
    summer.add("tzoffsetto", timedelta(hours=1))
    winter = TimezoneStandard()
    winter.add("tzname", "GMT")
    winter.add("dtstart", datetime(1996, 10, 27, 2, 0))
    winter.add("rrule", {"freq": "yearly", "bymonth": 10, "byday": "-1su"})
    winter.add("tzoffsetfrom", timedelta(hours=1))
    winter.add("tzoffsetto", timedelta(0))
    timezone.add_component(summer)
    timezone.add_component(winter)
    return timezone


def session_event(session: Session, *, include_joining_link: bool) -> Event:
    """One session as a VEVENT whose UID never changes, however the session is rearranged."""
    work_group = session.work_group
    cancelled, sequence, last_modified = _status_sequence_and_last_modified(session)
    location = _location(session, include_joining_link=include_joining_link)
    work_group_url = absolute_url(work_group.get_absolute_url())
    description = [
        f"Programme: {work_group.programme.name}",
        f"Maths Hub: {work_group.hub.name}",
        f"Details: {work_group_url}",
    ]
    if include_joining_link and session.mode != Mode.FACE_TO_FACE and session.joining_link:
        description.insert(0, f"Join online: {session.joining_link}")
    if cancelled:
        description.insert(0, "This session is cancelled.")
    summary = f"{work_group.title}: session {session.number}"
    return Event.new(
        uid=f"session-{session.pk}@{site_host()}",
        # With no METHOD, DTSTAMP is when the event last changed (RFC 5545 3.8.7.2).
        stamp=last_modified,
        last_modified=last_modified,
        created=session.created_at.astimezone(UTC),
        sequence=sequence,
        start=session.starts().astimezone(TIMEZONE),
        end=session.ends().astimezone(TIMEZONE),
        summary=f"{summary} (cancelled)" if cancelled else summary,
        description="\n".join(description),
        url=work_group_url,
        location=location or None,
        status=STATUS.CANCELLED if cancelled else STATUS.CONFIRMED,
    )


def _status_sequence_and_last_modified(session: Session) -> tuple[bool, int, datetime]:
    """Whether the session is off, its SEQUENCE and when it last changed.

    Cancelling a whole Work Group cancels its sessions in people's calendars too. That
    change is one more revision than the session row records, so SEQUENCE goes up by one
    and the change dates from when the Work Group last changed.
    """
    work_group = session.work_group
    last_modified = session.updated_at
    if session.is_cancelled or work_group.status != WorkGroup.Status.CANCELLED:
        return session.is_cancelled, session.sequence, last_modified.astimezone(UTC)
    last_modified = max(last_modified, work_group.updated_at)
    return True, session.sequence + 1, last_modified.astimezone(UTC)


def _location(session: Session, *, include_joining_link: bool) -> str:
    if include_joining_link:
        return session.location or ("Online" if session.mode == Mode.ONLINE else "")
    if session.mode == Mode.ONLINE:
        return "Online"
    if session.mode == Mode.BLENDED:
        return f"{session.venue} or online" if session.venue else "Online"
    return session.venue


def site_host() -> str:
    return urlsplit(settings.SITE_URL).hostname or "hubwork"


def absolute_url(path: str) -> str:
    return f"{settings.SITE_URL}{path}"


def calendar_feed_url(feed: CalendarFeed) -> str:
    """The feed's https (or http) address, to paste into a calendar app."""
    return absolute_url(reverse("workgroups:personal_calendar", kwargs={"token": feed.token}))


def calendar_feed_webcal_url(feed: CalendarFeed) -> str:
    """The same address as webcal://, which opens the subscribe dialogue of a calendar app."""
    url = urlsplit(calendar_feed_url(feed))
    return url._replace(scheme="webcal").geturl()
