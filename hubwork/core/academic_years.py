"""Academic years run from 1 September to 31 August and are labelled like "2025/26"."""

import re
from dataclasses import dataclass
from datetime import date

from django.utils import timezone

_LABEL = re.compile(r"^(\d{4})/(\d{2})$")


@dataclass(frozen=True, order=True)
class AcademicYear:
    start_year: int

    @classmethod
    def for_date(cls, day: date) -> "AcademicYear":
        return cls(day.year if day.month >= 9 else day.year - 1)

    @classmethod
    def current(cls) -> "AcademicYear":
        return cls.for_date(timezone.localdate())

    @classmethod
    def from_label(cls, label: str) -> "AcademicYear":
        """Parse "2025/26"; raise ValueError with a readable message otherwise."""
        match = _LABEL.match(label.strip())
        if not match or (int(match[1]) + 1) % 100 != int(match[2]):
            raise ValueError(f"{label!r} is not an academic year like 2025/26.")
        return cls(int(match[1]))

    @property
    def label(self) -> str:
        return f"{self.start_year}/{(self.start_year + 1) % 100:02d}"

    @property
    def starts_on(self) -> date:
        return date(self.start_year, 9, 1)

    @property
    def ends_on(self) -> date:
        return date(self.start_year + 1, 8, 31)

    def __contains__(self, day: date) -> bool:
        return self.starts_on <= day <= self.ends_on

    def next(self) -> "AcademicYear":
        return AcademicYear(self.start_year + 1)

    def previous(self) -> "AcademicYear":
        return AcademicYear(self.start_year - 1)

    def __str__(self) -> str:
        return self.label
