"""An LLME's development: their own log, co-leads' planning notes on a Work Group, pairings
of a new LLME with an experienced co-lead, and quality-assurance visits with the LLME's reply.

Every change is audited. Emails (a pairing made or ended, a visit's feedback, its reply) go
through the outbox once the change commits, one to each person.
"""

from collections.abc import Iterable
from datetime import date
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from hubwork.accounts.models import User
from hubwork.core.audit import audit
from hubwork.core.outbox import enqueue
from hubwork.core.tasks import send_email
from hubwork.hubs.models import Hub, HubRole
from hubwork.leaders.models import DevelopmentEntry, LeadNote, Pairing, QualityVisit
from hubwork.workgroups.models import Session, WorkGroup

MAX_TEXT_LENGTH = 10_000


def _email(people: Iterable[User], *, subject: str, template: str, context: dict[str, Any]) -> int:
    """One email to each active person with an address, sent once the change commits."""
    sent = 0
    for person in people:
        if not person.is_active or not person.email:
            continue
        text_body = render_to_string(template, {**context, "person": person})
        enqueue(send_email, to=[person.email], subject=subject, text_body=text_body)
        sent += 1
    return sent


def _site_url(name: str, **kwargs: Any) -> str:
    return settings.SITE_URL + reverse(name, kwargs=kwargs or None)


# The log ------------------------------------------------------------------------------------


def _entry_fields(
    *, kind: str, on: date, title: str, notes: str, hours: Decimal | None
) -> dict[str, Any]:
    return {"kind": kind, "on": on, "title": title.strip(), "notes": notes.strip(), "hours": hours}


def development_entry_create(
    *,
    user: User,
    kind: str,
    on: date,
    title: str,
    notes: str = "",
    hours: Decimal | None = None,
) -> DevelopmentEntry:
    """Add an entry to the person's own development log."""
    entry = DevelopmentEntry(
        user=user, **_entry_fields(kind=kind, on=on, title=title, notes=notes, hours=hours)
    )
    entry.full_clean()
    with transaction.atomic():
        entry.save()
        # The log is private: the audit keeps that it changed, not what it says.
        audit(user, "development_entry.added", entry, kind=kind)
    return entry


def development_entry_update(
    *,
    entry: DevelopmentEntry,
    by: User,
    kind: str,
    on: date,
    title: str,
    notes: str = "",
    hours: Decimal | None = None,
) -> DevelopmentEntry:
    """Change an entry of the person's own log."""
    if entry.user_id != by.pk:
        raise ValidationError("Only the person whose log it is may change it.")
    for name, value in _entry_fields(
        kind=kind, on=on, title=title, notes=notes, hours=hours
    ).items():
        setattr(entry, name, value)
    entry.full_clean()
    with transaction.atomic():
        entry.save(update_fields=["kind", "on", "title", "notes", "hours", "updated_at"])
        audit(by, "development_entry.changed", entry, kind=kind)
    return entry


def development_entry_delete(*, entry: DevelopmentEntry, by: User) -> None:
    """Remove an entry from the person's own log."""
    if entry.user_id != by.pk:
        raise ValidationError("Only the person whose log it is may delete from it.")
    with transaction.atomic():
        audit(by, "development_entry.deleted", entry, kind=entry.kind)
        entry.delete()


# Co-leads' notes ------------------------------------------------------------------------------


def lead_note_add(*, work_group: WorkGroup, by: User, text: str) -> LeadNote:
    """Add a planning note to a Work Group, for its leads and hub staff (the view has checked
    that `by` is one of them)."""
    note = LeadNote(work_group=work_group, author=by, text=text.strip())
    if not note.text:
        raise ValidationError({"text": "Write the note."})
    if len(note.text) > MAX_TEXT_LENGTH:
        raise ValidationError({"text": f"Keep the note to {MAX_TEXT_LENGTH:,} characters."})
    with transaction.atomic():
        note.save()
        audit(by, "lead_note.added", note, hub=work_group.hub_id)
    return note


# Pairings -----------------------------------------------------------------------------------


def _is_current_llme(hub: Hub, user: User, on: date) -> bool:
    return HubRole.objects.current(on).filter(hub=hub, user=user, role=HubRole.Kind.LLME).exists()


