"""The Work Group evaluation report: its figures by Guskey level, the leads' words, and the
workflow draft → submitted → accepted (or returned with comments), through the pages."""

import html
import json

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from hubwork.accounts.tests.factories import UserFactory, enable_totp
from hubwork.core.models import AuditEvent
from hubwork.evaluation.models import (
    EvaluationReport,
    Invitation,
    Item,
    OutcomeNarrative,
    Questionnaire,
    Wave,
)
from hubwork.evaluation.selectors.report import report_figures
from hubwork.evaluation.services.reports import report_save
from hubwork.evaluation.tests.factories import (
    AnswerFactory,
    ItemFactory,
    QuestionnaireFactory,
    ResponseFactory,
)
from hubwork.practice.tests.factories import ClassroomTrialFactory
from hubwork.programmes.models import IntendedOutcome
from hubwork.schools.tests.factories import SchoolFactory
from hubwork.workgroups.models import Attendance, Enrolment
from hubwork.workgroups.tests.factories import (
    EnrolmentFactory,
    IntendedOutcomeFactory,
    ProgrammeFactory,
    SessionFactory,
    WorkGroupFactory,
    days,
)

Area = IntendedOutcome.Area
Status = EvaluationReport.Status
AGREEMENT_7 = [f"Point {n}" for n in range(1, 8)]


@pytest.fixture
def programme(db):
    return ProgrammeFactory.create(name="Mastering Number")


@pytest.fixture
def outcomes(programme):
    return {
        area: IntendedOutcomeFactory.create(
            programme=programme, area=area, text=f"Outcome on {area.label.lower()}"
        )
        for area in Area
    }


@pytest.fixture
def work_group(hub, llme, programme, outcomes):
    return WorkGroupFactory.create(
        hub=hub, programme=programme, leads=[llme], title="Mastering Number, Dudley"
    )


@pytest.fixture
def people(work_group):
    return [
        EnrolmentFactory.create(work_group=work_group, user__display_name=f"Teacher {n}").user
        for n in range(6)
    ]


@pytest.fixture
def pre_post(programme, outcomes):
    """A pre/post questionnaire: one 7-point item per intended outcome, asked both times,
    and a question on practice asked only after."""
    questionnaire = QuestionnaireFactory.create(
        programme=programme, kind=Questionnaire.Kind.PRE_POST
    )
    items = {
        area: ItemFactory.create(
            questionnaire=questionnaire,
            outcome=outcome,
            area=area,
            text=f"How far do you agree: {outcome.text}",
            scale_labels=AGREEMENT_7,
        )
        for area, outcome in outcomes.items()
    }
    items["often"] = ItemFactory.create(
        questionnaire=questionnaire,
        kind=Item.Kind.SINGLE_CHOICE,
        asked=Item.Asked.POST,
        area=Area.PRACTICE,
        text="How often have you used the approaches?",
        scale_labels=[],
        choices=["Not yet", "Sometimes", "Most lessons"],
    )
    return questionnaire, items


def answer(questionnaire, work_group, person, wave, answers):
    response = ResponseFactory.create(
        questionnaire=questionnaire, wave=wave, work_group=work_group, respondent=person
    )
    for item, number in answers.items():
        AnswerFactory.create(response=response, item=item, number=number)
    return response


def pairs(pre_post, work_group, people, before=3, after=5):
    questionnaire, items = pre_post
    learning = items[Area.PROFESSIONAL_LEARNING]
    for index, person in enumerate(people):
        answer(questionnaire, work_group, person, Wave.PRE, {learning: before})
        answer(
            questionnaire,
            work_group,
            person,
            Wave.POST,
            {learning: after + (index % 2), items["often"]: 2},
        )


def text(response):
    """The page as a reader sees it: apostrophes and quotes unescaped."""
    return html.unescape(response.content.decode())


def url(work_group, name="report"):
    return reverse(
        f"evaluation:{name}", kwargs={"hub_slug": work_group.hub.slug, "pk": work_group.pk}
    )


def edit(client, work_group, *, version=0, summary="", narratives=None):
    data = {"version": version, "summary": summary}
    data.update({f"outcome_{pk}": text for pk, text in (narratives or {}).items()})
    return client.post(url(work_group, "report_edit"), data)


def report_of(work_group):
    return EvaluationReport.objects.get(work_group=work_group)


