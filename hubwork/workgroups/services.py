"""Every write to Work Groups and sessions goes through these functions."""

from collections.abc import Iterable
from datetime import date, time, timedelta
from functools import partial
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.text import slugify

from hubwork.accounts.models import User
from hubwork.core.academic_years import AcademicYear
from hubwork.core.audit import audit
from hubwork.core.ratelimit import over_limit
from hubwork.core.tasks import send_email
from hubwork.hubs.models import Hub, HubRole
from hubwork.programmes.models import Mode
from hubwork.workgroups.allocation import WAITING, places_offer_next
from hubwork.workgroups.models import TAKING_PART, Session, SessionChange, WorkGroup
from hubwork.workgroups.tasks import notify_session_changed

# The fields a hub sets on a Work Group (the rest are derived or kept by services).
WORK_GROUP_FIELDS = (
    "programme",
    "academic_year",
    "code",
    "title",
    "description",
    "capacity",
    "per_school_limit",
    "mode",
    "venue",
    "recruitment_closes_on",
    "allocation",
    "offer_hours",
)
# What a rearrangement can change; these are kept in a SessionChange before and after.
SESSION_ARRANGEMENT = ("date", "starts_at", "ends_at", "mode", "venue", "joining_link", "status")


def _validate_leads(*, hub: Hub, leads: Iterable[User]) -> list[User]:
    leads = list(leads)
    llme_ids = set(
        HubRole.objects.current()
        .filter(hub=hub, role=HubRole.Kind.LLME, user__in=leads)
        .values_list("user_id", flat=True)
    )
    not_llmes = [lead for lead in leads if lead.pk not in llme_ids]
    if not_llmes:
        names = ", ".join(str(lead) for lead in not_llmes)
        raise ValidationError({"leads": f"Leads must be LLMEs of {hub}: {names} is not."})
    return leads


def _unique_slug(*, hub: Hub, code: str, academic_year: int, exclude_pk: int | None = None) -> str:
    base = slugify(f"{hub.slug}-{code}-{AcademicYear(academic_year).label.replace('/', '-')}")[:110]
    slug, number = base, 1
    taken = WorkGroup.objects.exclude(pk=exclude_pk) if exclude_pk else WorkGroup.objects.all()
    while taken.filter(slug=slug).exists():
        number += 1
        slug = f"{base}-{number}"
    return slug


def work_group_create(*, hub: Hub, leads: Iterable[User], by: User, **fields: Any) -> WorkGroup:
    """A new Work Group in draft: the hub publishes it when it is ready."""
    unknown = set(fields) - set(WORK_GROUP_FIELDS)
    if unknown:
        raise TypeError(f"Unknown Work Group fields: {', '.join(sorted(unknown))}")
    with transaction.atomic():
        leads = _validate_leads(hub=hub, leads=leads)
        work_group = WorkGroup(hub=hub, status=WorkGroup.Status.DRAFT, **fields)
        work_group.slug = _unique_slug(
            hub=hub, code=work_group.code, academic_year=work_group.academic_year
        )
        work_group.full_clean()
        work_group.save()
        work_group.leads.set(leads)
        audit(by, "work_group.created", work_group, leads=[lead.pk for lead in leads])
    return work_group


def work_group_update(
    *, work_group: WorkGroup, leads: Iterable[User], by: User, **fields: Any
) -> WorkGroup:
    """Change a Work Group's details and leads. Its sessions must stay inside its year."""
    with transaction.atomic():
        leads = _validate_leads(hub=work_group.hub, leads=leads)
        changed = [
            name
            for name in WORK_GROUP_FIELDS
            if name in fields and getattr(work_group, name) != fields[name]
        ]
        for name in changed:
            setattr(work_group, name, fields[name])
        if (
            "academic_year" in changed
            and work_group.sessions.exclude(
                date__range=(work_group.year.starts_on, work_group.year.ends_on)
            ).exists()
        ):
            raise ValidationError(
                {"academic_year": "Its sessions fall outside that academic year: move them first."}
            )
        work_group.full_clean()
        work_group.save()
        if "capacity" in changed:
            # More places go to the waiting list; fewer never take a place away.
            transaction.on_commit(partial(places_offer_next, work_group=work_group, by=by))
        old_leads = set(work_group.leads.values_list("pk", flat=True))
        work_group.leads.set(leads)
        new_leads = {lead.pk for lead in leads}
        audit(
            by,
            "work_group.updated",
            work_group,
            changed=changed,
            leads_added=sorted(new_leads - old_leads),
            leads_removed=sorted(old_leads - new_leads),
        )
    return work_group


