"""The national picture: every hub side by side with England, ten years of engagement and
programmes across hubs; figures against an independent count, exports that agree with the
page, who may open it, and queries that do not grow with hubs, years or data."""

import csv
import io
import random
from collections import defaultdict

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from openpyxl import load_workbook

from hubwork.core.academic_years import AcademicYear
from hubwork.hubs.models import Hub, HubArea
from hubwork.hubs.tests.factories import HubFactory
from hubwork.reports.selectors.national import engagement_trend, national_picture
from hubwork.schools.models import School
from hubwork.schools.tests.factories import LocalAuthorityFactory, SchoolFactory
from hubwork.workgroups.models import Enrolment, SchoolEngagement, WorkGroup
from hubwork.workgroups.tests.factories import (
    EnrolmentFactory,
    ProgrammeFactory,
    SessionFactory,
    WorkGroupFactory,
)

YEAR = AcademicYear.current()
PHASES = [School.Phase.PRIMARY, School.Phase.SECONDARY, School.Phase.ALL_THROUGH]


def area(hub: Hub | None, *, schools: int, closed: int = 0) -> list[School]:
    """A local authority in `hub`'s area (or in none) with open schools of mixed phases and
    `closed` closed ones."""
    local_authority = LocalAuthorityFactory.create()
    if hub is not None:
        HubArea.objects.create(hub=hub, local_authority=local_authority)
    made = [
        SchoolFactory.create(local_authority=local_authority, phase=PHASES[n % len(PHASES)])
        for n in range(schools)
    ]
    for _ in range(closed):
        made.append(
            SchoolFactory.create(local_authority=local_authority, status=School.Status.CLOSED)
        )
    return made


def engage(school: School, year: AcademicYear) -> None:
    SchoolEngagement.objects.get_or_create(school=school, academic_year=year.start_year)


def random_world(seed: int, *, hubs: int = 3, schools: int = 12) -> list[Hub]:
    """Hubs (named against their creation order), areas, schools in no hub's area, closed
    schools, engagements over ten years and Work Groups with every kind of enrolment."""
    chance = random.Random(seed)
    made = [HubFactory.create(name=f"{'ZYXWVU'[n]} Maths Hub {seed}") for n in range(hubs)]
    everyone: list[School] = []
    for hub in [*made, None]:
        everyone += area(hub, schools=schools, closed=2)
    for school in everyone:
        for back in range(10):
            if chance.random() < 0.5 - back * 0.04:
                engage(school, AcademicYear(YEAR.start_year - back))
    programmes = [ProgrammeFactory.create(), ProgrammeFactory.create()]
    statuses = list(Enrolment.Status)
    for hub in made:
        for programme in programmes:
            for status in (WorkGroup.Status.COMPLETED, WorkGroup.Status.RUNNING):
                work_group = WorkGroupFactory.create(
                    hub=hub, programme=programme, status=status, capacity=chance.randint(8, 30)
                )
                # Finished: its one session has happened; running: one is still to come.
                for _ in range(1 if status == WorkGroup.Status.COMPLETED else 4):
                    SessionFactory.create(work_group=work_group)
                for _ in range(chance.randint(2, 6)):
                    EnrolmentFactory.create(
                        work_group=work_group,
                        school=chance.choice(everyone),
                        status=chance.choice(statuses),
                    )
        # Never counted: a draft, a cancelled Work Group and last year's.
        for status in (WorkGroup.Status.DRAFT, WorkGroup.Status.CANCELLED):
            EnrolmentFactory.create(
                work_group=WorkGroupFactory.create(hub=hub, status=status, capacity=99),
                school=everyone[0],
                status=Enrolment.Status.ENROLLED,
            )
        EnrolmentFactory.create(
            work_group=WorkGroupFactory.create(
                hub=hub, academic_year=YEAR.start_year - 1, capacity=77
            ),
            school=everyone[1],
        )
    return made


