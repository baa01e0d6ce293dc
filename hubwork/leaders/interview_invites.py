"""The calendar invite (iCalendar, RFC 5545/5546) for an LLME application's interview.

One event per hub's part of an application: its UID never changes, and SEQUENCE is the
application's `interview_sequence`, bumped on every change, so a calendar app replaces the
interview it has when it is rearranged, and removes it when it is called off (METHOD:CANCEL).
"""

from datetime import UTC, timedelta
from email.utils import parseaddr

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from icalendar import STATUS, Calendar, Event, vCalAddress

from hubwork.leaders.models import HubApplication
from hubwork.workgroups.selectors.calendar_feeds import TIMEZONE, london_timezone, site_host

PRODID = "-//Hubwork//Maths Hubs LLME applications//EN"
INVITE_FILENAME = "interview.ics"
INVITE_MIMETYPE_REQUEST = "text/calendar; charset=utf-8; method=REQUEST"
INVITE_MIMETYPE_CANCEL = "text/calendar; charset=utf-8; method=CANCEL"


def interview_uid(hub_application: HubApplication) -> str:
    return f"llme-interview-{hub_application.pk}@{site_host()}"


def interview_invite(hub_application: HubApplication, *, cancelled: bool = False) -> bytes:
    """The interview as a one-event calendar to attach to an email: a REQUEST, or with
    `cancelled` a CANCEL. Needs `hub`, `application` and its `applicant` loaded."""
    if hub_application.interview_at is None:
        raise ValueError("The application has no interview to invite to.")
    hub = hub_application.hub
    applicant = hub_application.application.applicant
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "CANCEL" if cancelled else "REQUEST")
    calendar.add_component(london_timezone())
    starts = hub_application.interview_at.astimezone(TIMEZONE)
    minutes = hub_application.interview_minutes or 30
    summary = f"LLME interview with {hub.name}"
    details = settings.SITE_URL + reverse("leaders:my_applications")
    event = Event.new(
        uid=interview_uid(hub_application),
        stamp=timezone.now().astimezone(UTC),
        sequence=hub_application.interview_sequence,
        start=starts,
        end=starts + timedelta(minutes=minutes),
        summary=f"{summary} (cancelled)" if cancelled else summary,
        description=(
            f"Your interview to become a local leader of mathematics education (LLME) with "
            f"{hub.name}.\nDetails: {details}"
        ),
        location=hub_application.interview_place or None,
        status=STATUS.CANCELLED if cancelled else STATUS.CONFIRMED,
    )
    organizer = vCalAddress(f"mailto:{hub.email or parseaddr(settings.DEFAULT_FROM_EMAIL)[1]}")
    organizer.params["cn"] = hub.name
    event.add("organizer", organizer)
    attendee = vCalAddress(f"mailto:{applicant.email}")
    attendee.params["cn"] = applicant.display_name or applicant.email
    attendee.params["role"] = "REQ-PARTICIPANT"
    event.add("attendee", attendee)
    calendar.add_component(event)
    return calendar.to_ical()
