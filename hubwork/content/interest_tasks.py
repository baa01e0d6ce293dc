"""Registered-interest emails, sent as Celery tasks once the change has committed (queued
through the outbox by content/services/interest.py, which this module never imports)."""

from celery import shared_task
from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse

from hubwork.content.interest_links import CONFIRM_MAX_AGE, confirm_url, stop_url
from hubwork.content.models import InterestRegistration
from hubwork.core.tasks import send_email
from hubwork.workgroups.models import WorkGroup


@shared_task
def interest_send_confirmation(*, registration_id: int) -> int:
    """Email the confirmation link; nothing if the registration has gone or is confirmed."""
    registration = (
        InterestRegistration.objects.select_related("programme", "hub")
        .filter(pk=registration_id, confirmed_at__isnull=True)
        .first()
    )
    if registration is None:
        return 0
    body = render_to_string(
        "content/email/interest_confirm.txt",
        {
            "registration": registration,
            "confirm_url": confirm_url(registration),
            "stop_url": stop_url(registration),
            "days": CONFIRM_MAX_AGE // (24 * 60 * 60),
        },
    )
    send_email.delay(
        to=[registration.email],
        subject="Confirm you want to hear about new Work Groups",
        text_body=body,
    )
    return 1


@shared_task
def interest_send_opened(*, work_group_id: int, registration_ids: list[int]) -> int:
    """Tell each registration (a batch of them) that `work_group` has opened: one email
    each, so one bad address does not hold up the rest. Registrations withdrawn since are
    left out. Returns how many were emailed."""
    work_group = (
        WorkGroup.objects.select_related("programme", "hub").filter(pk=work_group_id).first()
    )
    if work_group is None:
        return 0
    registrations = InterestRegistration.objects.filter(
        pk__in=registration_ids, notified_work_group=work_group
    ).order_by("pk")
    url = settings.SITE_URL + work_group.get_absolute_url()
    subject = f"A Work Group has opened: {work_group.title}"
    sent = 0
    for registration in registrations:
        body = render_to_string(
            "content/email/interest_opened.txt",
            {
                "work_group": work_group,
                "url": url,
                "catalogue_url": settings.SITE_URL + reverse("workgroups:catalogue"),
                "stop_url": stop_url(registration),
            },
        )
        send_email.delay(to=[registration.email], subject=subject, text_body=body)
        sent += 1
    return sent
