"""The research bench at a tiny scale: its data hangs together (every published finding
indexed, each project year on its own RIWG Work Group) and its pages answer with query
counts that stay flat."""

import importlib.util
import random
from pathlib import Path
from types import ModuleType

import pytest

from hubwork.programmes.models import Programme
from hubwork.research.models import EnquiryCycle, ProjectYear, Reading, ResearchProject
from hubwork.research.search import findings_matching
from hubwork.research.selectors.findings import published_findings

BENCH = Path(__file__).resolve().parents[2] / "bench"


@pytest.fixture
def research(monkeypatch: pytest.MonkeyPatch) -> ModuleType:
    monkeypatch.syspath_prepend(str(BENCH))  # the bench imports its `common` module
    spec = importlib.util.spec_from_file_location("bench_research", BENCH / "research.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.django_db
def test_a_tiny_research_dataset_hangs_together_and_its_pages_answer(research: ModuleType) -> None:
    research.build(research.Sizes(readings=60, projects=12, published=8), random.Random(2))

    assert Reading.objects.count() == 60
    assert ResearchProject.objects.count() == 12
    assert published_findings().count() == 8
    assert not ProjectYear.objects.exclude(work_group__programme__kind=Programme.Kind.RIWG).exists()
    assert EnquiryCycle.objects.count() >= 4 * ProjectYear.objects.count()
    # Every finding's text mentions pupils: the search index holds every published finding.
    assert findings_matching(published_findings(), "pupils").count() == 8

    queries = research.time_pages(runs=1)
    assert queries["finding page, fewest readings"] == queries["finding page, most readings"]
