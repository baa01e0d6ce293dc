"""Reads about registered interest: a person's own list, and what retention removes."""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db.models import Q, QuerySet

from hubwork.accounts.models import User
from hubwork.content.models import InterestRegistration
from hubwork.core.choices import Phase
from hubwork.hubs.models import Hub
from hubwork.schools.models import School
from hubwork.schools.selectors import search_schools

# Schools listed by the form's "find your hub" search.
NEARBY_LIMIT = 10


@dataclass(frozen=True)
class SchoolHub:
    school: School
    hub: Hub | None


def hubs_near_schools(*, query: str) -> list[SchoolHub]:
    """Schools matching `query` (name, URN, postcode or town), each with its local Maths Hub
    (the hub whose area covers its local authority), in one query."""
    results = []
    for school in search_schools(query=query, limit=NEARBY_LIMIT):
        area = getattr(school.local_authority, "hub_area", None) if school.local_authority else None
        results.append(SchoolHub(school=school, hub=area.hub if area else None))
    return results


def registrations_for_user(user: User) -> QuerySet[InterestRegistration]:
    """A signed-in person's registrations, by account or by their address, newest first,
    with what their list shows (one query)."""
    return (
        InterestRegistration.objects.filter(Q(user=user) | Q(email__iexact=user.email))
        .select_related("programme", "hub", "notified_work_group")
        .order_by("-created_at", "-pk")
    )


def registration_for_user(*, user: User, pk: int) -> InterestRegistration:
    """One of the person's own registrations; anyone else's raises DoesNotExist (a 404:
    someone else's address says nothing about them)."""
    return registrations_for_user(user).get(pk=pk)


def expired_registrations(*, now: datetime) -> QuerySet[InterestRegistration]:
    """Registrations kept long enough: never confirmed after
    NEWSLETTER_UNCONFIRMED_RETENTION_DAYS (the newsletters' own limit for unconfirmed
    addresses), and told about a Work Group after INTEREST_NOTIFIED_RETENTION_DAYS."""
    unconfirmed_before = now - timedelta(days=settings.NEWSLETTER_UNCONFIRMED_RETENTION_DAYS)
    notified_before = now - timedelta(days=settings.INTEREST_NOTIFIED_RETENTION_DAYS)
    return InterestRegistration.objects.filter(
        Q(confirmed_at__isnull=True, created_at__lt=unconfirmed_before)
        | Q(notified_at__lt=notified_before)
    ).order_by("pk")


def describe_registration(registration: InterestRegistration) -> str:
    """One line for the retention report, without the address."""
    phase = Phase(registration.phase).label if registration.phase else "any phase"
    state = (
        "told"
        if registration.notified_at
        else "confirmed"
        if registration.confirmed_at
        else "unconfirmed"
    )
    return (
        f"Interest registration {registration.pk}: {registration.programme.name} ({phase}) at "
        f"{registration.hub.name}, {state}"
    )
