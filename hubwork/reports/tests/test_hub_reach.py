"""The hub's reach report: reach by phase against an independent count, the trend, programmes,
leads' load, the downloads (which agree with the page), who may see it, a bad year, and a
number of queries that does not grow with the data."""

import csv
import io
import re
from datetime import time
from urllib.parse import quote

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from hubwork.accounts.tests.factories import UserFactory
from hubwork.core.academic_years import AcademicYear
from hubwork.evaluation.models import EvaluationReport
from hubwork.hubs.models import HubArea
from hubwork.hubs.tests.factories import HubFactory
from hubwork.schools.models import School
from hubwork.schools.tests.factories import LocalAuthorityFactory, SchoolFactory
from hubwork.workgroups.models import Attendance, Enrolment, SchoolEngagement, WorkGroup
from hubwork.workgroups.tests.factories import (
    EnrolmentFactory,
    ProgrammeFactory,
    SessionFactory,
    WorkGroupFactory,
    days,
)

YEAR = AcademicYear.current()
Phase = School.Phase


@pytest.fixture
def area(hub):
    """Two local authorities in `hub`'s area."""
    authorities = [
        LocalAuthorityFactory.create(code="330", name="Birmingham"),
        LocalAuthorityFactory.create(code="332", name="Dudley"),
    ]
    for local_authority in authorities:
        HubArea.objects.create(hub=hub, local_authority=local_authority)
    return authorities


def school(local_authority, phase=Phase.PRIMARY, **extra):
    return SchoolFactory.create(local_authority=local_authority, phase=phase, **extra)


def engage(school, *years):
    for year in years:
        SchoolEngagement.objects.create(school=school, academic_year=year.start_year)


def populate(hub, area, *, scale=1):
    """Schools of several phases in and out of the area, engaged in several years, and Work
    Groups of this hub and another with places, registers and reports; `scale` multiplies."""
    outside = LocalAuthorityFactory.create(code="940", name="Elsewhere")
    programme = ProgrammeFactory.create(name="Mastering Number", slug="mastering-number")
    other_hub = HubFactory.create()
    lead = UserFactory.create(display_name=f"Lena Lead {scale}")
    for index in range(scale):
        local_authority = area[index % 2]
        primary = school(local_authority, Phase.PRIMARY)
        nursery = school(local_authority, Phase.NURSERY)  # a primary, in its phase group
        secondary = school(local_authority, Phase.SECONDARY)
        school(local_authority, Phase.ALL_THROUGH)
        closed = school(local_authority, Phase.PRIMARY, status=School.Status.CLOSED)
        far = school(outside, Phase.PRIMARY)
        engage(primary, YEAR, YEAR.previous())
        engage(nursery, YEAR.previous().previous())
        engage(secondary, AcademicYear(YEAR.start_year - 5))
        engage(closed, YEAR)  # closed: not counted
        engage(far, YEAR)  # outside the area: not counted

        # One of the hub's Work Groups, finished: two places, one completed; a register.
        finished = WorkGroupFactory.create(
            hub=hub, programme=programme, leads=[lead], status=WorkGroup.Status.COMPLETED
        )
        session = SessionFactory.create(
            work_group=finished, number=1, date=days(-10), starts_at=time(9), ends_at=time(12)
        )
        done = EnrolmentFactory.create(
            work_group=finished, school=primary, status=Enrolment.Status.COMPLETED
        )
        stayed = EnrolmentFactory.create(work_group=finished, school=primary)
        Attendance.objects.create(enrolment=done, session=session, status="present")
        Attendance.objects.create(enrolment=stayed, session=session, status="absent")
        EvaluationReport.objects.create(
            work_group=finished, status=EvaluationReport.Status.SUBMITTED
        )
        # Still running: a place, someone waiting; a session to come.
        running = WorkGroupFactory.create(hub=hub, programme=programme, leads=[lead])
        SessionFactory.create(work_group=running, number=1, date=days(20))
        EnrolmentFactory.create(work_group=running, school=nursery)
        EnrolmentFactory.create(
            work_group=running, school=secondary, status=Enrolment.Status.WAITLISTED
        )
        # Another hub's Work Group, led by the same lead: a place there counts as taking part.
        elsewhere = WorkGroupFactory.create(hub=other_hub, programme=programme, leads=[lead])
        SessionFactory.create(work_group=elsewhere, number=1, date=days(30))
        SessionFactory.create(work_group=elsewhere, number=2, date=days(60))
        EnrolmentFactory.create(work_group=elsewhere, school=secondary)
        # Not counted: a draft, last year's.
        WorkGroupFactory.create(hub=hub, programme=programme, status=WorkGroup.Status.DRAFT)
        WorkGroupFactory.create(
            hub=hub, programme=programme, academic_year=YEAR.start_year - 1, leads=[lead]
        )
    return lead


