"""The national team edits programme designs in the admin; every save and delete goes through
`programmes.services`, which validates and audits it."""

import pytest

from hubwork.core.models import AuditEvent
from hubwork.programmes.models import IntendedOutcome, Programme, ProgrammePhase

ADD = "/admin/programmes/programme/add/"


@pytest.fixture
def mastering_number(db) -> Programme:
    programme = Programme.objects.create(
        name="Mastering Number", slug="mastering-number", summary="Number sense, R to Year 2."
    )
    ProgrammePhase.objects.create(programme=programme, phase="early_years")
    ProgrammePhase.objects.create(programme=programme, phase="primary")
    IntendedOutcome.objects.create(
        programme=programme, area="practice", text="Daily number sessions.", position=0
    )
    return programme


def inline(prefix: str, rows: list[dict[str, object]], *, initial: int = 0) -> dict[str, object]:
    data: dict[str, object] = {
        f"{prefix}-TOTAL_FORMS": str(len(rows)),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }
    for index, row in enumerate(rows):
        data.update({f"{prefix}-{index}-{name}": value for name, value in row.items()})
    return data


def programme_form(**values: object) -> dict[str, object]:
    return {
        "name": "Years 5-8 Continuity",
        "slug": "years-5-8-continuity",
        "kind": "work_group",
        "summary": "Primary and secondary teachers work together on Years 5 to 8.",
        "recommended_sessions": "3",
        "recommended_hours_per_session": "3",
        "recommended_mode": "blended",
        **values,
    }


def test_a_national_admin_adds_a_programme_with_its_phases_and_outcomes(client, national_admin):
    client.force_login(national_admin)
    assert client.get(ADD).status_code == 200
    data = {
        **programme_form(),
        **inline("phases", [{"phase": "primary"}, {"phase": "secondary"}]),
        **inline(
            "outcomes",
            [
                {
                    "area": "practice",
                    "text": "Shared approaches across the transition.",
                    "position": "1",
                },
                {"area": "pupil_learning", "text": "Pupils keep up in Year 7.", "position": "2"},
            ],
        ),
    }
    response = client.post(ADD, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    programme = Programme.objects.get(slug="years-5-8-continuity")
    assert programme.phase_list == ["Primary", "Secondary"]
    assert programme.outcomes.count() == 2
    event = AuditEvent.objects.get()
    assert (event.verb, event.actor) == ("programme.created", national_admin)
    assert event.data["changed"]["name"] == [None, "Years 5-8 Continuity"]
    assert event.data["phases"] == [[], ["primary", "secondary"]]
    assert event.data["outcomes"][1] == [
        ["practice", "Shared approaches across the transition."],
        ["pupil_learning", "Pupils keep up in Year 7."],
    ]


def test_changing_a_programme_logs_what_changed_before_and_after(
    client, national_admin, mastering_number
):
    early_years, primary = mastering_number.phases.order_by("pk")
    outcome = mastering_number.outcomes.get()
    client.force_login(national_admin)
    data = {
        **programme_form(
            name="Mastering Number",
            slug="mastering-number",
            summary="Number sense, R to Year 2.",
            recommended_sessions="4",
        ),
        **inline(
            "phases",
            [
                {
                    "id": str(early_years.pk),
                    "programme": str(mastering_number.pk),
                    "phase": "early_years",
                    "DELETE": "on",
                },
                {"id": str(primary.pk), "programme": str(mastering_number.pk), "phase": "primary"},
            ],
            initial=2,
        ),
        **inline(
            "outcomes",
            [
                {
                    "id": str(outcome.pk),
                    "programme": str(mastering_number.pk),
                    "area": "practice",
                    "text": "Daily number sessions.",
                    "position": "0",
                },
            ],
            initial=1,
        ),
    }
    response = client.post(f"/admin/programmes/programme/{mastering_number.pk}/change/", data)
    assert response.status_code == 302, response.content.decode()[:3000]
    mastering_number.refresh_from_db()
    assert mastering_number.recommended_sessions == 4
    assert mastering_number.phase_list == ["Primary"]
    assert mastering_number.outcomes.get().pk == outcome.pk  # unchanged outcomes are kept
    event = AuditEvent.objects.get()
    assert event.verb == "programme.changed"
    assert event.data == {
        "changed": {"recommended_sessions": [3, 4]},
        "phases": [["early_years", "primary"], ["primary"]],
    }


def test_a_programme_with_too_many_sessions_is_refused_with_a_message(client, national_admin):
    client.force_login(national_admin)
    data = {
        **programme_form(recommended_sessions="31"),
        **inline("phases", []),
        **inline("outcomes", []),
    }
    response = client.post(ADD, data)
    assert response.status_code == 200
    assert "less than or equal to 30" in response.content.decode()
    assert not Programme.objects.exists()
    assert not AuditEvent.objects.exists()


def test_deleting_a_programme_is_audited(client, national_admin, mastering_number):
    client.force_login(national_admin)
    response = client.post(
        f"/admin/programmes/programme/{mastering_number.pk}/delete/", {"post": "yes"}
    )
    assert response.status_code == 302
    assert not Programme.objects.exists()
    event = AuditEvent.objects.get()
    assert (event.verb, event.data) == (
        "programme.deleted",
        {"name": "Mastering Number", "slug": "mastering-number"},
    )
