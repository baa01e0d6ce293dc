"""Running the retention rules: every rule runs even when one fails, an applied run is audited
with counts only, the command prints what would go or what went, and the daily job is
scheduled. Each app's own rule is tested in that app (practice/tests/test_retention.py)."""

from datetime import UTC, datetime

import pytest
from celery.schedules import crontab
from django.conf import settings
from django.core.management import CommandError, call_command

from hubwork.celery import app
from hubwork.core import retention
from hubwork.core.models import AuditEvent
from hubwork.core.retention import RetentionRule, register_retention_rule, retention_run
from hubwork.core.tasks import apply_retention

NOW = datetime(2026, 9, 2, 3, 15, tzinfo=UTC)


class Shelf:
    """Something that expires, kept in memory: applying removes what is due, once."""

    def __init__(self, name: str, items: list[str]) -> None:
        self.items = list(items)
        self.rule = RetentionRule(
            name=name, description=f"Old {name}", due=self.due, apply=self.apply
        )

    def due(self, now: datetime) -> list[str]:
        return [f"Item '{item}'" for item in self.items]

    def apply(self, now: datetime) -> list[str]:
        removed = self.due(now)
        self.items.clear()
        return removed


def broken(now: datetime) -> list[str]:
    raise RuntimeError("storage unavailable")


@pytest.fixture(autouse=True)
def rules(monkeypatch):
    """A rule list of the test's own, whatever the apps register."""
    monkeypatch.setattr(retention, "_rules", {})


@pytest.fixture
def shelves():
    first, second = Shelf("alpha.notes", ["a1", "a2"]), Shelf("gamma.codes", ["g1"])
    register_retention_rule(first.rule)
    register_retention_rule(RetentionRule("beta.broken", "Always fails", broken, broken))
    register_retention_rule(second.rule)
    return first, second


def test_the_dry_run_lists_every_rule_and_changes_nothing(db, shelves):
    run = retention_run(now=NOW, dry_run=True)

    assert run.lines == {"alpha.notes": ["Item 'a1'", "Item 'a2'"], "gamma.codes": ["Item 'g1'"]}
    assert run.errors == {"beta.broken": "RuntimeError: storage unavailable"}
    assert run.total == 3
    assert [shelf.items for shelf in shelves] == [["a1", "a2"], ["g1"]]
    assert not AuditEvent.objects.exists()


def test_a_failing_rule_does_not_stop_the_others_and_the_run_is_audited(db, shelves):
    run = retention_run(now=NOW, dry_run=False)

    assert run.counts == {"alpha.notes": 2, "gamma.codes": 1}
    assert [shelf.items for shelf in shelves] == [[], []]
    [event] = AuditEvent.objects.all()
    assert (event.verb, event.actor_id) == ("retention.applied", None)
    assert event.data == {"counts": {"alpha.notes": 2, "gamma.codes": 1}, "failed": ["beta.broken"]}
    assert "a1" not in str(event.data)  # counts, never what the lines name

    again = retention_run(now=NOW, dry_run=False)
    assert again.counts == {"alpha.notes": 0, "gamma.codes": 0}


def test_the_dry_run_command_prints_each_rule_then_fails_for_the_broken_one(db, shelves, capsys):
    with pytest.raises(CommandError, match=r"1 rule\(s\) failed: beta\.broken"):
        call_command("retention", "--dry-run")
    output = capsys.readouterr().out
    assert output.splitlines() == [
        "alpha.notes: Old alpha.notes",
        "  Item 'a1'",
        "  Item 'a2'",
        "  2 would go",
        "beta.broken: Always fails",
        "  Failed: RuntimeError: storage unavailable",
        "gamma.codes: Old gamma.codes",
        "  Item 'g1'",
        "  1 would go",
        "Total: 3 would go (dry run)",
    ]
    assert [shelf.items for shelf in shelves] == [["a1", "a2"], ["g1"]]


def test_the_command_applies_and_prints_what_it_removed(db, capsys):
    shelf = Shelf("alpha.notes", ["a1"])
    register_retention_rule(shelf.rule)

    call_command("retention")
    output = capsys.readouterr().out
    assert "  Item 'a1'\n  1 removed\nTotal: 1 removed\n" in output
    assert shelf.items == []

    call_command("retention")
    assert "Total: 0 removed" in capsys.readouterr().out


def test_the_daily_job_applies_every_rule_and_reports_what_it_removed(db, shelves):
    report = apply_retention.delay().get()

    assert report == {
        "counts": {"alpha.notes": 2, "gamma.codes": 1},
        "lines": {"alpha.notes": ["Item 'a1'", "Item 'a2'"], "gamma.codes": ["Item 'g1'"]},
        "errors": {"beta.broken": "RuntimeError: storage unavailable"},
    }
    assert apply_retention.delay().get()["counts"] == {"alpha.notes": 0, "gamma.codes": 0}
    assert AuditEvent.objects.filter(verb="retention.applied").count() == 2


def test_the_daily_job_is_on_the_beat_schedule_at_night():
    entry = settings.CELERY_BEAT_SCHEDULE["apply-retention"]
    assert entry["task"] == "hubwork.core.tasks.apply_retention"
    assert entry["task"] in app.tasks
    assert entry["schedule"] == crontab(hour=3, minute=15)


def test_the_settings_have_their_documented_defaults():
    assert settings.PRACTICE_EVIDENCE_RETENTION_YEARS == 3
    assert settings.NEWSLETTER_UNCONFIRMED_RETENTION_DAYS == 30


def test_the_privacy_notice_says_how_long_evidence_is_kept(client, db, settings):
    html = client.get("/privacy/").content.decode()
    assert "Evidence files on classroom trials (photos and PDFs) are deleted 3 years" in html
    assert "Outputs you made are kept" in html
    assert "does not yet delete anything automatically" not in html
    settings.PRACTICE_EVIDENCE_RETENTION_YEARS = 1
    html = client.get("/privacy/").content.decode()
    assert "are deleted 1 year after the end of their Work Group" in html
