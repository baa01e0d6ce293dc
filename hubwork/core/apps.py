from typing import Any

from django.apps import AppConfig
from django.core.management import call_command
from django.db.models.signals import post_migrate
from django.utils.module_loading import autodiscover_modules


def create_cache_table(*, using: str, **kwargs: Any) -> None:
    """Without Redis the cache (and so every rate limit) is a database table: `migrate`
    makes it, wherever it runs (`make run`, a release, the test database)."""
    call_command("createcachetable", database=using, verbosity=0)


class CoreConfig(AppConfig):
    name = "hubwork.core"
    label = "core"
    verbose_name = "Core"

    def ready(self) -> None:
        # Every app's part of a person's data and its retention rules (core/privacy.py,
        # core/retention.py) register themselves when their modules load.
        autodiscover_modules("privacy", "retention")
        post_migrate.connect(create_cache_table, sender=self)