def work_group_set_status(*, work_group: WorkGroup, status: str, by: User) -> WorkGroup:
    """Publish (open for interest), mark full, running, completed or cancelled."""
    if status not in WorkGroup.Status.values:
        raise ValidationError({"status": "Choose a status from the list."})
    if status != WorkGroup.Status.DRAFT and not work_group.sessions.exists():
        raise ValidationError({"status": "Add its sessions before publishing it."})
    with transaction.atomic():
        previous = work_group.status
        work_group.status = status
        work_group.save(update_fields=["status", "updated_at"])
        audit(by, "work_group.status_changed", work_group, before=previous, after=status)
    return work_group


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
                f"({overlapping.starts_at:%H:%M} to {overlapping.ends_at:%H:%M} that day)."
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
            transaction.on_commit(lambda: notify_session_changed.delay(change_id=change.pk))
    return change


def session_cancel(*, session: Session, by: User, reason: str = "") -> SessionChange | None:
    return session_rearrange(session=session, by=by, reason=reason, status=Session.Status.CANCELLED)


def work_group_copy_to_next_year(*, work_group: WorkGroup, by: User) -> WorkGroup:
    """A draft copy for the next academic year: same details and leads (those still LLMEs of
    the hub), sessions moved on 52 weeks so they keep their weekday, scheduled again."""
    next_year = work_group.year.next()
    with transaction.atomic():
        still_llmes = (
            HubRole.objects.current()
            .filter(hub=work_group.hub, role=HubRole.Kind.LLME)
            .values("user_id")
        )
        leads = list(work_group.leads.filter(pk__in=still_llmes))
        copy = work_group_create(
            hub=work_group.hub,
            leads=leads,
            by=by,
            **{
                name: getattr(work_group, name)
                for name in WORK_GROUP_FIELDS
                if name != "academic_year"
            },
            academic_year=next_year.start_year,
        )
        copy.copied_from = work_group
        if work_group.recruitment_closes_on:
            copy.recruitment_closes_on = _shift(work_group.recruitment_closes_on, next_year)
        copy.save(update_fields=["copied_from", "recruitment_closes_on", "updated_at"])
        Session.objects.bulk_create(
            Session(
                work_group=copy,
                number=session.number,
                date=_shift(session.date, next_year),
                starts_at=session.starts_at,
                ends_at=session.ends_at,
                mode=session.mode,
                venue=session.venue,
                joining_link="",  # meeting links rarely carry over a year
            )
            for session in work_group.sessions.order_by("number")
        )
        audit(by, "work_group.copied", copy, copied_from=work_group.pk)
    return copy


def _shift(day: date, year: AcademicYear) -> date:
    """The same weekday 52 weeks on, kept inside the new academic year."""
    shifted = day + timedelta(weeks=52)
    while shifted < year.starts_on:
        shifted += timedelta(weeks=1)
    while shifted > year.ends_on:
        shifted -= timedelta(weeks=1)
    return shifted


# Messages to a whole group: enough for a busy term, too few to turn Hubwork into a mailer.
MESSAGE_LIMIT = 10
MESSAGE_WINDOW_SECONDS = 60 * 60


def over_message_limit(work_group: WorkGroup) -> bool:
    """Keyed by Work Group rather than by address, so co-leads and hub staff share one
    allowance for the group."""
    return over_limit(
        f"work-group-message:{work_group.pk}",
        limit=MESSAGE_LIMIT,
        window_seconds=MESSAGE_WINDOW_SECONDS,
    )


def work_group_message(
    *, work_group: WorkGroup, by: User, subject: str, message: str, include_waiting: bool
) -> int:
    """Email everyone holding a place (and, if asked, everyone waiting), one email each, once
    the transaction commits. The audit log keeps how many, never the text."""
    statuses = list(TAKING_PART) + (list(WAITING) if include_waiting else [])
    people = list(
        User.objects.filter(enrolments__work_group=work_group, enrolments__status__in=statuses)
        .order_by("email")
        .distinct()
    )
    url = settings.SITE_URL + work_group.get_absolute_url()
    with transaction.atomic():
        audit(
            by,
            "work_group.messaged",
            work_group,
            count=len(people),
            include_waiting=include_waiting,
        )
        for person in people:
            text_body = render_to_string(
                "workgroups/participants/email/message.txt",
                {
                    "person": person,
                    "work_group": work_group,
                    "sender": by,
                    "message": message,
                    "url": url,
                },
            )
            transaction.on_commit(
                partial(
                    send_email.delay,
                    to=[person.email],
                    subject=f"{work_group.title}: {subject}",
                    text_body=text_body,
                )
            )
    return len(people)
