"""Places: expressing interest, colleagues confirming, giving places, the waiting list,
offers, withdrawals.

Every function that changes who holds a place locks the Work Group row first, then counts
places from the rows (never a counter) and re-checks before writing — so a rush of sign-ups
cannot oversell (select_for_update on PostgreSQL; SQLite's IMMEDIATE transactions serialise
writers). Places are held by Enrolment.TAKING_PART (offered, enrolled and completed) and by
pending colleague invitations with `place_held` (see `selectors.places.places_held`).

Colleagues named on a sign-up are never enrolled by it: each is sent an invitation and the
place becomes theirs only when they confirm. A pending invitation holds a place when its
batch was given places (so colleagues who sign up together stay together, and nobody who
signs up a minute later takes a colleague's place while the email is on its way), for at
most the Work Group's `offer_hours`; then it lapses and the batch goes on without them.
The hold is bounded: no more than the school's limit, and for a set time.
"""

import re
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import timedelta

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone

from hubwork.accounts.models import User
from hubwork.core.audit import audit
from hubwork.core.outbox import enqueue
from hubwork.schools.models import School
from hubwork.workgroups.models import Allocation, ColleagueInvitation, Enrolment, WorkGroup
from hubwork.workgroups.notifications import (
    notify_colleague_invited,
    notify_invitation_lapsed,
    notify_place_offered,
    notify_signed_up,
)
from hubwork.workgroups.selectors.places import places_held, school_eligibility_problems

Status = Enrolment.Status
Invitation = ColleagueInvitation.Status
# Statuses in which places still move: offers go out, colleagues can confirm.
_PLACES_MOVE = (WorkGroup.Status.OPEN, WorkGroup.Status.FULL, WorkGroup.Status.RUNNING)
TRN_PATTERN = re.compile(r"^\d{7}$")
# Signing up needs a school leader's support; the form shows the same message by its box.
LEADER_SUPPORT_REQUIRED = "Confirm that your school leader supports this."
# The school leader evaluation asks at the end of the year is optional: both or neither.
SCHOOL_LEADER_NAME_MISSING = "Enter your school leader's name, or leave both boxes empty."
SCHOOL_LEADER_EMAIL_MISSING = "Enter your school leader's email address, or leave both boxes empty."


@dataclass(frozen=True)
class Applicant:
    """One person in a sign-up: who they are and what they told us."""

    user: User
    role: str
    trn: str = ""
    # Whom to ask at the end of the year how the school supported them (optional).
    school_leader_name: str = ""
    school_leader_email: str = ""


def _lock(work_group: WorkGroup) -> WorkGroup:
    return WorkGroup.objects.select_for_update().select_related("programme").get(pk=work_group.pk)


def _room_for(
    work_group: WorkGroup, held: dict[int | None, int], school_id: int, size: int
) -> bool:
    return (
        held[None] + size <= work_group.capacity
        and held.get(school_id, 0) + size <= work_group.per_school_limit
    )


def eligibility_problems(
    *, work_group: WorkGroup, school: School, applicant: Applicant, size: int = 1
) -> dict[str, list[str]]:
    """Why this person (with `size` - 1 colleagues) cannot sign up from this school, in plain
    English, keyed by the form field each is about (empty: they can)."""
    problems: dict[str, list[str]] = {}

    def add(field: str, message: str) -> None:
        problems.setdefault(field, []).append(message)

    if work_group.status != WorkGroup.Status.OPEN:
        add(NON_FIELD_ERRORS, "This Work Group is not taking sign-ups.")
    closes = work_group.recruitment_closes_on
    if closes and closes < timezone.localdate():
        add(NON_FIELD_ERRORS, f"Sign-ups closed on {closes:%-d %B %Y}.")
    if size > work_group.per_school_limit:
        add(
            NON_FIELD_ERRORS,
            f"A school may take up to {work_group.per_school_limit} place"
            f"{'s' if work_group.per_school_limit != 1 else ''} in this Work Group.",
        )
    if work_group.programme.trn_required:
        try:
            trn_normalise(applicant.trn)
        except ValidationError as error:
            for message in error.messages:
                add("trn", message)
    for message in school_eligibility_problems(work_group=work_group, school=school):
        add("school", message)
    already = (
        Enrolment.objects.filter(work_group=work_group, user=applicant.user)
        .exclude(status__in=Enrolment.CLOSED)
        .exists()
    )
    if already:
        add(NON_FIELD_ERRORS, "You have already signed up to this Work Group.")
    return problems


