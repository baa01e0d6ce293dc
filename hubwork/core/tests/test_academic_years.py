from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hubwork.core.academic_years import AcademicYear

dates = st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 12, 31))


@given(dates)
def test_every_date_falls_inside_its_academic_year(day):
    year = AcademicYear.for_date(day)
    assert day in year
    assert day not in year.next()
    assert day not in year.previous()


@given(st.integers(min_value=2000, max_value=2100))
def test_label_round_trips(start_year):
    year = AcademicYear(start_year)
    assert AcademicYear.from_label(year.label) == year


@pytest.mark.parametrize(
    ("day", "label"),
    [
        (date(2025, 8, 31), "2024/25"),
        (date(2025, 9, 1), "2025/26"),
        (date(2026, 1, 15), "2025/26"),
        (date(1999, 9, 1), "1999/00"),
    ],
)
def test_years_turn_on_the_first_of_september(day, label):
    assert AcademicYear.for_date(day).label == label


def test_a_year_runs_from_september_to_august():
    year = AcademicYear.from_label("2025/26")
    assert (year.starts_on, year.ends_on) == (date(2025, 9, 1), date(2026, 8, 31))


@pytest.mark.parametrize("label", ["2025/27", "2025-26", "25/26", "", "2025/2026"])
def test_unreadable_labels_are_refused_with_a_message(label):
    with pytest.raises(ValueError, match="not an academic year like 2025/26"):
        AcademicYear.from_label(label)
