"""Times as GOV.UK writes them (core.times). After `{% load times %}`:

- `{{ session.starts_at|govuk_time }}`: 1:30pm, midday
- `{{ session.starts_at|govuk_time_range:session.ends_at }}`: 9am to 3:30pm
- `{{ post.created_at|govuk_datetime }}`: 1:30pm on 1 September 2026
- `{{ offer.expires_at|govuk_datetime:"l j F Y" }}`: 1:30pm on Tuesday 1 September 2026
- `{{ change.before.date|govuk_date:"l j F Y" }}`: a date kept as "2026-09-01" too
"""

from datetime import date, datetime

from django import template

from hubwork.core import times

register = template.Library()


@register.filter
def govuk_time(value: times.TimeLike) -> str:
    return times.time_of_day(value)


@register.filter
def govuk_time_range(start: times.TimeLike, end: times.TimeLike) -> str:
    return times.time_range(start, end)


@register.filter
def govuk_datetime(value: datetime | None, date_format: str = times.DATE) -> str:
    return times.date_and_time(value, date_format)


@register.filter
def govuk_date(value: date | str | None, date_format: str = times.DATE) -> str:
    return times.day(value, date_format)
