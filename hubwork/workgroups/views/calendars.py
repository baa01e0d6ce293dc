from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotFound
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_safe
from icalendar import Calendar

from hubwork.accounts.types import AuthenticatedRequest
from hubwork.workgroups.models import WorkGroup
from hubwork.workgroups.selectors.calendar_feeds import (
    calendar_feed_by_token,
    calendar_feed_of,
    calendar_feed_url,
    calendar_feed_webcal_url,
    calendar_for_user,
    calendar_for_work_group,
    work_group_for_calendar,
)
from hubwork.workgroups.services.calendar_feeds import calendar_feed_for, calendar_feed_regenerate

# Calendar apps poll; a quarter of an hour keeps a rearranged session from lagging far behind.
FEED_MAX_AGE = 15 * 60


def _ics_response(calendar: Calendar, *, filename: str) -> HttpResponse:
    response = HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


# HEAD as well as GET: some calendar apps check a feed with HEAD before fetching it.
@require_safe
def work_group_calendar(request: HttpRequest, slug: str) -> HttpResponse:
    """The public feed of one published Work Group: dates and venues, no joining links."""
    try:
        work_group = work_group_for_calendar(slug=slug)
    except WorkGroup.DoesNotExist:
        raise Http404("No published Work Group has that address.") from None
    response = _ics_response(calendar_for_work_group(work_group), filename=f"{work_group.slug}.ics")
    response["Cache-Control"] = f"public, max-age={FEED_MAX_AGE}"
    return response


@require_safe
def personal_calendar(request: HttpRequest, token: str) -> HttpResponse:
    """A person's own feed. Calendar apps send no cookies: the secret token is the credential."""
    feed = calendar_feed_by_token(token)
    if feed is None:
        return HttpResponseNotFound(
            "There is no Hubwork calendar at this address. If you asked for a new address, "
            "subscribe again with the one on your calendar page.\n",
            content_type="text/plain; charset=utf-8",
        )
    response = _ics_response(calendar_for_user(feed.user_id), filename="hubwork-sessions.ics")
    response["Cache-Control"] = f"private, max-age={FEED_MAX_AGE}"
    # The address is a secret: keep it out of search engines if it ever leaks.
    response["X-Robots-Tag"] = "noindex"
    return response


@require_http_methods(["GET", "POST"])
@login_required
def calendar_settings(request: AuthenticatedRequest) -> HttpResponse:
    feed = calendar_feed_of(request.user)
    if request.method == "POST":
        if feed is None:
            # Signed in before addresses were made at sign-in: make theirs now.
            calendar_feed_for(request.user)
            messages.success(request, "Your calendar address is ready.")
        else:
            calendar_feed_regenerate(user=request.user)
            messages.success(
                request,
                "You have a new calendar address. Subscribe to it again in your calendar app.",
            )
        return redirect("workgroups:calendar_settings")
    return render(
        request,
        "workgroups/calendars/settings.html",
        {
            "feed_url": calendar_feed_url(feed) if feed else "",
            "webcal_url": calendar_feed_webcal_url(feed) if feed else "",
        },
    )
