"""Places: expressing interest, giving places, the waiting list, offers, withdrawals.

Every function that changes who holds a place locks the Work Group row first, then counts
places from the enrolment rows (never a counter) and re-checks before writing — so a rush
of sign-ups cannot oversell (select_for_update on PostgreSQL; SQLite's IMMEDIATE
transactions serialise writers). Places are held by Enrolment.TAKING_PART: offered,
enrolled and completed.
"""

import re
import uuid
from dataclasses import dataclass
from datetime import timedelta
from functools import partial

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count
from django.utils import timezone

from hubwork.accounts.models import User
from hubwork.core.audit import audit
from hubwork.schools.models import School
from hubwork.workgroups.models import Allocation, Enrolment, WorkGroup
from hubwork.workgroups.notifications import notify_place_offered

Status = Enrolment.Status
TRN_PATTERN = re.compile(r"^\d{7}$")
# Signing up needs a school leader's support; the form shows the same message by its box.
LEADER_SUPPORT_REQUIRED = "Confirm that your school leader supports this."


@dataclass(frozen=True)
class Applicant:
    """One person in a sign-up: who they are and what they told us."""

    user: User
    role: str
    trn: str = ""


def _lock(work_group: WorkGroup) -> WorkGroup:
    return WorkGroup.objects.select_for_update().select_related("programme").get(pk=work_group.pk)


def _holding(work_group: WorkGroup) -> dict[int | None, int]:
    """Places held, by school id (key None is the total)."""
    rows = (
        Enrolment.objects.filter(work_group=work_group, status__in=Enrolment.TAKING_PART)
        .values("school_id")
        .annotate(count=Count("pk"))
        .order_by()
    )
    held: dict[int | None, int] = {row["school_id"]: row["count"] for row in rows}
    held[None] = sum(held.values())
    return held


def _room_for(
    work_group: WorkGroup, held: dict[int | None, int], school_id: int, size: int
) -> bool:
    return (
        held[None] + size <= work_group.capacity
        and held.get(school_id, 0) + size <= work_group.per_school_limit
    )


def eligibility_problems(
    *, work_group: WorkGroup, school: School, applicants: list[Applicant]
) -> list[str]:
    """Why these people cannot sign up from this school, in plain English (empty: they can)."""
    problems = []
    programme = work_group.programme
    if work_group.status != WorkGroup.Status.OPEN:
        problems.append("This Work Group is not taking sign-ups.")
    closes = work_group.recruitment_closes_on
    if closes and closes < timezone.localdate():
        problems.append(f"Sign-ups closed on {closes:%-d %B %Y}.")
    if len(applicants) > work_group.per_school_limit:
        problems.append(
            f"A school may take up to {work_group.per_school_limit} place"
            f"{'s' if work_group.per_school_limit != 1 else ''} in this Work Group."
        )
    if programme.trn_required:
        for applicant in applicants:
            try:
                trn_normalise(applicant.trn, whose=f"{applicant.user.display_name}'s")
            except ValidationError as error:
                problems.extend(error.messages)
    completed = Enrolment.objects.filter(school=school, status=Status.COMPLETED)
    if (
        programme.requires_completion_of_id
        and not completed.filter(
            work_group__programme_id=programme.requires_completion_of_id
        ).exists()
    ):
        problems.append(
            f"{school.name} needs to have completed {programme.requires_completion_of} first."
        )
    if programme.once_per_school and completed.filter(work_group__programme=programme).exists():
        problems.append(
            f"{school.name} has already completed {programme.name}, which schools take once."
        )
    already = (
        Enrolment.objects.filter(work_group=work_group, user__in=[a.user for a in applicants])
        .exclude(status__in=Enrolment.CLOSED)
        .select_related("user")
    )
    for enrolment in already:
        problems.append(f"{enrolment.user.display_name} has already signed up to this Work Group.")
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
    applicants: list[Applicant],
    leader_supports: bool,
    by: User,
) -> list[Enrolment]:
    """Sign up one person, or colleagues from one school together (placed together or not
    at all). First come, first served gives places straight away while they last and no one
    is waiting; otherwise people join the waiting list in the order they asked. Under hub
    review everyone is `interested` until a lead offers places.
    """
    if not applicants:
        raise ValidationError("Add at least one person.")
    if not leader_supports:
        raise ValidationError({"leader_supports": LEADER_SUPPORT_REQUIRED})
    with transaction.atomic():
        work_group = _lock(work_group)
        problems = eligibility_problems(work_group=work_group, school=school, applicants=applicants)
        if problems:
            raise ValidationError(problems)
        if work_group.allocation == Allocation.REVIEW:
            status = Status.INTERESTED
        else:
            # People already waiting come first: any free place they can take is offered
            # to them now. Only a place none of them can take (their school is at its
            # limit, or their batch does not fit) goes straight to the newcomer.
            held = _holding(work_group)
            _offer_pass(work_group=work_group, held=held, by=by)
            fits = _room_for(work_group, held, school.pk, len(applicants))
            status = Status.ENROLLED if fits else Status.WAITLISTED
        batch = uuid.uuid4() if len(applicants) > 1 else None
        now = timezone.now()
        enrolments = []
        for applicant in applicants:
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
                    "batch": batch,
                    "requested_at": now,
                    "offer_expires_at": None,
                },
            )
            enrolments.append(enrolment)
            audit(by, f"enrolment.{status}", enrolment, hub=work_group.hub_id, via="sign-up")
    return enrolments


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
        return _offer_pass(work_group=work_group, held=_holding(work_group), by=by)


def _offer_pass(
    *, work_group: WorkGroup, held: dict[int | None, int], by: User | None
) -> list[Enrolment]:
    """Inside the Work Group's lock: go down the waiting list in order, offering each
    person (or batch, all or none) a place while there is room for them. A person whose
    school is at its limit is passed over for now and keeps their place in the queue.
    Offers expire after the Work Group's `offer_hours`; `held` is kept up to date."""
    if work_group.status not in (
        WorkGroup.Status.OPEN,
        WorkGroup.Status.FULL,
        WorkGroup.Status.RUNNING,
    ):
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
        if not _room_for(work_group, held, enrolment.school_id, len(group)):
            continue
        for member in group:
            member.status = Status.OFFERED
            member.offer_expires_at = expires
            member.save(update_fields=["status", "offer_expires_at", "updated_at"])
            audit(by, "enrolment.offered", member, hub=work_group.hub_id)
            held[None] += 1
            held[enrolment.school_id] = held.get(enrolment.school_id, 0) + 1
            offered.append(member)
            transaction.on_commit(partial(notify_place_offered.delay, enrolment_id=member.pk))
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
        # A freed place, or a colleague left waiting alone who now fits, moves the queue on.
        if work_group.allocation == Allocation.FIRST_COME:
            _offer_pass(work_group=work_group, held=_holding(work_group), by=by)
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
            held = _holding(work_group)
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
            transaction.on_commit(partial(notify_place_offered.delay, enrolment_id=enrolment.pk))
        freed = previous in Enrolment.TAKING_PART and status not in Enrolment.TAKING_PART
        if freed and work_group.allocation == Allocation.FIRST_COME:
            _offer_pass(work_group=work_group, held=_holding(work_group), by=by)
    return enrolment
