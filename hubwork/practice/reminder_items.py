"""More to do before a session, from apps above practice, folded into the one reminder email
each member gets before a session (practice/services/reminders.py).

Practice cannot name the apps above it (research sets readings for sessions), so they
register a provider here from their AppConfig.ready():

    # research/apps.py, in ready()
    register_before_session_items(readings_not_done)

A provider is given the session and the ids of the members who may be reminded, and answers
{user id: [ReminderLine, …]} for those with something still to do (anyone missing has
nothing), in a fixed number of queries however many members there are.
"""

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from hubwork.workgroups.models import Session


@dataclass(frozen=True)
class ReminderLine:
    """One thing to do, as the email lists it: what, a line more about it, and where."""

    heading: str  # the section it belongs in, e.g. "Read before the session"
    text: str
    detail: str = ""
    url: str = ""


BeforeSessionItems = Callable[[Session, Sequence[int]], Mapping[int, list[ReminderLine]]]

_providers: dict[str, BeforeSessionItems] = {}


def register_before_session_items(name: str, provider: BeforeSessionItems) -> None:
    """Add a provider (registering a name again replaces it: module reloads)."""
    _providers[name] = provider


def before_session_items(
    session: Session, user_ids: Sequence[int]
) -> dict[int, list[ReminderLine]]:
    """Every provider's lines for each member with something to do, in registration order."""
    items: dict[int, list[ReminderLine]] = {}
    if not user_ids:
        return items
    for provider in _providers.values():
        for user_id, lines in provider(session, user_ids).items():
            if lines:
                items.setdefault(user_id, []).extend(lines)
    return items
