"""Retention of trial evidence: files go PRACTICE_EVIDENCE_RETENTION_YEARS after their Work
Group's academic year ends (31 August), on 1 September; outputs stay. The dry run lists
exactly what would go; applying removes the stored files and rows, once."""

from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command

from hubwork.core import retention
from hubwork.core.academic_years import AcademicYear
from hubwork.core.models import AuditEvent
from hubwork.core.retention import retention_run
from hubwork.core.tasks import apply_retention
from hubwork.practice.models import ClassroomTrial, Evidence, Output
from hubwork.practice.services.evidence import evidence_add
from hubwork.practice.services.outputs import output_create
from hubwork.practice.tests.factories import ClassroomTrialFactory
from hubwork.practice.tests.test_uploads import jpeg_with_gps, pdf_with_author, upload
from hubwork.workgroups.tests.factories import EnrolmentFactory, WorkGroupFactory

pytestmark = pytest.mark.usefixtures("media")

LONDON = ZoneInfo("Europe/London")
# With the default of 3 years, 2020/21 (which ended on 31 August 2021) keeps its evidence to
# the end of 31 August 2024. Just after midnight in London is still 31 August in UTC.
LAST_DAY_KEPT = datetime(2024, 8, 31, 23, 59, tzinfo=LONDON)
FIRST_DAY_GONE = datetime(2024, 9, 1, 0, 1, tzinfo=LONDON)


@pytest.fixture(autouse=True)
def evidence_rule_only(monkeypatch):
    """Only this app's rule runs here, whatever other apps register."""
    rules = {name: rule for name, rule in retention._rules.items() if name == "trial-evidence"}
    assert rules, "the evidence rule is registered when the app loads"
    monkeypatch.setattr(retention, "_rules", rules)


def trial_with_evidence(hub, start_year: int, *names: str) -> ClassroomTrial:
    work_group = WorkGroupFactory.create(
        hub=hub, academic_year=start_year, title=f"Mastering Number {start_year}"
    )
    member = EnrolmentFactory.create(work_group=work_group).user
    trial = ClassroomTrialFactory.create(
        work_group=work_group, author=member, gap_task=None, own_idea="Number talks"
    )
    for name in names:
        data = pdf_with_author() if name.endswith(".pdf") else jpeg_with_gps()
        evidence_add(trial=trial, upload=upload(name, data), by=member)
    return trial


def stored(media: Path) -> set[str]:
    return {str(path.relative_to(media)) for path in media.rglob("*") if path.is_file()}


def files_of(trial: ClassroomTrial) -> set[str]:
    return {
        name
        for evidence in trial.evidence.all()
        for name in (evidence.file.name, evidence.preview.name)
        if name
    }


@pytest.fixture
def trials(hub):
    """Evidence from three years: long gone, gone from 1 September 2024, and kept."""
    return {
        2019: trial_with_evidence(hub, 2019, "board.jpg", "worksheet.pdf"),
        2020: trial_with_evidence(hub, 2020, "photo.jpg"),
        2021: trial_with_evidence(hub, 2021, "kept.jpg"),
    }


def line(trial: ClassroomTrial, name: str) -> str:
    work_group = trial.work_group
    return (
        f"Evidence '{name}' (trial {trial.pk}, Work Group '{work_group.title}' "
        f"{work_group.year.label})"
    )


def test_the_dry_run_lists_exactly_the_expired_evidence_and_deletes_nothing(trials, media):
    before = stored(media)
    assert len(before) == 8  # four files and their previews (a PDF's first page too)

    run = retention_run(now=LAST_DAY_KEPT, dry_run=True)
    assert run.lines == {
        "trial-evidence": [line(trials[2019], "board.jpg"), line(trials[2019], "worksheet.pdf")]
    }

    run = retention_run(now=FIRST_DAY_GONE, dry_run=True)
    assert run.lines == {
        "trial-evidence": [
            line(trials[2019], "board.jpg"),
            line(trials[2019], "worksheet.pdf"),
            line(trials[2020], "photo.jpg"),
        ]
    }
    assert stored(media) == before
    assert Evidence.objects.count() == 4
    assert not AuditEvent.objects.filter(verb__in=["evidence.expired", "retention.applied"])