def trn_normalise(trn: str, *, whose: str = "your") -> str:
    """A teacher reference number without the spaces people type between its digits; a
    ValidationError unless it is 7 digits. Sign-up forms use it to show the same message by
    the box."""
    trn = "".join(trn.split())
    if not TRN_PATTERN.match(trn):
        raise ValidationError(f"Enter {whose} 7-digit teacher reference number (TRN).")
    return trn


def interest_express(
    *,
    work_group: WorkGroup,
    school: School,
    applicant: Applicant,
    colleagues: Sequence[str] = (),
    leader_supports: bool,
    by: User,
) -> Enrolment:
    """Sign up one person, naming any colleagues from the same school (by email address) to
    come with them. Colleagues are asked to confirm and are never enrolled by someone else.

    The sign-up and its colleagues are placed together or not at all. First come, first
    served gives the person a place, and holds one for each colleague until they confirm or
    their time runs out, while there is room for all of them and no one waiting could take
    it; otherwise they join the waiting list together in the order they asked. Under hub
    review everyone is `interested` until a lead offers places.

    An invitation goes to every address given, whether or not it has an account, so the
    answer never says which addresses have one.
    """
    if not leader_supports:
        raise ValidationError({"leader_supports": LEADER_SUPPORT_REQUIRED})
    if applicant.school_leader_name and not applicant.school_leader_email:
        raise ValidationError({"school_leader_email": SCHOOL_LEADER_EMAIL_MISSING})
    if applicant.school_leader_email and not applicant.school_leader_name:
        raise ValidationError({"school_leader_name": SCHOOL_LEADER_NAME_MISSING})
    if applicant.school_leader_email:
        validate_email(applicant.school_leader_email)
    emails = [User.objects.normalize_email(email) for email in colleagues]
    for email in emails:
        validate_email(email)
    if len(set(emails)) != len(emails) or User.objects.normalize_email(by.email) in emails:
        raise ValidationError("Name each colleague once, and not yourself.")
    size = 1 + len(emails)
    with transaction.atomic():
        work_group = _lock(work_group)
        problems = eligibility_problems(
            work_group=work_group, school=school, applicant=applicant, size=size
        )
        if problems:
            raise ValidationError(problems)
        fits = False
        if work_group.allocation == Allocation.REVIEW:
            status = Status.INTERESTED
        else:
            # People already waiting come first: any free place they can take is offered
            # to them now. Only a place none of them can take (their school is at its
            # limit, or their batch does not fit) goes straight to the newcomer.
            held = places_held(work_group)
            _offer_pass(work_group=work_group, held=held, by=by)
            fits = _room_for(work_group, held, school.pk, size)
            status = Status.ENROLLED if fits else Status.WAITLISTED
        batch = uuid.uuid4() if emails else None
        now = timezone.now()
        # Someone who withdrew or declined earlier comes back at the end of the queue.
        enrolment, _ = Enrolment.objects.update_or_create(
            work_group=work_group,
            user=applicant.user,
            defaults={
                "school": school,
                "status": status,
                "role": applicant.role,
                "trn": applicant.trn,
                "leader_supports": True,
                "school_leader_name": applicant.school_leader_name,
                "school_leader_email": applicant.school_leader_email,
                "batch": batch,
                "requested_at": now,
                "offer_expires_at": None,
            },
        )
        audit(by, f"enrolment.{status}", enrolment, hub=work_group.hub_id, via="sign-up")
        if batch is not None:  # colleagues were named
            for email in emails:
                invitation = ColleagueInvitation.objects.create(
                    work_group=work_group,
                    batch=batch,
                    email=email,
                    school=school,
                    invited_by=by,
                    place_held=fits,
                    requested_at=now,
                    expires_at=now + timedelta(hours=work_group.offer_hours),
                )
                audit(by, "invitation.sent", invitation, hub=work_group.hub_id, place_held=fits)
                enqueue(notify_colleague_invited, invitation_id=invitation.pk)
        enqueue(notify_signed_up, enrolment_id=enrolment.pk)
    return enrolment