def independent_counts(hub, year, phases):
    """The reach figures for schools of `phases`, counted in plain SQL."""
    recent = [year.start_year - back for back in range(3)]
    school_table = School._meta.db_table
    area_table = HubArea._meta.db_table
    engagement_table = SchoolEngagement._meta.db_table
    enrolment_table = Enrolment._meta.db_table
    work_group_table = WorkGroup._meta.db_table
    phase_marks = ", ".join(["%s"] * len(phases))
    base = f"""
        FROM {school_table} s JOIN {area_table} a ON a.local_authority_id = s.local_authority_id
        WHERE a.hub_id = %s AND s.status <> 'closed' AND s.phase IN ({phase_marks})
    """
    params = [hub.pk, *phases]
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COUNT(*) {base}", params)
        open_schools = cursor.fetchone()[0]
        cursor.execute(
            f"""SELECT COUNT(*) {base} AND s.id IN
                (SELECT school_id FROM {engagement_table} WHERE academic_year = %s)""",  # noqa: S608
            [*params, year.start_year],
        )
        engaged = cursor.fetchone()[0]
        cursor.execute(
            f"""SELECT COUNT(*) {base} AND s.id IN
                (SELECT school_id FROM {engagement_table} WHERE academic_year IN (%s, %s, %s))""",  # noqa: S608
            [*params, *recent],
        )
        engaged_recently = cursor.fetchone()[0]
        cursor.execute(
            f"""SELECT COUNT(*) {base} AND s.id IN
                (SELECT e.school_id FROM {enrolment_table} e
                 JOIN {work_group_table} w ON w.id = e.work_group_id
                 WHERE w.academic_year = %s AND w.status <> 'cancelled'
                 AND e.status IN ('enrolled', 'completed'))""",  # noqa: S608
            [*params, year.start_year],
        )
        taking_part = cursor.fetchone()[0]
    return open_schools, engaged, engaged_recently, taking_part


def share(part, whole):
    return f"{part} of {whole} ({100 * part / whole:.1f}%)"


def report_url(hub, **kwargs):
    return reverse("reports:hub", kwargs={"hub_slug": hub.slug, **kwargs})


def export_url(hub, table, file_format):
    return reverse(
        "reports:hub_export",
        kwargs={"hub_slug": hub.slug, "table": table, "file_format": file_format},
    )


def cells(html, testid):
    """The text of each cell of the row marked `data-testid=testid`."""
    row = re.search(rf'data-testid="{testid}">(.*?)</tr>', html, re.S)
    assert row, testid
    return [
        re.sub(r"<[^>]+>", "", cell).strip()
        for cell in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row[1], re.S)
    ]


def test_reach_by_phase_matches_an_independent_count(client, hub, area, hub_lead):
    populate(hub, area, scale=3)
    client.force_login(hub_lead)
    html = client.get(report_url(hub)).content.decode()

    primary = independent_counts(
        hub, YEAR, [Phase.NURSERY, Phase.PRIMARY, Phase.MIDDLE_DEEMED_PRIMARY]
    )
    assert primary == (6, 3, 6, 6)  # 3 primaries and 3 nurseries; closed schools left out
    open_schools, engaged, recently, taking_part = primary
    assert cells(html, "reach-primary") == [
        "Primary",
        str(open_schools),
        share(engaged, open_schools),
        share(recently, open_schools),
        share(taking_part, open_schools),
    ]
    secondary = independent_counts(hub, YEAR, [Phase.SECONDARY, Phase.MIDDLE_DEEMED_SECONDARY])
    # Engaged five years ago only; taking part with another hub.
    assert secondary == (3, 0, 0, 3)
    assert cells(html, "reach-secondary")[1:] == [
        "3",
        "0 of 3 (0.0%)",
        "0 of 3 (0.0%)",
        "3 of 3 (100.0%)",
    ]
    every = independent_counts(hub, YEAR, list(Phase.values))
    assert cells(html, "reach-total") == [
        "All schools",
        str(every[0]),
        share(every[1], every[0]),
        share(every[2], every[0]),
        share(every[3], every[0]),
    ]
    assert 'data-testid="reach-16_plus"' not in html  # no open schools of that phase

    # Last year: taking part is counted from last year's Work Groups.
    last_year = client.get(report_url(hub), {"year": YEAR.previous().label}).content.decode()
    counted = independent_counts(hub, YEAR.previous(), list(Phase.values))
    assert cells(last_year, "reach-total")[1:] == [
        str(counted[0]),
        share(counted[1], counted[0]),
        share(counted[2], counted[0]),
        "0 of 12 (0.0%)",
    ]


