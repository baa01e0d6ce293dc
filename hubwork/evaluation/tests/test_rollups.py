"""Roll-ups: a hub's Work Groups by programme, and each programme across hubs, on screen and
as CSV; who may open them; and queries that do not grow with hubs, Work Groups or answers."""

import csv
import io
from datetime import time

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from hubwork.core.academic_years import AcademicYear
from hubwork.evaluation.models import Answer, EvaluationReport, Questionnaire, Response, Wave
from hubwork.evaluation.selectors.rollups import hub_rollup, national_programme
from hubwork.evaluation.tests.factories import ItemFactory, QuestionnaireFactory
from hubwork.hubs.tests.factories import HubFactory
from hubwork.programmes.models import IntendedOutcome
from hubwork.workgroups.models import WorkGroup
from hubwork.workgroups.tests.factories import (
    EnrolmentFactory,
    IntendedOutcomeFactory,
    ProgrammeFactory,
    SessionFactory,
    WorkGroupFactory,
    days,
)

YEAR = AcademicYear.current()


@pytest.fixture
def programme(db):
    return ProgrammeFactory.create(name="Mastering Number", slug="mastering-number")


@pytest.fixture
def items(programme):
    outcome = IntendedOutcomeFactory.create(
        programme=programme, area=IntendedOutcome.Area.PRACTICE, text="Teachers use rekenreks"
    )
    pre_post = QuestionnaireFactory.create(programme=programme, kind=Questionnaire.Kind.PRE_POST)
    feedback = QuestionnaireFactory.create(kind=Questionnaire.Kind.SESSION_FEEDBACK)
    return {
        "change": ItemFactory.create(
            questionnaire=pre_post,
            outcome=outcome,
            area=outcome.area,
            scale_labels=[str(point) for point in range(1, 8)],
        ),
        "useful": ItemFactory.create(questionnaire=feedback),
    }


def run_work_group(hub, programme, items, *, people=5, rise=2, **extra):
    """A Work Group with one held session; everyone answers feedback, before and after."""
    work_group = WorkGroupFactory.create(hub=hub, programme=programme, **extra)
    session = SessionFactory.create(
        work_group=work_group, number=1, date=days(-3), starts_at=time(9), ends_at=time(12)
    )
    SessionFactory.create(work_group=work_group, number=2, date=days(20))
    now = timezone.now()
    for index in range(people):
        person = EnrolmentFactory.create(work_group=work_group).user
        responses = Response.objects.bulk_create(
            [
                Response(
                    questionnaire=items["useful"].questionnaire,
                    wave=Wave.SESSION,
                    work_group=work_group,
                    session=session,
                    respondent=person,
                    submitted_at=now,
                ),
                Response(
                    questionnaire=items["change"].questionnaire,
                    wave=Wave.PRE,
                    work_group=work_group,
                    respondent=person,
                    submitted_at=now,
                ),
                Response(
                    questionnaire=items["change"].questionnaire,
                    wave=Wave.POST,
                    work_group=work_group,
                    respondent=person,
                    submitted_at=now,
                ),
            ]
        )
        start = 2 + index % 3
        Answer.objects.bulk_create(
            [
                Answer(response=responses[0], item=items["useful"], number=4),
                Answer(response=responses[1], item=items["change"], number=start),
                Answer(response=responses[2], item=items["change"], number=start + rise),
            ]
        )
    return work_group


def test_hub_rollup_by_programme(hub, programme, items):
    first = run_work_group(hub, programme, items, people=3, title="A first")
    second = run_work_group(hub, programme, items, people=4, title="B second")
    EvaluationReport.objects.create(work_group=second, status=EvaluationReport.Status.SUBMITTED)
    EnrolmentFactory.create(work_group=first)  # holds a place, answered nothing
    # Not counted: another year, a draft, another hub.
    run_work_group(hub, programme, items, academic_year=YEAR.start_year - 1)
    run_work_group(hub, programme, items, status=WorkGroup.Status.DRAFT)
    run_work_group(HubFactory.create(), programme, items)

    rollup = hub_rollup(hub, YEAR)

    (entry,) = rollup.programmes
    assert [row.title for row in entry.work_groups] == ["A first", "B second"]
    totals = entry.totals
    assert (totals.work_groups, totals.participants) == (2, 8)
    assert (totals.feedback_responses, totals.feedback_asked) == (7, 8)
    assert {status: count for status, _label, count in totals.status_counts} == {
        "not_started": 1,
        "draft": 0,
        "submitted": 1,
        "returned": 0,
        "accepted": 0,
    }
    (practice,) = totals.pre_post.by_area
    assert (practice.n_matched, practice.shown) == (7, True)
    assert _stats(practice).mean_change == 2
    assert practice.guskey_level == 4


def test_the_under_five_rule_holds_in_the_rollup(hub, programme, items):
    run_work_group(hub, programme, items, people=4)
    (practice,) = hub_rollup(hub, YEAR).programmes[0].totals.pre_post.by_area
    assert practice.n_matched == 4
    assert not practice.shown
    assert practice.stats is None


def test_national_programme_per_hub_alphabetically_and_england(programme, items):
    zeta = HubFactory.create(name="Zeta Maths Hub")
    alpha = HubFactory.create(name="Alpha Maths Hub")
    run_work_group(zeta, programme, items, people=6, rise=1)
    run_work_group(alpha, programme, items, people=3, rise=3)
    run_work_group(alpha, ProgrammeFactory.create(), items)  # another programme

    national = national_programme(programme, YEAR)

    assert [line.name for line in national.hubs] == ["Alpha Maths Hub", "Zeta Maths Hub"]
    alpha_line, zeta_line = national.hubs
    assert not alpha_line.totals.pre_post.by_area[0].shown  # 3 pairs
    assert _stats(zeta_line.totals.pre_post.by_area[0]).mean_change == 1
    england = national.england.totals
    assert (england.work_groups, england.participants) == (2, 9)
    assert england.pre_post.by_area[0].n_matched == 9
    assert _stats(england.pre_post.by_area[0]).mean_change == pytest.approx((6 * 1 + 3 * 3) / 9)


