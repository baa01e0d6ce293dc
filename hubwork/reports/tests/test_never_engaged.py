import csv
import io
import random
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from hubwork.reports.selectors.fsm import QUINTILES, fsm_cut_points, fsm_quintile
from hubwork.reports.selectors.scope import PHASE_GROUPS
from hubwork.reports.tests.outreach_world import YEAR, area, engage, queries_of, school
from hubwork.schools.models import School

pytestmark = pytest.mark.django_db


def url(hub, **query):
    base = reverse("reports:never_engaged", kwargs={"hub_slug": hub.slug})
    return base + (
        "?" + "&".join(f"{key}={value}" for key, value in query.items()) if query else ""
    )


def export_url(hub, file_format, query=""):
    base = reverse(
        "reports:never_engaged_export", kwargs={"hub_slug": hub.slug, "file_format": file_format}
    )
    return f"{base}?{query}" if query else base


def listed(response):
    return [school.name for school in response.context["page"]]


# --- FSM quintiles -------------------------------------------------------------------------


def independent_quintile(value, values):
    """One more than the whole number of fifths of the phase's schools below this % FSM."""
    lower = sum(1 for other in values if other < value)
    return 5 * lower // len(values) + 1


def test_quintiles_match_an_independent_count_per_phase_group(hub, other_hub):
    (mine,) = area(hub, ("Birmingham", "330"))
    (theirs,) = area(other_hub, ("Coventry", "331"))
    chance = random.Random(14)
    for index in range(37):  # ties included: values on a coarse grid
        school(mine if index % 2 else theirs, percentage_fsm=chance.randint(0, 30) * 1.5)
    for _ in range(23):
        school(theirs, phase=School.Phase.SECONDARY, percentage_fsm=chance.uniform(0, 60))
    school(mine, phase=School.Phase.MIDDLE_DEEMED_SECONDARY, percentage_fsm=chance.uniform(0, 60))
    school(mine, percentage_fsm=None)
    # Closed schools are not in the national picture.
    school(mine, percentage_fsm=99, status=School.Status.CLOSED)

    cut_points = fsm_cut_points()
    rows = School.objects.exclude(status=School.Status.CLOSED).annotate(
        quintile=fsm_quintile(cut_points)
    )
    values = {
        group: sorted(
            row.percentage_fsm
            for row in rows
            if row.phase in phases and row.percentage_fsm is not None
        )
        for group, (_label, phases) in PHASE_GROUPS.items()
    }
    assert cut_points.schools == {"primary": 37, "secondary": 24}
    for row in rows:
        group = next(key for key, (_l, phases) in PHASE_GROUPS.items() if row.phase in phases)
        expected = (
            None
            if row.percentage_fsm is None
            else independent_quintile(row.percentage_fsm, values[group])
        )
        quintile = getattr(row, "quintile")  # noqa: B009 (annotated by the selector)
        assert quintile == expected, (row.percentage_fsm, values[group], cut_points)
        assert cut_points.quintile_of(group, row.percentage_fsm) == expected


def test_distinct_values_fall_into_equal_fifths(hub):
    (mine,) = area(hub, ("Birmingham", "330"))
    for value in random.Random(5).sample(range(1000), 50):
        school(mine, percentage_fsm=Decimal(value) / 10)
    quintiles = School.objects.annotate(quintile=fsm_quintile(fsm_cut_points())).values_list(
        "quintile", flat=True
    )
    assert sorted(quintiles) == [number for number in range(1, QUINTILES + 1) for _ in range(10)]


def test_quintiles_are_none_when_nothing_is_known(hub):
    (mine,) = area(hub, ("Birmingham", "330"))
    school(mine, percentage_fsm=None)
    assert list(
        School.objects.annotate(q=fsm_quintile(fsm_cut_points())).values_list("q", flat=True)
    ) == [None]


# --- The list ------------------------------------------------------------------------------


