"""Sign-up asks (optionally) for the school leader whom evaluation's school leader
questionnaire goes to at the end of the year: both their name and email address, or neither."""

import pytest

from hubwork.workgroups.models import Enrolment
from hubwork.workgroups.tests.factories import WorkGroupFactory

HINT = (
    "At the end of the year we ask your school leader a few questions about how the school "
    "supported what you learnt. Optional."
)


@pytest.fixture
def work_group(hub):
    return WorkGroupFactory.create(hub=hub, slug="glow-mastering-number", capacity=4)


def sign_up(client, work_group, school, **extra):
    data = {
        "school": school.name,
        "school_urn": str(school.urn),
        "role": Enrolment.Role.CLASS_TEACHER,
        "leader_supports": "on",
        **extra,
    }
    return client.post(f"/work-groups/{work_group.slug}/sign-up/", data)


def test_the_form_asks_for_the_school_leader_and_says_why(client, participant, work_group):
    client.force_login(participant)
    html = client.get(f"/work-groups/{work_group.slug}/sign-up/").content.decode()
    assert "School leader&#x27;s name" in html or "School leader's name" in html
    assert 'name="school_leader_email"' in html
    assert HINT in html


def test_the_school_leader_is_saved_on_the_enrolment(client, participant, work_group, hillside):
    client.force_login(participant)
    response = sign_up(
        client,
        work_group,
        hillside,
        school_leader_name="Hetty Head",
        school_leader_email="head@hillside.example.org",
    )
    assert response.status_code == 302
    enrolment = Enrolment.objects.get(user=participant)
    assert (enrolment.school_leader_name, enrolment.school_leader_email) == (
        "Hetty Head",
        "head@hillside.example.org",
    )


def test_neither_is_fine(client, participant, work_group, hillside):
    client.force_login(participant)
    assert sign_up(client, work_group, hillside).status_code == 302
    enrolment = Enrolment.objects.get(user=participant)
    assert (enrolment.school_leader_name, enrolment.school_leader_email) == ("", "")


@pytest.mark.parametrize(
    ("extra", "field", "message"),
    [
        (
            {"school_leader_name": "Hetty Head"},
            "school_leader_email",
            "Enter your school leader's email address, or leave both boxes empty.",
        ),
        (
            {"school_leader_email": "head@hillside.example.org"},
            "school_leader_name",
            "Enter your school leader's name, or leave both boxes empty.",
        ),
        (
            {"school_leader_name": "Hetty Head", "school_leader_email": "not an address"},
            "school_leader_email",
            "Enter an email address, like name@example.org.",
        ),
    ],
)
def test_one_without_the_other_is_an_error_by_the_field(
    client, participant, work_group, hillside, extra, field, message
):
    client.force_login(participant)
    response = sign_up(client, work_group, hillside, **extra)
    assert response.status_code == 200
    assert response.context["form"].errors == {field: [message]}
    assert not Enrolment.objects.filter(user=participant).exists()