def invitation_confirm(
    *,
    invitation: ColleagueInvitation,
    user: User,
    role: str,
    trn: str = "",
    leader_supports: bool,
) -> Enrolment:
    """A colleague named on a sign-up says yes: the place held for them becomes theirs, or,
    when their colleagues are waiting, they join the waiting list in the same place.

    Checked again under the lock: the invitation may have lapsed, been answered in another
    tab or been cancelled since the page was shown."""
    if role not in Enrolment.Role.values:
        raise ValidationError({"role": "Choose your role in school."})
    if not leader_supports:
        raise ValidationError({"leader_supports": LEADER_SUPPORT_REQUIRED})
    with transaction.atomic():
        work_group = _lock(invitation.work_group)
        invitation = ColleagueInvitation.objects.select_for_update().get(pk=invitation.pk)
        _check_open(invitation, user)
        if work_group.status not in _PLACES_MOVE:
            raise ValidationError("This Work Group is no longer taking people.")
        if work_group.programme.trn_required:
            try:
                trn = trn_normalise(trn)
            except ValidationError as error:
                raise ValidationError({"trn": error.messages}) from None
        already = (
            Enrolment.objects.filter(work_group=work_group, user=user)
            .exclude(status__in=Enrolment.CLOSED)
            .exists()
        )
        if already:
            raise ValidationError(
                "You have already signed up to this Work Group. Decline this invitation, "
                "or leave the Work Group first."
            )
        if invitation.place_held:
            status = Status.ENROLLED
        elif work_group.allocation == Allocation.REVIEW:
            status = Status.INTERESTED
        else:
            status = Status.WAITLISTED
        enrolment, _ = Enrolment.objects.update_or_create(
            work_group=work_group,
            user=user,
            defaults={
                "school": invitation.school,
                "status": status,
                "role": role,
                "trn": trn,
                "leader_supports": True,
                "batch": invitation.batch,
                # In the queue where the sign-up that named them is.
                "requested_at": invitation.requested_at,
                "offer_expires_at": None,
            },
        )
        invitation.enrolment = enrolment
        _answer(invitation, Invitation.CONFIRMED, work_group=work_group, by=user)
        audit(user, f"enrolment.{status}", enrolment, hub=work_group.hub_id, via="invitation")
        if work_group.allocation == Allocation.FIRST_COME:
            _offer_pass(work_group=work_group, held=places_held(work_group), by=user)
        enqueue(notify_signed_up, enrolment_id=enrolment.pk)
    return enrolment


def invitation_decline(
    *, invitation: ColleagueInvitation, user: User, reason: str = ""
) -> ColleagueInvitation:
    """A colleague named on a sign-up says no: a place held for them goes on."""
    with transaction.atomic():
        work_group = _lock(invitation.work_group)
        invitation = ColleagueInvitation.objects.select_for_update().get(pk=invitation.pk)
        _check_open(invitation, user, lapsed_ok=True)
        _answer(invitation, Invitation.DECLINED, work_group=work_group, by=user, reason=reason)
        if work_group.allocation == Allocation.FIRST_COME:
            _offer_pass(work_group=work_group, held=places_held(work_group), by=user)
    return invitation