@pytest.fixture
def world(hub, other_hub):
    birmingham, solihull = area(hub, ("Birmingham", "330"), ("Solihull", "334"))
    (coventry,) = area(other_hub, ("Coventry", "331"))
    schools = {
        "Ash Primary": school(birmingham, percentage_fsm=5, number_of_pupils=300),
        "Beech Primary": school(
            solihull,
            percentage_fsm=40,
            number_of_pupils=100,
            establishment_type_group="Local authority maintained schools",
        ),
        "Cedar Secondary": school(
            birmingham, phase=School.Phase.SECONDARY, percentage_fsm=30, number_of_pupils=900
        ),
        "Damson Primary": school(solihull, percentage_fsm=None, number_of_pupils=None),
        "Elm Primary": school(birmingham, percentage_fsm=20),  # engaged last year
        "Fir Primary": school(birmingham, percentage_fsm=10),  # engaged three years ago
        "Gorse Primary": school(birmingham, percentage_fsm=35, status=School.Status.CLOSED),
        "Hazel Primary": school(coventry, percentage_fsm=38),  # another hub's area
    }
    for name, value in schools.items():
        School.objects.filter(pk=value.pk).update(name=name)
    engage(schools["Elm Primary"], YEAR.previous())
    engage(schools["Fir Primary"], YEAR.previous().previous().previous())
    return schools


def test_lists_open_area_schools_with_no_completion_in_three_years(client, hub, hub_lead, world):
    client.force_login(hub_lead)
    response = client.get(url(hub))
    assert response.status_code == 200
    assert listed(response) == [
        "Ash Primary",
        "Beech Primary",
        "Cedar Secondary",
        "Damson Primary",
        "Fir Primary",
    ]
    assert "5 schools" in response.content.decode()
    # Four years back, Fir's completion counts; a year back only this year counts.
    assert "Fir Primary" not in listed(client.get(url(hub, years=4)))
    assert "Elm Primary" in listed(client.get(url(hub, years=1)))
    # As it stood the year before last, Elm had not yet completed.
    earlier = AcademicYear_label(YEAR.previous().previous())
    assert "Elm Primary" in listed(client.get(url(hub, year=earlier)))


def AcademicYear_label(year):
    return year.label.replace("/", "%2F")


@pytest.mark.parametrize(
    ("query", "names"),
    [
        ({"phase": "secondary"}, ["Cedar Secondary"]),
        ({"phase": "primary", "local_authority": "334"}, ["Beech Primary", "Damson Primary"]),
        ({"school_type": "Local%20authority%20maintained%20schools"}, ["Beech Primary"]),
        ({"fsm_quintile": "5"}, ["Beech Primary"]),
        ({"fsm_quintile": "1", "phase": "primary"}, ["Ash Primary"]),
        ({"fsm_quintile": "1"}, ["Ash Primary", "Cedar Secondary"]),  # the only secondary
    ],
)
def test_filters(client, hub, hub_lead, world, query, names):
    client.force_login(hub_lead)
    assert listed(client.get(url(hub, **query))) == names


@pytest.mark.parametrize(
    "query",
    [
        {"phase": "nope"},
        {"local_authority": "331"},  # another hub's
        {"fsm_quintile": "9"},
        {"years": "0"},
        {"years": "many"},
        {"year": "2025-26"},
        {"sort": "password"},
        {"page": "-1"},
        {"school_type": "%3Cscript%3E"},
        {"years": "99999999999999999999"},
    ],
)
def test_hostile_values_are_shown_as_errors_and_left_out(client, hub, hub_lead, world, query):
    client.force_login(hub_lead)
    response = client.get(url(hub, **query))
    assert response.status_code == 200
    assert len(listed(response)) == 5
    if "page" not in query:
        assert "There is a problem" in response.content.decode()


def test_a_wrong_filter_leaves_the_others_in_force(client, hub, hub_lead, world):
    client.force_login(hub_lead)
    response = client.get(url(hub, phase="secondary", fsm_quintile="nine"))
    assert listed(response) == ["Cedar Secondary"]
    assert "There is a problem" in response.content.decode()


