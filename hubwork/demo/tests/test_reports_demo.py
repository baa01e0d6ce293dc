"""The demo's register and years of engagement give every report a realistic page."""

from django.core.management import call_command
from django.db.models import Count

from hubwork.core.academic_years import AcademicYear
from hubwork.demo.reports import FIRST_URN, seed_reports
from hubwork.hubs.models import Hub
from hubwork.schools.models import School
from hubwork.workgroups.models import Enrolment, SchoolEngagement


def _rate(schools: list[School], engaged: set[int]) -> float:
    return sum(school.pk in engaged for school in schools) / len(schools)


def test_the_demo_fills_a_hubs_area_with_schools_and_ten_years_of_engagement(db, settings):
    settings.DEBUG = True
    call_command("seed_demo")
    glow = Hub.objects.get(slug="glow")
    this_year = AcademicYear.current()
    last_year = this_year.previous()
    area = School.objects.open().filter(local_authority__hub_area__hub=glow)
    assert area.count() > 100
    assert area.filter(phase=School.Phase.SECONDARY).exists()
    assert (
        area.exclude(establishment_type_group="")
        .values("establishment_type_group")
        .distinct()
        .count()
        >= 4
    )
    assert School.objects.filter(urn__gte=FIRST_URN, status=School.Status.CLOSED).exists()

    # Engagement rises: from about a fifth of the area's schools ten years ago to more than
    # half last year.
    by_year = dict(
        SchoolEngagement.objects.filter(school__in=area)
        .values_list("academic_year")
        .annotate(count=Count("pk"))
    )
    ten_years_ago = last_year.start_year - 9
    assert set(range(ten_years_ago, this_year.start_year + 1)) <= set(by_year)
    assert by_year[ten_years_ago] < 0.3 * area.count()
    assert by_year[last_year.start_year] > 0.5 * area.count()
    earlier = [by_year[year] for year in range(ten_years_ago, last_year.start_year + 1)]
    assert earlier == sorted(earlier)

    # The most disadvantaged fifth of England's schools (by % FSM) engaged less than the
    # least disadvantaged fifth last year.
    known = list(School.objects.open().exclude(percentage_fsm=None).order_by("percentage_fsm"))
    fifth = len(known) // 5
    engaged = set(
        SchoolEngagement.objects.filter(academic_year=last_year.start_year).values_list(
            "school", flat=True
        )
    )
    assert _rate(known[-fifth:], engaged) + 0.1 < _rate(known[:fifth], engaged)

    # The outreach list: open schools in the area with nothing completed in three years.
    recent = [this_year.start_year - back for back in range(3)]
    never = area.exclude(engagements__academic_year__in=recent)
    assert 10 <= never.count() < area.count() / 2

    # The demo's own Work Groups still take their sign-ups from the demo's own schools.
    assert not Enrolment.objects.filter(school__urn__gte=FIRST_URN).exists()

    # Loading again adds nothing.
    counts = [School.objects.count(), SchoolEngagement.objects.count()]
    assert seed_reports(hubs={hub.slug: hub for hub in Hub.objects.all()}) == 0
    assert [School.objects.count(), SchoolEngagement.objects.count()] == counts