def queries_of(client, url):
    client.get(url)  # warm: sessions, the cache table
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return [
        query["sql"]
        for query in captured.captured_queries
        if "hubwork_cache" not in query["sql"] and "SAVEPOINT" not in query["sql"]
    ]


def test_queries_stay_flat_as_hubs_work_groups_and_answers_grow(
    client, hub, national_admin, programme, items
):
    client.force_login(national_admin)
    hub_url = reverse("evaluation:hub_rollup", kwargs={"hub_slug": hub.slug})
    national_url = reverse(
        "evaluation:national_programme", kwargs={"programme_slug": programme.slug}
    )
    run_work_group(hub, programme, items, people=2)
    few_hub, few_national = queries_of(client, hub_url), queries_of(client, national_url)
    for _ in range(3):
        run_work_group(hub, programme, items, people=6)
        run_work_group(HubFactory.create(), programme, items, people=5)
    run_work_group(hub, ProgrammeFactory.create(), items, people=5)
    many_hub, many_national = queries_of(client, hub_url), queries_of(client, national_url)
    assert len(many_hub) == len(few_hub)
    assert len(many_national) == len(few_national)


def test_pages_and_csv(client, hub, hub_lead, national_admin, programme, items):
    work_group = run_work_group(hub, programme, items, people=6, title="=Dudley")
    client.force_login(hub_lead)
    page = client.get(reverse("evaluation:hub_rollup", kwargs={"hub_slug": hub.slug}))
    assert page.status_code == 200
    text = page.content.decode()
    assert "Mastering Number" in text
    assert reverse("evaluation:report", kwargs={"hub_slug": hub.slug, "pk": work_group.pk}) in text
    assert "6 of 6 (100%)" in text

    export = client.get(
        reverse("evaluation:hub_rollup_csv", kwargs={"hub_slug": hub.slug}),
        {"year": YEAR.label},
    )
    assert export["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(b"".join(export.streaming_content).decode("utf-8-sig"))))
    header, work_group_row, total = rows
    # Never a formula in a spreadsheet.
    assert work_group_row[header.index("Work Group")] == "'=Dudley"
    assert work_group_row[header.index("participants with a place")] == "6"
    assert total[header.index("Practice development: matched pairs")] == "6"
    assert total[header.index("Practice development: mean change")] == "2.0"

    client.force_login(national_admin)
    national = client.get(reverse("evaluation:national_rollup"), {"year": YEAR.label})
    assert "Mastering Number" in national.content.decode()
    export = client.get(
        reverse("evaluation:national_programme_csv", kwargs={"programme_slug": programme.slug})
    )
    rows = list(csv.reader(io.StringIO(b"".join(export.streaming_content).decode("utf-8-sig"))))
    assert [row[0] for row in rows[1:]] == ["Hub", "England"]


def test_a_bad_year_falls_back_to_the_current_one(client, hub, hub_lead):
    client.force_login(hub_lead)
    page = client.get(
        reverse("evaluation:hub_rollup", kwargs={"hub_slug": hub.slug}), {"year": "2025-26"}
    )
    assert page.status_code == 200
    assert "not an academic year like 2025/26" in page.content.decode()


@pytest.mark.parametrize(
    ("name", "kwargs"),
    [
        ("evaluation:hub_rollup", {"hub_slug": "glow"}),
        ("evaluation:hub_rollup_csv", {"hub_slug": "glow"}),
    ],
)
def test_who_may_see_the_hub_rollup(
    client, name, kwargs, hub, hub_lead, national_admin, outsider, participant
):
    url = reverse(name, kwargs=kwargs)
    assert client.get(url).status_code == 302  # sign in first
    for person, status in [
        (hub_lead, 200),
        (national_admin, 200),
        (outsider, 403),
        (participant, 403),
    ]:
        client.force_login(person)
        assert client.get(url).status_code == status, person


@pytest.mark.parametrize(
    ("name", "kwargs"),
    [
        ("evaluation:national_rollup", {}),
        ("evaluation:national_programme", {"programme_slug": "mastering-number"}),
        ("evaluation:national_programme_csv", {"programme_slug": "mastering-number"}),
    ],
)
def test_only_national_admins_see_the_national_rollup(
    client, name, kwargs, programme, hub_lead, national_admin, participant
):
    url = reverse(name, kwargs=kwargs)
    for person, status in [(national_admin, 200), (hub_lead, 403), (participant, 403)]:
        client.force_login(person)
        assert client.get(url).status_code == status, person


def test_the_rollups_are_linked(client, hub, hub_lead, national_admin):
    hub_url = reverse("evaluation:hub_rollup", kwargs={"hub_slug": hub.slug})
    client.force_login(hub_lead)
    # A tab of the hub's staff area, on each of its pages.
    staff_page = client.get(
        reverse("workgroups:manage_list", kwargs={"hub_slug": hub.slug})
    ).content.decode()
    assert f'href="{hub_url}"' in staff_page
    assert reverse("evaluation:national_rollup") not in staff_page
    client.force_login(national_admin)
    page = client.get(reverse("evaluation:national_rollup")).content.decode()
    assert f'href="{reverse("evaluation:national_rollup")}"' in page


def _stats(change):
    """A change's statistics, which the test expects to be there."""
    assert change.stats is not None
    return change.stats