def test_trend_programmes_and_leads(client, hub, area, hub_lead):
    lead = populate(hub, area, scale=2)
    client.force_login(hub_lead)
    response = client.get(report_url(hub), {"year": YEAR.label})
    html = response.content.decode()
    trend = response.context["report"].trend
    assert [each.year for each in trend] == [
        AcademicYear(YEAR.start_year - back) for back in range(9, -1, -1)
    ]
    by_year = {each.year: (each.engaged, each.open_schools) for each in trend}
    assert by_year[YEAR] == (2, 8)
    assert by_year[YEAR.previous()] == (2, 8)
    assert by_year[AcademicYear(YEAR.start_year - 5)] == (2, 8)
    assert by_year[AcademicYear(YEAR.start_year - 4)] == (0, 8)
    # The chart has its table and its sentence, and says what it is measured against.
    assert "Each measure year by year" in html
    # Each measure year by year: taking part (any hub), the hub's own Work Groups (not drafts),
    # places taken (enrolled or completed) and completions.
    measures = {
        each.year: (each.taking_part, each.work_groups, each.places_taken, each.completed)
        for each in trend
    }
    assert measures[YEAR] == (6, 4, 6, 2)
    assert measures[YEAR.previous()] == (0, 2, 0, 0)
    assert measures[AcademicYear(YEAR.start_year - 2)] == (0, 0, 0, 0)
    assert cells(html, f"measures-{YEAR.start_year}") == [
        YEAR.label,
        "2 of 8 (25.0%)",
        "6 of 8 (75.0%)",
        "4",
        "6",
        "2 of 6 (33.3%)",
    ]
    assert "the figures</caption>" in html
    assert f"In {YEAR.label}, 2 of 8 (25.0%) of the area&#x27;s open schools engaged" in html
    # The year under way is not compared with earlier ones; a finished year is.
    assert "so far: the year is under way" in html
    last_year = client.get(report_url(hub), {"year": YEAR.previous().label}).content.decode()
    assert "so far" not in last_year
    assert f"from 2 of 8 (25.0%) in {AcademicYear(YEAR.start_year - 10).label}" not in last_year
    assert "open schools today" in html

    # Programmes: drafts and another hub's Work Groups left out.
    assert cells(html, "programmes-total") == [
        "All programmes",
        "4",  # 2 finished and 2 running
        "80",  # 4 × 20 places
        "6",  # 2 + 2 in the finished ones, 1 each in the running ones
        "2",
        "2 of 4 (50.0%)",  # of places in finished Work Groups, those completed
        "2 of 4 (50.0%)",
        "not started 2, draft 0, submitted 2, returned with comments 0, accepted 0",
    ]
    # Leads' load: across every hub this year.
    leads = response.context["report"].leads
    assert [
        (each.name, each.work_groups_here, each.work_groups, each.hubs, each.sessions)
        for each in leads
    ] == [
        (lead.display_name, 4, 6, 2, 8)  # this hub and one other
    ]


def test_downloads_agree_with_the_page(client, hub, area, hub_lead):
    populate(hub, area, scale=2)
    client.force_login(hub_lead)
    page = client.get(report_url(hub), {"year": YEAR.label})
    report = page.context["report"]
    html = page.content.decode()
    for table in ("reach", "trend", "programmes", "leads"):
        for file_format in ("csv", "xlsx"):
            assert (
                f"{export_url(hub, table, file_format)}?year={quote(YEAR.label, safe='')}" in html
            )

    response = client.get(export_url(hub, "reach", "csv"), {"year": YEAR.label})
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    header, *body = rows
    total = body[-1]
    assert total[header.index("Phase")] == "All schools"
    assert int(total[header.index("Open schools")]) == report.reach.total.open_schools == 8
    assert int(total[header.index(f"Engaged in {YEAR.label}")]) == report.reach.total.engaged
    assert [row[1] for row in body] == [row.label for row in report.reach.rows] + ["All schools"]

    response = client.get(export_url(hub, "programmes", "xlsx"), {"year": YEAR.label})
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    workbook = load_workbook(io.BytesIO(b"".join(response.streaming_content)), read_only=True)
    sheet = workbook.active
    header, *body = [list(row) for row in sheet.iter_rows(values_only=True)]
    total = body[-1]
    assert total[header.index("Programme")] == "All programmes"
    assert total[header.index("Places taken")] == report.programmes.total.places_taken == 6
    assert total[header.index("% completed")] == 50.0
    assert total[header.index("Evaluation reports: submitted")] == 2

    response = client.get(export_url(hub, "trend", "xlsx"), {"year": YEAR.previous().label})
    workbook = load_workbook(io.BytesIO(b"".join(response.streaming_content)), read_only=True)
    trend_rows = list(workbook.active.iter_rows(values_only=True))
    assert trend_rows[-1][:3] == (YEAR.previous().label, 2, 8)

    response = client.get(export_url(hub, "leads", "csv"))
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    assert rows[1][1:] == ["Lena Lead 2", "4", "6", "2", "8"]