def independent_count(hub: Hub | None) -> dict[str, int]:
    """A hub's (or England's) figures for YEAR counted row by row in Python."""
    schools = [
        school
        for school in School.objects.select_related("local_authority__hub_area")
        if school.status != School.Status.CLOSED
        and (
            hub is None
            or (
                school.local_authority is not None
                and hasattr(school.local_authority, "hub_area")
                and school.local_authority.hub_area.hub_id == hub.pk
            )
        )
    ]
    ids = {school.pk for school in schools}
    engaged_by_year = defaultdict(set)
    for engagement in SchoolEngagement.objects.all():
        engaged_by_year[engagement.academic_year].add(engagement.school_id)
    recent = set().union(*(engaged_by_year[YEAR.start_year - back] for back in range(3)))
    work_groups = [
        work_group
        for work_group in WorkGroup.objects.filter(academic_year=YEAR.start_year)
        if work_group.status not in (WorkGroup.Status.DRAFT, WorkGroup.Status.CANCELLED)
        and (hub is None or work_group.hub_id == hub.pk)
    ]
    run = {work_group.pk: work_group for work_group in work_groups}
    enrolments = [e for e in Enrolment.objects.all() if e.work_group_id in run]
    this_year_run = {
        e.school_id
        for e in Enrolment.objects.select_related("work_group")
        if e.work_group.academic_year == YEAR.start_year
        and e.work_group.status != WorkGroup.Status.CANCELLED
        and e.status in Enrolment.MEMBERS
    }
    today = timezone.localdate()
    done = {
        pk
        for pk, work_group in run.items()
        if work_group.sessions.filter(date__lte=today).exists()
        and not work_group.sessions.filter(date__gt=today).exists()
    }
    finished = [e for e in enrolments if e.work_group_id in done and e.status in Enrolment.MEMBERS]
    return {
        "open_schools": len(schools),
        "primary": sum(school.phase == School.Phase.PRIMARY for school in schools),
        "engaged": len(ids & engaged_by_year[YEAR.start_year]),
        "engaged_recent": len(ids & recent),
        "taking_part": len(ids & this_year_run),
        "work_groups": len(work_groups),
        "places_offered": sum(work_group.capacity for work_group in work_groups),
        "places_taken": sum(e.status in Enrolment.MEMBERS for e in enrolments),
        "waiting": sum(e.status in Enrolment.WAITING for e in enrolments),
        "finished_members": len(finished),
        "completed": sum(e.status == Enrolment.Status.COMPLETED for e in finished),
    }


def figures(line) -> dict[str, int]:
    reach, delivery = line.reach, line.delivery
    return {
        "open_schools": reach.open_schools,
        "primary": reach.by_phase["primary"],
        "engaged": reach.engaged,
        "engaged_recent": reach.engaged_recent,
        "taking_part": reach.taking_part,
        "work_groups": delivery.work_groups,
        "places_offered": delivery.places_offered,
        "places_taken": delivery.places_taken,
        "waiting": delivery.waiting,
        "finished_members": delivery.finished_members,
        "completed": delivery.completed,
    }


@pytest.mark.parametrize("seed", [1, 2])
def test_every_hub_and_england_match_an_independent_count(db, seed):
    hubs = random_world(seed)
    picture = national_picture(YEAR)
    by_hub = {line.hub.pk: line for line in picture.hubs if line.hub}
    for hub in hubs:
        assert figures(by_hub[hub.pk]) == independent_count(hub), hub.name
    assert figures(picture.england) == independent_count(None)
    # The world holds finished Work Groups and running ones, whose members do not count yet.
    england = picture.england.delivery
    assert 0 < england.finished_members < england.places_taken
    assert picture.outside_hubs == 12  # the open schools in no hub's area
    line = by_hub[hubs[0].pk]
    expected = independent_count(hubs[0])
    assert line.reach.engaged_percent == round(
        100 * expected["engaged"] / expected["open_schools"], 1
    )


