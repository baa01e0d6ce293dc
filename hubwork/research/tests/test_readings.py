"""Readings through the pages: who may add, change and remove which list's readings, the
services' checks (DOI, year, duplicates) by their fields, the audit log, search and filters,
and a flat number of queries on the library page."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from hubwork.accounts.tests.factories import UserFactory, enable_totp
from hubwork.core.models import AuditEvent
from hubwork.core.privacy import personal_data_parts
from hubwork.hubs.models import HubRole
from hubwork.hubs.tests.factories import HubFactory, HubRoleFactory
from hubwork.research.models import Reading, ReadingPhase, Theme
from hubwork.research.tests.factories import (
    ReadingFactory,
    ResearchProjectFactory,
    SessionReadingFactory,
    ThemeFactory,
)

pytestmark = pytest.mark.django_db

LIBRARY = reverse("research:library")
ADD = reverse("research:reading_create")


def form_data(**changes):
    data = {
        "title": "Retrieval practice in the mathematics classroom",
        "authors": "Agarwal, P.; Bain, P.",
        "year": "2019",
        "source": "Powerful Teaching",
        "source_kind": "book",
        "doi": "",
        "url": "",
        "summary": "Short, low-stakes quizzing helps pupils remember.",
        "phases": ["primary", "secondary"],
    }
    data.update(changes)
    return data


@pytest.fixture
def other_llme(other_hub):
    user = UserFactory.create(display_name="Olive Other")
    HubRoleFactory.create(user=user, hub=other_hub, role=HubRole.Kind.LLME)
    enable_totp(user)
    return user


@pytest.fixture
def hub_reading(hub):
    return ReadingFactory.create(hub=hub, title="Bar models in Year 4")


@pytest.fixture
def national_reading():
    return ReadingFactory.create(title="Mastery in English primary schools")


def test_an_llme_adds_a_reading_to_their_hub_list(client, hub, llme):
    client.force_login(llme)
    theme = Theme.objects.get(slug="retrieval-practice")
    response = client.post(
        ADD, form_data(reading_list=hub.slug, doi="https://doi.org/10.1234/ABC", themes=[theme.pk])
    )
    reading = Reading.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("research:reading", kwargs={"pk": reading.pk})
    assert (reading.hub, reading.added_by, reading.doi) == (hub, llme, "10.1234/abc")
    assert list(reading.themes.all()) == [theme]
    assert set(ReadingPhase.objects.values_list("phase", flat=True)) == {"primary", "secondary"}
    event = AuditEvent.objects.get(verb="reading.created")
    assert (event.actor_id, event.hub_id, event.object_id) == (llme.pk, hub.pk, str(reading.pk))
    page = client.get(response["Location"])
    assert "Retrieval practice in the mathematics classroom" in page.content.decode()
    assert "Liam Evans" in page.content.decode()  # who added it, for those who may change it


def test_with_one_list_to_add_to_it_is_chosen(client, hub, llme):
    client.force_login(llme)
    page = client.get(ADD)
    assert page.context["form"].fields["reading_list"].initial == hub.slug
    assert client.post(ADD, form_data()).status_code == 302  # the hidden field left out
    assert Reading.objects.get().hub == hub


def test_the_national_list_is_for_national_admins(client, hub, llme, national_admin):
    client.force_login(llme)
    response = client.post(ADD, form_data(reading_list="national"))
    assert "reading_list" in response.context["form"].errors
    assert client.get(ADD + "?list=national").status_code == 403
    client.force_login(national_admin)
    response = client.post(ADD, form_data(reading_list="national"))
    assert response.status_code == 302
    assert Reading.objects.get().hub is None


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"doi": "not-a-doi"}, "doi", "Enter a DOI in the form 10.1234/abc"),
        ({"year": "1492"}, "year", "greater than or equal to 1800"),
        ({"year": "2099"}, "year", "Enter a year from 1800 to"),
        ({"title": "   "}, "title", "This field is required"),
        ({"url": "javascript:alert(1)"}, "url", "Enter a valid URL"),
    ],
)
def test_bad_details_are_refused_by_their_field(client, hub, llme, changes, field, message):
    client.force_login(llme)
    response = client.post(ADD, form_data(reading_list=hub.slug, **changes))
    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors[field])
    assert not Reading.objects.exists()


def test_duplicates_are_refused_with_the_reading_already_there(client, hub, llme, other_hub):
    ReadingFactory.create(
        title="Retrieval Practice in the Mathematics Classroom!", year=2019, hub=other_hub
    )
    ReadingFactory.create(title="Something else", year=2001, doi="10.5555/known")
    client.force_login(llme)
    response = client.post(ADD, form_data(reading_list=hub.slug))
    assert response.context["form"].errors["title"] == [
        "Already in the library: Retrieval Practice in the Mathematics Classroom! (2019)"
    ]
    response = client.post(
        ADD, form_data(reading_list=hub.slug, year="2020", doi="DOI:10.5555/KNOWN")
    )
    assert response.context["form"].errors["doi"] == [
        "Already in the library: Something else (2001)"
    ]
    # Another year of the same title is another reading.
    assert client.post(ADD, form_data(reading_list=hub.slug, year="2020")).status_code == 302


def test_another_hubs_llme_cannot_change_a_hubs_reading(
    client, hub_reading, other_llme, participant
):
    edit = reverse("research:reading_edit", kwargs={"pk": hub_reading.pk})
    delete = reverse("research:reading_delete", kwargs={"pk": hub_reading.pk})
    for person in (other_llme, participant):
        client.force_login(person)
        assert client.get(edit).status_code == 403
        assert client.post(edit, form_data(title="Changed")).status_code == 403
        assert client.post(delete).status_code == 403
        # ... but may read it.
        page = client.get(reverse("research:reading", kwargs={"pk": hub_reading.pk}))
        assert page.status_code == 200
        assert "Remove it from the library" not in page.content.decode()
    hub_reading.refresh_from_db()
    assert hub_reading.title == "Bar models in Year 4"
    assert client.get(reverse("research:reading", kwargs={"pk": 987654})).status_code == 404


def test_the_hubs_staff_and_llmes_change_and_remove_its_readings(
    client, hub_reading, hub_lead, llme
):
    client.force_login(hub_lead)
    edit = reverse("research:reading_edit", kwargs={"pk": hub_reading.pk})
    response = client.post(edit, form_data(title="Bar models in Year 4 and 5", year="2020"))
    assert response.status_code == 302
    hub_reading.refresh_from_db()
    assert (hub_reading.title, hub_reading.year) == ("Bar models in Year 4 and 5", 2020)
    assert hub_reading.title_key == "bar models in year 4 and 5"
    changed = AuditEvent.objects.get(verb="reading.changed")
    assert changed.data["changed"]["year"] == [2019, 2020]
    client.force_login(llme)
    assert (
        client.post(reverse("research:reading_delete", kwargs={"pk": hub_reading.pk})).status_code
        == 302
    )
    assert not Reading.objects.exists()
    assert AuditEvent.objects.filter(verb="reading.deleted", actor=llme).exists()


def test_a_reading_set_for_a_session_or_cited_by_a_project_stays(client, hub_reading, llme):
    SessionReadingFactory.create(reading=hub_reading)
    project = ResearchProjectFactory.create()
    project.readings.add(hub_reading)
    client.force_login(llme)
    response = client.post(reverse("research:reading_delete", kwargs={"pk": hub_reading.pk}))
    assert response.status_code == 409
    assert (
        "This reading is set for 1 session and cited by 1 research project, so it stays"
        in response.content.decode()
    )
    assert Reading.objects.filter(pk=hub_reading.pk).exists()
    assert not AuditEvent.objects.filter(verb="reading.deleted").exists()


def test_only_national_admins_change_the_national_list(
    client, national_reading, hub_lead, national_admin
):
    edit = reverse("research:reading_edit", kwargs={"pk": national_reading.pk})
    client.force_login(hub_lead)
    assert client.get(edit).status_code == 403
    client.force_login(national_admin)
    assert client.get(edit).status_code == 200


def test_the_menu_shows_the_library_to_curators_only(client, llme, participant):
    client.force_login(llme)
    assert f'href="{LIBRARY}"' in client.get(reverse("dashboard:index")).content.decode()
    client.force_login(participant)
    assert f'href="{LIBRARY}"' not in client.get(reverse("dashboard:index")).content.decode()


def test_participants_read_the_library_but_add_nothing(client, participant, hub_reading):
    client.force_login(participant)
    page = client.get(LIBRARY)
    assert page.status_code == 200
    assert "Bar models in Year 4" in page.content.decode()
    assert "Add a reading" not in page.content.decode()
    assert client.get(ADD).status_code == 403
    assert client.post(ADD, form_data()).status_code == 403
    client.logout()
    assert client.get(LIBRARY).status_code == 302  # to sign in


def test_search_and_filters(client, participant, hub, other_hub):
    oracy = Theme.objects.get(slug="oracy-and-mathematical-talk")
    talk = ReadingFactory.create(
        title="Talk for reasoning", authors="Mercer, N.", summary="Dialogue", open_access=True
    )
    talk.themes.add(oracy)
    ReadingPhase.objects.create(reading=talk, phase="primary")
    fluency = ReadingFactory.create(
        title="Times tables", authors="Nunes, T.", summary="Fluency and reasoning", hub=hub
    )
    ReadingPhase.objects.create(reading=fluency, phase="secondary")
    ReadingFactory.create(title="Algebra", authors="Kieran, C.", summary="Letters", hub=other_hub)
    client.force_login(participant)

    def titles(**query):
        response = client.get(LIBRARY, query)
        assert response.status_code == 200
        return sorted(reading.title for reading in response.context["readings"])

    assert titles(q="reasoning") == ["Talk for reasoning", "Times tables"]  # title or summary
    assert titles(q="nunes") == ["Times tables"]  # authors
    assert titles(q="reasoning talk") == ["Talk for reasoning"]  # every word
    assert titles(phase="primary") == ["Talk for reasoning"]
    assert titles(theme=oracy.slug) == ["Talk for reasoning"]
    assert titles(open_access="on") == ["Talk for reasoning"]
    assert titles(reading_list="national") == ["Talk for reasoning"]
    assert titles(reading_list=hub.slug) == ["Times tables"]
    # Invalid filters are shown as errors and left out; the page still answers.
    response = client.get(LIBRARY, {"phase": "nonsense", "theme": "\x00", "q": "algebra"})
    assert response.status_code == 200
    assert "phase" in response.context["form"].errors
    assert [reading.title for reading in response.context["readings"]] == ["Algebra"]
    assert client.get(LIBRARY, {"page": "999"}).status_code == 200


def test_the_library_page_costs_the_same_queries_however_many_readings(client, participant, hub):
    client.force_login(participant)
    themes = [ThemeFactory.create(), ThemeFactory.create()]

    def add(count, hub_of=None):
        for _ in range(count):
            reading = ReadingFactory.create(hub=hub_of or HubFactory.create())
            reading.themes.set(themes)
            ReadingPhase.objects.create(reading=reading, phase="primary")

    def queries():
        client.get(LIBRARY)
        with CaptureQueriesContext(connection) as captured:
            assert client.get(LIBRARY).status_code == 200
        return [
            query["sql"]
            for query in captured.captured_queries
            if "hubwork_cache" not in query["sql"] and "SAVEPOINT" not in query["sql"]
        ]

    add(2)
    few = queries()
    add(20)
    add(3, hub_of=hub)
    many = queries()
    assert len(many) == len(few)


def test_erasure_keeps_their_readings_without_them(llme, hub_reading):
    Reading.objects.filter(pk=hub_reading.pk).update(added_by=llme)
    part = next(part for part in personal_data_parts() if part.name == "research")
    exported = part.export(llme).tables["readings_added"]
    assert [row["title"] for row in exported] == ["Bar models in Year 4"]
    assert part.erase(llme) == {"readings_unattributed": 1}
    hub_reading.refresh_from_db()
    assert hub_reading.added_by is None


def test_the_demo_readings_load_once(hub, national_admin):
    from hubwork.demo.research import GLOW_READINGS, NATIONAL_READINGS, seed_research

    llme = UserFactory.create(email="llme@example.org")
    HubRoleFactory.create(user=llme, hub=hub, role=HubRole.Kind.LLME)

    assert seed_research(hubs={"glow": hub}, by=national_admin) == len(NATIONAL_READINGS) + len(
        GLOW_READINGS
    )
    assert seed_research(hubs={"glow": hub}, by=national_admin) == 0
    assert Reading.objects.filter(hub=hub, added_by=llme).count() == len(GLOW_READINGS)
    assert Reading.objects.national().count() == len(NATIONAL_READINGS)