def pairing_create(
    *,
    hub: Hub,
    llme: User,
    experienced: User,
    starts_on: date,
    note: str = "",
    by: User,
) -> Pairing:
    """Pair a new LLME of the hub with an experienced co-lead (another LLME of the hub), and
    tell them both."""
    errors: dict[str, str] = {}
    today = timezone.localdate()
    if llme.pk == experienced.pk:
        errors["experienced"] = "Choose someone other than the new LLME."
    if not _is_current_llme(hub, llme, today):
        errors["llme"] = f"Choose an LLME of {hub.name}."
    if not _is_current_llme(hub, experienced, today):
        errors["experienced"] = f"Choose an LLME of {hub.name}."
    if not errors and (
        Pairing.objects.filter(
            hub=hub, llme=llme, experienced=experienced, ends_on__isnull=True
        ).exists()
    ):
        errors["experienced"] = "These two are paired already. End that pairing first."
    if errors:
        raise ValidationError(errors)
    pairing = Pairing(
        hub=hub,
        llme=llme,
        experienced=experienced,
        starts_on=starts_on,
        note=note.strip(),
        created_by=by,
    )
    pairing.full_clean()
    with transaction.atomic():
        pairing.save()
        audit(
            by,
            "pairing.made",
            pairing,
            llme=llme.pk,
            experienced=experienced.pk,
            starts_on=starts_on,
        )
        _email(
            [llme, experienced],
            subject=f"Hubwork: {hub.name} has paired you with a co-lead",
            template="leaders/development/email/pairing_made.txt",
            context={
                "pairing": pairing,
                "by": by,
                "url": _site_url("leaders:development"),
            },
        )
    return pairing


def pairing_end(*, pairing: Pairing, by: User, ends_on: date | None = None) -> Pairing:
    """End a pairing (today, unless another day is given), and tell both people."""
    day = ends_on or timezone.localdate()
    if pairing.ends_on is not None and pairing.ends_on <= day:
        raise ValidationError("This pairing has ended already.")
    if day < pairing.starts_on:
        raise ValidationError("A pairing cannot end before it starts.")
    with transaction.atomic():
        pairing.ends_on = day
        pairing.save(update_fields=["ends_on", "updated_at"])
        audit(by, "pairing.ended", pairing, ends_on=day)
        _email(
            [pairing.llme, pairing.experienced],
            subject=f"Hubwork: your pairing in {pairing.hub.name} has ended",
            template="leaders/development/email/pairing_ended.txt",
            context={"pairing": pairing, "by": by, "url": _site_url("leaders:development")},
        )
    return pairing


# Quality-assurance visits -------------------------------------------------------------------


def quality_visit_record(*, session: Session, llme: User, feedback: str, by: User) -> QualityVisit:
    """Record a hub staff member's visit to a session one of its leads led, with written
    feedback, and email the LLME to read it and reply."""
    feedback = feedback.strip()
    errors: dict[str, str] = {}
    if session.is_cancelled:
        errors["session"] = "That session was cancelled. Choose a session that went ahead."
    if not session.work_group.leads.filter(pk=llme.pk).exists():
        errors["llme"] = "Choose one of the session's leads."
    if not feedback:
        errors["feedback"] = "Write your feedback."
    elif len(feedback) > MAX_TEXT_LENGTH:
        errors["feedback"] = f"Keep the feedback to {MAX_TEXT_LENGTH:,} characters."
    if errors:
        raise ValidationError(errors)
    visit = QualityVisit(session=session, llme=llme, visitor=by, feedback=feedback)
    with transaction.atomic():
        visit.save()
        audit(
            by,
            "quality_visit.recorded",
            visit,
            hub=session.work_group.hub_id,
            session=session.pk,
            llme=llme.pk,
        )
        _email(
            [llme],
            subject=f"Hubwork: feedback on your session of {session.work_group.title}",
            template="leaders/development/email/visit_recorded.txt",
            context={
                "visit": visit,
                "session": session,
                "by": by,
                "url": _site_url("leaders:quality_visit", pk=visit.pk),
            },
        )
    return visit


def quality_visit_reply(*, visit: QualityVisit, by: User, reply: str) -> QualityVisit:
    """The LLME's reply to a visit's feedback (given once, changed as often as they like);
    the visitor is told."""
    if visit.llme_id != by.pk:
        raise ValidationError("Only the LLME visited may reply.")
    reply = reply.strip()
    if not reply:
        raise ValidationError({"reply": "Write your reply."})
    if len(reply) > MAX_TEXT_LENGTH:
        raise ValidationError({"reply": f"Keep the reply to {MAX_TEXT_LENGTH:,} characters."})
    first = not visit.replied_at
    with transaction.atomic():
        visit.reply = reply
        visit.replied_at = timezone.now()
        visit.save(update_fields=["reply", "replied_at", "updated_at"])
        audit(
            by,
            "quality_visit.replied" if first else "quality_visit.reply_changed",
            visit,
            hub=visit.session.work_group.hub_id,
        )
        _email(
            [visit.visitor] if visit.visitor else [],
            subject=(
                f"Hubwork: {by.display_name or by.email} "
                f"{'replied to' if first else 'changed their reply to'} your feedback"
            ),
            template="leaders/development/email/visit_replied.txt",
            context={
                "visit": visit,
                "first": first,
                "by": by,
                "url": _site_url("leaders:quality_visit", pk=visit.pk),
            },
        )
    return visit
