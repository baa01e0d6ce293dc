"""An LLME's profile and the national directory: listed only when they agree, filtered by
programme, phase and accreditation, for the staff of any hub and national admins only, in a
fixed number of queries however many people are listed."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from hubwork.accounts.tests.factories import UserFactory
from hubwork.hubs.models import Accreditation, HubRole
from hubwork.hubs.tests.factories import HubRoleFactory
from hubwork.leaders.models import LlmeProfile
from hubwork.leaders.services.directory import llme_profile_save
from hubwork.workgroups.tests.factories import ProgrammeFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def mastering_number(db):
    return ProgrammeFactory.create(name="Mastering Number", slug="mastering-number")


@pytest.fixture
def core_maths(db):
    return ProgrammeFactory.create(name="Developing Core Maths Pedagogy", slug="core-maths")


def _llme(hub, name, *, listed=True, phases=("primary",), programmes=(), accreditation=None):
    user = UserFactory.create(display_name=name)
    HubRoleFactory.create(user=user, hub=hub, role=HubRole.Kind.LLME)
    if accreditation:
        Accreditation.objects.create(user=user, kind=accreditation, year_achieved=2021)
    llme_profile_save(
        user=user, listed_in_directory=listed, phases=phases, programmes=programmes, about=""
    )
    return user


def test_an_llme_saves_their_profile_and_is_listed_only_when_they_say(client, llme, core_maths):
    client.force_login(llme)
    page = client.get(reverse("leaders:profile")).content.decode()
    assert "You are not listed in the national directory" in page
    response = client.post(
        reverse("leaders:profile"),
        {
            "phases": ["secondary", "primary"],
            "programmes": [core_maths.pk],
            "about": "Ten years leading.",
        },
    )
    assert response.status_code == 302
    profile = LlmeProfile.objects.get(user=llme)
    assert profile.listed_in_directory is False
    assert profile.phases == ["primary", "secondary"]
    assert list(profile.programmes.all()) == [core_maths]
    client.post(
        reverse("leaders:profile"),
        {"listed_in_directory": "on", "phases": ["primary"], "about": ""},
    )
    profile.refresh_from_db()
    assert profile.listed_in_directory is True
    assert list(profile.programmes.all()) == []


def test_the_directory_lists_only_those_who_agreed(client, hub, hub_lead, mastering_number):
    _llme(hub, "Listed Lucy", programmes=[mastering_number])
    _llme(hub, "Unlisted Una", listed=False, programmes=[mastering_number])
    client.force_login(hub_lead)
    page = client.get(reverse("leaders:directory")).content.decode()
    assert "Listed Lucy" in page
    assert "Unlisted Una" not in page


def test_the_directory_filters_by_programme_phase_and_accreditation(
    client, hub, other_hub, hub_lead, mastering_number, core_maths
):
    _llme(
        hub,
        "Primary Pat",
        phases=["primary"],
        programmes=[mastering_number],
        accreditation=Accreditation.Kind.MASTERY_SPECIALIST,
    )
    _llme(
        other_hub,
        "Secondary Sam",
        phases=["secondary", "post16"],
        programmes=[core_maths],
        accreditation=Accreditation.Kind.PD_LEAD,
    )
    client.force_login(hub_lead)
    url = reverse("leaders:directory")

    def names(**query: object) -> set[str]:
        body = client.get(url, query).content.decode()
        return {name for name in ("Primary Pat", "Secondary Sam") if name in body}

    assert names() == {"Primary Pat", "Secondary Sam"}
    assert names(programme=core_maths.pk) == {"Secondary Sam"}
    assert names(phase="primary") == {"Primary Pat"}
    assert names(phase="post16") == {"Secondary Sam"}
    assert names(accreditation=Accreditation.Kind.MASTERY_SPECIALIST) == {"Primary Pat"}
    assert names(programme=mastering_number.pk, phase="secondary") == set()
    # What each row shows: hubs led for, accreditations with year, email.
    body = client.get(url, {"programme": core_maths.pk}).content.decode()
    assert other_hub.name in body
    assert "PD Lead programme (2021)" in body


def test_the_directory_is_for_hub_staff_of_any_hub_and_national_admins(
    client, hub, llme, participant, outsider, national_admin
):
    url = reverse("leaders:directory")
    for person in (outsider, national_admin):
        client.force_login(person)
        assert client.get(url).status_code == 200
    for person in (llme, participant):
        client.force_login(person)
        assert client.get(url).status_code == 403


def test_the_directory_keeps_its_queries_as_it_grows(client, hub, hub_lead, mastering_number):
    client.force_login(hub_lead)
    url = reverse("leaders:directory")
    _llme(
        hub,
        "First",
        programmes=[mastering_number],
        accreditation=Accreditation.Kind.PD_LEAD,
    )
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for number in range(4):
        _llme(
            hub,
            f"More {number}",
            programmes=[mastering_number],
            accreditation=Accreditation.Kind.SPECIALIST_LEAD,
        )
    with CaptureQueriesContext(connection) as many:
        response = client.get(url)
    assert response.status_code == 200
    assert len(many) == len(few)


def test_profile_is_for_llmes(client, participant, hub_lead):
    for person in (participant, hub_lead):
        client.force_login(person)
        assert client.get(reverse("leaders:profile")).status_code == 403