def verbs(report):
    return list(
        AuditEvent.objects.filter(
            object_type="evaluation.evaluationreport", object_id=str(report.pk)
        )
        .order_by("pk")
        .values_list("verb", flat=True)
    )


# The workflow ------------------------------------------------------------------------------


def test_a_lead_writes_and_submits_and_hub_staff_accept(
    client,
    work_group,
    llme,
    hub_lead,
    outcomes,
    people,
    pre_post,
    mailoutbox,
    django_capture_on_commit_callbacks,
):
    pairs(pre_post, work_group, people[:5])
    client.force_login(llme)
    page = client.get(url(work_group))
    assert page.status_code == 200
    assert "Draft" in text(page)
    assert not EvaluationReport.objects.exists()  # opening it writes nothing

    learning = outcomes[Area.PROFESSIONAL_LEARNING]
    response = edit(
        client,
        work_group,
        summary="Teachers grew in confidence.",
        narratives={learning.pk: "Confidence rose across the group."},
    )
    assert response.status_code == 302
    report = report_of(work_group)
    assert report.version == 1
    assert OutcomeNarrative.objects.get(report=report, outcome=learning).text == (
        "Confidence rose across the group."
    )

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url(work_group, "report_submit"))
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.status == Status.SUBMITTED
    assert report.submitted_by == llme
    assert [message.to for message in mailoutbox] == [[hub_lead.email]]
    assert "to review" in mailoutbox[0].subject
    assert url(work_group) in mailoutbox[0].body

    # Submitted, the leads cannot change it.
    response = client.get(url(work_group, "report_edit"))
    assert response.status_code == 302
    assert edit(client, work_group, version=report.version, summary="Sneaky").status_code == 302
    report.refresh_from_db()
    assert report.summary == "Teachers grew in confidence."

    client.force_login(hub_lead)
    page = client.get(url(work_group))
    assert "Accept or return the report" in text(page)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url(work_group, "report_decide"), {"decision": "accept"})
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.status == Status.ACCEPTED
    assert report.decided_by == hub_lead
    assert report.snapshot["levels"]["2"]["by_outcome"][0]["n_matched"] == 5
    assert [message.to for message in mailoutbox[1:]] == [[llme.email]]
    assert "accepted" in mailoutbox[1].subject
    assert verbs(report) == [
        "evaluation_report.saved",
        "evaluation_report.submitted",
        "evaluation_report.accepted",
    ]


def test_an_accepted_report_is_locked_and_shows_what_was_accepted(
    client, work_group, llme, hub_lead, people, pre_post
):
    pairs(pre_post, work_group, people[:4])  # under five pairs: counts only
    client.force_login(llme)
    edit(client, work_group, summary="Early days.")
    client.post(url(work_group, "report_submit"))
    client.force_login(hub_lead)
    client.post(url(work_group, "report_decide"), {"decision": "accept"})
    report = report_of(work_group)
    assert report.status == Status.ACCEPTED

    # More answers come in after acceptance: enough pairs for a change now.
    pairs(pre_post, work_group, people[4:])
    assert report_figures(work_group)["levels"]["2"]["by_outcome"][0]["shown"]
    for person in (llme, hub_lead):
        client.force_login(person)
        page = text(client.get(url(work_group)))
        assert "This report is final" in page
        assert "4</td>" in page  # the four pairs it was accepted with
        assert "Fewer than 5 teachers answered both" in page
        assert "Change the report" not in page
        assert "Submit the report" not in page
        printed = text(client.get(url(work_group, "report_print")))
        assert "Fewer than 5 teachers answered both" in printed

    client.force_login(llme)
    assert client.get(url(work_group, "report_edit")).status_code == 302
    assert edit(client, work_group, version=report.version, summary="Changed").status_code == 302
    with pytest.raises(ValidationError, match="accepted"):
        report_save(
            report=report, by=llme, summary="Changed", narratives={}, version=report.version
        )
    report.refresh_from_db()
    assert report.summary == "Early days."
    assert report.status == Status.ACCEPTED


