from typing import Any

from django.core.management.base import BaseCommand

from hubwork.programmes.seeds import programmes_seed


class Command(BaseCommand):
    help = "Add the national programmes Hubwork starts with (safe to run again)."

    def handle(self, *args: Any, **options: Any) -> None:
        created = programmes_seed()
        self.stdout.write(
            f"{created} programme(s) added." if created else "Programmes already in place."
        )
