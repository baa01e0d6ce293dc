"""Reads of the school register that feed pages and the school search endpoint."""

import re

from django.db.models import Case, IntegerField, Value, When

from hubwork.schools.models import School, SchoolQuerySet, postcode_key_for

# Shorter queries match too much to be useful; longer ones are not a school search.
MIN_QUERY_LENGTH = 2
MAX_QUERY_LENGTH = 100
# URNs are six digits today; anything past nine is not one.
LARGEST_URN = 999_999_999

_URN = re.compile(r"^\d{5,7}$")
# A school's label ends "(URN 123456)" (or "(URN 123456, closed)"): typed or pasted back, it
# finds that school.
_LABEL_URN = re.compile(r"\(URN (\d{5,7})(?:, closed)?\)\s*$", re.IGNORECASE)
# A full UK postcode or its start: the outward code (B1, M60, SW1A, EC1V) and optionally
# the start of the inward code (B1 1, B1 1A, B1 1AA), with or without the space.
_POSTCODE_START = re.compile(r"^[A-Z]{1,2}\d[A-Z\d]?(?:\s*\d[A-Z]{0,2})?$", re.IGNORECASE)
_WORD_SEPARATORS = re.compile(r"[\s,]+")


def _schools_with_local_hub() -> SchoolQuerySet:
    # Each result knows its local authority and local hub without another query.
    return School.objects.select_related("local_authority__hub_area__hub")


def school_with_urn(*, urn: int) -> School | None:
    """The school with this URN, with its local hub, or None."""
    return _schools_with_local_hub().filter(urn=urn).first()


def search_schools(*, query: str, limit: int = 20) -> list[School]:
    """Schools matching what someone typed: a URN, a postcode (or its start), or words.

    Words must each appear in the school's name, town or postcode. Open schools come
    first (closed ones stay findable), then names starting with the query, then by name.
    One query, whatever the number of results.
    """
    query = " ".join(query.split())
    if len(query) < MIN_QUERY_LENGTH:
        return []

    schools = _schools_with_local_hub()
    label_urn = _LABEL_URN.search(query)
    if _URN.match(query) or label_urn:
        schools = schools.filter(urn=int(label_urn.group(1) if label_urn else query))
    elif _POSTCODE_START.match(query):
        # A range on the indexed key rather than LIKE 'B11%', so SQLite uses the index too.
        key = postcode_key_for(query)
        schools = schools.filter(postcode_key__gte=key, postcode_key__lt=key + "\uffff")
    else:
        for word in _WORD_SEPARATORS.split(query.lower()):
            if word:
                schools = schools.filter(search_text__contains=word)

    schools = schools.annotate(
        closed_rank=Case(
            When(status=School.Status.CLOSED, then=Value(1)),
            default=Value(0),
            output_field=IntegerField(),
        ),
        name_rank=Case(
            When(name__istartswith=query, then=Value(0)),
            default=Value(1),
            output_field=IntegerField(),
        ),
    ).order_by("closed_rank", "name_rank", "name", "urn")
    return list(schools[:limit])


def school_label(school: School) -> str:
    """How a school reads in a list of suggestions: "Name, Town B1 1AA (URN 123456)"."""
    place = " ".join(part for part in (school.town, school.postcode) if part)
    closed = ", closed" if school.is_closed else ""
    return f"{school.name}{', ' + place if place else ''} (URN {school.urn}{closed})"
