"""The library's readings as pages show them: searched, filtered and with what each row
shows fetched once, so a page costs the same number of queries however many readings."""

from dataclasses import dataclass

from hubwork.hubs.models import Hub
from hubwork.research.models import Reading, ReadingQuerySet, Theme
from hubwork.research.permissions import NATIONAL


@dataclass(frozen=True)
class LibraryFilters:
    """What the library is searched and filtered by (each empty for "any")."""

    text: str = ""
    phase: str = ""
    theme: Theme | None = None
    open_access: bool = False
    reading_list: str = ""  # "national" or a hub's slug


def library_readings(filters: LibraryFilters) -> ReadingQuerySet:
    """The readings that match, newest first, with their hub, themes and phases."""
    readings = Reading.objects.all()
    if filters.text:
        readings = readings.matching(filters.text)
    if filters.phase:
        readings = readings.for_phase(filters.phase)
    if filters.theme is not None:
        readings = readings.for_theme(filters.theme)
    if filters.open_access:
        readings = readings.filter(open_access=True)
    if filters.reading_list == NATIONAL:
        readings = readings.national()
    elif filters.reading_list:
        readings = readings.filter(hub__slug=filters.reading_list)
    return (
        readings.select_related("hub")
        .prefetch_related("themes", "phases")
        .order_by("-year", "title_key", "pk")
    )


def theme_choices() -> list[Theme]:
    return list(Theme.objects.order_by("name"))


def list_choices() -> list[tuple[str, str]]:
    """The lists to filter by: the national list, then each hub with readings."""
    hubs = Hub.objects.filter(readings__isnull=False).distinct().order_by("name")
    return [(NATIONAL, "National list"), *((hub.slug, hub.name) for hub in hubs)]
