"""Scheduled work on places, run by Celery beat."""

from celery import shared_task

from hubwork.workgroups.services.places import offers_expire


@shared_task
def expire_offers() -> int:
    """Lapse offers past their time and offer the places on. Celery beat runs it."""
    return offers_expire()
