"""The demo's research project: GLOW's Oracy RIWG from last year, written up to "writing
up" with cycles by its members, and carried on by this year's group as year 2; seeding
again adds nothing."""

import pytest

from hubwork.accounts.tests.factories import UserFactory
from hubwork.core.academic_years import AcademicYear
from hubwork.demo.research_projects import seed_research_projects
from hubwork.programmes.models import Programme
from hubwork.research.models import EnquiryCycle, ResearchProject
from hubwork.research.tests.factories import ReadingFactory
from hubwork.workgroups.tests.factories import EnrolmentFactory, ProgrammeFactory, WorkGroupFactory

pytestmark = pytest.mark.django_db


def _oracy(hub, programme, year: AcademicYear):
    return WorkGroupFactory.create(
        hub=hub,
        programme=programme,
        academic_year=year.start_year,
        code=f"GLOW-ORA-{year.start_year % 100:02d}",
    )


def test_glows_oracy_project_is_seeded_once_with_its_year_2(hub):
    UserFactory.create(email="llme@example.org")
    ReadingFactory.create(title="Teaching children how to use language to solve maths problems")
    programme = ProgrammeFactory.create(slug="riwg-oracy", kind=Programme.Kind.RIWG)
    this_year = AcademicYear.current()
    last = _oracy(hub, programme, this_year.previous())
    current = _oracy(hub, programme, this_year)
    members = [EnrolmentFactory.create(work_group=last) for _ in range(5)]
    EnrolmentFactory.create(work_group=current, user=members[0].user, continues_from=members[0])

    assert seed_research_projects(hubs={"glow": hub}) > 0
    assert seed_research_projects(hubs={"glow": hub}) == 0

    project = ResearchProject.objects.get()
    assert project.status == ResearchProject.Status.WRITING_UP
    assert project.ethics_complete
    assert project.question
    assert project.readings.count() == 1
    assert list(project.years.values_list("number", "work_group")) == [
        (1, last.pk),
        (2, current.pk),
    ]
    assert project.years.get(number=2).timeline
    assert EnquiryCycle.objects.filter(project=project).count() == 4
    assert project.schools.filter(named_with_consent=True).count() == 2
