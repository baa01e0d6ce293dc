"""Times read one way everywhere, as GOV.UK writes them."""

import re
from datetime import UTC, date, datetime, time
from pathlib import Path

import pytest
from django.template import Context, Template

from hubwork.core.times import date_and_time, day, time_of_day, time_range


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (time(0, 0), "midnight"),
        (time(0, 30), "12:30am"),
        (time(9, 0), "9am"),
        (time(9, 5), "9:05am"),
        (time(12, 0), "midday"),
        (time(12, 45), "12:45pm"),
        (time(13, 0), "1pm"),
        (time(13, 30), "1:30pm"),
        (time(16, 24, 59), "4:24pm"),
        (time(23, 59), "11:59pm"),
        ("13:00", "1pm"),  # as a rearranged session's "before" keeps it
        ("09:30:00", "9:30am"),
        (None, ""),
    ],
)
def test_times_of_day(value, expected):
    assert time_of_day(value) == expected


def test_ranges_use_to():
    assert time_range(time(9), time(15, 30)) == "9am to 3:30pm"
    assert time_range(time(12), time(13)) == "midday to 1pm"
    assert time_range(time(13), time(16)) == "1pm to 4pm"
    assert time_range(time(18), None) == "6pm"


def test_date_and_time_in_hubwork_s_time_zone():
    summer = datetime(2026, 9, 1, 12, 30, tzinfo=UTC)  # 1:30pm in London (BST)
    assert date_and_time(summer) == "1:30pm on 1 September 2026"
    assert date_and_time(summer, "l j F Y") == "1:30pm on Tuesday 1 September 2026"
    winter = datetime(2027, 1, 19, 0, 0, tzinfo=UTC)  # GMT
    assert date_and_time(winter) == "midnight on 19 January 2027"
    assert date_and_time(None) == ""


def test_dates_keep_gov_uk_style():
    assert day(date(2026, 9, 1)) == "1 September 2026"
    assert day("2026-10-06", "l j F Y") == "Tuesday 6 October 2026"


def test_template_filters():
    template = Template(
        "{% load times %}{{ start|govuk_time }}|{{ start|govuk_time_range:end }}|"
        '{{ moment|govuk_datetime:"j M Y" }}|{{ "2026-10-06"|govuk_date }}'
    )
    html = template.render(
        Context(
            {
                "start": time(9),
                "end": time(15, 30),
                "moment": datetime(2026, 12, 2, 4, 24, tzinfo=UTC),
            }
        )
    )
    assert html == "9am|9am to 3:30pm|4:24am on 2 Dec 2026|6 October 2026"


# Every time a person reads goes through core.times. These may format times their own way:
# the values of <input type="time"> (the browser needs HH:MM) and the CSV export (a
# spreadsheet sorts "2026-09-01 13:30").
OWN_FORMAT_ALLOWED = {
    "workgroups/forms/sessions.py": "<input type=time> values are HH:MM",
    "workgroups/views/participants.py": "CSV export, for spreadsheets",
    "content/forms/sending.py": "<input type=datetime-local> values are YYYY-MM-DDTHH:MM",
}
HUBWORK = Path(__file__).resolve().parents[2]
TEMPLATE_TIME = re.compile(r"""\|\s*time\b|\|\s*date\s*:\s*["'][^"']*[aAfgGhHisuP]""")
PYTHON_TIME = re.compile(r"%[HIMp]|:%[HIM]|strftime")


def test_no_template_or_module_formats_a_time_its_own_way():
    found = []
    for path in sorted(HUBWORK.rglob("*")):
        relative = path.relative_to(HUBWORK).as_posix()
        if not path.is_file() or {"tests", "migrations"} & set(path.parts):
            continue
        if path.suffix in {".html", ".txt"}:
            pattern = TEMPLATE_TIME
        elif path.suffix == ".py" and relative not in OWN_FORMAT_ALLOWED:
            pattern = PYTHON_TIME
        else:
            continue
        for number, line in enumerate(path.read_text().splitlines(), start=1):
            if pattern.search(line):
                found.append(f"hubwork/{relative}:{number}: {line.strip()[:100]}")
    assert not found, "Use core.times (`{% load times %}`):\n" + "\n".join(found)
