"""Reads for the national directory of LLMEs and for a person's own profile.

The directory lists only people who said "list me" on their profile, filtered by a programme
they can lead, a phase and an accreditation they hold. A page of it costs the same number of
queries however many people are on it: the count, the page, then their programmes,
accreditations and hubs, each in one query.
"""

from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Prefetch, QuerySet

from hubwork.accounts.models import User
from hubwork.core.choices import Phase
from hubwork.hubs.models import Accreditation, HubRole
from hubwork.leaders.models import LlmeProfile
from hubwork.programmes.models import Programme


@dataclass(frozen=True)
class DirectoryFilters:
    programme: Programme | None = None
    phase: str = ""
    accreditation: str = ""


def own_profile(user: User) -> LlmeProfile:
    """The person's profile, or a new one, not saved, listed nowhere, if they have none."""
    profile = LlmeProfile.objects.filter(user=user).prefetch_related("programmes").first()
    return profile if profile is not None else LlmeProfile(user=user)


@dataclass(frozen=True)
class DirectoryRow:
    profile: LlmeProfile
    phases: list[str]  # labels, in school order


def directory_rows(profiles: Iterable[LlmeProfile]) -> list[DirectoryRow]:
    """Each profile of a page with its phases' labels (no query)."""
    labels = dict(Phase.choices)
    return [
        DirectoryRow(
            profile=profile,
            phases=[str(labels[phase]) for phase in Phase.values if phase in profile.phases],
        )
        for profile in profiles
    ]


def directory_programmes() -> QuerySet[Programme]:
    """The programmes people may say they can lead, by name."""
    return Programme.objects.order_by("name")


def directory(filters: DirectoryFilters) -> QuerySet[LlmeProfile]:
    """The profiles of the people who agreed to be listed, matching the filters, by name,
    with what each row shows prefetched."""
    profiles = LlmeProfile.objects.filter(listed_in_directory=True, user__is_active=True)
    if filters.programme is not None:
        profiles = profiles.filter(programmes=filters.programme)
    if filters.phase:
        # Phases are a JSON list; `contains` on a JSON list is not on SQLite, so match the
        # quoted value, which no other phase's value holds.
        profiles = profiles.filter(phases__icontains=f'"{filters.phase}"')
    if filters.accreditation:
        profiles = profiles.filter(user__accreditations__kind=filters.accreditation)
    return (
        profiles.distinct()
        .select_related("user")
        .prefetch_related(
            Prefetch("programmes", queryset=Programme.objects.order_by("name")),
            Prefetch(
                "user__accreditations",
                queryset=Accreditation.objects.order_by("year_achieved", "kind"),
            ),
            Prefetch(
                "user__hub_roles",
                queryset=HubRole.objects.current()
                .filter(role=HubRole.Kind.LLME)
                .select_related("hub")
                .order_by("hub__name"),
                to_attr="llme_roles",
            ),
        )
        .order_by("user__display_name", "user__email", "pk")
    )
