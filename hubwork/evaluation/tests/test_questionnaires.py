"""National admins define the questionnaires: versions that keep answered wording, checks by
the field, the defaults every programme is seeded with, and who may open the pages."""

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from hubwork.core.models import AuditEvent
from hubwork.evaluation.models import Item, Questionnaire
from hubwork.evaluation.selectors.questionnaires import current_questionnaire
from hubwork.evaluation.services.questionnaires import (
    ItemData,
    item_move,
    item_update,
    questionnaires_seed,
)
from hubwork.evaluation.tests.factories import (
    AnswerFactory,
    ItemFactory,
    QuestionnaireFactory,
    ResponseFactory,
)
from hubwork.programmes.models import IntendedOutcome, Programme
from hubwork.programmes.seeds import PROGRAMMES
from hubwork.workgroups.tests.factories import IntendedOutcomeFactory, ProgrammeFactory

Area = IntendedOutcome.Area
KINDS = set(Questionnaire.Kind.values)
AGREE = ["Disagree", "Neither", "Agree"]


def url(name: str, **kwargs: object) -> str:
    from django.urls import reverse

    return reverse(f"evaluation:{name}", kwargs=kwargs or None)


@pytest.fixture
def programme(db) -> Programme:
    return ProgrammeFactory.create(name="Mastering Number", slug="mastering-number")


@pytest.fixture
def outcome(programme) -> IntendedOutcome:
    return IntendedOutcomeFactory.create(
        programme=programme, area=Area.PRACTICE, text="Teachers teach number every day."
    )


@pytest.fixture
def pre_post(programme, outcome) -> Questionnaire:
    questionnaire = QuestionnaireFactory.create(
        programme=programme, kind=Questionnaire.Kind.PRE_POST, title="Before and after"
    )
    ItemFactory.create(
        questionnaire=questionnaire,
        position=1,
        text="How far do you agree: I teach number every day.",
        outcome=outcome,
        area=outcome.area,
        scale_labels=AGREE,
    )
    ItemFactory.create(
        questionnaire=questionnaire,
        position=2,
        kind=Item.Kind.FREE_TEXT,
        text="What has changed?",
        scale_labels=[],
        required=False,
    )
    return questionnaire


def scale_post(outcome: IntendedOutcome, **changes: object) -> dict[str, object]:
    data: dict[str, object] = {
        "kind": "scale",
        "text": "How far do you agree: I teach a short number session every day.",
        "hint": "",
        "required": "on",
        "asked": "both",
        "outcome": str(outcome.pk),
        "area": "",
        "scale_labels": "Not at all\nSometimes\nEvery day",
        "choices": "",
        "min_value": "",
        "max_value": "",
    }
    data.update(changes)
    return data