def test_england_counts_each_school_once(db):
    near, far = HubFactory.create(name="Near Maths Hub"), HubFactory.create(name="Far Maths Hub")
    (in_near,) = area(near, schools=1)
    (in_far,) = area(far, schools=1)
    (nowhere,) = area(None, schools=1)
    # One school completes with both hubs this year and in each of the last three years.
    for hub in (near, far):
        work_group = WorkGroupFactory.create(hub=hub, status=WorkGroup.Status.COMPLETED)
        SessionFactory.create(work_group=work_group)
        EnrolmentFactory.create(
            work_group=work_group, school=in_near, status=Enrolment.Status.COMPLETED
        )
    for back in range(3):
        engage(in_near, AcademicYear(YEAR.start_year - back))
    engage(nowhere, YEAR)
    picture = national_picture(YEAR)
    lines = {line.name: line for line in picture.hubs}
    # It counts in its own area's hub, whoever it completed with, and once in England.
    assert (lines["Near Maths Hub"].reach.engaged, lines["Far Maths Hub"].reach.engaged) == (1, 0)
    assert lines["Near Maths Hub"].reach.engaged_recent == 1
    assert lines["Near Maths Hub"].reach.taking_part == 1
    assert lines["Far Maths Hub"].delivery.completed == 1  # Far ran the Work Group
    england = picture.england.reach
    assert (england.open_schools, england.engaged, england.engaged_recent) == (3, 2, 2)
    assert england.taking_part == 1
    assert england.engaged_percent == pytest.approx(66.7)
    assert picture.outside_hubs == 1
    trend = engagement_trend(YEAR)
    assert trend.england.engaged[-3:] == [1, 1, 2]
    assert in_far.pk not in SchoolEngagement.objects.values_list("school", flat=True)


def test_the_ten_year_picture_matches_an_independent_count(db):
    hubs = random_world(3)
    trend = engagement_trend(YEAR)
    assert [year.start_year for year in trend.years] == list(
        range(YEAR.start_year - 9, YEAR.start_year + 1)
    )
    assert [line.name for line in trend.hubs] == sorted(hub.name for hub in hubs)
    open_schools = School.objects.exclude(status=School.Status.CLOSED)
    for line in [*trend.hubs, trend.england]:
        schools = (
            open_schools.filter(local_authority__hub_area__hub=line.hub)
            if line.hub
            else open_schools
        )
        assert line.open_schools == schools.count()
        for year, count in zip(trend.years, line.engaged, strict=True):
            assert count == sum(
                school.engagements.filter(academic_year=year.start_year).exists()
                for school in schools
            ), (line.name, year.label)


def test_hubs_are_alphabetical_not_ranked(client, national_admin):
    random_world(4)
    page = client_get(client, national_admin, reverse("reports:national")).content.decode()
    names = ["Z Maths Hub 4", "Y Maths Hub 4", "X Maths Hub 4"]
    positions = [page.index(name) for name in sorted(names)]
    assert positions == sorted(positions)
    assert "not a league table" in page
    assert "in England only" in page
    for hub in Hub.objects.all():
        assert reverse("reports:hub", kwargs={"hub_slug": hub.slug}) in page


def client_get(client, person, url, data=None):
    client.force_login(person)
    response = client.get(url, data or {})
    assert response.status_code == 200
    return response


def read_csv(response) -> list[list[str]]:
    assert response["Content-Type"].startswith("text/csv")
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text)))


def read_xlsx(response) -> list[list[object]]:
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    workbook = load_workbook(io.BytesIO(b"".join(response.streaming_content)), read_only=True)
    return [list(row) for row in workbook.active.iter_rows(values_only=True)]


def export(client, table, file_format, **query):
    url = reverse("reports:national_export", kwargs={"table": table, "file_format": file_format})
    response = client.get(url, query)
    assert response.status_code == 200
    return read_csv(response) if file_format == "csv" else read_xlsx(response)


