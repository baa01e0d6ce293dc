"""Emails about places and sessions, sent as Celery tasks once the change has committed.

Services queue these; they import nothing from the services, so the two never import each
other."""

from datetime import date, time
from urllib.parse import urlencode

from celery import shared_task
from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from hubwork.accounts.selectors import user_with_email
from hubwork.core.tasks import send_email
from hubwork.workgroups.models import (
    ColleagueInvitation,
    ContinuationInvitation,
    Enrolment,
    Session,
    SessionChange,
)
from hubwork.workgroups.selectors.sign_up import sign_up_summary


@shared_task
def notify_session_changed(*, change_id: int) -> int:
    """Email everyone taking part in the Work Group, and its other leads, about a change.

    One email task per person, so one bad address does not hold up the rest.
    """
    change = SessionChange.objects.select_related(
        "session__work_group__programme", "session__work_group__hub", "changed_by"
    ).get(pk=change_id)
    work_group = change.session.work_group
    participants = Enrolment.objects.filter(work_group=work_group, status__in=Enrolment.TAKING_PART)
    recipients = {
        enrolment.user.email: enrolment.user for enrolment in participants.select_related("user")
    }
    for lead in work_group.leads.exclude(pk=change.changed_by_id):
        recipients.setdefault(lead.email, lead)
    context = {
        "change": change,
        "session": change.session,
        "work_group": work_group,
        "before": {
            **change.before,
            "date": date.fromisoformat(change.before["date"]),
            "starts_at": time.fromisoformat(change.before["starts_at"]),
            "ends_at": time.fromisoformat(change.before["ends_at"]),
        },
        "url": settings.SITE_URL + work_group.get_absolute_url(),
        "calendar_url": settings.SITE_URL + "/calendar/",
    }
    subject = _subject(change)
    for email, person in recipients.items():
        body = render_to_string(
            "workgroups/email/session_changed.txt", {**context, "person": person}
        )
        send_email.delay(to=[email], subject=subject, text_body=body)
    return len(recipients)


def _subject(change: SessionChange) -> str:
    session, work_group = change.session, change.session.work_group
    if SessionChange.Kind.CANCELLED in change.kinds:
        what = "is cancelled"
    elif SessionChange.Kind.MOVED_ONLINE in change.kinds:
        what = "has moved online"
    elif SessionChange.Kind.MOVED in change.kinds:
        what = f"has moved to {session.date:%-d %B}"
    elif SessionChange.Kind.REINSTATED in change.kinds:
        what = "is back on"
    else:
        what = "has a new venue or joining link"
    return f"Hubwork: {work_group.title} session {session.number} {what}"


@shared_task
def notify_place_offered(*, enrolment_id: int) -> None:
    """Tell someone on the waiting list that a place is theirs if they accept it in time."""
    enrolment = Enrolment.objects.select_related("work_group__hub", "user").get(pk=enrolment_id)
    if enrolment.status != Enrolment.Status.OFFERED:
        return  # accepted, declined or lapsed before the email went
    work_group = enrolment.work_group
    body = render_to_string(
        "workgroups/email/place_offered.txt",
        {
            "enrolment": enrolment,
            "work_group": work_group,
            "url": settings.SITE_URL + reverse("workgroups:mine"),
            "accept_url": settings.SITE_URL
            + reverse("workgroups:accept", kwargs={"pk": enrolment.pk}),
            "decline_url": settings.SITE_URL
            + reverse("workgroups:decline", kwargs={"pk": enrolment.pk}),
        },
    )
    send_email.delay(
        to=[enrolment.user.email],
        subject=f"Hubwork: a place for you in {work_group.title}",
        text_body=body,
    )


def _links(work_group_slug: str) -> dict[str, str]:
    """The addresses every email about a place gives: the person's Work Groups, the Work
    Group's page, its calendar file and the page to subscribe to all their sessions."""
    return {
        "mine_url": settings.SITE_URL + reverse("workgroups:mine"),
        "url": settings.SITE_URL + reverse("workgroups:detail", kwargs={"slug": work_group_slug}),
        "ics_url": settings.SITE_URL
        + reverse("workgroups:calendar", kwargs={"slug": work_group_slug}),
        "calendar_url": settings.SITE_URL + reverse("workgroups:calendar_settings"),
    }