def test_returned_with_comments_then_changed_and_submitted_again(
    client, work_group, llme, hub_lead, mailoutbox, django_capture_on_commit_callbacks
):
    client.force_login(llme)
    edit(client, work_group, summary="First go.")
    client.post(url(work_group, "report_submit"))
    client.force_login(hub_lead)

    # Comments are needed to return it.
    response = client.post(
        url(work_group, "report_decide"), {"decision": "return", "comments": " "}
    )
    assert response.status_code == 200
    assert "Say what the leads should change." in text(response)
    assert report_of(work_group).status == Status.SUBMITTED

    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            url(work_group, "report_decide"),
            {"decision": "return", "comments": "Say more about attendance."},
        )
    report = report_of(work_group)
    assert report.status == Status.RETURNED
    assert report.comments == "Say more about attendance."
    assert [message.to for message in mailoutbox] == [[llme.email]]
    assert "Say more about attendance." in mailoutbox[0].body

    client.force_login(llme)
    page = client.get(url(work_group))
    assert "Say more about attendance." in text(page)
    assert "Returned with comments" in text(page)
    edit_page = client.get(url(work_group, "report_edit"))
    assert "Say more about attendance." in text(edit_page)
    assert edit(client, work_group, version=report.version, summary="Second go.").status_code == 302
    client.post(url(work_group, "report_submit"))
    report.refresh_from_db()
    assert report.status == Status.SUBMITTED
    assert report.summary == "Second go."
    assert verbs(report)[-2:] == ["evaluation_report.saved", "evaluation_report.submitted"]


def test_submitting_needs_the_summary(client, work_group, llme):
    client.force_login(llme)
    response = client.post(url(work_group, "report_submit"), follow=True)
    assert "Write the overall summary before you submit." in text(response)
    assert not EvaluationReport.objects.exists()
    edit(client, work_group, summary="   ")
    client.post(url(work_group, "report_submit"))
    assert report_of(work_group).status == Status.DRAFT


def test_hub_staff_edit_but_leave_submitting_to_the_leads(client, work_group, hub_lead):
    client.force_login(hub_lead)
    assert edit(client, work_group, summary="Hub's words.").status_code == 302
    response = client.post(url(work_group, "report_submit"), follow=True)
    assert "Only the Work Group's leads can submit its report." in text(response)
    assert report_of(work_group).status == Status.DRAFT


def test_a_draft_has_nothing_to_decide(client, work_group, hub_lead):
    client.force_login(hub_lead)
    response = client.post(url(work_group, "report_decide"), {"decision": "accept"})
    assert response.status_code == 200
    assert "nothing to decide" in text(response)
    assert not EvaluationReport.objects.exists()


# Who may do what ---------------------------------------------------------------------------


@pytest.fixture
def other_lead(hub):
    """A lead of another Work Group in the same hub."""
    user = UserFactory.create(display_name="Olu Otherlead")
    WorkGroupFactory.create(hub=hub, leads=[user])
    enable_totp(user)
    return user


@pytest.mark.parametrize("name", ["report", "report_edit", "report_print", "report_decide"])
@pytest.mark.parametrize("persona", ["other_lead", "outsider", "participant"])
def test_others_are_refused(client, request, work_group, people, name, persona):
    person = request.getfixturevalue(persona)
    if persona == "participant":
        EnrolmentFactory.create(work_group=work_group, user=person)
    client.force_login(person)
    assert client.get(url(work_group, name)).status_code == 403
    if name in ("report_edit", "report_decide"):
        assert client.post(url(work_group, name), {"decision": "accept"}).status_code == 403


@pytest.mark.parametrize("persona", ["other_lead", "outsider", "participant"])
def test_others_cannot_submit(client, request, work_group, llme, persona):
    client.force_login(llme)
    edit(client, work_group, summary="Ready.")
    client.force_login(request.getfixturevalue(persona))
    assert client.post(url(work_group, "report_submit")).status_code == 403
    assert report_of(work_group).status == Status.DRAFT


def test_only_hub_staff_decide(client, work_group, llme):
    client.force_login(llme)
    edit(client, work_group, summary="Ready.")
    client.post(url(work_group, "report_submit"))
    assert client.get(url(work_group, "report_decide")).status_code == 403
    response = client.post(url(work_group, "report_decide"), {"decision": "accept"})
    assert response.status_code == 403
    assert report_of(work_group).status == Status.SUBMITTED
    assert "Accept or return the report" not in text(client.get(url(work_group)))


