"""Applying to become an LLME, the school leader's confirmation, and each hub's pipeline.

An application (what the teacher wrote) goes to one or more hubs; each hub's part is a
`HubApplication` that moves through the pipeline on its own:

    received → shortlisted → interview arranged → offered → accepted
    (any open step) → not progressed | withdrawn;   accepted → withdrawn

Every step is recorded as a `HubApplicationEvent` and in the audit log, and the applicant is
emailed at the steps that concern them (after commit, through the outbox). Only this module
writes these models.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from hubwork.accounts.models import User
from hubwork.core.audit import audit
from hubwork.core.choices import Phase
from hubwork.core.outbox import enqueue
from hubwork.hubs.models import Accreditation, Hub
from hubwork.leaders.application_tasks import (
    application_email_received,
    application_email_school_leader,
    hub_application_email_interview_cancelled,
    hub_application_email_step,
)
from hubwork.leaders.models import (
    Application,
    HubApplication,
    HubApplicationEvent,
    HubApplicationNote,
)
from hubwork.programmes.models import Programme
from hubwork.schools.models import School

Status = HubApplication.Status

# Where a hub's part of an application is still being decided.
OPEN_STATUSES = frozenset(
    {Status.RECEIVED, Status.SHORTLISTED, Status.INTERVIEW_ARRANGED, Status.OFFERED}
)
# Where it has ended and nothing more can happen to it.
FINAL_STATUSES = frozenset({Status.NOT_PROGRESSED, Status.WITHDRAWN})
# The steps forward from each status (an interview may be rearranged: arranged again).
FORWARD: dict[str, frozenset[str]] = {
    Status.RECEIVED: frozenset({Status.SHORTLISTED}),
    Status.SHORTLISTED: frozenset({Status.INTERVIEW_ARRANGED}),
    Status.INTERVIEW_ARRANGED: frozenset({Status.INTERVIEW_ARRANGED, Status.OFFERED}),
    Status.OFFERED: frozenset({Status.ACCEPTED}),
    Status.ACCEPTED: frozenset(),
}
# Steps that need a reason, which the applicant is told (not progressed) or which the hub
# keeps (withdrawn).
NEEDS_REASON = frozenset({Status.NOT_PROGRESSED, Status.WITHDRAWN})
# Steps the applicant is emailed about.
EMAILED = frozenset(
    {
        Status.SHORTLISTED,
        Status.INTERVIEW_ARRANGED,
        Status.OFFERED,
        Status.ACCEPTED,
        Status.NOT_PROGRESSED,
    }
)

REASON_MAX_LENGTH = 500
NOTE_MAX_LENGTH = 5000
INTERVIEW_MINUTES_RANGE = (10, 240)


def allowed_next(status: str) -> frozenset[str]:
    """Every status a hub's part of an application may move to from `status`."""
    forward = FORWARD.get(status, frozenset())
    if status in OPEN_STATUSES:
        return forward | {Status.NOT_PROGRESSED, Status.WITHDRAWN}
    if status == Status.ACCEPTED:
        return frozenset({Status.WITHDRAWN})
    return frozenset()


def _label(status: str) -> str:
    return Status(status).label.lower()


def _refuse_move(current: str, to_status: str) -> ValidationError:
    if current in FINAL_STATUSES:
        message = f"This application is {_label(current)} already, so it cannot change."
    elif current == to_status:
        message = f"This application is {_label(current)} already."
    else:
        steps = sorted(allowed_next(current) - {current}, key=list(Status.values).index)
        options = ", ".join(_label(step) for step in steps) or "nothing"
        message = (
            f"An application that is {_label(current)} cannot be {_label(to_status)}: "
            f"it can be {options}."
        )
    return ValidationError({"to_status": message}, code="transition")


@dataclass(frozen=True)
class ApplicationData:
    """What the teacher writes in their application, shared by every hub they apply to."""

    school: School
    role_in_school: str
    phases: Sequence[str]
    experience: str
    accreditations_held: Sequence[str]
    programmes: Sequence[Programme]
    why: str
    school_leader_name: str
    school_leader_email: str


def _validate(data: ApplicationData, *, applicant: User, hubs: Sequence[Hub]) -> None:
    errors: dict[str, str] = {}
    if not hubs:
        errors["hubs"] = "Choose at least one Maths Hub to apply to."
    unknown_phases = set(data.phases) - set(Phase.values)
    if not data.phases or unknown_phases:
        errors["phases"] = "Choose the phases you teach."
    if set(data.accreditations_held) - set(Accreditation.Kind.values):
        errors["accreditations_held"] = "Choose accreditations from the list."
    if data.school_leader_email.strip().lower() == applicant.email.lower():
        errors["school_leader_email"] = (
            "Give your school leader's own email address: they confirm their support, not you."
        )
    already = sorted(
        HubApplication.objects.filter(
            application__applicant=applicant,
            hub__in=[hub.pk for hub in hubs],
            status__in=OPEN_STATUSES | {Status.ACCEPTED},
        ).values_list("hub__name", flat=True)
    )
    if already:
        errors["hubs"] = (
            f"You have already applied to {' and '.join(already)}. You can see how it is going "
            "on your LLME applications page."
        )
    if errors:
        raise ValidationError(errors)


