"""Find your Maths Hub, as a browser without JavaScript sees it."""

import pytest

from hubwork.schools.models import School
from hubwork.schools.tests.factories import LocalAuthorityFactory, SchoolFactory

FIND_URL = "/hubs/find/"


@pytest.fixture
def riverside(db) -> School:
    """A school in a local authority that no hub covers yet."""
    return SchoolFactory.create(
        urn=990009,
        name="Riverside Primary School",
        town="Leeds",
        postcode="LS1 4AP",
        local_authority=LocalAuthorityFactory.create(code="383", name="Leeds"),
    )


def test_with_no_search_the_page_shows_only_the_form(client, db):
    response = client.get(FIND_URL)
    html = response.content.decode()
    assert response.status_code == 200
    assert "<title>Find your Maths Hub – Hubwork</title>" in html
    assert 'method="get"' in html
    assert '<label class="govuk-label govuk-label--s" for="id_q">' in html
    assert "School name, URN, postcode or town" in html
    assert ">Search</button>" in html
    assert "Any school may work with any Maths Hub, not only its local one" in html
    assert "found" not in html
    assert "No schools match" not in html


def test_the_page_loads_the_search_as_you_type_script_and_describes_the_box(client, db):
    html = client.get(FIND_URL).content.decode()
    assert 'data-module="hubwork-school-search"' in html
    assert 'data-search-url="/schools/search/"' in html
    assert 'data-navigate-url="/hubs/find/"' in html
    assert "js/school-search.mjs" in html
    assert "dist/accessible-autocomplete.min.js" in html


def test_a_search_lists_schools_with_their_local_hub(client, hillside, riverside):
    response = client.get(FIND_URL, {"q": "primary"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "2 schools found" in html
    assert "Hillside Primary School" in html
    assert "B1 1AA" in html
    assert "990001" in html
    assert 'Local Maths Hub: <a class="govuk-link" href="/hubs/glow/">GLOW Maths Hub</a>' in html
    assert "No hub covers this school's local authority yet" in html


def test_closed_schools_are_tagged(client, birmingham):
    SchoolFactory.create(
        name="Old Mill School", status=School.Status.CLOSED, local_authority=birmingham
    )
    html = client.get(FIND_URL, {"q": "old mill"}).content.decode()
    assert "1 school found" in html
    assert '<strong class="govuk-tag govuk-tag--grey">Closed</strong>' in html


def test_a_postcode_search_finds_the_school(client, hillside, riverside):
    html = client.get(FIND_URL, {"q": "b11aa"}).content.decode()
    assert "1 school found" in html
    assert "Hillside Primary School" in html
    assert "Riverside" not in html


def test_urn_shows_just_that_school(client, hillside, riverside):
    response = client.get(FIND_URL, {"urn": "990001"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "School found" in html
    assert "Riverside" not in html
    assert 'href="/hubs/glow/"' in html
    # The box shows the school as the suggestions named it.
    assert 'value="Hillside Primary School, Birmingham B1 1AA (URN 990001)"' in html


@pytest.mark.parametrize("urn", ["123456", "not-a-urn", "9" * 30])
def test_an_unknown_urn_says_so(client, hillside, urn):
    response = client.get(FIND_URL, {"urn": urn})
    assert response.status_code == 200
    assert "School not found" in response.content.decode()


def test_no_results_are_explained(client, hillside):
    html = client.get(FIND_URL, {"q": "zebra crossing"}).content.decode()
    assert "No schools match ‘zebra crossing’" in html
    assert "check the spelling" in html


def test_a_search_that_is_too_long_is_shown_by_the_field(client, db):
    response = client.get(FIND_URL, {"q": "x" * 101})
    html = response.content.decode()
    assert response.status_code == 200
    assert "<title>Error: Find your Maths Hub – Hubwork</title>" in html
    assert "govuk-error-summary" in html
    assert 'id="id_q_error"' in html
    assert "must be 100 characters or fewer" in html
    assert "found" not in html


def test_a_one_letter_search_asks_for_more(client, db):
    html = client.get(FIND_URL, {"q": "h"}).content.decode()
    assert "must be 2 characters or more" in html


def test_many_results_say_only_the_first_are_shown(client, birmingham):
    SchoolFactory.create_batch(51, name="Oak Primary", local_authority=birmingham)
    html = client.get(FIND_URL, {"q": "oak"}).content.decode()
    assert "50+ schools found" in html
    assert "Showing the first 50 schools" in html
    assert html.count("Local Maths Hub:") == 50


def test_queries_stay_fixed_as_results_grow(client, birmingham, django_assert_num_queries):
    SchoolFactory.create(name="Oak Primary", local_authority=birmingham)
    with django_assert_num_queries(1):
        assert client.get(FIND_URL, {"q": "oak"}).status_code == 200
    other = LocalAuthorityFactory.create()
    for local_authority in [birmingham, None, other]:
        SchoolFactory.create_batch(5, name="Oak Primary", local_authority=local_authority)
    with django_assert_num_queries(1):
        html = client.get(FIND_URL, {"q": "oak"}).content.decode()
    assert "16 schools found" in html
    with django_assert_num_queries(1):
        client.get(FIND_URL, {"urn": "990001"})


@pytest.mark.parametrize("urn", ["%C2%B2", "%D9%A3", "99999999999999999999999", "-1", " 1"])
def test_a_urn_that_is_not_a_urn_finds_no_school(client, riverside, urn):
    # "²" passes str.isdigit() but not int(); "٣" is a digit int() reads, but no URN.
    response = client.get(f"{FIND_URL}?urn={urn}")
    assert response.status_code == 200
    assert "Riverside Primary School" not in response.content.decode()