def test_another_hubs_staff_cannot_decide(client, work_group, llme, outsider):
    client.force_login(llme)
    edit(client, work_group, summary="Ready.")
    client.post(url(work_group, "report_submit"))
    client.force_login(outsider)
    assert client.post(url(work_group, "report_decide"), {"decision": "accept"}).status_code == 403
    assert report_of(work_group).status == Status.SUBMITTED


# Two people editing at once ----------------------------------------------------------------


def test_a_stale_save_is_refused_and_the_typed_text_kept(
    client, work_group, llme, hub_lead, outcomes
):
    practice = outcomes[Area.PRACTICE]
    client.force_login(hub_lead)
    edit(client, work_group, summary="The hub's version.")  # from version 0, first
    client.force_login(llme)
    response = edit(
        client,
        work_group,
        version=0,  # opened before the hub lead saved
        summary="The lead's own summary.",
        narratives={practice.pk: "Trials went well."},
    )
    assert response.status_code == 409
    assert "Your changes are not saved yet" in text(response)
    assert "Helen Marsh changed this report" in text(response)
    assert "The lead's own summary." in text(response)  # in the form, to save again
    assert "Trials went well." in text(response)
    assert "The hub's version." in text(response)  # what was saved, to compare
    report = report_of(work_group)
    assert report.summary == "The hub's version."
    assert not OutcomeNarrative.objects.filter(report=report).exists()
    assert 'name="version" value="1"' in text(response)

    # Saving again from the refreshed form goes through.
    assert edit(client, work_group, version=1, summary="Merged.").status_code == 302
    assert report_of(work_group).summary == "Merged."


def test_errors_show_by_the_field(client, work_group, llme, outcomes):
    client.force_login(llme)
    learning = outcomes[Area.PROFESSIONAL_LEARNING]
    response = edit(client, work_group, summary="Fine", narratives={learning.pk: "x" * 6001})
    assert response.status_code == 200
    assert f'id="id_outcome_{learning.pk}_error"' in text(response)
    assert not EvaluationReport.objects.exists()
    # An empty post (no version) keeps what there is and asks for another look.
    response = client.post(url(work_group, "report_edit"), {"summary": "Kept"})
    assert response.status_code == 200
    assert "nothing was saved" in text(response)
    assert "Kept" in text(response)


# The figures -------------------------------------------------------------------------------


def test_the_matched_change_is_shown_with_its_n(client, work_group, llme, people, pre_post):
    pairs(pre_post, work_group, people[:5], before=3, after=5)
    client.force_login(llme)
    page = text(client.get(url(work_group)))
    assert "rose by 2.4 points on a 7-point scale (5 teachers who answered both; 95% CI" in page
    # The practice question asked only after: 5 answered, shown as a chart with its table.
    assert "How often have you used the approaches?" in page
    assert "5 (100%)" in page


def test_under_five_pairs_shows_counts_only(client, work_group, llme, people, pre_post):
    pairs(pre_post, work_group, people[:4])
    questionnaire, items = pre_post
    answer(questionnaire, work_group, people[4], Wave.PRE, {items[Area.PROFESSIONAL_LEARNING]: 2})
    client.force_login(llme)
    page = text(client.get(url(work_group)))
    assert "4 answered both; 1 only before, 0 only after." in page
    assert "Fewer than 5 teachers answered both" in page
    assert "teachers who answered both" not in page


def test_level_four_and_five_numbers(client, work_group, llme, people):
    sessions = [SessionFactory.create(work_group=work_group, date=days(-20 + n)) for n in range(2)]
    enrolments = list(Enrolment.objects.filter(work_group=work_group))
    for enrolment in enrolments[:3]:
        for session in sessions:
            Attendance.objects.create(enrolment=enrolment, session=session, status="present")
    now = timezone.now()
    ClassroomTrialFactory.create(
        work_group=work_group,
        author=people[0],
        shared_at=now,
        impact_rating=4,
        measure="Diagnostic question on place value",
        pupils_measured=27,
        succeeded_before=18,
        succeeded_after=24,
    )
    ClassroomTrialFactory.create(
        work_group=work_group,
        author=people[0],
        shared_at=now,
        impact_rating=5,
        measure="Counting on from the larger number",
        pupils_measured=30,
        succeeded_before=10,
        succeeded_after=21,
    )
    ClassroomTrialFactory.create(work_group=work_group, author=people[1])  # a private draft
    # A withdrawn participant's trial is not counted among the participants.
    withdrawn = EnrolmentFactory.create(work_group=work_group, status=Enrolment.Status.WITHDRAWN)
    ClassroomTrialFactory.create(work_group=work_group, author=withdrawn.user)

    client.force_login(llme)
    page = text(client.get(url(work_group)))
    assert "2 of 6 participants logged at least one classroom trial; 1 shared one" in page
    assert "6 of 12 (50%) of the places at the 2 sessions that went ahead" in page
    assert "Across 2 classes: 28 of 57 before → 45 of 57 after." in page
    assert "Diagnostic question on place value" in page
    # Ratings of shared trials only: a chart with its table.
    assert "Of 2 shared trials with a rating" in page
    assert "Teacher 0" not in page  # nobody's name


