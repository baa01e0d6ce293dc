"""A school named in a form by its name, URN or postcode, as sign-ups and LLME applications
ask for it."""

from django import forms

from hubwork.schools.models import School
from hubwork.schools.selectors import search_schools

# Schools offered to choose from when a name matches several.
SCHOOL_CHOICES_LIMIT = 10


class SchoolNotFoundError(forms.ValidationError):
    """The answer names no school, or several: `matches` holds those to choose from."""

    def __init__(self, message: str, *, matches: list[School] | None = None) -> None:
        super().__init__(message)
        self.matches = matches or []


def school_for_answer(text: str) -> School:
    """The one school that `text` names, or SchoolNotFoundError saying what to do."""
    if not text.strip():
        raise SchoolNotFoundError("Enter your school's name or URN.")
    matches = search_schools(query=text, limit=SCHOOL_CHOICES_LIMIT + 1)
    if not matches:
        raise SchoolNotFoundError(
            f"No school matches ‘{text.strip()}’. Check the spelling, or give its URN."
        )
    if len(matches) > 1:
        more = len(matches) > SCHOOL_CHOICES_LIMIT
        raise SchoolNotFoundError(
            f"{'More than ' + str(SCHOOL_CHOICES_LIMIT) if more else len(matches)} schools "
            f"match ‘{text.strip()}’. Choose yours from the list"
            f"{', or add more of its name or its postcode' if more else ''}.",
            matches=matches[:SCHOOL_CHOICES_LIMIT],
        )
    return matches[0]
