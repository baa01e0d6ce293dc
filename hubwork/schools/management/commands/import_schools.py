import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from hubwork.schools.importers import schools_import
from hubwork.schools.services import SchoolImportReport


class Command(BaseCommand):
    help = (
        "Create or update schools and local authorities from the national register's "
        '"all establishment data" CSV file (edubasealldataYYYYMMDD.csv), matched by URN.'
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", help="the GIAS CSV file, as downloaded")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            # The bar goes to stderr, and only when someone is watching it.
            report = schools_import(path_or_file=options["path"], progress=sys.stderr.isatty())
        except (OSError, ValueError) as error:
            raise CommandError(f"Nothing was imported from {options['path']}: {error}") from None
        self._summary(report)

    def _summary(self, report: SchoolImportReport) -> None:
        self.stdout.write(f"Imported {report.file_name}: {report.rows:,} rows.")
        for label, count in [
            ("created", report.created),
            ("updated", report.updated),
            ("unchanged", report.unchanged),
            ("rejected", len(report.rejected)),
            ("held but not in this file (left as they were)", report.missing_from_file),
            ("local authorities created", report.local_authorities_created),
            ("local authorities renamed", report.local_authorities_renamed),
        ]:
            self.stdout.write(f"  {label}: {count:,}")
        if report.rejected:
            self.stdout.write("Rejected rows (fix them and import the file again):")
            for rejected_row in report.rejected:
                self.stdout.write(self.style.WARNING(str(rejected_row)))
