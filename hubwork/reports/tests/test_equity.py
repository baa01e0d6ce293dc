import csv
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from hubwork.reports.selectors.equity import Counts, Gap, hub_equity
from hubwork.reports.selectors.fsm import fsm_cut_points
from hubwork.reports.tests.outreach_world import YEAR, area, engage, queries_of, school
from hubwork.reports.views.outreach import _gap_sentence
from hubwork.schools.models import School

pytestmark = pytest.mark.django_db
TWO_YEARS_AGO = YEAR.previous().previous()


def url(hub, **query):
    base = reverse("reports:equity", kwargs={"hub_slug": hub.slug})
    return base + (
        "?" + "&".join(f"{key}={value}" for key, value in query.items()) if query else ""
    )


def export_url(hub, table, file_format, year=""):
    base = reverse(
        "reports:equity_export",
        kwargs={"hub_slug": hub.slug, "table": table, "file_format": file_format},
    )
    return f"{base}?year={year}" if year else base


@pytest.fixture
def world(hub, other_hub):
    """100 primary schools in England with % FSM 0.5, 1.0 … 50.0, so each fifth is 20 of
    them: the hub has the lowest ten of quintile 1 and the lowest ten of quintile 5."""
    birmingham, solihull = area(hub, ("Birmingham", "330"), ("Solihull", "334"))
    (coventry,) = area(other_hub, ("Coventry", "331"))
    for step in range(1, 101):
        quintile, place = (step - 1) // 20 + 1, (step - 1) % 20
        in_hub = quintile in (1, 5) and place < 10
        each = school(
            (birmingham if place % 2 else solihull) if in_hub else coventry,
            percentage_fsm=step / 2,
            establishment_type_group="Free schools" if place == 0 else "Academies",
        )
        if quintile == 1 and in_hub:
            if place < 6:
                engage(each, YEAR)
            elif place == 6:
                engage(each, TWO_YEARS_AGO)
        elif quintile == 1 and place < 18:  # 8 of the other 10
            engage(each, YEAR)
        elif quintile == 5 and in_hub and place < 3:
            engage(each, YEAR, YEAR.previous())
        elif quintile == 5 and place == 19:
            engage(each, YEAR)
    # Secondary: the hub has only three, all in the most disadvantaged fifth.
    for step in range(1, 16):
        school(
            birmingham if step > 12 else coventry,
            phase=School.Phase.SECONDARY,
            percentage_fsm=step * 3,
        )
    school(birmingham, percentage_fsm=None)
    school(birmingham, percentage_fsm=1, status=School.Status.CLOSED)


def test_rates_by_quintile_beside_england(world, hub):
    report = hub_equity(hub=hub, year=YEAR, cut_points=fsm_cut_points())
    primary = report.quintiles[0]
    assert primary.group == "primary"
    quintiles = {line.key: line for line in primary.lines}
    assert quintiles["1"].hub == Counts(schools=10, engaged_year=6, engaged_recent=7)
    assert quintiles["1"].england == Counts(schools=20, engaged_year=14, engaged_recent=15)
    assert quintiles["5"].hub == Counts(schools=10, engaged_year=3, engaged_recent=3)
    assert quintiles["5"].england == Counts(schools=20, engaged_year=4, engaged_recent=4)
    assert quintiles["3"].hub == Counts()
    assert quintiles["not-known"].hub == Counts(schools=1)
    assert (primary.gap.points, primary.gap.england_points) == (30.0, 50.0)
    secondary = report.quintiles[1]
    assert [line.hub.schools for line in secondary.lines] == [0, 0, 0, 0, 3, 0]
    assert report.hub_total == Counts(schools=24, engaged_year=9, engaged_recent=10)
    assert report.england_total.schools == 116


def test_rates_by_school_type_and_local_authority(world, hub):
    report = hub_equity(hub=hub, year=YEAR, cut_points=fsm_cut_points())
    types = {line.label: line for line in report.school_types}
    assert list(types) == ["Academies", "Free schools"]
    assert types["Free schools"].hub == Counts(schools=2, engaged_year=2, engaged_recent=2)
    assert types["Free schools"].england == Counts(schools=5, engaged_year=2, engaged_recent=2)
    authorities = {line.label: line for line in report.local_authorities}
    assert list(authorities) == ["Birmingham", "Solihull"]
    assert sum(line.hub.schools for line in authorities.values()) == 24
    assert authorities["Birmingham"].england == report.england_total
    assert authorities["Solihull"].hub.engaged_year == 5  # places 0, 2, 4 and 0, 2


