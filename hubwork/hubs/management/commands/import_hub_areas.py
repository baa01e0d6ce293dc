from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from hubwork.core.imports import UnreadableFileError
from hubwork.hubs.importers import hub_areas_import


class Command(BaseCommand):
    help = "Set hubs' areas from a CSV file with the columns hub,la_code (hub by slug or name)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", type=Path)

    def handle(self, *args: Any, path: Path, **options: Any) -> None:
        try:
            with path.open("rb") as file:
                report = hub_areas_import(file=file, by=None)
        except OSError as error:
            raise CommandError(f"Could not read {path}: {error.strerror}.") from error
        except UnreadableFileError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(report.summary())
        for line, reason in report.rejected:
            self.stdout.write(f"line {line}: {reason}")