class TestVersions:
    def test_a_change_to_an_answered_version_makes_a_new_one_and_keeps_the_old_wording(
        self, client, national_admin, pre_post, outcome
    ):
        scale = pre_post.items.get(kind=Item.Kind.SCALE)
        response = ResponseFactory.create(questionnaire=pre_post, wave="pre")
        answer = AnswerFactory.create(response=response, item=scale, number=2)
        client.force_login(national_admin)

        page = client.post(url("item_edit", pk=pre_post.pk, item_pk=scale.pk), scale_post(outcome))

        pre_post.refresh_from_db()
        new = Questionnaire.objects.get(programme=pre_post.programme, kind="pre_post", version=2)
        assert page.status_code == 302
        assert page.url == url("questionnaire", pk=new.pk)
        assert (pre_post.is_current, new.is_current) == (False, True)
        # The old response still answers the old wording.
        answer.refresh_from_db()
        assert answer.item.text == "How far do you agree: I teach number every day."
        assert answer.item.scale_labels == AGREE
        assert answer.response.questionnaire == pre_post
        # The new version has every question, the changed one changed.
        assert [(item.position, item.text) for item in new.items.order_by("position")] == [
            (1, "How far do you agree: I teach a short number session every day."),
            (2, "What has changed?"),
        ]
        assert new.items.get(position=1).scale_labels == ["Not at all", "Sometimes", "Every day"]
        assert new.items.get(position=1).outcome == outcome
        assert current_questionnaire(pre_post.programme, "pre_post") == new
        verbs = list(AuditEvent.objects.order_by("pk").values_list("verb", flat=True))
        assert verbs == ["questionnaire.versioned", "questionnaire.item_changed"]
        detail = client.get(page.url).content.decode()
        assert "Version 2 is now current" in detail
        assert "Version 1</a>" in detail

    def test_without_responses_a_change_is_made_in_place(
        self, client, national_admin, pre_post, outcome
    ):
        scale = pre_post.items.get(kind=Item.Kind.SCALE)
        client.force_login(national_admin)

        page = client.post(url("item_edit", pk=pre_post.pk, item_pk=scale.pk), scale_post(outcome))

        assert page.status_code == 302
        assert page.url == url("questionnaire", pk=pre_post.pk)
        assert Questionnaire.objects.count() == 1
        scale.refresh_from_db()
        assert scale.text == "How far do you agree: I teach a short number session every day."
        event = AuditEvent.objects.get()
        assert event.verb == "questionnaire.item_changed"
        assert event.data["changed"]["scale_labels"][1] == ["Not at all", "Sometimes", "Every day"]

    def test_the_title_an_added_and_a_removed_question_each_version_an_answered_one(
        self, client, national_admin, pre_post
    ):
        ResponseFactory.create(questionnaire=pre_post, wave="pre")
        client.force_login(national_admin)
        client.post(
            url("questionnaire_edit", pk=pre_post.pk),
            {"title": "Your teaching", "introduction": "Why we ask."},
        )
        second = Questionnaire.objects.get(is_current=True)
        assert (second.version, second.title) == (2, "Your teaching")
        assert Questionnaire.objects.get(version=1).title == "Before and after"
        # Version 2 has no responses: changed in place from here on.
        free_text = second.items.get(kind=Item.Kind.FREE_TEXT)
        page = client.post(url("item_delete", pk=second.pk, item_pk=free_text.pk))
        assert page.status_code == 302
        assert Questionnaire.objects.count() == 2
        assert list(second.items.values_list("text", flat=True)) == [
            "How far do you agree: I teach number every day."
        ]
        assert Questionnaire.objects.get(version=1).items.count() == 2

    def test_an_earlier_version_cannot_be_changed(self, client, national_admin, pre_post, outcome):
        ResponseFactory.create(questionnaire=pre_post, wave="pre")
        scale = pre_post.items.get(kind=Item.Kind.SCALE)
        client.force_login(national_admin)
        client.post(url("item_edit", pk=pre_post.pk, item_pk=scale.pk), scale_post(outcome))
        # A second admin, still on version 1's page, makes another change.
        page = client.post(
            url("item_edit", pk=pre_post.pk, item_pk=scale.pk),
            scale_post(outcome, text="Something else entirely"),
        )
        assert page.status_code == 200
        assert "Make your change on version 2, the current one." in page.content.decode()
        assert Questionnaire.objects.filter(is_current=True).count() == 1
        assert Questionnaire.objects.count() == 2

    def test_questions_move_up_and_down(self, national_admin, pre_post):
        free_text = pre_post.items.get(kind=Item.Kind.FREE_TEXT)
        item_move(item=free_text, offset=-1, by=national_admin)
        assert list(pre_post.items.order_by("position").values_list("kind", flat=True)) == [
            "free_text",
            "scale",
        ]
        assert AuditEvent.objects.get().verb == "questionnaire.items_reordered"

    def test_moving_through_the_page(self, client, national_admin, pre_post):
        scale = pre_post.items.get(kind=Item.Kind.SCALE)
        client.force_login(national_admin)
        page = client.post(url("item_edit", pk=pre_post.pk, item_pk=scale.pk), {"move": "down"})
        assert page.status_code == 302
        assert pre_post.items.order_by("position").last() == scale

    def test_an_unchanged_question_makes_no_version(self, national_admin, pre_post):
        ResponseFactory.create(questionnaire=pre_post, wave="pre")
        scale = pre_post.items.get(kind=Item.Kind.SCALE)
        same = item_update(item=scale, data=ItemData.of(scale), by=national_admin)
        assert same == scale
        assert Questionnaire.objects.count() == 1


