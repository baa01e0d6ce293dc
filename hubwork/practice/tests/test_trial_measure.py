"""A trial's optional class-level measure: what was measured and how many of the class
succeeded before and after, numbers only. All or nothing, counts no more than the pupils who
took part, each problem by its field; shown on the trial's page and in the person's copy of
their data."""

import pytest
from django.core.exceptions import ValidationError

from hubwork.practice.models import ClassroomTrial
from hubwork.practice.privacy import practice_data_export
from hubwork.practice.services import trials as trials_services
from hubwork.practice.tests.test_trials import make_trial, trial_data

MEASURE = {
    "measure": "Answered the diagnostic question on equivalent fractions correctly",
    "pupils_measured": "27",
    "succeeded_before": "18",
    "succeeded_after": "24",
}


def test_the_form_asks_for_numbers_about_the_class_never_names(client, member, work_group):
    client.force_login(member)
    html = client.get("/my/trials/new/").content.decode()
    assert "A class-level measure (optional)" in html
    assert "numbers about the class as a whole: never names" in html
    assert 'name="pupils_measured"' in html
    assert 'inputmode="numeric"' in html
    # The section comes after the trial's own boxes and before the evidence.
    assert html.index('name="next_steps"') < html.index("A class-level measure")
    assert html.index("A class-level measure") < html.index('name="evidence"')


def test_a_trial_with_a_measure_shows_it_on_its_page(client, member, work_group):
    client.force_login(member)
    response = client.post("/my/trials/new/", trial_data(work_group, **MEASURE))
    assert response.status_code == 302, response.content.decode()
    trial = ClassroomTrial.objects.get()
    assert (trial.pupils_measured, trial.succeeded_before, trial.succeeded_after) == (27, 18, 24)
    html = client.get(response.url).content.decode()
    assert "Answered the diagnostic question on equivalent fractions correctly" in html
    assert "18 of 27 before" in html
    assert "24 of 27 after" in html


def test_a_trial_without_a_measure_says_not_given(client, member, work_group):
    client.force_login(member)
    response = client.post("/my/trials/new/", trial_data(work_group))
    assert response.status_code == 302
    trial = ClassroomTrial.objects.get()
    assert trial.measure == ""
    assert trial.pupils_measured is None
    html = client.get(response.url).content.decode()
    assert "Class-level measure" in html
    assert " of  before" not in html


@pytest.mark.parametrize(
    ("changes", "errors"),
    [
        # A measure without its numbers.
        (
            {"measure": "Explained their method", "pupils_measured": "", "succeeded_after": ""},
            {
                "pupils_measured": "Enter how many pupils in the class took part",
                "succeeded_after": "Enter how many pupils succeeded after",
            },
        ),
        # Numbers without saying what was measured.
        ({"measure": ""}, {"measure": "Say what you measured"}),
        # More succeeded than took part.
        (
            {"succeeded_before": "28", "succeeded_after": "30"},
            {
                "succeeded_before": (
                    "How many succeeded before must be no more than the 27 pupils who took part"
                ),
                "succeeded_after": (
                    "How many succeeded after must be no more than the 27 pupils who took part"
                ),
            },
        ),
        ({"pupils_measured": "0"}, {"pupils_measured": "Enter a number that is 1 or more"}),
        ({"succeeded_before": "-1"}, {"succeeded_before": "Enter a number that is 0 or more"}),
        ({"pupils_measured": "twenty"}, {"pupils_measured": "Enter a whole number of pupils"}),
    ],
)
def test_a_measure_that_does_not_add_up_is_an_error_by_the_field(
    client, member, work_group, changes, errors
):
    client.force_login(member)
    response = client.post("/my/trials/new/", trial_data(work_group, **{**MEASURE, **changes}))
    html = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in html
    for field, message in errors.items():
        assert f'id="id_{field}_error"' in html
        assert message in html
    assert not ClassroomTrial.objects.exists()


def test_a_word_for_a_number_is_one_error_not_two(client, member, work_group):
    client.force_login(member)
    response = client.post(
        "/my/trials/new/", trial_data(work_group, **{**MEASURE, "pupils_measured": "lots"})
    )
    html = response.content.decode()
    assert html.count('id="id_pupils_measured_error"') == 1
    assert "Enter how many pupils in the class took part" not in html


def test_the_author_adds_then_removes_a_measure(client, member, work_group):
    trial = make_trial(author=member, work_group=work_group, own_idea="Number talks")
    client.force_login(member)
    response = client.post(f"/my/trials/{trial.pk}/", trial_data(work_group, **MEASURE))
    assert response.status_code == 302
    trial.refresh_from_db()
    assert trial.succeeded_after == 24
    edit = client.get(f"/my/trials/{trial.pk}/").content.decode()
    assert 'value="24"' in edit
    emptied = dict.fromkeys(MEASURE, "")
    response = client.post(f"/my/trials/{trial.pk}/", trial_data(work_group, **emptied))
    assert response.status_code == 302
    trial.refresh_from_db()
    assert (trial.measure, trial.pupils_measured, trial.succeeded_after) == ("", None, None)


def test_the_service_refuses_a_measure_that_does_not_add_up(member, work_group):
    with pytest.raises(ValidationError) as raised:
        trials_services.trial_create(
            author=member,
            work_group=work_group,
            gap_task=None,
            own_idea="Number talks",
            class_or_year_group="Year 4",
            tried_on=work_group.year.starts_on,
            what_tried="Stem sentences.",
            measure="Correct answers",
            pupils_measured=20,
            succeeded_before=21,
            succeeded_after=None,
        )
    assert set(raised.value.message_dict) == {"succeeded_before", "succeeded_after"}


def test_the_measure_is_in_the_participants_copy_of_their_data(member, work_group):
    make_trial(
        author=member,
        work_group=work_group,
        own_idea="Number talks",
        measure="Correct answers",
        pupils_measured=27,
        succeeded_before=18,
        succeeded_after=24,
    )
    (row,) = practice_data_export(member).tables["trials"]
    assert (row["measure"], row["pupils_measured"], row["succeeded_before"]) == (
        "Correct answers",
        27,
        18,
    )
    assert row["succeeded_after"] == 24
