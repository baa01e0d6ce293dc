"""The national bench's generator at a tiny scale: its rows hang together as the reports
expect (engagement stored exactly where a completion is, registers only for held sessions)."""

import importlib.util
import random
from pathlib import Path
from types import ModuleType

import pytest
from django.db.models import F
from django.utils import timezone

from hubwork.hubs.models import Hub, HubArea
from hubwork.programmes.seeds import programmes_seed
from hubwork.schools.models import LocalAuthority, School
from hubwork.workgroups.models import Attendance, Enrolment, SchoolEngagement, WorkGroup

BENCH = Path(__file__).resolve().parents[2] / "bench"


@pytest.fixture
def national(monkeypatch: pytest.MonkeyPatch) -> ModuleType:
    monkeypatch.syspath_prepend(str(BENCH))  # the bench imports its `common` module
    spec = importlib.util.spec_from_file_location("bench_national", BENCH / "national.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.django_db(transaction=False)
def test_a_tiny_national_dataset_hangs_together(national: ModuleType) -> None:
    programmes_seed()
    national._build(0.001, random.Random(3))

    assert Hub.objects.count() == 40
    assert HubArea.objects.count() == LocalAuthority.objects.count() == 40
    assert School.objects.open().count() > 20
    assert WorkGroup.objects.values("academic_year").distinct().count() == 10
    assert Enrolment.objects.count() > 1_000

    completed = set(
        Enrolment.objects.filter(status=Enrolment.Status.COMPLETED).values_list(
            "school", "work_group__academic_year"
        )
    )
    engaged = set(SchoolEngagement.objects.values_list("school", "academic_year"))
    assert engaged == completed
    assert not SchoolEngagement.objects.exclude(
        first_completion__status=Enrolment.Status.COMPLETED,
        first_completion__school=F("school"),
        first_completion__work_group__academic_year=F("academic_year"),
    ).exists()

    assert Attendance.objects.count() > 2 * Enrolment.objects.count()
    assert not Attendance.objects.filter(session__date__gt=timezone.localdate()).exists()
    assert not Attendance.objects.filter(session__status="cancelled").exists()
    assert not Attendance.objects.exclude(session__work_group=F("enrolment__work_group")).exists()