def test_the_hubs_table_downloads_as_on_the_page(client, national_admin):
    random_world(5)
    last_year = YEAR.previous()
    page = client_get(
        client, national_admin, reverse("reports:national"), {"year": last_year.label}
    )
    picture = page.context["picture"]
    assert picture.year == last_year
    html = page.content.decode()
    assert "national/reports/export/hubs.csv?year=" in html
    on_page = [
        [line.name, line.reach.open_schools, line.reach.engaged, line.delivery.completed]
        for line in [*picture.hubs, picture.england]
    ]
    for file_format in ("csv", "xlsx"):
        rows = export(client, "hubs", file_format, year=last_year.label)
        header, body = rows[0], rows[1:]
        columns = [
            header.index(name)
            for name in (
                "hub",
                "open schools in area",
                "schools engaged this year",
                "finished Work Groups: completed",
            )
        ]
        got = [[row[columns[0]], *(int(row[index]) for index in columns[1:])] for row in body]
        assert got == on_page, file_format
        assert {row[header.index("academic year")] for row in body} == {last_year.label}
        # Figures the page prints appear in the file too.
        england = body[-1]
        assert england[header.index("hub")] == "England"
        assert f"{picture.england.reach.engaged} (" in html


def test_the_trend_and_programme_tables_download_as_on_the_page(client, national_admin):
    random_world(6)
    trend_page = client_get(client, national_admin, reverse("reports:national_trend"))
    trend = trend_page.context["trend"]
    html = trend_page.content.decode()
    # England's chart: a drawing, its one-sentence summary and its figures as a table.
    assert "<svg" in html
    assert "england-trend-caption" in html
    assert escape(trend_page.context["chart"].summary) in html
    assert trend_page.context["chart"].summary.startswith(f"In {YEAR.label}, ")
    for file_format in ("csv", "xlsx"):
        rows = export(client, "trend", file_format)
        assert [row[0] for row in rows[1:]] == [line.name for line in [*trend.hubs, trend.england]]
        assert [int(value) for value in rows[-1][2::2]] == trend.england.engaged

    programmes_page = client_get(client, national_admin, reverse("reports:national_programmes"))
    picture = programmes_page.context["picture"]
    assert len(picture.programmes) == 2
    chosen = picture.programmes[0]
    by_hub = client_get(
        client,
        national_admin,
        reverse("reports:national_programmes"),
        {"programme": chosen.programme.slug, "year": YEAR.label},
    )
    assert by_hub.context["chosen"].programme == chosen.programme
    assert [line.hub_name for line in chosen.hubs] == sorted(line.hub_name for line in chosen.hubs)
    assert chosen.hubs_running == 3
    for file_format in ("csv", "xlsx"):
        rows = export(client, "programmes", file_format, year=YEAR.label)
        header = rows[0]
        taken = header.index("places taken")
        assert [int(row[taken]) for row in rows[1:]] == [
            *(line.delivery.places_taken for line in picture.programmes),
            picture.england.places_taken,
        ]
        rows = export(
            client, "programme-hubs", file_format, year=YEAR.label, programme=chosen.programme.slug
        )
        assert [row[2] for row in rows[1:]] == [*(line.hub_name for line in chosen.hubs), "England"]
        assert int(rows[-1][rows[0].index("waiting")]) == chosen.delivery.waiting


@pytest.mark.parametrize(
    ("table", "file_format"),
    [("nothing", "csv"), ("hubs", "pdf"), ("programme-hubs", "csv"), ("hubs.csv", "x")],
)
def test_unknown_tables_formats_and_programmes_are_not_found(
    client, national_admin, table, file_format
):
    client.force_login(national_admin)
    url = reverse("reports:national_export", kwargs={"table": table, "file_format": file_format})
    assert client.get(url, {"programme": "no-such-programme"}).status_code == 404


@pytest.mark.parametrize(
    "url_name", ["reports:national", "reports:national_trend", "reports:national_programmes"]
)
def test_bad_filters_give_the_page_with_a_message(client, national_admin, url_name):
    for year in ("2025-26", "1025/26", "9999/00", "\x00", "2025/27"):
        page = client_get(
            client, national_admin, reverse(url_name), {"year": year, "programme": "nope"}
        )
        assert page.context["year"] == YEAR
        text = page.content.decode()
        assert "Choose an academic year from the list" in text
        assert 'aria-describedby="year-error"' in text
    page = client_get(
        client, national_admin, reverse("reports:national_programmes"), {"programme": "nope"}
    )
    assert "There is no programme by that name" in page.content.decode()