def test_sorting(client, hub, hub_lead, world):
    client.force_login(hub_lead)
    response = client.get(url(hub, sort="fsm"))
    assert listed(response) == [
        "Ash Primary",
        "Fir Primary",
        "Cedar Secondary",
        "Beech Primary",
        "Damson Primary",
    ]
    page = response.content.decode()
    assert 'aria-sort="ascending"><a class="govuk-link" href="?sort=-fsm"' in page
    assert page.count('aria-sort="none"') == 3
    assert listed(client.get(url(hub, sort="-fsm")))[:2] == ["Beech Primary", "Cedar Secondary"]
    assert listed(client.get(url(hub, sort="-pupils")))[0] == "Cedar Secondary"
    assert listed(client.get(url(hub, sort="-local_authority")))[:2] == [
        "Beech Primary",
        "Damson Primary",
    ]


@pytest.fixture
def many(hub):
    (mine,) = area(hub, ("Birmingham", "330"))
    for index in range(120):
        school(mine, percentage_fsm=index % 40, name=f"School {index:03}")
    return mine


def test_pages_of_fifty_keep_the_filters(client, hub, hub_lead, many):
    client.force_login(hub_lead)
    first = client.get(url(hub, phase="primary"))
    assert len(listed(first)) == 50
    assert "120 schools" in first.content.decode()
    assert 'href="?phase=primary&amp;page=2"' in first.content.decode()
    third = client.get(url(hub, phase="primary", page=3))
    assert listed(third) == [f"School {index:03}" for index in range(100, 120)]
    assert listed(client.get(url(hub, page="abc"))) == listed(first)
    assert listed(client.get(url(hub, page=999))) == listed(third)


def test_exports_hold_the_whole_filtered_list_as_on_the_page(client, hub, hub_lead, many):
    client.force_login(hub_lead)
    query = "phase=primary&sort=-fsm"
    pages = [client.get(url(hub) + f"?{query}&page={number}") for number in (1, 2, 3)]
    on_page = [school.urn for response in pages for school in response.context["page"]]
    quintiles = [
        str(school.fsm_quintile) for response in pages for school in response.context["page"]
    ]
    count = pages[0].context["page"].paginator.count
    assert 50 < count == len(on_page)

    response = client.get(export_url(hub, "csv", query))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0][:2] == ["URN", "School"]
    assert [int(row[0]) for row in rows[1:]] == on_page
    assert [row[11] for row in rows[1:]] == quintiles

    response = client.get(export_url(hub, "xlsx", query))
    assert response.status_code == 200
    workbook = load_workbook(io.BytesIO(b"".join(response.streaming_content)), read_only=True)
    sheet_rows = list(workbook.active.iter_rows(values_only=True))
    assert [row[0] for row in sheet_rows[1:]] == on_page
    assert [row[1] for row in sheet_rows[1:]] == [row[1] for row in rows[1:]]


def test_other_formats_are_not_found(client, hub, hub_lead, world):
    client.force_login(hub_lead)
    assert client.get(export_url(hub, "pdf")).status_code == 404


@pytest.mark.parametrize("name", ["reports:never_engaged", "reports:never_engaged_export"])
def test_who_may_see(client, hub, hub_lead, national_admin, outsider, participant, world, name):
    kwargs = {"hub_slug": hub.slug}
    if name.endswith("export"):
        kwargs["file_format"] = "csv"
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
    address = url(hub, fsm_quintile="5", sort="-pupils")
    before = queries_of(client, address)
    birmingham = world["Ash Primary"].local_authority
    for index in range(60):
        extra = school(
            birmingham, percentage_fsm=index, establishment_type_group=f"Type {index % 4}"
        )
        if index % 3 == 0:
            engage(extra, YEAR, YEAR.previous())
    after = queries_of(client, address)
    assert len(after) == len(before)
