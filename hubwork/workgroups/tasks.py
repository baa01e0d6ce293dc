"""Scheduled work on places, run by Celery beat."""

from celery import shared_task

from hubwork.workgroups.services.places import invitations_lapse, offers_expire


@shared_task
def expire_offers() -> int:
    """Lapse offers past their time and offer the places on. Celery beat runs it."""
    return offers_expire()


@shared_task
def lapse_invitations() -> int:
    """Lapse colleagues' invitations past their time, so their batches go on without them and
    places held for them move on. Celery beat runs it."""
    return invitations_lapse()
