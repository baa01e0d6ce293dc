"""Sorting text as people read it."""

import re

# Only 0-9: \d and str.isdigit() take other scripts' digits too, and int() refuses some ("²").
_NUMBERS = re.compile(r"([0-9]+)")


def natural_key(text: str) -> tuple[tuple[int, int | str], ...]:
    """A sort key that puts numbers inside text in numeric order and ignores case:
    "Teacher 2" before "teacher 10", where plain text order puts 10 first."""
    return tuple(
        (0, int(part)) if _NUMBERS.fullmatch(part) else (1, part)
        for part in _NUMBERS.split(text.casefold())
        if part
    )