def application_submit(
    *, applicant: User, data: ApplicationData, hubs: Sequence[Hub]
) -> Application:
    """Send a teacher's application to each hub they chose (each hub's part starts as
    received), ask their school leader to confirm their support, and tell them it is in."""
    hubs = list({hub.pk: hub for hub in hubs}.values())
    _validate(data, applicant=applicant, hubs=hubs)
    now = timezone.now()
    phase_order = list(Phase.values)
    accreditation_order = list(Accreditation.Kind.values)
    with transaction.atomic():
        application = Application(
            applicant=applicant,
            school=data.school,
            role_in_school=data.role_in_school.strip(),
            phases=sorted(set(data.phases), key=phase_order.index),
            experience=data.experience.strip(),
            accreditations_held=sorted(
                set(data.accreditations_held), key=accreditation_order.index
            ),
            why=data.why.strip(),
            school_leader_name=data.school_leader_name.strip(),
            school_leader_email=User.objects.normalize_email(data.school_leader_email),
            school_leader_asked_at=now,
            submitted_at=now,
        )
        application.full_clean()
        application.save()
        application.programmes.set(data.programmes)
        audit(
            applicant,
            "llme_application.submitted",
            application,
            hubs=[hub.slug for hub in hubs],
        )
        for hub in hubs:
            hub_application = HubApplication.objects.create(
                application=application, hub=hub, status=Status.RECEIVED, status_changed_at=now
            )
            HubApplicationEvent.objects.create(
                hub_application=hub_application, to_status=Status.RECEIVED, by=applicant, at=now
            )
            audit(applicant, "hub_application.received", hub_application)
        enqueue(application_email_school_leader, application_id=application.pk)
        enqueue(application_email_received, application_id=application.pk)
    return application


def school_leader_ask_again(*, application: Application, by: User) -> Application:
    """Send the school leader a new link (the applicant asks again: the first email was
    lost, or its link ran out)."""
    if application.school_leader_confirmed_at is not None:
        raise ValidationError("Your school leader has confirmed their support already.")
    with transaction.atomic():
        application.school_leader_asked_at = timezone.now()
        application.save(update_fields=["school_leader_asked_at", "updated_at"])
        audit(by, "llme_application.school_leader_asked", application)
        enqueue(application_email_school_leader, application_id=application.pk)
    return application


def school_leader_confirm(*, application: Application) -> Application:
    """The school leader confirms their support (by the signed link: no account). Confirming
    again changes nothing."""
    with transaction.atomic():
        locked = Application.objects.select_for_update().get(pk=application.pk)
        if locked.school_leader_confirmed_at is None:
            locked.school_leader_confirmed_at = timezone.now()
            locked.save(update_fields=["school_leader_confirmed_at", "updated_at"])
            # The leader has no account: the event says it was them, not who they are.
            audit(None, "llme_application.school_leader_confirmed", locked)
    application.school_leader_confirmed_at = locked.school_leader_confirmed_at
    return application


def _lock(hub_application: HubApplication) -> HubApplication:
    return HubApplication.objects.select_for_update().get(pk=hub_application.pk)


def _record(
    *,
    hub_application: HubApplication,
    locked: HubApplication,
    to_status: str,
    by: User,
    reason: str,
    verb: str,
    **data: Any,
) -> None:
    """Save the move on `locked`, record it as an event and in the audit log, and copy the
    result back onto the caller's object."""
    from_status = locked.status
    now = timezone.now()
    locked.status = to_status
    locked.status_changed_at = now
    if to_status in NEEDS_REASON:
        locked.reason = reason
    locked.save()
    HubApplicationEvent.objects.create(
        hub_application=locked,
        from_status=from_status,
        to_status=to_status,
        reason=reason,
        by=by,
        at=now,
    )
    audit(by, verb, locked, from_status=from_status, to_status=to_status, reason=reason, **data)
    for field in (
        "status",
        "status_changed_at",
        "reason",
        "interview_at",
        "interview_minutes",
        "interview_place",
        "interview_sequence",
        "updated_at",
    ):
        setattr(hub_application, field, getattr(locked, field))


