"""The public site's Celery tasks, by subject, imported here so that workers (which discover
each app's `tasks` module) register them and beat can name them."""

from hubwork.content import interest_tasks, page_tasks, sending_tasks

__all__ = ["interest_tasks", "page_tasks", "sending_tasks"]
