"""A person's secret calendar subscription address: made when they sign in, regenerated on
request. Pages only read it (`selectors.calendar_feeds.calendar_feed_of`), so a GET never
writes."""

from typing import Any

from django.db import transaction

from hubwork.accounts.models import User
from hubwork.core.audit import audit
from hubwork.workgroups.models import CalendarFeed, new_calendar_token


def calendar_feed_for(user: User) -> CalendarFeed:
    """A person's calendar feed, made the first time it is needed."""
    feed, _created = CalendarFeed.objects.get_or_create(user=user)
    return feed


def calendar_feed_on_sign_in(sender: Any, *, user: User, **kwargs: Any) -> None:
    """Connected to `user_logged_in` (WorkGroupsConfig.ready): everyone signed in has an
    address ready, so the calendar page can show it without writing."""
    calendar_feed_for(user)


def calendar_feed_regenerate(*, user: User) -> CalendarFeed:
    """Give a person a new secret address; the old one stops working at once."""
    with transaction.atomic():
        feed = calendar_feed_for(user)
        feed.token = new_calendar_token()
        feed.full_clean()
        feed.save(update_fields=["token"])
        # Never log the token itself: the audit log is not a place for secrets.
        audit(user, "calendar_feed.regenerated", feed)
    return feed