def test_a_programme_no_hub_ran_that_year_says_so(client, national_admin):
    programme = ProgrammeFactory.create(name="Developing Reasoning")
    WorkGroupFactory.create(programme=programme, academic_year=YEAR.start_year - 1)
    page = client_get(
        client,
        national_admin,
        reverse("reports:national_programmes"),
        {"programme": programme.slug},
    )
    text = page.content.decode()
    assert f"No hub ran Developing Reasoning in {YEAR.label}." in text
    assert f'<option value="{programme.slug}" selected>' in text
    last_year = client_get(
        client,
        national_admin,
        reverse("reports:national_programmes"),
        {"programme": programme.slug, "year": YEAR.previous().label},
    )
    assert last_year.context["chosen"].hubs_running == 1


@pytest.mark.parametrize(
    ("url_name", "kwargs"),
    [
        ("reports:national", {}),
        ("reports:national_trend", {}),
        ("reports:national_programmes", {}),
        ("reports:national_export", {"table": "hubs", "file_format": "csv"}),
    ],
)
def test_only_national_admins_may_see_the_national_picture(
    client, url_name, kwargs, hub_lead, llme, participant, national_admin
):
    url = reverse(url_name, kwargs=kwargs)
    response = client.get(url)
    assert response.status_code == 302
    assert "login" in response["Location"]
    for person in (hub_lead, llme, participant):
        client.force_login(person)
        assert client.get(url).status_code == 403, person
    client.force_login(national_admin)
    assert client.get(url).status_code == 200


def test_the_national_reports_are_linked(client, national_admin, hub_lead):
    url = reverse("reports:national")
    client.force_login(hub_lead)
    assert f'href="{url}"' not in client.get(reverse("dashboard:index")).content.decode()
    client.force_login(national_admin)
    dashboard = client.get(reverse("dashboard:index")).content.decode()
    assert dashboard.count(f'href="{url}"') >= 2  # the menu and the dashboard's paragraph


def queries_of(client, url: str, data: dict[str, str]) -> list[str]:
    client.get(url, data)  # warm: the session, the cache table
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, data)
        if hasattr(response, "streaming_content"):
            b"".join(response.streaming_content)
    assert response.status_code == 200
    return [
        query["sql"]
        for query in captured.captured_queries
        if "hubwork_cache" not in query["sql"] and "SAVEPOINT" not in query["sql"]
    ]


def test_queries_stay_flat_as_hubs_years_and_data_grow(
    client, national_admin, django_assert_num_queries
):
    client.force_login(national_admin)
    random_world(7, hubs=1, schools=2)
    programme = WorkGroup.objects.select_related("programme").order_by("pk")[0].programme.slug
    pages = [
        (reverse("reports:national"), {}),
        (reverse("reports:national_trend"), {}),
        (reverse("reports:national_programmes"), {"programme": programme}),
        (
            reverse("reports:national_export", kwargs={"table": "trend", "file_format": "csv"}),
            {},
        ),
        (
            reverse("reports:national_export", kwargs={"table": "hubs", "file_format": "xlsx"}),
            {},
        ),
    ]
    few = [len(queries_of(client, url, data)) for url, data in pages]
    # Everything each request asks, the session and cache table included.
    few_in_all = []
    for url, data in pages:
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url, data)
            b"".join(getattr(response, "streaming_content", [b""]))
        few_in_all.append(len(captured.captured_queries))
    random_world(8, hubs=5, schools=10)
    random_world(9, hubs=4, schools=6)
    many = [len(queries_of(client, url, data)) for url, data in pages]
    assert many == few
    for (url, data), expected in zip(pages, few_in_all, strict=True):
        with django_assert_num_queries(expected):
            response = client.get(url, data)
            b"".join(getattr(response, "streaming_content", [b""]))
    # The national page's own reading: hubs, schools by hub and phase, Work Groups,
    # enrolments; the rest is the session, the signed-in person and the menu.
    assert few[0] == 9
