""" "What we tried": leads see exactly what was shared since the previous session, grouped by
gap task, with ratings summarised and who has not yet shared anything."""

import re
from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal

import pytest
from django.conf import settings
from django.urls import reverse

from hubwork.accounts.models import User
from hubwork.practice.models import ClassroomTrial, Evidence, GapTask
from hubwork.practice.selectors.what_we_tried import summarise_ratings, what_we_tried
from hubwork.practice.tests.factories import ClassroomTrialFactory, GapTaskFactory
from hubwork.workgroups.models import Enrolment, Session, WorkGroup
from hubwork.workgroups.selectors.sessions import previous_session
from hubwork.workgroups.tests.factories import EnrolmentFactory, SessionFactory, WorkGroupFactory

BASE = "/hubs/glow/manage/work-groups/"


def page_url(session: Session) -> str:
    return f"{BASE}{session.work_group_id}/sessions/{session.pk}/what-we-tried/"


def print_url(session: Session) -> str:
    return f"{page_url(session)}print/"


@dataclass
class Story:
    """A Work Group part-way through its year, with trials shared (or not) around its
    sessions."""

    work_group: WorkGroup
    sessions: list[Session]
    stems: GapTask  # set at session 1, answered
    bar_models: GapTask  # set at session 1, nobody answered
    people: dict[str, User]
    trials: dict[str, ClassroomTrial]


def shared(session: Session, **delta: float):
    return session.starts() + timedelta(**delta)


@pytest.fixture
def story(hub, llme, hillside) -> Story:
    work_group = WorkGroupFactory.create(hub=hub, leads=[llme], status="running")
    sessions = [SessionFactory.create(work_group=work_group) for _ in range(3)]
    first, second, _ = sessions
    stems = GapTaskFactory.create(
        session=first, title="Stem sentences", due_on=second.date - timedelta(days=7)
    )
    bar_models = GapTaskFactory.create(session=first, title="Bar models", due_on=second.date)
    statuses = {
        "Amy Adams": Enrolment.Status.ENROLLED,
        "Ben Brown": Enrolment.Status.ENROLLED,
        "Cara Cole": Enrolment.Status.COMPLETED,
        "Dan Dyer": Enrolment.Status.ENROLLED,  # has only a draft
        "Eve Ellis": Enrolment.Status.ENROLLED,  # shared only outside the window
        "Will Withdrawn": Enrolment.Status.WITHDRAWN,
        "Wes Waiting": Enrolment.Status.WAITLISTED,
    }
    people = {
        name: EnrolmentFactory.create(
            work_group=work_group, school=hillside, status=status, user__display_name=name
        ).user
        for name, status in statuses.items()
    }

    def trial(key: str, author: str, **fields: object) -> ClassroomTrial:
        fields.setdefault("gap_task", None)
        return ClassroomTrialFactory.create(
            work_group=work_group, author=people[author], what_tried=f"Tried {key}.", **fields
        )

    trials = {
        # In: answering session 1's gap task, or shared between session 1 and session 2.
        "amy_stems": trial(
            "amy_stems", "Amy Adams", gap_task=stems, impact_rating=4,
            shared_at=shared(first, days=2),
        ),
        "ben_stems": trial(
            "ben_stems", "Ben Brown", gap_task=stems, impact_rating=5,
            shared_at=shared(first, days=9),
        ),
        "amy_unrated": trial(
            "amy_unrated", "Amy Adams", gap_task=stems, impact_rating=None,
            shared_at=shared(first, days=10),
        ),
        # Answers session 1's gap task, so it counts even though shared after session 2 began.
        "cara_late_stems": trial(
            "cara_late_stems", "Cara Cole", gap_task=stems, impact_rating=5,
            shared_at=shared(second, hours=1),
        ),
        "cara_own": trial(
            "cara_own", "Cara Cole", own_idea="Number talks", impact_rating=2,
            shared_at=shared(first, days=3),
        ),
        # A withdrawn person's shared trial is still what the group tried.
        "will_own": trial(
            "will_own", "Will Withdrawn", own_idea="Counting sticks", impact_rating=3,
            shared_at=shared(first, minutes=0),
        ),
        # Out: a draft; own ideas shared before session 1 began or once session 2 began.
        "dan_draft": trial("dan_draft", "Dan Dyer", gap_task=stems, impact_rating=1),
        "eve_too_early": trial(
            "eve_too_early", "Eve Ellis", own_idea="Early", shared_at=shared(first, minutes=-1)
        ),
        "eve_too_late": trial(
            "eve_too_late", "Eve Ellis", own_idea="Late", shared_at=shared(second, minutes=0)
        ),
    }  # fmt: skip
    # Another Work Group's trial, shared in the window.
    ClassroomTrialFactory.create(
        what_tried="Tried elsewhere.", gap_task=None, shared_at=shared(first, days=4)
    )
    return Story(work_group, sessions, stems, bar_models, people, trials)


PRESENT = ["amy_stems", "ben_stems", "amy_unrated", "cara_late_stems", "cara_own", "will_own"]
ABSENT = ["dan_draft", "eve_too_early", "eve_too_late"]


