"""Continuing participants: a copy's leads invite last year's completers, who accept (taking
a place before sign-up opens to others) or decline.

Accepting goes through the allocation service's own lock and checks (`places._lock`,
`places_held`, `places._room_for`, `places._offer_pass`), so capacity and the per-school limit
hold against a rush of sign-ups exactly as they do for everyone else. The continuer keeps last
year's school: a place is a school's as much as a person's, and someone who moved school can
decline and sign up from the new one when sign-up opens.

A pending invitation lapses when its Work Group starts (its first session has been, or it is
running, completed or cancelled): it keeps the status pending, and accepting is refused.
"""

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from hubwork.accounts.models import User
from hubwork.core.audit import audit
from hubwork.core.outbox import enqueue
from hubwork.workgroups.models import Allocation, ContinuationInvitation, Enrolment, WorkGroup
from hubwork.workgroups.notifications import notify_continuation_invited, notify_signed_up
from hubwork.workgroups.selectors.continuation import invitation_closed_reason
from hubwork.workgroups.selectors.places import places_held
from hubwork.workgroups.services.places import (
    LEADER_SUPPORT_REQUIRED,
    _lock,
    _offer_pass,
    _room_for,
)

Status = ContinuationInvitation.Status


def continuation_invite(
    *, work_group: WorkGroup, previous: Iterable[Enrolment], by: User
) -> list[ContinuationInvitation]:
    """Invite completers of the Work Group `work_group` was copied from to continue in it,
    one invitation each; someone already invited is left as they are. Returns the new ones."""
    previous = list(previous)
    if work_group.copied_from_id is None:
        raise ValidationError("Only a Work Group copied from last year can invite completers.")
    if work_group.status in (
        WorkGroup.Status.RUNNING,
        WorkGroup.Status.COMPLETED,
        WorkGroup.Status.CANCELLED,
    ):
        raise ValidationError(f"{work_group.title} has started, so it is too late to invite.")
    for enrolment in previous:
        if (
            enrolment.work_group_id != work_group.copied_from_id
            or enrolment.status != Enrolment.Status.COMPLETED
        ):
            raise ValidationError("Choose people who completed last year's Work Group.")
    created = []
    with transaction.atomic():
        work_group = _lock(work_group)
        invited = set(
            ContinuationInvitation.objects.filter(
                work_group=work_group, previous__in=previous
            ).values_list("previous_id", flat=True)
        )
        for enrolment in previous:
            if enrolment.pk in invited:
                continue
            invitation = ContinuationInvitation.objects.create(
                work_group=work_group, previous=enrolment, invited_by=by
            )
            audit(
                by,
                "continuation.invited",
                invitation,
                hub=work_group.hub_id,
                previous=enrolment.pk,
            )
            enqueue(notify_continuation_invited, invitation_id=invitation.pk)
            created.append(invitation)
    return created


def continuation_accept(
    *, invitation: ContinuationInvitation, user: User, leader_supports: bool
) -> Enrolment:
    """The completer says yes: a place in next year's Work Group from last year's school, if
    there is room in it and in the school's limit, or the waiting list if not. Open already
    on first come, first served, people waiting before them are offered places first, as a
    sign-up would. Everything is checked again under the Work Group's lock."""
    if not leader_supports:
        raise ValidationError({"leader_supports": LEADER_SUPPORT_REQUIRED})
    with transaction.atomic():
        work_group = _lock(invitation.work_group)
        invitation = (
            ContinuationInvitation.objects.select_for_update()
            .select_related("previous")
            .get(pk=invitation.pk)
        )
        invitation.work_group = work_group
        previous = invitation.previous
        if previous.user_id != user.pk:
            raise ValidationError("This invitation was sent to someone else.")
        closed = invitation_closed_reason(invitation)
        if closed:
            raise ValidationError(closed)
        already = (
            Enrolment.objects.filter(work_group=work_group, user=user)
            .exclude(status__in=Enrolment.CLOSED)
            .exists()
        )
        if already:
            raise ValidationError(
                "You have already signed up to this Work Group, so your place is there."
            )
        held = places_held(work_group)
        if work_group.allocation == Allocation.FIRST_COME:
            _offer_pass(work_group=work_group, held=held, by=user)
        status = (
            Enrolment.Status.ENROLLED
            if _room_for(work_group, held, previous.school_id, 1)
            else Enrolment.Status.WAITLISTED
        )
        enrolment, _ = Enrolment.objects.update_or_create(
            work_group=work_group,
            user=user,
            defaults={
                "school_id": previous.school_id,
                "status": status,
                "role": previous.role,
                "trn": previous.trn,
                "leader_supports": True,
                "school_leader_name": previous.school_leader_name,
                "school_leader_email": previous.school_leader_email,
                "batch": None,
                "requested_at": timezone.now(),
                "offer_expires_at": None,
                "continues_from": previous,
            },
        )
        audit(user, f"enrolment.{status}", enrolment, hub=work_group.hub_id, via="continuation")
        invitation.status = (
            Status.ACCEPTED if status == Enrolment.Status.ENROLLED else Status.WAITLISTED
        )
        invitation.answered_at = timezone.now()
        invitation.enrolment = enrolment
        invitation.save(update_fields=["status", "answered_at", "enrolment", "updated_at"])
        audit(user, f"continuation.{invitation.status}", invitation, hub=work_group.hub_id)
        enqueue(notify_signed_up, enrolment_id=enrolment.pk)
    return enrolment


def continuation_decline(
    *, invitation: ContinuationInvitation, user: User
) -> ContinuationInvitation:
    """The completer says no, for the record; nothing is booked for them."""
    with transaction.atomic():
        work_group = _lock(invitation.work_group)
        invitation = (
            ContinuationInvitation.objects.select_for_update()
            .select_related("previous")
            .get(pk=invitation.pk)
        )
        if invitation.previous.user_id != user.pk:
            raise ValidationError("This invitation was sent to someone else.")
        if invitation.status != Status.PENDING:
            raise ValidationError(
                f"You have already answered: {invitation.get_status_display().lower()}."
            )
        invitation.status = Status.DECLINED
        invitation.answered_at = timezone.now()
        invitation.save(update_fields=["status", "answered_at", "updated_at"])
        audit(user, "continuation.declined", invitation, hub=work_group.hub_id)
    return invitation