def test_school_leaders_are_counted_and_shown_only_from_three(
    client, work_group, llme, programme, outcomes
):
    questionnaire = QuestionnaireFactory.create(
        programme=programme, kind=Questionnaire.Kind.SCHOOL_LEADER
    )
    support = ItemFactory.create(
        questionnaire=questionnaire,
        kind=Item.Kind.SINGLE_CHOICE,
        area=Area.SCHOOL_APPROACHES,
        text="How much support could the school give?",
        scale_labels=[],
        choices=["None", "Some", "A lot"],
    )

    def leader_answers(value):
        school = SchoolFactory.create()
        invitation = Invitation.objects.create(
            work_group=work_group, wave=Wave.SCHOOL_LEADER, school=school, leader_email="h@e.org"
        )
        response = ResponseFactory.create(
            questionnaire=questionnaire,
            wave=Wave.SCHOOL_LEADER,
            work_group=work_group,
            invitation=invitation,
        )
        AnswerFactory.create(response=response, item=support, number=value)

    leader_answers(2)
    leader_answers(1)
    Invitation.objects.create(
        work_group=work_group, wave=Wave.SCHOOL_LEADER, school=SchoolFactory.create()
    )
    client.force_login(llme)
    page = text(client.get(url(work_group)))
    assert "of the school leaders asked, 2 of 3 (67%) answered" in page
    assert "Fewer than 3 answered, so only the counts are shown" in page
    assert "How much support could the school give?" not in page

    leader_answers(2)
    page = text(client.get(url(work_group)))
    assert "How much support could the school give?" in page
    assert "2 (67%)" in page  # "A lot", from two of three


def test_the_report_asks_a_fixed_number_of_queries(
    client, work_group, llme, programme, people, pre_post, django_assert_max_num_queries
):
    SessionFactory.create(work_group=work_group, date=days(-10))
    pairs(pre_post, work_group, people[:5])
    client.force_login(llme)
    edit(client, work_group, summary="Fine.")

    def count(address):
        with django_assert_max_num_queries(80) as queries:
            assert client.get(address).status_code == 200
        # The cache (a table in tests) counts rate limits; it is not the page's work.
        return len([q for q in queries.captured_queries if "hubwork_cache" not in q["sql"]])

    addresses = [url(work_group), url(work_group, "report_print")]
    before = [count(address) for address in addresses]
    more = [EnrolmentFactory.create(work_group=work_group).user for _ in range(10)]
    pairs(pre_post, work_group, more)
    for person in more[:5]:
        ClassroomTrialFactory.create(work_group=work_group, author=person, shared_at=timezone.now())
    SessionFactory.create(work_group=work_group, date=days(-5))
    assert [count(address) for address in addresses] == before


def test_the_figures_are_plain_json(work_group, people, pre_post):
    pairs(pre_post, work_group, people[:5])
    figures = report_figures(work_group)
    assert json.loads(json.dumps(figures)) == figures
    change = figures["levels"]["2"]["by_outcome"][0]
    assert change["n_matched"] == 5
    assert len(change["stats"]["change_ci"]) == 2


def test_a_hub_without_staff_hears_at_its_contact_address(
    client, work_group, llme, mailoutbox, django_capture_on_commit_callbacks
):
    client.force_login(llme)
    edit(client, work_group, summary="Ready.")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url(work_group, "report_submit"))
    assert [message.to for message in mailoutbox] == [[work_group.hub.email]]
    assert "contact address of GLOW Maths Hub" in mailoutbox[0].body