class TestChecks:
    def test_a_scale_needs_two_points_and_an_intended_outcome(
        self, client, national_admin, pre_post
    ):
        client.force_login(national_admin)
        page = client.post(
            url("item_create", pk=pre_post.pk),
            {**scale_post_blank(), "scale_labels": "Only one", "outcome": ""},
        )
        assert page.status_code == 200
        form = page.context["form"]
        assert form.errors["scale_labels"] == [
            "Give at least 2 labelled points, one a line, lowest first (for example, 7 from "
            "“Strongly disagree” to “Strongly agree”)."
        ]
        assert form.errors["outcome"] == ["Choose the intended outcome this question measures."]
        html = page.content.decode()
        assert "govuk-error-summary" in html
        assert 'id="id_scale_labels_error"' in html
        assert pre_post.items.count() == 2

    def test_another_programmes_outcome_is_not_a_choice(self, client, national_admin, pre_post):
        stranger = IntendedOutcomeFactory.create()
        client.force_login(national_admin)
        page = client.post(
            url("item_create", pk=pre_post.pk), scale_post(stranger, text="Something")
        )
        assert "outcome" in page.context["form"].errors

    def test_choices_need_two_and_numbers_a_range_that_makes_sense(
        self, client, national_admin, pre_post
    ):
        client.force_login(national_admin)
        page = client.post(
            url("item_create", pk=pre_post.pk),
            {**scale_post_blank(), "kind": "single_choice", "choices": "Yes\n\n"},
        )
        assert page.context["form"].errors == {"choices": ["Give at least 2 choices, one a line."]}
        page = client.post(
            url("item_create", pk=pre_post.pk),
            {**scale_post_blank(), "kind": "number", "min_value": "10", "max_value": "2"},
        )
        assert page.context["form"].errors == {
            "max_value": ["The largest number must be the same as or more than the smallest."]
        }
        assert pre_post.items.count() == 2

    def test_a_national_defaults_scale_names_an_area(self, client, national_admin):
        national = QuestionnaireFactory.create(kind=Questionnaire.Kind.SESSION_FEEDBACK)
        client.force_login(national_admin)
        page = client.post(url("item_create", pk=national.pk), scale_post_blank())
        assert page.context["form"].errors == {
            "area": ["Choose the outcome area this question measures."]
        }
        assert "outcome" not in page.context["form"].fields
        page = client.post(
            url("item_create", pk=national.pk), {**scale_post_blank(), "area": "practice"}
        )
        assert page.status_code == 302
        item = national.items.get()
        assert (item.area, item.outcome, item.scale_labels) == ("practice", None, AGREE)

    def test_a_choice_question_keeps_its_choices_one_a_line(self, client, national_admin, pre_post):
        client.force_login(national_admin)
        page = client.post(
            url("item_create", pk=pre_post.pk),
            {
                **scale_post_blank(),
                "kind": "single_choice",
                "text": "How often?",
                "asked": "post",
                "choices": " Never \nSometimes\r\nOften\n",
                "scale_labels": "left over from a scale",
            },
        )
        assert page.status_code == 302
        item = pre_post.items.get(text="How often?")
        assert (item.choices, item.scale_labels, item.asked, item.position) == (
            ["Never", "Sometimes", "Often"],
            [],
            "post",
            3,
        )

    def test_a_second_questionnaire_of_a_kind_is_refused_by_the_field(
        self, client, national_admin, pre_post, programme
    ):
        client.force_login(national_admin)
        page = client.post(
            url("questionnaire_create"),
            {"programme": programme.pk, "kind": "pre_post", "title": "Again"},
        )
        assert page.status_code == 200
        assert page.context["form"].errors["kind"] == [
            "Mastering Number already has a before and after (pre/post) questionnaire: change "
            "that one instead."
        ]

    def test_creating_one_starts_from_the_defaults(
        self, client, national_admin, programme, outcome
    ):
        client.force_login(national_admin)
        form = client.get(
            url("questionnaire_create"), {"programme": programme.pk, "kind": "pre_post"}
        )
        assert (
            form.context["form"].initial["title"]
            == "Your teaching, before and after the Work Group"
        )
        page = client.post(
            url("questionnaire_create"),
            {"programme": programme.pk, "kind": "pre_post", "title": "Number, before and after"},
        )
        created = Questionnaire.objects.get(title="Number, before and after")
        assert page.url == url("questionnaire", pk=created.pk)
        scales = created.items.filter(kind=Item.Kind.SCALE)
        assert [(item.outcome, item.asked, item.scale_points) for item in scales] == [
            (outcome, "both", 7)
        ]
        assert created.items.filter(asked="post").count() == 3
        assert AuditEvent.objects.get().verb == "questionnaire.created"