def test_applying_deletes_the_files_and_rows_once_and_audits_counts(trials, media, hub):
    gone = files_of(trials[2019]) | files_of(trials[2020])
    kept = files_of(trials[2021])
    assert len(gone) == 6

    due = retention_run(now=FIRST_DAY_GONE, dry_run=True).lines
    run = retention_run(now=FIRST_DAY_GONE, dry_run=False)

    assert run.lines == due
    assert run.counts == {"trial-evidence": 3}
    assert not run.errors
    assert stored(media) == kept
    assert list(Evidence.objects.values_list("original_name", flat=True)) == ["kept.jpg"]
    for year in (2019, 2020):
        trials[year].refresh_from_db()
        assert str(trials[year].evidence_deleted_on) == "2024-09-01"
    trials[2021].refresh_from_db()
    assert trials[2021].evidence_deleted_on is None

    events = AuditEvent.objects.filter(verb="evidence.expired").order_by("pk")
    assert [(event.object_id, event.hub_id, event.data) for event in events] == [
        (
            str(trials[2019].work_group_id),
            hub.pk,
            {"evidence_files": 2, "trials": 1, "academic_year": "2019/20"},
        ),
        (
            str(trials[2020].work_group_id),
            hub.pk,
            {"evidence_files": 1, "trials": 1, "academic_year": "2020/21"},
        ),
    ]
    [run_event] = AuditEvent.objects.filter(verb="retention.applied")
    assert run_event.actor is None
    assert run_event.data == {"counts": {"trial-evidence": 3}, "failed": []}
    # Counts only: no file name (which may name a pupil) reaches the log.
    for event in AuditEvent.objects.filter(verb__in=["evidence.expired", "retention.applied"]):
        assert "board" not in str(event.data) + event.object_repr

    again = retention_run(now=FIRST_DAY_GONE, dry_run=False)
    assert again.counts == {"trial-evidence": 0}
    assert stored(media) == kept
    assert AuditEvent.objects.filter(verb="evidence.expired").count() == 2


def test_outputs_are_kept_when_their_groups_evidence_goes(trials, media):
    trial = trials[2019]
    output = output_create(
        author=trial.author,
        work_group=trial.work_group,
        kind=Output.Kind.RESOURCE,
        title="Number talk prompts",
        upload=upload("prompts.pdf", pdf_with_author()),
    )

    retention_run(now=FIRST_DAY_GONE, dry_run=False)

    assert Output.objects.filter(pk=output.pk).exists()
    assert output.file.name in stored(media)


def test_the_setting_moves_the_boundary(hub, settings):
    trial = trial_with_evidence(hub, 2022, "recent.jpg")  # 2022/23 ended on 31 August 2023

    assert retention_run(now=FIRST_DAY_GONE, dry_run=True).total == 0
    settings.PRACTICE_EVIDENCE_RETENTION_YEARS = 1
    assert retention_run(now=LAST_DAY_KEPT, dry_run=True).total == 0
    assert retention_run(now=FIRST_DAY_GONE, dry_run=True).lines == {
        "trial-evidence": [line(trial, "recent.jpg")]
    }


def test_the_trial_page_says_when_its_evidence_was_deleted(client, trials):
    trial = trials[2019]
    client.force_login(trial.author)
    assert "was deleted on" not in client.get(f"/trials/{trial.pk}/").content.decode()

    retention_run(now=FIRST_DAY_GONE, dry_run=False)

    html = client.get(f"/trials/{trial.pk}/").content.decode()
    assert "Evidence from this trial was deleted on 1 September 2024" in html
    assert 'href="/privacy/#how-long"' in html
    assert "No evidence files." not in html
    html = client.get(f"/my/trials/{trial.pk}/").content.decode()
    assert "Evidence from this trial was deleted on 1 September 2024" in html


def test_the_daily_job_and_the_command_remove_evidence_past_its_time(hub, media, capsys):
    this_year = AcademicYear.current()
    old = trial_with_evidence(hub, this_year.start_year - 5, "old.jpg")
    recent = trial_with_evidence(hub, this_year.previous().start_year, "recent.jpg")

    call_command("retention", "--dry-run")
    output = capsys.readouterr().out
    assert "trial-evidence: Trial evidence files, 3 year(s) after" in output
    assert f"  {line(old, 'old.jpg')}\n" in output
    assert "recent.jpg" not in output
    assert "Total: 1 would go (dry run)" in output
    assert Evidence.objects.count() == 2

    report = apply_retention.delay().get()
    assert report == {
        "counts": {"trial-evidence": 1},
        "lines": {"trial-evidence": [line(old, "old.jpg")]},
        "errors": {},
    }
    assert stored(media) == files_of(recent)

    call_command("retention")
    assert "Total: 0 removed" in capsys.readouterr().out
    assert apply_retention.delay().get()["counts"] == {"trial-evidence": 0}


def test_the_evidence_form_says_how_long_evidence_is_kept(client, member, settings):
    client.force_login(member)
    assert (
        "Evidence files are deleted 3 years after the Work Group's academic year ends."
        in client.get("/my/trials/new/").content.decode()
    )
    settings.PRACTICE_EVIDENCE_RETENTION_YEARS = 1
    assert (
        "Evidence files are deleted 1 year after" in client.get("/my/trials/new/").content.decode()
    )
