"""The Celery app. Without REDIS_URL, settings make tasks run eagerly in-process."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hubwork.settings")

app = Celery("hubwork")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
# Emails queued by services live beside the tasks, in each app's notifications module.
app.autodiscover_tasks(related_name="notifications")