def scale_post_blank() -> dict[str, object]:
    return {
        "kind": "scale",
        "text": "A question",
        "required": "on",
        "asked": "both",
        "scale_labels": "\n".join(AGREE),
    }


class TestSeeds:
    def test_seeding_gives_every_programme_and_the_national_default_each_kind_once(self, db):
        programmes = [ProgrammeFactory.create() for _ in range(2)]
        IntendedOutcomeFactory.create(programme=programmes[0], area=Area.SCHOOL_APPROACHES)
        assert questionnaires_seed() == 9
        assert questionnaires_seed() == 0
        assert questionnaires_seed(programmes=programmes) == 0
        for owner in [None, *programmes]:
            held = set(
                Questionnaire.objects.current()
                .filter(programme=owner)
                .values_list("kind", flat=True)
            )
            assert held == KINDS
        # Every scale question measures something: an outcome in a programme's pre/post and
        # school leader questionnaires, an area otherwise.
        for item in Item.objects.filter(kind=Item.Kind.SCALE).select_related("questionnaire"):
            assert item.area
            assert item.scale_points >= 2
            questionnaire = item.questionnaire
            if questionnaire.programme_id and questionnaire.kind != "session_feedback":
                assert item.outcome is not None
                assert item.outcome.programme_id == questionnaire.programme_id
        leader = Questionnaire.objects.get(programme=programmes[0], kind="school_leader")
        assert leader.items.filter(kind="scale").count() == 1

    def test_seed_programmes_gives_each_seeded_programme_its_questionnaires(self, db):
        call_command("seed_programmes")
        call_command("seed_programmes")  # again: nothing more
        assert Programme.objects.count() == len(PROGRAMMES)
        expected = (len(PROGRAMMES) + 1) * len(KINDS)
        assert Questionnaire.objects.count() == expected
        for programme in Programme.objects.prefetch_related("outcomes"):
            own = Questionnaire.objects.filter(programme=programme)
            assert set(own.values_list("kind", flat=True)) == KINDS
            pre_post = own.get(kind="pre_post")
            measured = set(pre_post.items.filter(kind="scale").values_list("outcome", flat=True))
            assert measured == {outcome.pk for outcome in programme.outcomes.all()}


class TestCurrentQuestionnaire:
    def test_a_programme_without_its_own_uses_the_national_default(self, programme):
        national = QuestionnaireFactory.create(kind="session_feedback")
        QuestionnaireFactory.create(kind="session_feedback", version=2, is_current=False)
        assert current_questionnaire(programme, "session_feedback") == national
        own = QuestionnaireFactory.create(programme=programme, kind="session_feedback")
        assert current_questionnaire(programme, "session_feedback") == own
        assert current_questionnaire(None, "session_feedback") == national
        assert current_questionnaire(programme, "school_leader") is None


