"""Emails about LLME applications, sent as Celery tasks once the change has committed
(queued through the outbox by leaders/services/applications.py, which this module never
imports). Each is worded from where things stand when it is sent, and sends nothing when the
step it is about has been overtaken (a newer email follows)."""

import logging
from smtplib import SMTPException

from celery import shared_task
from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse

from hubwork.core.tasks import send_email
from hubwork.leaders.application_links import CONFIRM_MAX_AGE_DAYS, school_leader_url
from hubwork.leaders.interview_invites import (
    INVITE_FILENAME,
    INVITE_MIMETYPE_CANCEL,
    INVITE_MIMETYPE_REQUEST,
    interview_invite,
)
from hubwork.leaders.models import Application, HubApplication

logger = logging.getLogger(__name__)

Status = HubApplication.Status

# The steps the applicant hears about, with each email's subject (the hub's name is added).
STEP_SUBJECTS = {
    Status.SHORTLISTED: "Hubwork: you are shortlisted to become an LLME with {hub}",
    Status.INTERVIEW_ARRANGED: "Hubwork: your LLME interview with {hub}",
    Status.OFFERED: "Hubwork: {hub} offers you a place as an LLME",
    Status.ACCEPTED: "Hubwork: you have accepted {hub}'s offer to become an LLME",
    Status.NOT_PROGRESSED: "Hubwork: your LLME application to {hub}",
}
INTERVIEW_CHANGED_SUBJECT = "Hubwork: your LLME interview with {hub} has changed"
INTERVIEW_CANCELLED_SUBJECT = "Hubwork: your LLME interview with {hub} is cancelled"


def _applications_url() -> str:
    return settings.SITE_URL + reverse("leaders:my_applications")


@shared_task(
    autoretry_for=(SMTPException, OSError),
    retry_backoff=30,
    retry_backoff_max=3600,
    max_retries=8,
)
def send_email_with_invite(
    *, to: list[str], subject: str, text_body: str, invite: str, cancelled: bool = False
) -> int:
    """Send one email with a calendar invite attached; a failing mail server is retried with
    back-off, as core's send_email."""
    message = EmailMultiAlternatives(subject=subject, body=text_body, to=to)
    message.attach(
        INVITE_FILENAME,
        invite,
        INVITE_MIMETYPE_CANCEL if cancelled else INVITE_MIMETYPE_REQUEST,
    )
    sent = message.send()
    logger.info("Sent email %r with an invite to %d recipient(s)", subject, len(to))
    return sent


@shared_task
def application_email_school_leader(*, application_id: int) -> int:
    """Ask the school leader to confirm their support, with the signed link; nothing once
    they have, or if the application has gone."""
    application = (
        Application.objects.select_related("applicant", "school")
        .prefetch_related("hub_applications__hub")
        .filter(pk=application_id, school_leader_confirmed_at__isnull=True)
        .first()
    )
    if application is None:
        return 0
    body = render_to_string(
        "leaders/applications/email/school_leader.txt",
        {
            "application": application,
            "hubs": [part.hub for part in application.hub_applications.all()],
            "confirm_url": school_leader_url(application),
            "days": CONFIRM_MAX_AGE_DAYS,
        },
    )
    name = application.applicant.display_name or "A teacher at your school"
    send_email.delay(
        to=[application.school_leader_email],
        subject=f"Hubwork: please confirm you support {name}'s application to become an LLME",
        text_body=body,
    )
    return 1


@shared_task
def application_email_received(*, application_id: int) -> int:
    """Tell the applicant their application has gone to the hubs they chose."""
    application = (
        Application.objects.select_related("applicant")
        .prefetch_related("hub_applications__hub")
        .filter(pk=application_id)
        .first()
    )
    if application is None:
        return 0
    body = render_to_string(
        "leaders/applications/email/received.txt",
        {
            "application": application,
            "hubs": [part.hub for part in application.hub_applications.all()],
            "url": _applications_url(),
        },
    )
    send_email.delay(
        to=[application.applicant.email],
        subject="Hubwork: we have your application to become an LLME",
        text_body=body,
    )
    return 1


def _hub_application(hub_application_id: int) -> HubApplication | None:
    return (
        HubApplication.objects.select_related("hub", "application__applicant")
        .filter(pk=hub_application_id)
        .first()
    )


@shared_task
def hub_application_email_step(
    *, hub_application_id: int, step: str, sequence: int = 0, changed: bool = False
) -> int:
    """Tell the applicant about a step one hub took: shortlisted, an interview (with its
    calendar invite; `changed` when it was rearranged), an offer, their acceptance, or not
    progressed (with the hub's reason). Nothing if the application has moved on since, or
    the interview was changed again (that change sends its own)."""
    hub_application = _hub_application(hub_application_id)
    if hub_application is None or hub_application.status != step:
        return 0
    if step == Status.INTERVIEW_ARRANGED and hub_application.interview_sequence != sequence:
        return 0
    hub = hub_application.hub
    subject = (INTERVIEW_CHANGED_SUBJECT if changed else STEP_SUBJECTS[Status(step)]).format(
        hub=hub.name
    )
    body = render_to_string(
        f"leaders/applications/email/{step}.txt",
        {
            "hub_application": hub_application,
            "hub": hub,
            "applicant": hub_application.application.applicant,
            "changed": changed,
            "url": _applications_url(),
        },
    )
    to = [hub_application.application.applicant.email]
    if step == Status.INTERVIEW_ARRANGED:
        send_email_with_invite.delay(
            to=to,
            subject=subject,
            text_body=body,
            invite=interview_invite(hub_application).decode("utf-8"),
        )
    else:
        send_email.delay(to=to, subject=subject, text_body=body)
    return 1


@shared_task
def hub_application_email_interview_cancelled(*, hub_application_id: int, sequence: int) -> int:
    """Take the interview out of the applicant's calendar once the application was not
    progressed or withdrawn after it was arranged (a CANCEL with the next SEQUENCE)."""
    hub_application = _hub_application(hub_application_id)
    if (
        hub_application is None
        or hub_application.interview_at is None
        or hub_application.interview_sequence != sequence
    ):
        return 0
    hub = hub_application.hub
    body = render_to_string(
        "leaders/applications/email/interview_cancelled.txt",
        {"hub_application": hub_application, "hub": hub, "url": _applications_url()},
    )
    send_email_with_invite.delay(
        to=[hub_application.application.applicant.email],
        subject=INTERVIEW_CANCELLED_SUBJECT.format(hub=hub.name),
        text_body=body,
        invite=interview_invite(hub_application, cancelled=True).decode("utf-8"),
        cancelled=True,
    )
    return 1
