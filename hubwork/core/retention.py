"""Retention: personal data Hubwork keeps only as long as it needs to.

Each app registers its rules in its own `retention.py` module, loaded at start-up. A daily
Celery beat job applies every rule; `manage.py retention --dry-run` lists what would go.
"""

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from hubwork.core.audit import audit

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class RetentionRule:
    """One kind of data that expires.

    `due(now)` describes, one line per item, what applying the rule now would remove (it
    changes nothing); `apply(now)` removes it and describes what it removed. Applying a rule
    twice removes nothing the second time.
    """

    name: str
    description: str
    due: Callable[[datetime], list[str]]
    apply: Callable[[datetime], list[str]]


_rules: dict[str, RetentionRule] = {}


def register_retention_rule(rule: RetentionRule) -> None:
    """Add a rule; registering the same name again replaces it (module reloads)."""
    _rules[rule.name] = rule


def retention_rules() -> list[RetentionRule]:
    return sorted(_rules.values(), key=lambda rule: rule.name)


@dataclass(frozen=True)
class RetentionRun:
    """What one pass over every rule found (`dry_run`) or removed: each rule's lines, by rule
    name, and the error of each rule that failed (the others still ran)."""

    dry_run: bool
    lines: dict[str, list[str]]
    errors: dict[str, str]

    @property
    def counts(self) -> dict[str, int]:
        return {name: len(lines) for name, lines in self.lines.items()}

    @property
    def total(self) -> int:
        return sum(self.counts.values())


def retention_run(*, now: datetime, dry_run: bool) -> RetentionRun:
    """Run every rule: list what is due (`dry_run`) or remove it.

    A rule that raises is reported and the others carry on. An applied run appends one event
    to the audit log with counts per rule: never the lines, which may name people or files.
    """
    lines: dict[str, list[str]] = {}
    errors: dict[str, str] = {}
    for rule in retention_rules():
        try:
            lines[rule.name] = rule.due(now) if dry_run else rule.apply(now)
        except Exception as error:
            logger.exception("Retention rule %s failed", rule.name)
            errors[rule.name] = f"{type(error).__name__}: {error}"
    run = RetentionRun(dry_run=dry_run, lines=lines, errors=errors)
    if not dry_run:
        audit(None, "retention.applied", counts=run.counts, failed=sorted(errors))
    return run