def invitations_lapse() -> int:
    """Lapse every invitation past its time: the batch goes on without those colleagues and
    any place held for them moves on (run by Celery beat)."""
    lapsed = ColleagueInvitation.objects.filter(
        status=Invitation.PENDING, expires_at__lt=timezone.now()
    )
    count = 0
    for invitation in lapsed.select_related("work_group"):
        with transaction.atomic():
            work_group = _lock(invitation.work_group)
            invitation = ColleagueInvitation.objects.select_for_update().get(pk=invitation.pk)
            # Confirmed or declined a moment ago: the list above was read before the lock.
            if invitation.status != Invitation.PENDING or invitation.expires_at >= timezone.now():
                continue
            _answer(invitation, Invitation.LAPSED, work_group=work_group, by=None)
            if work_group.allocation == Allocation.FIRST_COME:
                _offer_pass(work_group=work_group, held=places_held(work_group), by=None)
            enqueue(notify_invitation_lapsed, invitation_id=invitation.pk)
            count += 1
    return count


def _check_open(invitation: ColleagueInvitation, user: User, *, lapsed_ok: bool = False) -> None:
    if invitation.email != User.objects.normalize_email(user.email):
        raise ValidationError("This invitation was sent to another email address.")
    if invitation.status != Invitation.PENDING:
        raise ValidationError(
            "This invitation is closed: " + invitation.get_status_display().lower() + "."
        )
    if not lapsed_ok and invitation.expires_at < timezone.now():
        raise ValidationError(
            "The time to confirm has passed, so the place has gone on. You can still sign up "
            "yourself from the Work Group's page."
        )


def _answer(
    invitation: ColleagueInvitation,
    status: str,
    *,
    work_group: WorkGroup,
    by: User | None,
    reason: str = "",
) -> None:
    """Inside the lock: close a pending invitation, releasing any place it held."""
    released = invitation.place_held
    invitation.status = status
    invitation.place_held = False
    invitation.answered_at = timezone.now()
    invitation.save(
        update_fields=["status", "place_held", "answered_at", "enrolment", "updated_at"]
    )
    audit(
        by,
        f"invitation.{status}",
        invitation,
        hub=work_group.hub_id,
        released_place=released,
        **({"reason": reason} if reason else {}),
    )


def _cancel_invitations_left_alone(
    *, work_group: WorkGroup, enrolment: Enrolment, by: User | None
) -> bool:
    """Inside the lock, after `enrolment` closed: when no one who signed up in its batch is
    left, colleagues still asked to confirm are no longer asked. True if that released a
    place held for one of them."""
    if enrolment.batch is None:
        return False
    left = (
        Enrolment.objects.filter(work_group_id=enrolment.work_group_id, batch=enrolment.batch)
        .exclude(status__in=Enrolment.CLOSED)
        .exists()
    )
    if left:
        return False
    pending = ColleagueInvitation.objects.select_for_update().filter(
        work_group_id=enrolment.work_group_id, batch=enrolment.batch, status=Invitation.PENDING
    )
    released = False
    for invitation in pending:
        released = released or invitation.place_held
        _answer(invitation, Invitation.CANCELLED, work_group=work_group, by=by)
    return released


def _batch_of(enrolment: Enrolment) -> list[Enrolment]:
    if enrolment.batch is None:
        return [enrolment]
    return list(
        Enrolment.objects.filter(work_group_id=enrolment.work_group_id, batch=enrolment.batch)
        .exclude(status__in=Enrolment.CLOSED)
        .select_related("user")
    )


def places_offer_next(*, work_group: WorkGroup, by: User | None = None) -> list[Enrolment]:
    """Offer free places to whoever is next on the waiting list (first come, first served)."""
    with transaction.atomic():
        work_group = _lock(work_group)
        if work_group.allocation != Allocation.FIRST_COME:
            return []
        return _offer_pass(work_group=work_group, held=places_held(work_group), by=by)


