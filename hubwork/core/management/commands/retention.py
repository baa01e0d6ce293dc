from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from hubwork.core.retention import retention_rules, retention_run


class Command(BaseCommand):
    help = (
        "Apply the retention rules: remove what has been kept long enough. With --dry-run, "
        "list what would go and change nothing."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--dry-run", action="store_true", help="List what would go; change nothing."
        )

    def handle(self, *args: Any, dry_run: bool, **options: Any) -> None:
        run = retention_run(now=timezone.now(), dry_run=dry_run)
        verb = "would go" if dry_run else "removed"
        for rule in retention_rules():
            self.stdout.write(self.style.MIGRATE_HEADING(f"{rule.name}: {rule.description}"))
            if rule.name in run.errors:
                self.stdout.write(self.style.ERROR(f"  Failed: {run.errors[rule.name]}"))
                continue
            lines = run.lines.get(rule.name, [])
            for line in lines:
                self.stdout.write(f"  {line}")
            self.stdout.write(f"  {len(lines)} {verb}")
        self.stdout.write(f"Total: {run.total} {verb}" + (" (dry run)" if dry_run else ""))
        if run.errors:
            raise CommandError(
                f"{len(run.errors)} rule(s) failed: {', '.join(sorted(run.errors))}."
            )
