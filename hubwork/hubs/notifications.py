"""Emails about hub teams, sent as Celery tasks once the change has committed. Services queue
these; they import nothing from the services."""

from celery import shared_task
from django.conf import settings
from django.template.loader import render_to_string
from django.urls import NoReverseMatch

from hubwork.core.navigation import page_url
from hubwork.core.tasks import send_email
from hubwork.hubs.models import Accreditation, HubRole

# The LLME's own record is a page an app above registers (core.navigation), with `pk`: the
# LLME's user id.
LLME_RECORD_PAGE = "llme_record"


@shared_task
def notify_llme_welcome(*, accreditation_id: int, hub_role_id: int) -> None:
    """Welcome a newly accredited LLME: their accreditation, the hub and when they start."""
    accreditation = Accreditation.objects.select_related("user").filter(pk=accreditation_id).first()
    hub_role = HubRole.objects.select_related("hub").filter(pk=hub_role_id).first()
    if accreditation is None or hub_role is None:
        return  # removed again before the email went
    try:
        record_url = settings.SITE_URL + page_url(LLME_RECORD_PAGE, pk=str(accreditation.user_id))
    except NoReverseMatch:
        record_url = ""
    body = render_to_string(
        "hubs/email/llme_welcome.txt",
        {
            "user": accreditation.user,
            "accreditation": accreditation,
            "hub_role": hub_role,
            "hub": hub_role.hub,
            "record_url": record_url,
        },
    )
    send_email.delay(
        to=[accreditation.user.email],
        subject=f"Hubwork: welcome, you are now an LLME of {hub_role.hub.name}",
        text_body=body,
    )
