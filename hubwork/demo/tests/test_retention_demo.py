"""The demo gives the retention dry run something real to list: last year's trial photo,
once evidence is kept for no years after its Work Group's year ends."""

from django.core.management import call_command

from hubwork.core.academic_years import AcademicYear
from hubwork.practice.models import Evidence


def test_the_dry_run_lists_last_years_demo_photo_when_evidence_is_kept_no_years(
    db, settings, tmp_path, capsys
):
    settings.DEBUG = True
    settings.MEDIA_ROOT = tmp_path
    call_command("seed_demo")
    capsys.readouterr()
    last_year = AcademicYear.current().previous()
    [old] = Evidence.objects.filter(trial__work_group__academic_year=last_year.start_year)

    call_command("retention", "--dry-run")
    assert "working-wall.jpg" not in capsys.readouterr().out

    settings.PRACTICE_EVIDENCE_RETENTION_YEARS = 0
    call_command("retention", "--dry-run")
    output = capsys.readouterr().out
    expected = (
        f"  Evidence 'working-wall.jpg' (trial {old.trial_id}, Work Group "
        f"'{old.trial.work_group.title}' {last_year.label})\n"
    )
    assert expected in output
    assert "  1 would go\n" in output
    assert Evidence.objects.filter(pk=old.pk).exists()
    assert (tmp_path / old.file.name).is_file()