@shared_task
def notify_signed_up(*, enrolment_id: int) -> None:
    """Tell someone what their sign-up (or their colleague's confirmation, or an accepted
    offer) led to: a place, the waiting list and why, or hub review; with the dates, what
    happens next and a calendar link. Worded from where things stand when it is sent."""
    enrolment = Enrolment.objects.select_related(
        "work_group__hub", "work_group__programme", "user", "school"
    ).get(pk=enrolment_id)
    if enrolment.status in Enrolment.CLOSED:
        return  # left again before the email went
    summary = sign_up_summary(enrolment)
    work_group = enrolment.work_group
    if enrolment.status in Enrolment.MEMBERS:
        subject = f"Hubwork: you have a place in {work_group.title}"
    elif enrolment.status == Enrolment.Status.OFFERED:
        subject = f"Hubwork: a place for you in {work_group.title}"
    elif enrolment.status == Enrolment.Status.WAITLISTED:
        subject = f"Hubwork: you are on the waiting list for {work_group.title}"
    else:
        subject = f"Hubwork: {work_group.hub.name} has your interest in {work_group.title}"
    body = render_to_string(
        "workgroups/email/signed_up.txt",
        {"summary": summary, "enrolment": enrolment, **_links(work_group.slug)},
    )
    send_email.delay(to=[enrolment.user.email], subject=subject, text_body=body)


@shared_task
def notify_colleague_invited(*, invitation_id: int) -> None:
    """Tell a colleague who signed them up, and how to confirm (or say no). An address with
    no account is asked to create one first; the person who named them never learns which."""
    invitation = ColleagueInvitation.objects.select_related(
        "work_group__hub", "school", "invited_by"
    ).get(pk=invitation_id)
    if invitation.status != ColleagueInvitation.Status.PENDING:
        return
    work_group = invitation.work_group
    confirm_path = reverse("workgroups:invitation", kwargs={"pk": invitation.pk})
    has_account = user_with_email(invitation.email) is not None
    body = render_to_string(
        "workgroups/email/colleague_invited.txt",
        {
            "invitation": invitation,
            "work_group": work_group,
            "inviter": invitation.invited_by.display_name
            if invitation.invited_by
            else "A colleague",
            "has_account": has_account,
            "sessions": work_group.sessions.filter(
                status=Session.Status.SCHEDULED, date__gte=timezone.localdate()
            ).order_by("date", "starts_at", "number"),
            "confirm_url": settings.SITE_URL + confirm_path,
            "create_account_url": settings.SITE_URL
            + reverse("account_signup")
            + "?"
            + urlencode({"next": confirm_path}),
            **_links(work_group.slug),
        },
    )
    send_email.delay(
        to=[invitation.email],
        subject=f"Hubwork: confirm your place in {work_group.title}",
        text_body=body,
    )


@shared_task
def notify_invitation_lapsed(*, invitation_id: int) -> None:
    """Tell the person who named a colleague that the colleague did not confirm in time."""
    invitation = ColleagueInvitation.objects.select_related("work_group__hub", "invited_by").get(
        pk=invitation_id
    )
    if invitation.invited_by is None or invitation.status != ColleagueInvitation.Status.LAPSED:
        return
    body = render_to_string(
        "workgroups/email/invitation_lapsed.txt",
        {
            "invitation": invitation,
            "work_group": invitation.work_group,
            "person": invitation.invited_by,
            **_links(invitation.work_group.slug),
        },
    )
    send_email.delay(
        to=[invitation.invited_by.email],
        subject=f"Hubwork: {invitation.email} did not confirm their place in "
        f"{invitation.work_group.title}",
        text_body=body,
    )


@shared_task
def notify_continuation_invited(*, invitation_id: int) -> None:
    """Invite one of last year's completers to carry on in next year's copy of their Work
    Group, with the link to accept or decline (the page answers only to them)."""
    invitation = ContinuationInvitation.objects.select_related(
        "work_group__hub",
        "previous__user",
        "previous__school",
        "previous__work_group__hub",
        "invited_by",
    ).get(pk=invitation_id)
    if invitation.status != ContinuationInvitation.Status.PENDING:
        return
    work_group = invitation.work_group
    person = invitation.previous.user
    sessions = list(
        work_group.sessions.filter(status=Session.Status.SCHEDULED).order_by(
            "date", "starts_at", "number"
        )
    )
    body = render_to_string(
        "workgroups/continuation/email/invited.txt",
        {
            "invitation": invitation,
            "previous": invitation.previous,
            "work_group": work_group,
            "person": person,
            "inviter": invitation.invited_by.display_name
            if invitation.invited_by
            else work_group.hub.name,
            "sessions": sessions,
            "first_session": sessions[0] if sessions else None,
            "answer_url": settings.SITE_URL
            + reverse("workgroups:continuation", kwargs={"pk": invitation.pk}),
            "mine_url": settings.SITE_URL + reverse("workgroups:mine"),
        },
    )
    send_email.delay(
        to=[person.email],
        subject=f"Hubwork: carry on in {work_group.title} in {work_group.year.label}",
        text_body=body,
    )
