"""Link slots: a lower app's page shows links to pages that a higher app owns.

A staff Work Group page (workgroups) cannot name practice's session plans. Instead workgroups
declares a slot, practice fills it from its AppConfig.ready(), and the page renders whatever
the slot holds for each object:

    # workgroups/links.py
    SESSION_TOOLS: LinkSlot[Session] = LinkSlot("a session's tools on the staff Work Group page")
    # practice/apps.py, in ready()
    SESSION_TOOLS.register(SlotLink("Plan", url=plan_url, hidden_text=...))
    # the template, given the slot by its view
    {% for link in session_tools|links_for:session %}<a href="{{ link.href }}">…{% endfor %}

A link's URL, hidden text and condition are plain functions of the object. They must not
query the database (use what the page already loaded), so a page's number of queries does not
depend on which apps fill its slots.

A CountSlot is the same for counts of things waiting for someone ("3 sign-ups to review"):
each CountedLink counts for all the page's objects at once, in a fixed number of queries.
"""

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

from django.db.models import Model

T = TypeVar("T")


@dataclass(frozen=True)
class SlotLink(Generic[T]):
    label: str
    url: Callable[[T], str]
    # The end of the link text for screen reader users, saying what the link is for:
    # "Plan" + " session 2". Shown in a govuk-visually-hidden span.
    hidden_text: Callable[[T], str] | None = None
    # Plain text after the link, in the same list item.
    after: str = ""
    # Show the link only when this holds for the object.
    condition: Callable[[T], bool] | None = None
    order: int = 0


@dataclass(frozen=True)
class RenderedLink:
    label: str
    href: str
    hidden_text: str
    after: str


class LinkSlot(Generic[T]):
    """A named place on a page where apps above can add links about an object."""

    def __init__(self, description: str) -> None:
        self.description = description
        self._links: dict[str, SlotLink[T]] = {}

    def __repr__(self) -> str:
        return f"<LinkSlot: {self.description}>"

    def register(self, link: SlotLink[T]) -> None:
        """Add a link (one per label: registering a label again replaces its link)."""
        self._links[link.label] = link

    def links_for(self, obj: T) -> list[RenderedLink]:
        return [
            RenderedLink(
                label=link.label,
                href=link.url(obj),
                hidden_text=link.hidden_text(obj) if link.hidden_text else "",
                after=link.after,
            )
            for link in sorted(self._links.values(), key=lambda link: link.order)
            if link.condition is None or link.condition(obj)
        ]


# Counts are kept per object by primary key, so they are about model instances.
M = TypeVar("M", bound=Model)


@dataclass(frozen=True)
class CountedLink(Generic[M]):
    """A link to things waiting for someone, with how many there are for each object.

    `count` is given every object the page shows at once and answers {object's pk: how many}
    (missing pks count none) in a fixed number of queries, however many objects, so a page
    that lists many objects keeps a fixed number of queries too.
    """

    label: str
    count: Callable[[Sequence[M]], Mapping[int, int]]
    url: Callable[[M], str]
    order: int = 0


@dataclass(frozen=True)
class RenderedCount:
    label: str
    href: str
    count: int


class CountSlot(Generic[M]):
    """A named place on a page where apps say how many things wait for someone, per object."""

    def __init__(self, description: str) -> None:
        self.description = description
        self._links: dict[str, CountedLink[M]] = {}

    def __repr__(self) -> str:
        return f"<CountSlot: {self.description}>"

    def register(self, link: CountedLink[M]) -> None:
        """Add a count (one per label: registering a label again replaces it)."""
        self._links[link.label] = link

    @property
    def labels(self) -> list[str]:
        return [link.label for link in self._ordered()]

    def counts_for(self, objects: Sequence[M]) -> dict[int, list[RenderedCount]]:
        """For each object's pk, every registered count in order (zero included)."""
        counted = [(link, link.count(objects)) for link in self._ordered()]
        return {
            obj.pk: [
                RenderedCount(label=link.label, href=link.url(obj), count=counts.get(obj.pk, 0))
                for link, counts in counted
            ]
            for obj in objects
        }

    def _ordered(self) -> list[CountedLink[M]]:
        return sorted(self._links.values(), key=lambda link: link.order)
