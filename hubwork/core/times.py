"""Times and dates as GOV.UK writes them, in pages and emails alike: "9am", "1:30pm", "midday",
"midnight", "9am to 3:30pm", "1:30pm on 1 September 2026".

Everything that shows a time to a person goes through these (in templates, the filters in
`core/templatetags/times.py`), so Hubwork says a time one way. Form inputs of type "time" keep
their HH:MM values: those are for the browser, not for reading.
"""

from datetime import date, datetime, time

from django.utils import timezone
from django.utils.dateformat import format as format_date

TimeLike = time | datetime | str | None
DATE = "j F Y"  # 1 September 2026


def _as_time(value: TimeLike) -> time | None:
    """A time of day, from a time, a datetime (in Hubwork's time zone) or "13:30[:00]"."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return (timezone.localtime(value) if timezone.is_aware(value) else value).time()
    if isinstance(value, time):
        return value
    return time.fromisoformat(value)


def time_of_day(value: TimeLike) -> str:
    """ "9am", "1:30pm", "midday", "midnight"; "" for no time."""
    moment = _as_time(value)
    if moment is None:
        return ""
    if moment.hour == 0 and moment.minute == 0:
        return "midnight"
    if moment.hour == 12 and moment.minute == 0:
        return "midday"
    hour = moment.hour % 12 or 12
    suffix = "am" if moment.hour < 12 else "pm"
    if moment.minute == 0:
        return f"{hour}{suffix}"
    return f"{hour}:{moment.minute:02d}{suffix}"


def time_range(start: TimeLike, end: TimeLike) -> str:
    """ "9am to 3:30pm" (GOV.UK uses "to", not a dash)."""
    if _as_time(end) is None:
        return time_of_day(start)
    return f"{time_of_day(start)} to {time_of_day(end)}"


def date_and_time(value: datetime | None, date_format: str = DATE) -> str:
    """ "1:30pm on 1 September 2026", in Hubwork's time zone; the date in `date_format`
    (Django's date format letters, e.g. "l j F Y" for "Tuesday 1 September 2026")."""
    if value is None:
        return ""
    local = timezone.localtime(value) if timezone.is_aware(value) else value
    return f"{time_of_day(local)} on {format_date(local, date_format)}"


def day(value: date | str | None, date_format: str = DATE) -> str:
    """A date in `date_format`, from a date or "2026-09-01" (as JSON keeps dates)."""
    if value is None or value == "":
        return ""
    if isinstance(value, str):
        value = date.fromisoformat(value)
    return format_date(value, date_format)