class TestPermissions:
    @pytest.mark.parametrize("persona", ["participant", "hub_lead", "llme", "outsider"])
    def test_only_national_admins_may_open_the_pages(self, client, request, persona, pre_post):
        client.force_login(request.getfixturevalue(persona))
        item = pre_post.items.first()
        for address in [
            url("questionnaires"),
            url("questionnaire_create"),
            url("questionnaire", pk=pre_post.pk),
            url("questionnaire_edit", pk=pre_post.pk),
            url("item_create", pk=pre_post.pk),
            url("item_edit", pk=pre_post.pk, item_pk=item.pk),
            url("item_delete", pk=pre_post.pk, item_pk=item.pk),
        ]:
            assert client.get(address).status_code == 403, address
            # The list and a questionnaire's page answer GET alone (405 to anyone's POST).
            assert client.post(address).status_code in (403, 405), address
        assert pre_post.items.count() == 2

    def test_signed_out_people_are_asked_to_sign_in(self, client, pre_post):
        assert client.get(url("questionnaires")).status_code == 302

    def test_national_admins_open_every_page(self, client, national_admin, pre_post):
        client.force_login(national_admin)
        item = pre_post.items.first()
        for address in [
            url("questionnaires"),
            url("questionnaire_create"),
            url("questionnaire", pk=pre_post.pk),
            url("questionnaire_edit", pk=pre_post.pk),
            url("item_create", pk=pre_post.pk),
            url("item_edit", pk=pre_post.pk, item_pk=item.pk),
            url("item_delete", pk=pre_post.pk, item_pk=item.pk),
        ]:
            assert client.get(address).status_code == 200, address

    def test_an_item_of_another_questionnaire_is_not_found(self, client, national_admin, pre_post):
        other = ItemFactory.create()
        client.force_login(national_admin)
        assert client.get(url("item_edit", pk=pre_post.pk, item_pk=other.pk)).status_code == 404

    def test_the_menu_shows_questionnaires_to_national_admins_only(
        self, client, national_admin, hub_lead
    ):
        client.force_login(national_admin)
        assert url("questionnaires") in client.get("/dashboard/").content.decode()
        client.force_login(hub_lead)
        assert url("questionnaires") not in client.get("/dashboard/").content.decode()


class TestList:
    def test_the_list_shows_each_programme_and_kind(self, client, national_admin, pre_post):
        ResponseFactory.create(
            questionnaire=pre_post, wave="pre", work_group__programme=pre_post.programme
        )
        client.force_login(national_admin)
        page = client.get(url("questionnaires"))
        owners = page.context["owners"]
        assert [owner.name for owner in owners] == ["National default", "Mastering Number"]
        row = next(row for row in owners[1].rows if row.kind == "pre_post")
        assert (row.current, row.versions, row.responses, row.all_responses) == (
            pre_post,
            1,
            1,
            1,
        )
        html = page.content.decode()
        assert "Uses the national default." in html
        assert f"?programme={pre_post.programme_id}&amp;kind=school_leader" in html

    def test_the_list_costs_the_same_queries_however_many_programmes(self, client, national_admin):
        questionnaires_seed()
        client.force_login(national_admin)
        address = url("questionnaires")
        client.get(address)  # settle anything cached once per process

        def counted() -> int:
            with CaptureQueriesContext(connection) as queries:
                assert client.get(address).status_code == 200
            # Without Redis the cache is a table: its reads are not the page's.
            return len([query for query in queries if "hubwork_cache" not in query["sql"]])

        few = counted()
        for _ in range(4):
            programme = ProgrammeFactory.create()
            IntendedOutcomeFactory.create_batch(3, programme=programme)
        questionnaires_seed()
        ResponseFactory.create_batch(
            3, questionnaire=Questionnaire.objects.filter(programme__isnull=False).first()
        )
        assert counted() == few
