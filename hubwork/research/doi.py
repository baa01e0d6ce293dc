"""DOIs as the library keeps them: lower-case "10.<registrant>/<suffix>", whatever form they
were pasted or imported in. DOIs are case-insensitive, so the lower-case form is the one
compared for duplicates. Nothing here looks a DOI up: a well-formed DOI is accepted."""

import re
from urllib.parse import unquote

from django.core.exceptions import ValidationError

# What people paste before the DOI itself: a resolver address or a "doi:" label.
PREFIXES = re.compile(
    r"^(?:(?:https?://)?(?:dx\.)?doi\.org/|doi:\s*)",
    re.IGNORECASE,
)
# A DOI: the directory "10.", a registrant code of digits (dot-separated), a slash, then a
# suffix of printable characters without spaces.
DOI = re.compile(r"^10\.\d{4,9}(?:\.\d+)*/\S+$")

INVALID_MESSAGE = (
    "Enter a DOI in the form 10.1234/abc, doi:10.1234/abc or https://doi.org/10.1234/abc"
)


def normalise_doi(value: str) -> str:
    """The DOI in `value` in lower-case "10.xxxx/…" form ("" for nothing). Raises
    ValidationError with a message to show by the field when it is not a DOI."""
    text = (value or "").strip()
    if not text:
        return ""
    text = PREFIXES.sub("", text, count=1).strip()
    # Addresses carry the DOI URL-encoded (10.1000%2Fabc): read it as written.
    if "%" in text:
        text = unquote(text)
    doi = text.lower()
    if len(doi) > 200 or not DOI.match(doi) or any(ord(char) < 32 for char in doi):
        raise ValidationError(INVALID_MESSAGE, code="invalid_doi")
    return doi


def doi_url(doi: str) -> str:
    """The resolver address of a normalised DOI."""
    return f"https://doi.org/{doi}" if doi else ""