def hub_application_move(
    *, hub_application: HubApplication, to_status: str, by: User, reason: str = ""
) -> HubApplication:
    """Move one hub's part of an application to its next step: shortlisted, offered,
    accepted, or (with a reason) not progressed or withdrawn. Interviews are arranged with
    `interview_arrange`. A step the pipeline does not allow is refused with why."""
    reason = " ".join(reason.split())
    if to_status not in Status.values:
        raise ValidationError({"to_status": "Choose what happens next."}, code="invalid")
    if to_status == Status.INTERVIEW_ARRANGED:
        raise ValidationError(
            {"to_status": "Arrange the interview with its date, time and place."},
            code="interview",
        )
    if to_status in NEEDS_REASON and not reason:
        raise ValidationError(
            {"reason": f"Say why the application is {_label(to_status)}."}, code="required"
        )
    if len(reason) > REASON_MAX_LENGTH:
        raise ValidationError(
            {"reason": f"Keep the reason to {REASON_MAX_LENGTH} characters or fewer."}
        )
    with transaction.atomic():
        locked = _lock(hub_application)
        if to_status not in allowed_next(locked.status):
            raise _refuse_move(locked.status, to_status)
        had_interview = locked.status == Status.INTERVIEW_ARRANGED
        if had_interview and to_status in FINAL_STATUSES:
            # Calendar apps replace the event they hold only with a higher SEQUENCE.
            locked.interview_sequence += 1
        _record(
            hub_application=hub_application,
            locked=locked,
            to_status=to_status,
            by=by,
            reason=reason,
            verb="hub_application.moved",
        )
        if to_status in EMAILED:
            enqueue(hub_application_email_step, hub_application_id=locked.pk, step=to_status)
        if had_interview and to_status in FINAL_STATUSES:
            enqueue(
                hub_application_email_interview_cancelled,
                hub_application_id=locked.pk,
                sequence=locked.interview_sequence,
            )
    return hub_application


def interview_arrange(
    *,
    hub_application: HubApplication,
    at: datetime,
    minutes: int,
    place: str,
    by: User,
) -> HubApplication:
    """Arrange (or rearrange) the interview of a shortlisted application and email the
    applicant a calendar invite; a rearranged one gets an updated invite that replaces it."""
    place = " ".join(place.split())
    errors: dict[str, str] = {}
    if timezone.is_naive(at):
        at = timezone.make_aware(at)
    if at <= timezone.now():
        errors["interview_date"] = "The interview must be in the future."
    low, high = INTERVIEW_MINUTES_RANGE
    if not low <= minutes <= high:
        errors["interview_minutes"] = f"An interview lasts between {low} and {high} minutes."
    if not place:
        errors["interview_place"] = "Say where the interview is, or give its joining link."
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        locked = _lock(hub_application)
        if Status.INTERVIEW_ARRANGED not in allowed_next(locked.status):
            raise _refuse_move(locked.status, Status.INTERVIEW_ARRANGED)
        changed = locked.status == Status.INTERVIEW_ARRANGED
        if changed and (
            locked.interview_at == at
            and locked.interview_minutes == minutes
            and locked.interview_place == place
        ):
            raise ValidationError("Nothing about the interview has changed.", code="unchanged")
        locked.interview_at = at
        locked.interview_minutes = minutes
        locked.interview_place = place
        if changed:
            locked.interview_sequence += 1
        _record(
            hub_application=hub_application,
            locked=locked,
            to_status=Status.INTERVIEW_ARRANGED,
            by=by,
            reason="",
            verb="hub_application.interview_rearranged" if changed else "hub_application.moved",
            interview_at=at,
            interview_minutes=minutes,
            interview_place=place,
        )
        enqueue(
            hub_application_email_step,
            hub_application_id=locked.pk,
            step=Status.INTERVIEW_ARRANGED,
            sequence=locked.interview_sequence,
            changed=changed,
        )
    return hub_application


def offer_accept(*, hub_application: HubApplication, by: User) -> HubApplication:
    """The applicant accepts a hub's offer from their own page (hub staff record an
    acceptance given another way with `hub_application_move`)."""
    return hub_application_move(hub_application=hub_application, to_status=Status.ACCEPTED, by=by)


def hub_application_withdraw(
    *, hub_application: HubApplication, by: User, reason: str = ""
) -> HubApplication:
    """The applicant withdraws their application from one hub; the reason is optional for
    them (the hub sees "Withdrawn by the applicant" without one)."""
    return hub_application_move(
        hub_application=hub_application,
        to_status=Status.WITHDRAWN,
        by=by,
        reason=" ".join(reason.split()) or "Withdrawn by the applicant.",
    )


def hub_application_note_add(
    *, hub_application: HubApplication, by: User, text: str
) -> HubApplicationNote:
    """A hub staff note on the hub's part of an application (never shown to the applicant
    or to any other hub)."""
    text = text.strip()
    if not text:
        raise ValidationError({"text": "Write the note."}, code="required")
    if len(text) > NOTE_MAX_LENGTH:
        raise ValidationError({"text": f"Keep a note to {NOTE_MAX_LENGTH} characters or fewer."})
    with transaction.atomic():
        note = HubApplicationNote(hub_application=hub_application, author=by, text=text)
        note.full_clean()
        note.save()
        audit(by, "hub_application.note_added", note, hub=hub_application.hub_id)
    return note