def _offer_pass(
    *, work_group: WorkGroup, held: dict[int | None, int], by: User | None
) -> list[Enrolment]:
    """Inside the Work Group's lock: go down the waiting list in order, offering each
    person (or batch, all or none) a place while there is room for them. A person whose
    school is at its limit is passed over for now and keeps their place in the queue.
    Offers expire after the Work Group's `offer_hours`; `held` is kept up to date."""
    if work_group.status not in _PLACES_MOVE:
        return []
    offered: list[Enrolment] = []
    seen_batches: set[uuid.UUID] = set()
    expires = timezone.now() + timedelta(hours=work_group.offer_hours)
    waiting = Enrolment.objects.filter(work_group=work_group, status=Status.WAITLISTED).order_by(
        "requested_at", "pk"
    )
    for enrolment in waiting:
        if held[None] >= work_group.capacity:
            break
        if enrolment.batch is not None:
            if enrolment.batch in seen_batches:
                continue
            seen_batches.add(enrolment.batch)
        group = [e for e in _batch_of(enrolment) if e.status == Status.WAITLISTED]
        # Colleagues still asked to confirm wait with their batch and need room too.
        awaiting = list(
            ColleagueInvitation.objects.select_for_update().filter(
                work_group=work_group,
                batch=enrolment.batch,
                status=Invitation.PENDING,
                place_held=False,
            )
            if enrolment.batch is not None
            else []
        )
        if not _room_for(work_group, held, enrolment.school_id, len(group) + len(awaiting)):
            continue
        for invitation in awaiting:
            invitation.place_held = True
            invitation.save(update_fields=["place_held", "updated_at"])
            audit(by, "invitation.place_held", invitation, hub=work_group.hub_id)
            held[None] += 1
            held[enrolment.school_id] = held.get(enrolment.school_id, 0) + 1
        for member in group:
            member.status = Status.OFFERED
            member.offer_expires_at = expires
            member.save(update_fields=["status", "offer_expires_at", "updated_at"])
            audit(by, "enrolment.offered", member, hub=work_group.hub_id)
            held[None] += 1
            held[enrolment.school_id] = held.get(enrolment.school_id, 0) + 1
            offered.append(member)
            enqueue(notify_place_offered, enrolment_id=member.pk)
    return offered


def enrolment_withdraw(*, enrolment: Enrolment, by: User, reason: str = "") -> Enrolment:
    """Leave the Work Group (or the waiting list); a freed place goes to the next in line."""
    return _close(enrolment=enrolment, status=Status.WITHDRAWN, by=by, reason=reason)


def offer_decline(*, enrolment: Enrolment, by: User, reason: str = "") -> Enrolment:
    return _close(
        enrolment=enrolment, status=Status.DECLINED, by=by, reason=reason, only_offers=True
    )


def _close(
    *,
    enrolment: Enrolment,
    status: str,
    by: User | None,
    reason: str,
    only_offers: bool = False,
    only_lapsed: bool = False,
) -> Enrolment:
    """Withdraw, decline or lapse a place. What the caller saw may be stale (another tab, a
    beat run), so the state is checked again under the lock before anything changes."""
    with transaction.atomic():
        work_group = _lock(enrolment.work_group)
        enrolment = Enrolment.objects.select_for_update().get(pk=enrolment.pk)
        if (only_offers or only_lapsed) and enrolment.status != Status.OFFERED:
            raise ValidationError("There is no offer to decline.")
        if only_lapsed and not (
            enrolment.offer_expires_at and enrolment.offer_expires_at < timezone.now()
        ):
            raise ValidationError("The offer has not lapsed.")
        if enrolment.status in Enrolment.CLOSED or enrolment.status == Status.COMPLETED:
            raise ValidationError(
                f"This place is already {enrolment.get_status_display().lower()}."
            )
        previous = enrolment.status
        enrolment.status = status
        enrolment.offer_expires_at = None
        enrolment.save(update_fields=["status", "offer_expires_at", "updated_at"])
        audit(
            by,
            f"enrolment.{status}",
            enrolment,
            hub=work_group.hub_id,
            before=previous,
            reason=reason,
        )
        _cancel_invitations_left_alone(work_group=work_group, enrolment=enrolment, by=by)
        # A freed place, or a colleague left waiting alone who now fits, moves the queue on.
        if work_group.allocation == Allocation.FIRST_COME:
            _offer_pass(work_group=work_group, held=places_held(work_group), by=by)
    return enrolment


