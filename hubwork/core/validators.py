"""Rules for what people type, shared by every app's forms and services."""

import unicodedata

from django.core.exceptions import ValidationError

SINGLE_LINE_MESSAGE = "Enter this without line breaks or control characters"
# Beside the control characters (Unicode's category Cc: line feed, carriage return, tab,
# escape, null, next line …), the line and paragraph separators also start new lines.
_LINE_SEPARATORS = {"\u2028", "\u2029"}


def validate_single_line(value: str) -> None:
    """Refuse line breaks and control characters in one-line text (names, titles, subjects):
    they would carry on into emails, calendar files and exports, where a line break lets the
    text write lines of its own."""
    if any(
        character in _LINE_SEPARATORS or unicodedata.category(character) == "Cc"
        for character in value
    ):
        raise ValidationError(SINGLE_LINE_MESSAGE, code="single_line")
