"""When each evaluation form opens and closes.

- Session feedback: from the end of each session that went ahead, for `FEEDBACK_OPEN_FOR`.
- Pre: from getting a place until the first session starts.
- Post: from the end of the last session, for `POST_OPEN_FOR`.
- School leader: from the end of the last session, for `LEADER_OPEN_FOR` (the end of the year).

Reminders go to non-respondents at most `Invitation.MAX_REMINDERS` times, `REMINDER_GAP`
apart, and never within `NO_REMINDER_BEFORE_CLOSE` of closing (nor after).
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from hubwork.evaluation.models import Wave
from hubwork.workgroups.models import Session

FEEDBACK_OPEN_FOR = timedelta(days=14)
POST_OPEN_FOR = timedelta(days=28)
LEADER_OPEN_FOR = timedelta(days=42)
REMINDER_GAP = timedelta(days=4)
NO_REMINDER_BEFORE_CLOSE = timedelta(hours=12)


@dataclass(frozen=True)
class Window:
    """`opens` None: open from the start (the pre questionnaire, from getting a place)."""

    opens: datetime | None
    closes: datetime

    def is_open(self, now: datetime) -> bool:
        return (self.opens is None or self.opens <= now) and now < self.closes

    def has_closed(self, now: datetime) -> bool:
        return now >= self.closes

    def may_remind(self, now: datetime) -> bool:
        return self.is_open(now) and now < self.closes - NO_REMINDER_BEFORE_CLOSE


def sessions_held(sessions: Iterable[Session]) -> list[Session]:
    """The sessions that go ahead, in order (cancelled ones ask for nothing)."""
    return sorted(
        (session for session in sessions if not session.is_cancelled),
        key=lambda session: (session.date, session.starts_at),
    )


def feedback_window(session: Session) -> Window | None:
    if session.is_cancelled:
        return None
    return Window(opens=session.ends(), closes=session.ends() + FEEDBACK_OPEN_FOR)


def pre_window(held: Sequence[Session]) -> Window | None:
    if not held:
        return None
    return Window(opens=None, closes=held[0].starts())


def post_window(held: Sequence[Session]) -> Window | None:
    if not held:
        return None
    return Window(opens=held[-1].ends(), closes=held[-1].ends() + POST_OPEN_FOR)


def leader_window(held: Sequence[Session]) -> Window | None:
    if not held:
        return None
    return Window(opens=held[-1].ends(), closes=held[-1].ends() + LEADER_OPEN_FOR)


def window_for(
    wave: str, *, held: Sequence[Session], session: Session | None = None
) -> Window | None:
    """The window of `wave` for a Work Group whose sessions that go ahead are `held` (in
    order); for session feedback, of `session`. None: the form is never asked for."""
    if wave == Wave.SESSION:
        return feedback_window(session) if session is not None else None
    if wave == Wave.PRE:
        return pre_window(held)
    if wave == Wave.POST:
        return post_window(held)
    return leader_window(held)