def offer_accept(*, enrolment: Enrolment, by: User) -> Enrolment:
    with transaction.atomic():
        work_group = _lock(enrolment.work_group)
        enrolment = Enrolment.objects.select_for_update().get(pk=enrolment.pk)
        if enrolment.status != Status.OFFERED:
            raise ValidationError("There is no offer to accept.")
        if enrolment.offer_expires_at and enrolment.offer_expires_at < timezone.now():
            raise ValidationError(
                "This offer has expired, so the place has gone to the next person."
            )
        enrolment.status = Status.ENROLLED
        enrolment.offer_expires_at = None
        enrolment.save(update_fields=["status", "offer_expires_at", "updated_at"])
        audit(by, "enrolment.enrolled", enrolment, hub=work_group.hub_id, via="offer")
        enqueue(notify_signed_up, enrolment_id=enrolment.pk)
    return enrolment


def offers_expire() -> int:
    """Lapse every offer past its time and offer the places on (run by Celery beat)."""
    expired = Enrolment.objects.filter(status=Status.OFFERED, offer_expires_at__lt=timezone.now())
    count = 0
    for enrolment in expired.select_related("work_group"):
        try:
            _close(
                enrolment=enrolment,
                status=Status.DECLINED,
                by=None,
                reason="offer expired",
                only_lapsed=True,
            )
            count += 1
        except ValidationError:
            continue  # accepted or withdrawn a moment ago
    return count


def enrolment_move(*, enrolment: Enrolment, status: str, by: User, reason: str) -> Enrolment:
    """A lead moves someone between states, with a reason. Places still hold: offering or
    enrolling needs room in the Work Group and in the school's limit."""
    if status not in Status.values:
        raise ValidationError({"status": "Choose a status from the list."})
    if not reason.strip():
        raise ValidationError({"reason": "Say why, for the record."})
    with transaction.atomic():
        work_group = _lock(enrolment.work_group)
        enrolment = Enrolment.objects.select_for_update().get(pk=enrolment.pk)
        previous = enrolment.status
        if status == previous:
            return enrolment
        if status in Enrolment.TAKING_PART and previous not in Enrolment.TAKING_PART:
            held = places_held(work_group)
            if not _room_for(work_group, held, enrolment.school_id, 1):
                raise ValidationError(
                    {"status": "There is no room: the Work Group or the school's limit is full."}
                )
        enrolment.status = status
        if status in Enrolment.WAITING and previous not in Enrolment.WAITING:
            enrolment.requested_at = timezone.now()  # back of the queue, not the front
        enrolment.offer_expires_at = (
            timezone.now() + timedelta(hours=work_group.offer_hours)
            if status == Status.OFFERED
            else None
        )
        enrolment.save(update_fields=["status", "requested_at", "offer_expires_at", "updated_at"])
        audit(
            by,
            f"enrolment.{status}",
            enrolment,
            hub=work_group.hub_id,
            before=previous,
            reason=reason,
        )
        if status == Status.OFFERED:
            enqueue(notify_place_offered, enrolment_id=enrolment.pk)
        freed = previous in Enrolment.TAKING_PART and status not in Enrolment.TAKING_PART
        if status in Enrolment.CLOSED:
            freed = (
                _cancel_invitations_left_alone(work_group=work_group, enrolment=enrolment, by=by)
                or freed
            )
        if freed and work_group.allocation == Allocation.FIRST_COME:
            _offer_pass(work_group=work_group, held=places_held(work_group), by=by)
    return enrolment
