"""Writes to sessions: adding, rearranging and cancelling them."""

from datetime import date, time
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from hubwork.accounts.models import User
from hubwork.core.audit import audit
from hubwork.core.outbox import enqueue
from hubwork.core.times import time_range
from hubwork.programmes.models import Mode
from hubwork.workgroups.models import Session, SessionChange, WorkGroup
from hubwork.workgroups.notifications import notify_session_changed

# What a rearrangement can change; these are kept in a SessionChange before and after.
SESSION_ARRANGEMENT = ("date", "starts_at", "ends_at", "mode", "venue", "joining_link", "status")


def _validate_session(session: Session) -> None:
    """End after start, inside the Work Group's academic year, no overlap with its others."""
    errors: dict[str, str] = {}
    year = session.work_group.year
    if session.date not in year:
        errors["date"] = (
            f"The date must be in the Work Group's academic year, {year.label} "
            f"({year.starts_on:%-d %B %Y} to {year.ends_on:%-d %B %Y})."
        )
    if session.ends_at <= session.starts_at:
        errors["ends_at"] = "The session must end after it starts."
    if session.mode != Mode.FACE_TO_FACE and not session.joining_link and not session.is_cancelled:
        errors["joining_link"] = "Give the joining link for an online or blended session."
    if session.mode != Mode.ONLINE and not session.venue and not session.is_cancelled:
        errors["venue"] = "Give the venue for a face-to-face or blended session."
    if not errors and not session.is_cancelled:
        overlapping = (
            Session.objects.filter(
                work_group=session.work_group,
                date=session.date,
                status=Session.Status.SCHEDULED,
                starts_at__lt=session.ends_at,
                ends_at__gt=session.starts_at,
            )
            .exclude(pk=session.pk)
            .first()
        )
        if overlapping:
            errors["starts_at"] = (
                f"It overlaps session {overlapping.number} "
                f"({time_range(overlapping.starts_at, overlapping.ends_at)} that day)."
            )
    if errors:
        raise ValidationError(errors)


def session_add(
    *,
    work_group: WorkGroup,
    date: date,
    starts_at: time,
    ends_at: time,
    mode: str,
    venue: str = "",
    joining_link: str = "",
    by: User,
) -> Session:
    """Add the next session. Nobody is told: adding sessions is part of planning."""
    with transaction.atomic():
        WorkGroup.objects.select_for_update().get(pk=work_group.pk)
        last = work_group.sessions.order_by("-number").values_list("number", flat=True).first()
        session = Session(
            work_group=work_group,
            number=(last or 0) + 1,
            date=date,
            starts_at=starts_at,
            ends_at=ends_at,
            mode=mode,
            venue=venue,
            joining_link=joining_link,
        )
        _validate_session(session)
        session.full_clean()
        session.save()
        _renumber(work_group)
        audit(by, "session.added", session, hub=work_group.hub_id)
    return session


def _renumber(work_group: WorkGroup) -> None:
    """Sessions are numbered in date order as they are planned. Rearranging a session later
    keeps its number: people know it as "session 2" whatever date it moves to."""
    sessions = list(work_group.sessions.order_by("date", "starts_at", "pk"))
    renumbered = [
        (session, position)
        for position, session in enumerate(sessions, start=1)
        if session.number != position
    ]
    if not renumbered:
        return
    # Two passes so the unique (work_group, number) constraint never sees a clash. A new
    # number is a change calendars must pick up, so it counts like a rearrangement there.
    now = timezone.now()
    offset = len(sessions) + 1000
    for session, position in renumbered:
        session.number = offset + position
    changed = [session for session, _ in renumbered]
    Session.objects.bulk_update(changed, ["number"])
    for session in changed:
        session.number -= offset
        session.sequence += 1
        session.updated_at = now
    Session.objects.bulk_update(changed, ["number", "sequence", "updated_at"])


def _arrangement(session: Session) -> dict[str, str]:
    return {name: str(getattr(session, name)) for name in SESSION_ARRANGEMENT}


def _change_kinds(before: dict[str, str], after: dict[str, str]) -> list[str]:
    kinds: list[str] = []
    if after["status"] != before["status"]:
        kinds.append(
            SessionChange.Kind.CANCELLED
            if after["status"] == Session.Status.CANCELLED
            else SessionChange.Kind.REINSTATED
        )
    if any(after[name] != before[name] for name in ("date", "starts_at", "ends_at")):
        kinds.append(SessionChange.Kind.MOVED)
    if after["mode"] != before["mode"] and after["mode"] == Mode.ONLINE:
        kinds.append(SessionChange.Kind.MOVED_ONLINE)
    elif any(after[name] != before[name] for name in ("mode", "venue", "joining_link")):
        kinds.append(SessionChange.Kind.VENUE_CHANGED)
    return kinds


def session_rearrange(
    *, session: Session, by: User, reason: str = "", notify: bool = True, **arrangement: Any
) -> SessionChange | None:
    """Move a session (date, time, mode, venue or link) or cancel or reinstate it.

    The old arrangement is kept as a SessionChange, the calendar SEQUENCE goes up, and
    everyone taking part (and the other leads) is emailed once the change is saved.
    Returns None when nothing changed.
    """
    unknown = set(arrangement) - set(SESSION_ARRANGEMENT)
    if unknown:
        raise TypeError(f"Unknown session fields: {', '.join(sorted(unknown))}")
    with transaction.atomic():
        session = (
            Session.objects.select_for_update().select_related("work_group").get(pk=session.pk)
        )
        before = _arrangement(session)
        for name, value in arrangement.items():
            setattr(session, name, value)
        after = _arrangement(session)
        kinds = _change_kinds(before, after)
        if not kinds:
            return None
        _validate_session(session)
        session.full_clean()
        session.sequence += 1
        session.save()
        change = SessionChange.objects.create(
            session=session, kinds=kinds, before=before, after=after, reason=reason, changed_by=by
        )
        audit(
            by,
            "session.rearranged",
            session,
            hub=session.work_group.hub_id,
            kinds=kinds,
            reason=reason,
        )
        if notify:
            enqueue(notify_session_changed, change_id=change.pk)
    return change


def session_cancel(*, session: Session, by: User, reason: str = "") -> SessionChange | None:
    return session_rearrange(session=session, by=by, reason=reason, status=Session.Status.CANCELLED)