def test_session_two_holds_exactly_the_shared_trials_grouped_by_gap_task(story):
    tried = what_we_tried(story.sessions[1])
    assert tried.previous == story.sessions[0]
    titles = [group.title for group in tried.groups]
    assert titles == ["Stem sentences", "Bar models", "Own ideas"]
    keys = {trial.pk: key for key, trial in story.trials.items()}
    grouped = [[keys[item.trial.pk] for item in group.items] for group in tried.groups]
    assert grouped == [
        ["amy_stems", "ben_stems", "amy_unrated", "cara_late_stems"],
        [],
        ["will_own", "cara_own"],
    ]
    assert tried.trial_count == len(PRESENT)
    assert all(item.school and item.school.name == "Hillside Primary School"
               for group in tried.groups for item in group.items)  # fmt: skip


def test_ratings_are_counted_and_averaged_per_group(story):
    stems, bar_models, own = what_we_tried(story.sessions[1]).groups
    assert [line.count for line in stems.ratings.counts] == [0, 0, 0, 1, 2]
    assert [line.label for line in stems.ratings.counts] == [
        "No noticeable impact",
        "A little impact",
        "Some impact",
        "Good impact",
        "Strong impact",
    ]
    assert stems.ratings.unrated == 1
    assert stems.ratings.average == Decimal("4.7")  # (4 + 5 + 5) / 3, unrated left out
    assert bar_models.count == 0
    assert bar_models.ratings.average is None
    assert [line.count for line in own.ratings.counts] == [0, 1, 1, 0, 0]
    assert own.ratings.average == Decimal("2.5")


def test_averages_round_halves_up_to_one_decimal():
    # 89 / 20 = 4.45 exactly: rounds up to 4.5 (rounding halves to even would give 4.4).
    assert summarise_ratings([4] * 11 + [5] * 9).average == Decimal("4.5")
    assert summarise_ratings([1, 2]).average == Decimal("1.5")
    assert summarise_ratings([2, 2, 3]).average == Decimal("2.3")
    assert summarise_ratings([None]).average is None


def test_not_yet_shared_lists_exactly_the_members_with_nothing_shared(story):
    tried = what_we_tried(story.sessions[1])
    # Dan has only a draft and Eve shared only outside the window; the withdrawn and waiting
    # people are not members.
    assert [enrolment.user.display_name for enrolment in tried.not_yet_shared] == [
        "Dan Dyer",
        "Eve Ellis",
    ]


def test_the_page_shows_the_shared_trials_and_never_a_draft(client, llme, story):
    client.force_login(llme)
    response = client.get(page_url(story.sessions[1]))
    assert response.status_code == 200
    html = response.content.decode()
    for key in PRESENT:
        assert f"Tried {key}." in html
        trial = story.trials[key]
        assert reverse("practice:trial_detail", kwargs={"pk": trial.pk}) in html
    for key in ABSENT:
        assert f"Tried {key}." not in html
    assert "Tried elsewhere." not in html
    assert html.index("Stem sentences") < html.index("Bar models") < html.index("Own ideas")
    assert "Nothing shared yet." in html  # under Bar models
    assert "6 trials shared." in html
    not_yet = html[html.index("Not yet shared anything") :]
    assert "Dan Dyer" in not_yet
    assert "Eve Ellis" in not_yet
    for name in ["Amy Adams", "Will Withdrawn", "Wes Waiting"]:
        assert name not in not_yet
    # The ratings table for the gap task: a row per rating and the average.
    assert rating_row(html, "5: Strong impact") == "2"
    assert rating_row(html, "4: Good impact") == "1"
    assert rating_row(html, "Not rated") == "1"
    assert rating_row(html, "Average rating") == "4.7 out of 5"
    assert "Ratings of impact for “Stem sentences”" in html


def rating_row(html: str, label: str) -> str:
    """The value next to the first table row headed `label`."""
    match = re.search(
        rf"<th scope=\"row\"[^>]*>{re.escape(label)}</th>\s*<td[^>]*>([^<]*)</td>", html
    )
    assert match, label
    return match.group(1).strip()


def test_a_trial_shows_what_the_leads_need_and_links_its_evidence(client, llme, story):
    trial = story.trials["amy_stems"]
    ClassroomTrial.objects.filter(pk=trial.pk).update(
        class_or_year_group="Year 5 maple",
        what_happened="They argued well.",
        pupil_response="Pupils asked for more.",
        next_steps="Use it with Year 6.",
    )
    evidence = Evidence.objects.create(
        trial=trial,
        file="private/evidence/board.jpg",
        original_name="board.jpg",
        content_type="image/jpeg",
        size=1,
    )
    client.force_login(llme)
    html = client.get(page_url(story.sessions[1])).content.decode()
    for text in [
        "Amy Adams, Hillside Primary School",
        "Year 5 maple",
        f"{trial.tried_on:%-d %B %Y}",
        "They argued well.",
        "Pupils asked for more.",
        "4 out of 5: Good impact",
        "Use it with Year 6.",
        "board.jpg",
    ]:
        assert text in html, text
    assert reverse("practice:evidence_download", kwargs={"pk": evidence.pk}) in html


