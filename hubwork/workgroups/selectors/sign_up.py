"""What a sign-up led to, for the confirmation page and the confirmation email alike, so the
two always say the same: the place or the waiting list and why, the colleagues still asked to
confirm, the sessions, and what happens next worded from where the Work Group really is."""

from dataclasses import dataclass

from django.utils import timezone

from hubwork.workgroups.models import ColleagueInvitation, Enrolment, Session, WorkGroup
from hubwork.workgroups.selectors.places import (
    batch_invitations,
    colleagues_of,
    waiting_position,
    waiting_reasons,
)

Status = Enrolment.Status
TIMES = {1: "once", 2: "twice"}


@dataclass(frozen=True)
class SignUpSummary:
    enrolment: Enrolment
    work_group: WorkGroup
    # On the waiting list: their number in the queue, and why they have no place.
    position: int | None
    reasons: list[str]
    # Colleagues in the same sign-up who confirmed, and those still asked to.
    colleagues: list[Enrolment]
    invitations: list[ColleagueInvitation]
    # The sessions still on, in order, and which of them are still to come.
    sessions: list[Session]
    upcoming: list[Session]
    next_steps: list[str]


def sign_up_summary(enrolment: Enrolment) -> SignUpSummary:
    """Where `enrolment` stands and what happens next, in plain English. Pass it with its
    Work Group and hub (`select_related`) to save two queries."""
    work_group = enrolment.work_group
    sessions = list(
        Session.objects.filter(work_group=work_group, status=Session.Status.SCHEDULED).order_by(
            "date", "starts_at", "number"
        )
    )
    today = timezone.localdate()
    upcoming = [session for session in sessions if session.date >= today]
    return SignUpSummary(
        enrolment=enrolment,
        work_group=work_group,
        position=waiting_position(enrolment),
        reasons=waiting_reasons(enrolment),
        colleagues=[
            colleague
            for colleague in colleagues_of(enrolment)
            if colleague.status not in Enrolment.CLOSED
        ],
        invitations=batch_invitations(enrolment),
        sessions=sessions,
        upcoming=upcoming,
        next_steps=_next_steps(enrolment, work_group, sessions, upcoming),
    )


def _next_steps(
    enrolment: Enrolment, work_group: WorkGroup, sessions: list[Session], upcoming: list[Session]
) -> list[str]:
    hub = work_group.hub.name
    held = len(sessions) - len(upcoming)
    first = upcoming[0] if upcoming else None
    when = f"{first.date:%A %-d %B %Y}" if first else ""
    steps: list[str] = []
    if enrolment.status == Status.WAITLISTED:
        steps.append(
            "If a place comes free and you are next in line, we email you to offer it. "
            f"You then have {work_group.offer_hours} hours to accept it."
        )
    elif enrolment.status == Status.INTERESTED:
        steps.append(
            f"{hub} looks at everyone's interest and then offers places. "
            "We email you when they decide."
        )
    if not sessions:
        steps.append(
            f"{hub} has not set the dates of the sessions yet. They appear on My Work Groups, "
            "and in your calendar if you subscribe to it, as soon as they are set."
        )
    elif first is None:
        steps.append(
            f"All the sessions of this Work Group have already taken place. Contact {hub} to "
            "ask what you can still join."
        )
    elif held:
        met = TIMES.get(held, f"{held} times")
        if enrolment.status in Enrolment.MEMBERS:
            steps.append(
                f"The group has already met {met}, so your first session is session "
                f"{first.number} on {when}. The leads can tell you what you missed."
            )
        else:
            steps.append(f"The group has already met {met}. The next session is on {when}.")
    elif enrolment.status in Enrolment.MEMBERS:
        steps.append(f"The first session is on {when}. {hub} will be in touch before it.")
    else:
        steps.append(f"The first session is on {when}.")
    return steps
