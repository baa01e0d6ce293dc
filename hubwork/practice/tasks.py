from celery import shared_task

from hubwork.practice.services.reminders import reminders_send


@shared_task
def send_reminders() -> int:
    """Reminders before sessions: trials not yet logged, plans not yet made. Celery beat runs
    it hourly; reminders already sent are never sent again."""
    return reminders_send()