def test_page_shows_the_gap_the_chart_and_the_numbers(client, hub, hub_lead, world):
    client.force_login(hub_lead)
    response = client.get(url(hub))
    assert response.status_code == 200
    page = response.content.decode()
    assert (
        f"In {YEAR.label}, 30% of the hub&#x27;s primary schools in the most disadvantaged "
        "fifth engaged, against 60% in the least disadvantaged fifth: a gap of 30 percentage "
        "points (England: 50 percentage points)."
    ) in page
    assert "the hub has 3 secondary schools in the most disadvantaged fifth: too few" in page
    assert 'role="img"' in page
    for numbers in ("60% (6 of 10)", "14 of 20", "7 of 10", "15 of 20"):
        assert numbers in page
    assert "quintile 1 is the least disadvantaged fifth" in page
    assert 'href="' + reverse("reports:never_engaged", kwargs={"hub_slug": hub.slug}) in page


def test_another_year(client, hub, hub_lead, world):
    client.force_login(hub_lead)
    response = client.get(url(hub, year=TWO_YEARS_AGO.label.replace("/", "%2F")))
    assert response.context["report"].hub_total.engaged_year == 1


@pytest.mark.parametrize("year", ["2025-26", "1999/01", "%3Cscript%3E", "9" * 40])
def test_a_wrong_year_says_so_and_shows_the_current_year(client, hub, hub_lead, world, year):
    client.force_login(hub_lead)
    response = client.get(url(hub, year=year))
    assert response.status_code == 200
    assert response.context["year"] == YEAR
    assert "There is a problem" in response.content.decode()


def test_gap_sentence_says_which_way_round():
    ahead = Gap("Primary", Counts(10, 2), Counts(10, 5), Counts(20, 10), Counts(20, 10))
    assert _gap_sentence(ahead, "2025/26") == (
        "In 2025/26, 50% of the hub's primary schools in the most disadvantaged fifth engaged, "
        "against 20% in the least disadvantaged fifth: the most disadvantaged fifth ahead by 30 "
        "percentage points (England: 0 percentage points)."
    )
    few = Gap("Secondary", Counts(10, 2), Counts(4, 1), Counts(20, 10), Counts(20, 10))
    assert "has 4 secondary schools in the most disadvantaged fifth: too few" in _gap_sentence(
        few, "2025/26"
    )


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_each_table_exports_as_on_the_page(client, hub, hub_lead, world, file_format):
    client.force_login(hub_lead)
    report = client.get(url(hub)).context["report"]
    for table, expected in [
        ("fsm-quintiles", [line for phase in report.quintiles for line in phase.lines]),
        ("school-types", report.school_types),
        ("local-authorities", report.local_authorities),
    ]:
        response = client.get(export_url(hub, table, file_format, YEAR.label))
        assert response.status_code == 200
        content = b"".join(response.streaming_content)
        if file_format == "csv":
            rows = [
                [float(cell) if cell.replace(".", "").isdigit() else cell for cell in row]
                for row in csv.reader(io.StringIO(content.decode("utf-8-sig")))
            ]
        else:
            rows = list(load_workbook(io.BytesIO(content)).active.iter_rows(values_only=True))
        header, body = rows[0], rows[1:]
        assert header[0] == "Academic year"
        assert len(body) == len(expected)
        start = header.index("Hub schools")
        for row, line in zip(body, expected, strict=True):
            assert row[0] == YEAR.label
            assert row[start - 1] == line.label
            hub_cells = [line.hub.schools, line.hub.engaged_year, line.hub.rate_year]
            assert [None if cell == "" else cell for cell in row[start : start + 3]] == hub_cells
            assert row[start + 5] == line.england.schools


def test_unknown_tables_and_formats_are_not_found(client, hub, hub_lead, world):
    client.force_login(hub_lead)
    assert client.get(export_url(hub, "pupils", "csv")).status_code == 404
    assert client.get(export_url(hub, "school-types", "pdf")).status_code == 404


@pytest.mark.parametrize("name", ["reports:equity", "reports:equity_export"])
def test_who_may_see(client, hub, hub_lead, national_admin, outsider, participant, world, name):
    kwargs = {"hub_slug": hub.slug}
    if name.endswith("export"):
        kwargs.update(table="fsm-quintiles", file_format="xlsx")
    address = reverse(name, kwargs=kwargs)
    assert client.get(address).status_code == 302  # to sign in
    for person, status in (
        (hub_lead, 200),
        (national_admin, 200),
        (outsider, 403),
        (participant, 403),
    ):
        client.force_login(person)
        assert client.get(address).status_code == status, person


def test_queries_stay_flat_as_schools_and_engagements_grow(client, hub, hub_lead, world):
    client.force_login(hub_lead)
    before = queries_of(client, url(hub))
    authority = hub.local_authorities.first()
    (elsewhere,) = area(hub.__class__.objects.exclude(pk=hub.pk).get(), ("Leeds", "383"))
    for index in range(40):
        extra = school(
            authority if index % 2 else elsewhere,
            phase=School.Phase.SECONDARY if index % 3 else School.Phase.ALL_THROUGH,
            percentage_fsm=index,
            establishment_type_group=f"Type {index % 5}",
        )
        if index % 4 == 0:
            engage(extra, YEAR)
    after = queries_of(client, url(hub))
    assert len(after) == len(before)