@pytest.mark.parametrize(
    ("table", "file_format"), [("schools", "csv"), ("reach", "pdf"), ("reach", "xls")]
)
def test_a_wrong_download_is_not_found(client, hub, hub_lead, table, file_format):
    client.force_login(hub_lead)
    assert client.get(export_url(hub, table, file_format)).status_code == 404


@pytest.mark.parametrize("year", ["2025-26", "2025/27", "nonsense", "1066/67", "9998/99", "<b>"])
def test_a_bad_year_shows_the_current_one_with_a_message(client, hub, hub_lead, year):
    client.force_login(hub_lead)
    response = client.get(report_url(hub), {"year": year})
    assert response.status_code == 200
    assert response.context["year"] == YEAR
    html = response.content.decode()
    assert "There is a problem" in html
    assert 'id="year-error"' in html
    export = client.get(export_url(hub, "reach", "csv"), {"year": year})
    assert export.status_code == 200


def test_the_year_form_offers_the_years_with_data(client, hub, area, hub_lead):
    populate(hub, area)
    client.force_login(hub_lead)
    html = client.get(report_url(hub)).content.decode()
    offered = re.findall(r'<option value="([^"]+)"', html)
    # This year, last year (Work Groups and engagement), two years ago and five years ago.
    assert offered == [
        YEAR.label,
        YEAR.previous().label,
        AcademicYear(YEAR.start_year - 2).label,
        AcademicYear(YEAR.start_year - 5).label,
    ]
    assert '<form method="get"' in html


@pytest.mark.parametrize("name", ["reports:hub", "reports:hub_export"])
def test_who_may_see_the_report(
    client, name, hub, hub_lead, national_admin, outsider, participant, llme
):
    kwargs = {"hub_slug": hub.slug}
    if name == "reports:hub_export":
        kwargs |= {"table": "reach", "file_format": "csv"}
    url = reverse(name, kwargs=kwargs)
    assert client.get(url).status_code == 302  # sign in first
    for person, status in [
        (hub_lead, 200),
        (national_admin, 200),
        (outsider, 403),  # another hub's staff
        (llme, 403),
        (participant, 403),
    ]:
        client.force_login(person)
        assert client.get(url).status_code == status, person


def test_the_report_is_linked_from_the_staff_area_and_the_dashboard(client, hub, hub_lead):
    client.force_login(hub_lead)
    url = report_url(hub)
    staff_page = client.get(
        reverse("workgroups:manage_list", kwargs={"hub_slug": hub.slug})
    ).content.decode()
    assert f'href="{url}"' in staff_page
    dashboard = client.get(reverse("dashboard:index")).content.decode()
    assert f'href="{url}"' in dashboard
    assert "Reports: reach, equity and programmes" in dashboard


def queries_of(client, url):
    client.get(url)  # warm: sessions, the cache table
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return [
        query["sql"]
        for query in captured.captured_queries
        if "hubwork_cache" not in query["sql"] and "SAVEPOINT" not in query["sql"]
    ]


def test_queries_stay_flat_as_schools_work_groups_and_engagements_grow(
    client, hub, area, national_admin
):
    client.force_login(national_admin)
    url = f"{report_url(hub)}?year={YEAR.label}"
    populate(hub, area, scale=1)
    few = queries_of(client, url)
    populate(hub, area, scale=6)
    for each in SchoolFactory.create_batch(5, local_authority=area[0], phase=Phase.SIXTEEN_PLUS):
        engage(each, YEAR, AcademicYear(YEAR.start_year - 7))
    many = queries_of(client, url)
    assert len(many) == len(few)
    for table in ("reach", "programmes", "leads"):
        export = f"{export_url(hub, table, 'csv')}?year={YEAR.label}"
        client.get(export)
        with CaptureQueriesContext(connection) as captured:
            b"".join(client.get(export).streaming_content)
        assert len(captured.captured_queries) < 15
