"""Whole numbers from what people and scripts send: ids and URNs in addresses and forms."""

import re

# The largest id the database holds: a 64-bit signed integer, PostgreSQL's bigint and
# SQLite's INTEGER alike. A larger number asks nothing of the database: nothing has it.
LARGEST_ID = 2**63 - 1

# Only 0-9: str.isdigit() also accepts "²" and "٣", which int() refuses or reads.
_DIGITS = re.compile(r"[0-9]+")


def positive_int(value: object, *, maximum: int = LARGEST_ID) -> int | None:
    """`value` as a whole number from 1 to `maximum`, or None for anything else: text of the
    digits 0-9 alone (no sign, spaces or other scripts' digits), or an int."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        number = value
    elif isinstance(value, str) and _DIGITS.fullmatch(value) and len(value) <= len(str(maximum)):
        number = int(value)
    else:
        return None
    return number if 1 <= number <= maximum else None
