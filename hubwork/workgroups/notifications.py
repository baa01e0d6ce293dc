"""Emails about places and sessions, sent as Celery tasks once the change has committed.

Services queue these; they import nothing from the services, so the two never import each
other."""

from datetime import date, time

from celery import shared_task
from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse

from hubwork.core.tasks import send_email
from hubwork.workgroups.models import Enrolment, SessionChange


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
