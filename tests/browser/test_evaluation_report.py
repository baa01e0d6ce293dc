"""A Work Group's evaluation report: a lead writes a narrative against an intended outcome and
submits the report; the hub lead reads it (charts with their tables, at every level), accepts
it, and the printable report shows what was accepted."""

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from hubwork.accounts.tests.factories import UserFactory, enable_totp
from hubwork.evaluation.models import EvaluationReport, Invitation, Item, Questionnaire, Wave
from hubwork.evaluation.tests.factories import (
    AnswerFactory,
    ItemFactory,
    QuestionnaireFactory,
    ResponseFactory,
)
from hubwork.hubs.models import HubRole
from hubwork.hubs.tests.factories import HubFactory, HubRoleFactory
from hubwork.practice.tests.factories import ClassroomTrialFactory
from hubwork.programmes.models import IntendedOutcome
from hubwork.schools.tests.factories import SchoolFactory
from hubwork.workgroups.tests.factories import (
    EnrolmentFactory,
    IntendedOutcomeFactory,
    ProgrammeFactory,
    SessionFactory,
    WorkGroupFactory,
    days,
)
from tests.browser.conftest import assert_accessible, sign_in, sign_in_with_two_factor

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

Area = IntendedOutcome.Area
AGREEMENT_5 = ["Strongly disagree", "Disagree", "Neither", "Agree", "Strongly agree"]


def respond(questionnaire, work_group, wave, answers, **extra):
    response = ResponseFactory.create(
        questionnaire=questionnaire, wave=wave, work_group=work_group, **extra
    )
    for item, number in answers.items():
        AnswerFactory.create(response=response, item=item, number=number)


def evaluated_work_group(hub, lead):
    """A Work Group whose participants have answered every form and shared trials."""
    programme = ProgrammeFactory.create(name="Mastering Number")
    learning = IntendedOutcomeFactory.create(
        programme=programme,
        area=Area.PROFESSIONAL_LEARNING,
        text="Teachers understand how number sense develops.",
    )
    IntendedOutcomeFactory.create(
        programme=programme, area=Area.PRACTICE, text="Teachers use daily number sessions."
    )
    work_group = WorkGroupFactory.create(
        hub=hub, programme=programme, leads=[lead], title="Mastering Number, Dudley"
    )
    session = SessionFactory.create(work_group=work_group, date=days(-20))
    people = [
        EnrolmentFactory.create(work_group=work_group, school=SchoolFactory.create()).user
        for _ in range(6)
    ]

    feedback = QuestionnaireFactory.create(kind=Questionnaire.Kind.SESSION_FEEDBACK)
    useful = ItemFactory.create(
        questionnaire=feedback, text="The session was useful.", scale_labels=AGREEMENT_5
    )
    for person, point in zip(people, [4, 5, 4, 3], strict=False):
        respond(
            feedback, work_group, Wave.SESSION, {useful: point}, session=session, respondent=person
        )

    pre_post = QuestionnaireFactory.create(programme=programme, kind=Questionnaire.Kind.PRE_POST)
    confidence = ItemFactory.create(
        questionnaire=pre_post,
        outcome=learning,
        area=learning.area,
        text="How far do you agree: I understand how number sense develops.",
        scale_labels=[str(point) for point in range(1, 8)],
    )
    for index, person in enumerate(people[:5]):
        respond(pre_post, work_group, Wave.PRE, {confidence: 3}, respondent=person)
        respond(pre_post, work_group, Wave.POST, {confidence: 5 + index % 2}, respondent=person)

    leaders = QuestionnaireFactory.create(kind=Questionnaire.Kind.SCHOOL_LEADER)
    support = ItemFactory.create(
        questionnaire=leaders,
        kind=Item.Kind.SINGLE_CHOICE,
        area=Area.SCHOOL_APPROACHES,
        text="How much time could the school give?",
        scale_labels=[],
        choices=["None", "Some", "A lot"],
    )
    for choice in (1, 2, 2):
        invitation = Invitation.objects.create(
            work_group=work_group, wave=Wave.SCHOOL_LEADER, school=SchoolFactory.create()
        )
        respond(leaders, work_group, Wave.SCHOOL_LEADER, {support: choice}, invitation=invitation)

    for person, before, after in ((people[0], 18, 24), (people[1], 12, 20)):
        ClassroomTrialFactory.create(
            work_group=work_group,
            author=person,
            shared_at=timezone.now(),
            measure="Diagnostic question on subitising",
            pupils_measured=27,
            succeeded_before=before,
            succeeded_after=after,
        )
    return work_group, learning


def test_a_lead_submits_the_report_and_the_hub_lead_accepts_it(page, transactional_db):
    hub = HubFactory.create(name="GLOW Maths Hub", slug="glow")
    lead = UserFactory.create(email="liam@example.org", display_name="Liam Evans")
    HubRoleFactory.create(user=lead, hub=hub, role=HubRole.Kind.LLME)
    hub_lead = UserFactory.create(email="helen@example.org", display_name="Helen Marsh")
    HubRoleFactory.create(user=hub_lead, hub=hub, role=HubRole.Kind.HUB_LEAD)
    secret = enable_totp(hub_lead)
    work_group, learning = evaluated_work_group(hub, lead)
    report_url = f"/hubs/glow/manage/work-groups/{work_group.pk}/evaluation/report/"

    sign_in(page, "liam@example.org")
    page.goto(report_url)
    expect(page.get_by_role("heading", name="Evaluation report", exact=True)).to_be_visible()
    expect(page.locator("main .govuk-tag")).to_have_text("Draft")
    expect(page.get_by_text("(5 teachers who answered both; 95% CI")).to_be_visible()
    expect(page.get_by_text("Across 2 classes: 30 of 54 before → 44 of 54 after.")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Write the report").click()
    page.get_by_label("Overall summary").fill("Teachers grew in confidence with number sense.")
    page.get_by_label(learning.text).fill("Confidence rose by about two points.")
    assert_accessible(page)
    page.get_by_role("button", name="Save the report").click()
    page.wait_for_url(f"**{report_url}")
    expect(page.get_by_text("The report is saved.")).to_be_visible()
    expect(page.get_by_text("Confidence rose by about two points.")).to_be_visible()
    page.get_by_role("button", name="Submit the report").click()
    expect(page.get_by_text("The report is submitted.")).to_be_visible()
    expect(page.locator("main .govuk-tag")).to_have_text("Submitted")
    assert_accessible(page)

    sign_in_with_two_factor(page, "helen@example.org", secret)
    page.goto(report_url)
    expect(page.get_by_role("heading", name="Accept or return the report")).to_be_visible()
    expect(
        page.get_by_role("img", name="Who answered the feedback after each session")
    ).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Accept the report").check()
    page.get_by_role("button", name="Confirm your decision").click()
    expect(page.get_by_text("The report is accepted.")).to_be_visible()
    expect(page.get_by_text("This report is final.")).to_be_visible()
    assert EvaluationReport.objects.get(work_group=work_group).status == "accepted"
    assert_accessible(page)

    page.get_by_role("link", name="Printable report").click()
    expect(
        page.get_by_role("heading", name="Evaluation report: Mastering Number, Dudley")
    ).to_be_visible()
    expect(page.get_by_text("Confidence rose by about two points.")).to_be_visible()
    assert_accessible(page)
    page.emulate_media(media="print")
    expect(page.get_by_role("link", name="Back to the evaluation report")).to_be_hidden()