def test_session_one_has_nothing_to_look_back_on(client, llme, story):
    client.force_login(llme)
    for url in (page_url(story.sessions[0]), print_url(story.sessions[0])):
        response = client.get(url)
        assert response.status_code == 200
        html = response.content.decode()
        assert "is the first session, so there is nothing to look back on yet" in html
        assert "Tried " not in html
    assert what_we_tried(story.sessions[0]).is_first


def test_an_older_gap_task_gets_its_own_group_after_the_previous_sessions(story):
    _, second, third = story.sessions
    newer = GapTaskFactory.create(session=second, title="Reasoning prompts")
    late = ClassroomTrialFactory.create(
        work_group=story.work_group,
        author=story.people["Dan Dyer"],
        gap_task=story.stems,
        shared_at=shared(second, days=5),
    )
    tried = what_we_tried(third)
    assert tried.previous == second
    assert [(group.title, group.set_at_previous) for group in tried.groups] == [
        ("Reasoning prompts", True),
        ("Stem sentences", False),
        ("Own ideas", False),
    ]
    assert tried.groups[0].gap_task == newer
    # cara_late_stems was shared an hour after session 2 began: it is in both look-backs.
    stems_items = {item.trial.pk for item in tried.groups[1].items}
    assert stems_items == {late.pk, story.trials["cara_late_stems"].pk}
    assert [item.trial.pk for item in tried.groups[2].items] == [story.trials["eve_too_late"].pk]


def test_a_cancelled_session_is_not_the_previous_one(story):
    first, second, third = story.sessions
    Session.objects.filter(pk=second.pk).update(status=Session.Status.CANCELLED)
    assert previous_session(third) == first
    tried = what_we_tried(third)
    assert tried.groups[0].title == "Stem sentences"
    assert tried.groups[0].set_at_previous


def test_the_printable_view_has_the_same_trials_and_no_navigation(client, llme, story):
    client.force_login(llme)
    response = client.get(print_url(story.sessions[1]))
    assert response.status_code == 200
    html = response.content.decode()
    for key in PRESENT:
        assert f"Tried {key}." in html
    for key in ABSENT:
        assert f"Tried {key}." not in html
    assert "dist/hubwork.css" in html
    # Print styles and the print button's script are static files, as the Content Security
    # Policy allows no inline styles and only scripts with the page's nonce.
    assert "hubwork-print-body" in html
    assert 'src="/static/js/print-page.mjs"' in html
    stylesheet = (settings.BASE_DIR / "static" / "dist" / "hubwork.css").read_text()
    assert "@media print" in stylesheet
    assert ".hubwork-print-body .hubwork-no-print{display:none" in stylesheet
    assert "Print this page" in html
    assert "govuk-service-navigation" not in html
    assert html.count("<h1") == 1
    assert f"{story.sessions[1].date:%-d %B %Y}" in html
    assert page_url(story.sessions[1]) in html  # the way back
    assert rating_row(html, "Average rating") == "4.7 out of 5"


@pytest.mark.parametrize("view", [page_url, print_url])
def test_hub_staff_may_look(client, hub_lead, story, view):
    client.force_login(hub_lead)
    assert client.get(view(story.sessions[1])).status_code == 200


@pytest.mark.parametrize("view", [page_url, print_url])
@pytest.mark.parametrize("persona", ["outsider", "participant", "member"])
def test_nobody_else_may_look(client, request, story, view, persona):
    user = story.people["Amy Adams"] if persona == "member" else request.getfixturevalue(persona)
    client.force_login(user)
    assert client.get(view(story.sessions[1])).status_code == 403


@pytest.mark.parametrize("view", [page_url, print_url])
def test_queries_stay_fixed_as_trials_evidence_and_members_grow(
    client, llme, story, view, django_assert_max_num_queries
):
    first, second, _ = story.sessions
    client.force_login(llme)
    url = view(second)
    with django_assert_max_num_queries(40) as queries:
        assert client.get(url).status_code == 200
    count = len(queries)

    extra_task = GapTaskFactory.create(session=first, title="Extra")
    for enrolment in EnrolmentFactory.create_batch(6, work_group=story.work_group):
        for gap_task in (story.stems, extra_task, None):
            trial = ClassroomTrialFactory.create(
                work_group=story.work_group,
                author=enrolment.user,
                gap_task=gap_task,
                shared_at=shared(first, days=6),
            )
            for n in range(2):
                Evidence.objects.create(
                    trial=trial,
                    file=f"private/evidence/{trial.pk}-{n}.jpg",
                    original_name=f"{n}.jpg",
                    content_type="image/jpeg",
                    size=1,
                )
    # A gap task set at another session gets a group of its own.
    other = GapTaskFactory.create(session=second, title="Set early for session 2")
    ClassroomTrialFactory.create(
        work_group=story.work_group,
        author=story.people["Dan Dyer"],
        gap_task=other,
        shared_at=shared(first, days=1),
    )
    with django_assert_max_num_queries(count) as queries:
        response = client.get(url)
    assert response.status_code == 200
    assert len(queries) == count
    assert response.content.decode().count("/files/evidence/") == 36
