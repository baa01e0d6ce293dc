"""The pages part's Celery tasks."""

from celery import shared_task
from django.core.management import call_command


@shared_task
def publish_scheduled() -> None:
    """Publish pages whose scheduled time has come, and unpublish those whose time is over
    (Wagtail's `publish_scheduled` command; each page is published once, so running it
    again, or on two machines, changes nothing)."""
    call_command("publish_scheduled")
