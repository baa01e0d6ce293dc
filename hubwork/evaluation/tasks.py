from celery import shared_task

from hubwork.evaluation.services.invitations import evaluation_requests_send


@shared_task
def send_evaluation_requests() -> int:
    """Evaluation forms that are open: the first emails and the reminders that are due.
    Celery beat runs it hourly; an email already sent is never sent again."""
    return evaluation_requests_send()
