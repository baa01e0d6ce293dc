"""School search: the selector and the public JSON endpoint behind search-as-you-type."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from hubwork.hubs.views.school_search import SEARCH_RATE_LIMIT
from hubwork.schools.models import School
from hubwork.schools.selectors import search_schools
from hubwork.schools.tests.factories import LocalAuthorityFactory, SchoolFactory

SEARCH_URL = "/schools/search/"


@pytest.fixture
def schools(hillside, birmingham):
    """Hillside and its neighbours: one closed, one that merely has "hillside" in its name,
    one in a local authority no hub covers yet."""
    return {
        "hillside": hillside,
        "old_hillside": SchoolFactory.create(
            urn=990002,
            name="Hillside Infant School",
            town="Birmingham",
            postcode="B1 1AB",
            status=School.Status.CLOSED,
            local_authority=birmingham,
        ),
        "academy": SchoolFactory.create(
            urn=990003,
            name="The Hillside Academy",
            town="Solihull",
            postcode="B91 3QQ",
            local_authority=birmingham,
        ),
        "riverside": SchoolFactory.create(
            urn=1234567,
            name="Riverside Primary School",
            town="Leeds",
            postcode="LS1 4AP",
            local_authority=LocalAuthorityFactory.create(code="383", name="Leeds"),
        ),
    }


def names(results: list[School]) -> list[str]:
    return [school.name for school in results]


def local_hub_name(school: School) -> str | None:
    hub_area = getattr(school.local_authority, "hub_area", None)
    return hub_area.hub.name if hub_area else None


class TestSearchSchools:
    def test_a_urn_finds_exactly_that_school(self, schools):
        assert names(search_schools(query="990001")) == ["Hillside Primary School"]
        assert names(search_schools(query=" 1234567 ")) == ["Riverside Primary School"]

    def test_a_school_label_finds_that_school(self, schools):
        label = "Hillside Primary School, Birmingham B1 1AA (URN 990001)"
        assert names(search_schools(query=label)) == ["Hillside Primary School"]

    @pytest.mark.parametrize("query", ["B1 1AA", "b11aa", "B11AA", " b1  1aa "])
    def test_a_full_postcode_with_or_without_the_space(self, schools, query):
        assert names(search_schools(query=query)) == ["Hillside Primary School"]

    def test_the_start_of_a_postcode_finds_every_school_there(self, schools):
        # B1 is not B11 or B91: the key is the postcode without its space, matched from its start.
        assert names(search_schools(query="B1")) == [
            "Hillside Primary School",
            "Hillside Infant School",
        ]
        assert names(search_schools(query="b1 1")) == [
            "Hillside Primary School",
            "Hillside Infant School",
        ]
        assert names(search_schools(query="LS1")) == ["Riverside Primary School"]

    def test_every_word_must_appear_in_name_town_or_postcode(self, schools):
        assert names(search_schools(query="hillside birmingham primary")) == [
            "Hillside Primary School"
        ]
        assert names(search_schools(query="HILLSIDE solihull")) == ["The Hillside Academy"]
        assert names(search_schools(query="riverside, leeds")) == ["Riverside Primary School"]
        assert search_schools(query="hillside leeds") == []

    def test_open_schools_come_first_then_names_starting_with_the_query(self, schools):
        assert names(search_schools(query="hillside")) == [
            "Hillside Primary School",
            "The Hillside Academy",
            "Hillside Infant School",  # closed: still findable, last
        ]
        assert search_schools(query="hillside")[-1].is_closed

    def test_queries_shorter_than_two_characters_find_nothing(self, schools):
        assert search_schools(query="h") == []
        assert search_schools(query="  ") == []

    def test_like_wildcards_are_plain_characters(self, schools):
        assert search_schools(query="%%") == []
        assert search_schools(query="__") == []

    def test_results_know_their_local_hub_without_more_queries(
        self, schools, hub, django_assert_num_queries
    ):
        with django_assert_num_queries(1):
            results = search_schools(query="school")
            hub_names = [local_hub_name(school) for school in results]
        assert names(results) == [
            "Hillside Primary School",
            "Riverside Primary School",
            "Hillside Infant School",
        ]
        assert hub_names == ["GLOW Maths Hub", None, "GLOW Maths Hub"]

    def test_the_limit_caps_the_results(self, birmingham):
        SchoolFactory.create_batch(5, name="Oak Primary", local_authority=birmingham)
        assert len(search_schools(query="oak", limit=3)) == 3


class TestSchoolSearchEndpoint:
    def test_answers_with_each_school_its_local_hub_and_a_label(self, client, schools):
        response = client.get(SEARCH_URL, {"q": "hillside primary"})
        assert response.status_code == 200
        assert response.json() == {
            "results": [
                {
                    "urn": 990001,
                    "name": "Hillside Primary School",
                    "town": "Birmingham",
                    "postcode": "B1 1AA",
                    "local_authority": "Birmingham",
                    "status": "open",
                    "closed": False,
                    "hub": {"name": "GLOW Maths Hub", "slug": "glow", "url": "/hubs/glow/"},
                    "label": "Hillside Primary School, Birmingham B1 1AA (URN 990001)",
                }
            ]
        }

    def test_closed_schools_are_marked_and_come_last(self, client, schools):
        results = client.get(SEARCH_URL, {"q": "hillside"}).json()["results"]
        assert [result["closed"] for result in results] == [False, False, True]
        closed_label = "Hillside Infant School, Birmingham B1 1AB (URN 990002, closed)"
        assert results[-1]["label"] == closed_label

    def test_a_school_no_hub_covers_has_no_hub(self, client, schools):
        (result,) = client.get(SEARCH_URL, {"q": "1234567"}).json()["results"]
        assert result["name"] == "Riverside Primary School"
        assert result["hub"] is None

    def test_is_public(self, client, schools):
        response = client.get(SEARCH_URL, {"q": "LS1 4AP"})
        assert response.status_code == 200
        assert len(response.json()["results"]) == 1

    def test_a_short_query_finds_nothing_without_error(self, client, schools):
        response = client.get(SEARCH_URL, {"q": "h"})
        assert response.status_code == 200
        assert response.json() == {"results": []}

    @pytest.mark.parametrize(
        ("params", "message"),
        [
            ({}, "Enter a school name, URN, postcode or town"),
            ({"q": "x" * 101}, "100 characters or fewer"),
            ({"q": "hill\x00side"}, "null characters"),
        ],
    )
    def test_bad_input_gets_a_readable_400(self, client, db, params, message):
        response = client.get(SEARCH_URL, params)
        assert response.status_code == 400
        assert response["Content-Type"] == "application/json"
        assert message in response.json()["error"]

    def test_only_get(self, client, db):
        assert client.post(SEARCH_URL, {"q": "hillside"}).status_code == 405

    def test_queries_stay_fixed_as_results_grow(self, client, birmingham):
        SchoolFactory.create(name="Oak Primary", local_authority=birmingham)
        # The rate limit counts in the cache, which without Redis is a table in the same
        # database: the search itself must be one query, whatever the cache costs.
        client.get(SEARCH_URL, {"q": "oak"})
        with CaptureQueriesContext(connection) as few:
            assert len(client.get(SEARCH_URL, {"q": "oak"}).json()["results"]) == 1
        for local_authority in [birmingham, None, LocalAuthorityFactory.create()]:
            SchoolFactory.create_batch(5, name="Oak Primary", local_authority=local_authority)
        with CaptureQueriesContext(connection) as many:
            assert len(client.get(SEARCH_URL, {"q": "oak"}).json()["results"]) == 16
        assert len(many) == len(few)
        assert len(searches(many)) == 1

    def test_too_many_searches_get_a_readable_429(self, client, schools):
        for _ in range(SEARCH_RATE_LIMIT):
            assert client.get(SEARCH_URL, {"q": "hi"}).status_code == 200
        response = client.get(SEARCH_URL, {"q": "hillside"})
        assert response.status_code == 429
        assert response["Retry-After"] == "60"
        assert "Wait a minute" in response.json()["error"]

    def test_the_limit_is_per_address(self, client, schools):
        for _ in range(SEARCH_RATE_LIMIT + 1):
            client.get(SEARCH_URL, {"q": "hi"})
        response = client.get(SEARCH_URL, {"q": "hillside"}, REMOTE_ADDR="192.0.2.7")
        assert response.status_code == 200


def searches(queries: CaptureQueriesContext) -> list[str]:
    """The queries that are not the rate limit's cache (or its savepoints)."""
    return [
        query["sql"]
        for query in queries.captured_queries
        if "hubwork_cache" not in query["sql"] and "SAVEPOINT" not in query["sql"]
    ]
