"""What the numbers say: paired statistics checked against values worked out independently,
the pre/post change by outcome and area (matched pairs only), session feedback's anonymous
aggregates, the under-3 and under-5 rules, and queries that stay flat as data grows."""

import math
import statistics
from datetime import time

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from hubwork.accounts.tests.factories import UserFactory
from hubwork.core.charts import bar_chart
from hubwork.evaluation import analysis
from hubwork.evaluation.models import Answer, Item, Questionnaire, Response, Wave
from hubwork.evaluation.selectors.feedback import (
    agreement_summary,
    feedback_by_session,
    median_of_counts,
    session_feedback,
)
from hubwork.evaluation.selectors.pre_post import pre_post_for
from hubwork.evaluation.tests.factories import ItemFactory, QuestionnaireFactory
from hubwork.programmes.models import IntendedOutcome
from hubwork.workgroups.models import Enrolment
from hubwork.workgroups.tests.factories import (
    EnrolmentFactory,
    IntendedOutcomeFactory,
    ProgrammeFactory,
    SessionFactory,
    WorkGroupFactory,
    days,
)

# Twelve teachers' scores before and after (1–7 scale).
BEFORE = [3, 4, 2, 5, 3, 4, 3, 2, 4, 5, 3, 4]
AFTER = [5, 5, 3, 6, 5, 4, 4, 4, 5, 6, 4, 6]
T_975_11 = 2.200985  # t(0.975, 11), from tables


class TestPairedStats:
    def test_mean_change_and_interval_match_a_hand_computation(self):
        paired = analysis.paired_stats(BEFORE, AFTER)
        differences = [b - a for a, b in zip(BEFORE, AFTER, strict=True)]
        mean = statistics.fmean(differences)
        spread = statistics.stdev(differences)
        margin = T_975_11 * spread / math.sqrt(len(differences))
        assert paired.n == 12
        assert paired.mean_before == pytest.approx(statistics.fmean(BEFORE))
        assert paired.mean_after == pytest.approx(statistics.fmean(AFTER))
        assert paired.mean_change == pytest.approx(mean)
        assert paired.change_ci == pytest.approx((mean - margin, mean + margin), abs=1e-5)
        assert paired.effect_size == pytest.approx(mean / spread)

    def test_the_interval_is_scipys_paired_t_test(self):
        from scipy import stats

        result = stats.ttest_rel(AFTER, BEFORE)
        interval = result.confidence_interval(confidence_level=0.95)
        paired = analysis.paired_stats(BEFORE, AFTER)
        assert paired.change_ci == pytest.approx((interval.low, interval.high), abs=1e-12)
        assert paired.effect_size is not None
        assert paired.effect_size * math.sqrt(12) == pytest.approx(result.statistic)

    def test_effect_size_interval_agrees_with_an_independent_approximation(self):
        """The exact (noncentral t) interval for d_z, against the usual large-sample normal
        approximation, se(d_z) = sqrt(1/n + d_z²/(2n)) (Hedges & Olkin), which it should be
        near for n = 12; and it must contain d_z, below and above."""
        paired = analysis.paired_stats(BEFORE, AFTER)
        d = paired.effect_size
        assert d is not None
        assert paired.effect_ci is not None
        low, high = paired.effect_ci
        se = math.sqrt(1 / 12 + d * d / 24)
        assert low < d < high
        assert low == pytest.approx(d - 1.959964 * se, abs=0.2)
        assert high == pytest.approx(d + 1.959964 * se, abs=0.3)

    def test_effect_size_interval_inverts_the_noncentral_t_from_its_definition(self):
        """Independently of scipy: the noncentral t's distribution function from its
        definition, P(T ≤ t) = ∫ Φ(t·√(v/df) − δ) f_χ²(v; df) dv, integrated by Simpson's rule
        with the math module, and inverted by bisection. The interval's limits are the δ at
        which the observed t sits at the 97.5th and 2.5th percentiles, over √n."""
        paired = analysis.paired_stats(BEFORE, AFTER)
        assert paired.effect_size is not None
        assert paired.effect_ci is not None
        n = len(BEFORE)
        t = paired.effect_size * math.sqrt(n)
        low = _bisect(lambda delta: _nct_cdf(t, n - 1, delta) - 0.975, t - 10, t + 10)
        high = _bisect(lambda delta: _nct_cdf(t, n - 1, delta) - 0.025, t - 10, t + 10)
        assert paired.effect_ci == pytest.approx(
            (low / math.sqrt(n), high / math.sqrt(n)), abs=1e-4
        )

    def test_sentence(self):
        paired = analysis.paired_stats(BEFORE, AFTER)
        sentence = analysis.change_sentence(what="Confidence in X", scale_points=7, paired=paired)
        assert sentence.startswith("Confidence in X rose by 1.2 points on a 7-point scale")
        assert "(12 teachers who answered both; 95% CI" in sentence


def _nct_cdf(t: float, df: int, delta: float, steps: int = 4000) -> float:
    """The noncentral t distribution function by Simpson's rule over the χ² density."""
    upper = df + 40 * math.sqrt(2 * df)
    width = upper / steps

    def integrand(v: float) -> float:
        if v <= 0:
            return 0.0
        log_density = (
            (df / 2 - 1) * math.log(v) - v / 2 - (df / 2) * math.log(2) - math.lgamma(df / 2)
        )
        phi = 0.5 * (1 + math.erf((t * math.sqrt(v / df) - delta) / math.sqrt(2)))
        return phi * math.exp(log_density)

    total = integrand(0) + integrand(upper)
    for i in range(1, steps):
        total += (4 if i % 2 else 2) * integrand(i * width)
    return total * width / 3


def _bisect(f, low: float, high: float) -> float:
    """A root of a function falling from positive to negative between `low` and `high`."""
    for _ in range(80):
        middle = (low + high) / 2
        if f(middle) > 0:
            low = middle
        else:
            high = middle
    return (low + high) / 2


# --- pre/post --------------------------------------------------------------------------------


@pytest.fixture
def programme(db):
    return ProgrammeFactory.create()


@pytest.fixture
def outcomes(programme):
    return {
        "understanding": IntendedOutcomeFactory.create(
            programme=programme,
            area=IntendedOutcome.Area.PROFESSIONAL_LEARNING,
            text="Teachers understand fractions deeply",
        ),
        "practice": IntendedOutcomeFactory.create(
            programme=programme,
            area=IntendedOutcome.Area.PRACTICE,
            text="Teachers use bar models",
        ),
    }


SEVEN = [str(point) for point in range(1, 8)]


def pre_post_items(programme, outcomes, *, version=1):
    questionnaire = QuestionnaireFactory.create(
        programme=programme, kind=Questionnaire.Kind.PRE_POST, version=version
    )
    understanding = outcomes["understanding"]
    return {
        # Two items on one outcome: a person's score is the mean of the two.
        "u1": ItemFactory.create(
            questionnaire=questionnaire,
            outcome=understanding,
            area=understanding.area,
            scale_labels=SEVEN,
        ),
        "u2": ItemFactory.create(
            questionnaire=questionnaire,
            outcome=understanding,
            area=understanding.area,
            scale_labels=SEVEN,
        ),
        "p": ItemFactory.create(
            questionnaire=questionnaire,
            outcome=outcomes["practice"],
            area=outcomes["practice"].area,
            scale_labels=SEVEN,
        ),
        # Asked before only: never part of a change.
        "pre_only": ItemFactory.create(
            questionnaire=questionnaire,
            outcome=outcomes["practice"],
            area=outcomes["practice"].area,
            scale_labels=SEVEN,
            asked=Item.Asked.PRE,
        ),
    }


def answer(work_group, wave, person, values):
    """A response by `person` (None: erased) with {item: scale point}."""
    questionnaire = next(iter(values)).questionnaire
    response = Response.objects.create(
        questionnaire=questionnaire,
        wave=wave,
        work_group=work_group,
        respondent=person,
        submitted_at=timezone.now(),
    )
    Answer.objects.bulk_create(
        Answer(response=response, item=item, number=value) for item, value in values.items()
    )
    return response


def people(work_group, n):
    return [EnrolmentFactory.create(work_group=work_group).user for _ in range(n)]


class TestPrePost:
    def test_matched_change_by_outcome_and_area(self, programme, outcomes):
        work_group = WorkGroupFactory.create(programme=programme)
        items = pre_post_items(programme, outcomes)
        teachers = people(work_group, 16)
        for person, before, after in zip(teachers, BEFORE, AFTER, strict=False):
            # u1 and u2 average to the score (before ± 1 cancels out).
            answer(
                work_group,
                Wave.PRE,
                person,
                {
                    items["u1"]: before - 1,
                    items["u2"]: before + 1,
                    items["p"]: 2,
                    items["pre_only"]: 7,
                },
            )
            answer(
                work_group,
                Wave.POST,
                person,
                {
                    items["u1"]: after + 1,
                    items["u2"]: after - 1,
                    items["p"]: 3,
                },
            )
        # Two answered only before, one only after; someone erased answered before.
        for person in teachers[12:14]:
            answer(work_group, Wave.PRE, person, {items["u1"]: 1, items["p"]: 1})
        answer(work_group, Wave.POST, teachers[14], {items["u1"]: 7, items["p"]: 7})
        answer(work_group, Wave.PRE, None, {items["u1"]: 1, items["p"]: 1})

        result = pre_post_for([work_group.pk])

        assert result.asked == 16
        assert (result.pre_responses, result.post_responses) == (15, 13)
        understanding, practice = result.by_outcome
        assert understanding.label == "Teachers understand fractions deeply"
        assert understanding.guskey_level == 2
        assert understanding.scale_points == 7
        assert (understanding.n_matched, understanding.n_pre_only, understanding.n_post_only) == (
            12,
            3,
            1,
        )
        assert understanding.shown
        expected = analysis.paired_stats(BEFORE, AFTER)
        assert understanding.stats == expected
        differences = [b - a for a, b in zip(BEFORE, AFTER, strict=True)]
        margin = T_975_11 * statistics.stdev(differences) / math.sqrt(12)
        assert _stats(understanding).change_ci == pytest.approx(
            (statistics.fmean(differences) - margin, statistics.fmean(differences) + margin),
            abs=1e-5,
        )
        assert understanding.sentence.startswith(
            "Agreement with “Teachers understand fractions deeply” rose by 1.2 points on a "
            "7-point scale (12 teachers who answered both; 95% CI"
        )
        # Everyone rose by one on practice (the pre-only item does not count).
        assert practice.guskey_level == 4
        assert _stats(practice).mean_before == 2
        assert _stats(practice).mean_after == 3
        assert _stats(practice).change_ci == (1.0, 1.0)
        # By area: one outcome each here, so the same pairs.
        assert [change.area for change in result.by_area] == [
            IntendedOutcome.Area.PROFESSIONAL_LEARNING,
            IntendedOutcome.Area.PRACTICE,
        ]
        assert result.by_area[0].stats == expected
        assert result.by_area[0].area_label == "Teachers' professional learning"
        assert len(result.caveats) == 3
        assert (
            "Of 16 participants with a place, 15 answered before and 13 after"
            in (result.caveats[2])
        )

    def test_area_score_is_the_mean_over_the_area_items(self, programme, outcomes):
        """Two outcomes in one area: a person's area score is the mean of all their answers
        to its items, not the mean of the outcome means."""
        extra = IntendedOutcomeFactory.create(
            programme=programme, area=IntendedOutcome.Area.PROFESSIONAL_LEARNING, text="Other"
        )
        work_group = WorkGroupFactory.create(programme=programme)
        items = pre_post_items(programme, outcomes)
        other = ItemFactory.create(
            questionnaire=items["u1"].questionnaire,
            outcome=extra,
            area=extra.area,
            scale_labels=SEVEN,
        )
        for person in people(work_group, 5):
            answer(work_group, Wave.PRE, person, {items["u1"]: 1, items["u2"]: 1, other: 4})
            answer(work_group, Wave.POST, person, {items["u1"]: 4, items["u2"]: 4, other: 4})
        result = pre_post_for([work_group.pk])
        area = result.by_area[0]
        assert _stats(area).mean_before == pytest.approx(2.0)  # (1 + 1 + 4) / 3
        assert _stats(area).mean_after == pytest.approx(4.0)

    def test_under_five_matched_pairs_shows_counts_only(self, programme, outcomes):
        work_group = WorkGroupFactory.create(programme=programme)
        items = pre_post_items(programme, outcomes)
        teachers = people(work_group, 6)
        for person in teachers[:4]:
            answer(work_group, Wave.PRE, person, {items["u1"]: 2})
            answer(work_group, Wave.POST, person, {items["u1"]: 6})
        answer(work_group, Wave.PRE, teachers[4], {items["u1"]: 2})
        answer(work_group, Wave.POST, teachers[5], {items["u1"]: 2})
        (change,) = pre_post_for([work_group.pk]).by_outcome
        assert (change.n_matched, change.n_pre_only, change.n_post_only) == (4, 1, 1)
        assert not change.shown
        assert change.stats is None
        assert change.sentence == ""
        assert change.reason == (
            "Fewer than 5 teachers answered both before and after, so no change is worked out."
        )
        # A fifth pair: now it is shown.
        answer(work_group, Wave.POST, teachers[4], {items["u1"]: 5})
        (change,) = pre_post_for([work_group.pk]).by_outcome
        assert change.shown
        assert change.n_matched == 5

    def test_versions_pool_by_outcome_and_erased_people_are_unmatched(self, programme, outcomes):
        work_group = WorkGroupFactory.create(programme=programme)
        old = pre_post_items(programme, outcomes)
        new = pre_post_items(programme, outcomes, version=2)
        teachers = people(work_group, 6)
        for person in teachers[:5]:
            answer(work_group, Wave.PRE, person, {old["u1"]: 3})
            answer(work_group, Wave.POST, person, {new["u1"]: 5})
        pre = answer(work_group, Wave.PRE, teachers[5], {old["u1"]: 3})
        answer(work_group, Wave.POST, teachers[5], {new["u1"]: 5})
        # Erasing one person leaves both their answers, unpaired.
        Response.objects.filter(pk=pre.pk).update(respondent=None)
        Response.objects.filter(respondent=teachers[5]).update(respondent=None)
        (change,) = pre_post_for([work_group.pk]).by_outcome
        assert (change.n_matched, change.n_pre_only, change.n_post_only) == (5, 1, 1)
        assert _stats(change).mean_change == 2

    def test_pairs_are_within_a_work_group(self, programme, outcomes):
        """The same person in two Work Groups is two pairs, never one mixed pair."""
        first, second = WorkGroupFactory.create_batch(2, programme=programme)
        items = pre_post_items(programme, outcomes)
        person = UserFactory.create()
        answer(first, Wave.PRE, person, {items["u1"]: 1})
        answer(second, Wave.POST, person, {items["u1"]: 7})
        (change,) = pre_post_for([first.pk, second.pk]).by_outcome
        assert (change.n_matched, change.n_pre_only, change.n_post_only) == (0, 1, 1)

    def test_nothing_answered(self, programme):
        work_group = WorkGroupFactory.create(programme=programme)
        result = pre_post_for([work_group.pk])
        assert result.by_outcome == []
        assert result.by_area == []
        assert result.asked == 0

    def test_queries_stay_flat_as_data_grows(self, programme, outcomes):
        items = pre_post_items(programme, outcomes)

        def grow(groups, each):
            made = []
            for _ in range(groups):
                work_group = WorkGroupFactory.create(programme=programme)
                for person in people(work_group, each):
                    answer(work_group, Wave.PRE, person, {items["u1"]: 2, items["p"]: 3})
                    answer(work_group, Wave.POST, person, {items["u1"]: 4, items["p"]: 3})
                made.append(work_group.pk)
            return made

        small = grow(1, 5)
        with CaptureQueriesContext(connection) as few:
            pre_post_for(small)
        large = small + grow(3, 7)
        with CaptureQueriesContext(connection) as many:
            result = pre_post_for(large)
        assert result.by_outcome[0].n_matched == 26
        assert len(many) == len(few) <= 5


# --- session feedback ------------------------------------------------------------------------


AGREE = ["Strongly disagree", "Disagree", "Neither agree nor disagree", "Agree", "Strongly agree"]


@pytest.fixture
def feedback_form(db):
    questionnaire = QuestionnaireFactory.create(kind=Questionnaire.Kind.SESSION_FEEDBACK)
    return {
        "useful": ItemFactory.create(
            questionnaire=questionnaire,
            position=1,
            text="The session was useful.",
            scale_labels=AGREE,
        ),
        "format": ItemFactory.create(
            questionnaire=questionnaire,
            position=2,
            kind=Item.Kind.SINGLE_CHOICE,
            text="Which format suits you?",
            scale_labels=[],
            choices=["In person", "Online"],
        ),
        "ideas": ItemFactory.create(
            questionnaire=questionnaire,
            position=3,
            kind=Item.Kind.MULTIPLE_CHOICE,
            text="Which ideas will you try?",
            scale_labels=[],
            choices=["Bar models", "Number lines", "Talk tasks"],
        ),
        "minutes": ItemFactory.create(
            questionnaire=questionnaire,
            position=4,
            kind=Item.Kind.NUMBER,
            text="Minutes of planning saved",
            scale_labels=[],
        ),
        "comment": ItemFactory.create(
            questionnaire=questionnaire,
            position=5,
            kind=Item.Kind.FREE_TEXT,
            text="Anything else?",
            scale_labels=[],
            required=False,
        ),
    }


def held_session(work_group, n):
    return SessionFactory.create(
        work_group=work_group, number=n, date=days(-30 + n), starts_at=time(9), ends_at=time(12)
    )


def feedback(session, person, form, *, useful, format_, ideas, minutes, comment=""):
    response = Response.objects.create(
        questionnaire=form["useful"].questionnaire,
        wave=Wave.SESSION,
        work_group=session.work_group,
        session=session,
        respondent=person,
        submitted_at=timezone.now(),
    )
    answers = [
        Answer(response=response, item=form["useful"], number=useful),
        Answer(response=response, item=form["format"], number=format_),
        Answer(response=response, item=form["ideas"], choice_list=ideas),
        Answer(response=response, item=form["minutes"], number=minutes),
    ]
    if comment:
        answers.append(Answer(response=response, item=form["comment"], text=comment))
    Answer.objects.bulk_create(answers)


class TestSessionFeedback:
    def test_aggregates_per_item(self, feedback_form):
        work_group = WorkGroupFactory.create()
        session = held_session(work_group, 1)
        teachers = people(work_group, 5)
        EnrolmentFactory.create(work_group=work_group, status=Enrolment.Status.WITHDRAWN)
        feedback(
            session,
            teachers[0],
            feedback_form,
            useful=5,
            format_=0,
            ideas=[0, 2],
            minutes=10,
            comment="Zebra crossings made sense at last",
        )
        feedback(
            session,
            teachers[1],
            feedback_form,
            useful=4,
            format_=1,
            ideas=[0],
            minutes=30,
            comment="Apples and bar models",
        )
        feedback(session, teachers[2], feedback_form, useful=4, format_=0, ideas=[], minutes=20)
        feedback(session, teachers[3], feedback_form, useful=2, format_=0, ideas=[2], minutes=40)

        result = session_feedback(session)

        assert (result.asked, result.responded, result.shown) == (5, 4, True)
        assert result.response_rate_text == "4 of 5 (80%)"
        useful, format_, ideas, minutes = result.items
        assert useful.labels == AGREE
        assert useful.counts == [0, 1, 0, 2, 1]
        assert (useful.n, useful.median, useful.median_label) == (4, 4.0, "Agree")
        assert agreement_summary(useful) == (
            "Of 4 who answered, 3 agreed or strongly agreed; the median was Agree."
        )
        assert format_.counts == [3, 1]
        assert format_.n == 4
        assert ideas.counts == [2, 0, 2]
        assert ideas.n == 4
        assert (minutes.n, minutes.median) == (4, 25.0)
        # Comments without names, in the order of their words, not of who wrote them.
        assert result.comments == [
            "Apples and bar models",
            "Zebra crossings made sense at last",
        ]

    def test_fewer_than_three_responses_show_nothing(self, feedback_form):
        work_group = WorkGroupFactory.create()
        session = held_session(work_group, 1)
        teachers = people(work_group, 4)
        for person in teachers[:2]:
            feedback(
                session,
                person,
                feedback_form,
                useful=5,
                format_=0,
                ideas=[0],
                minutes=5,
                comment="Only two of us said this",
            )
        result = session_feedback(session)
        assert (result.responded, result.shown) == (2, False)
        assert result.items == []
        assert result.comments == []
        assert result.reason == (
            "Fewer than 3 people answered, so nothing is shown: with so few, answers could "
            "be traced to the person."
        )
        feedback(session, teachers[2], feedback_form, useful=5, format_=0, ideas=[0], minutes=5)
        assert session_feedback(session).shown

    def test_trend_over_held_sessions_in_flat_queries(self, feedback_form):
        work_group = WorkGroupFactory.create()
        teachers = people(work_group, 6)
        first = held_session(work_group, 1)
        for person in teachers[:3]:
            feedback(
                session=first,
                person=person,
                form=feedback_form,
                useful=3,
                format_=0,
                ideas=[1],
                minutes=1,
                comment="ok",
            )
        with CaptureQueriesContext(connection) as few:
            trend = feedback_by_session(work_group)
        assert [entry.number for entry in trend] == [1]
        for number in (2, 3, 4):
            session = held_session(work_group, number)
            for person in teachers[: number + 1]:
                feedback(
                    session,
                    person,
                    feedback_form,
                    useful=number,
                    format_=1,
                    ideas=[0, 1],
                    minutes=number,
                    comment=f"Session {number}",
                )
        # Cancelled and future sessions are not in the trend.
        SessionFactory.create(work_group=work_group, number=5, date=days(-2), status="cancelled")
        SessionFactory.create(work_group=work_group, number=6, date=days(10))
        with CaptureQueriesContext(connection) as many:
            trend = feedback_by_session(work_group)
        assert [entry.number for entry in trend] == [1, 2, 3, 4]
        assert [entry.responded for entry in trend] == [3, 3, 4, 5]
        assert [entry.items[0].median for entry in trend] == [3.0, 2.0, 3.0, 4.0]
        assert len(many) == len(few)


def test_median_of_counts():
    assert median_of_counts({}) is None
    assert median_of_counts({3: 1}) == 3
    assert median_of_counts({1: 1, 5: 1}) == 3
    assert median_of_counts({1: 2, 4: 1}) == 1
    assert median_of_counts({2: 2, 4: 2}) == 3
    values = [1, 1, 2, 5, 5, 5, 7, 7]
    assert median_of_counts({v: values.count(v) for v in set(values)}) == statistics.median(values)


# --- the session feedback page ---------------------------------------------------------------


def feedback_url(work_group, session):
    return reverse(
        "evaluation:session_feedback",
        kwargs={"hub_slug": work_group.hub.slug, "pk": work_group.pk, "session_pk": session.pk},
    )


class TestSessionFeedbackPage:
    @pytest.fixture
    def work_group(self, hub, llme):
        return WorkGroupFactory.create(hub=hub, leads=[llme])

    def test_leads_see_charts_tables_sentences_and_comments(
        self, client, llme, work_group, feedback_form
    ):
        session = held_session(work_group, 1)
        teachers = people(work_group, 4)
        for person, useful in zip(teachers[:3], (5, 4, 4), strict=True):
            feedback(
                session,
                person,
                feedback_form,
                useful=useful,
                format_=0,
                ideas=[1],
                minutes=5,
                comment=f"Comment scoring {useful}",
            )
        client.force_login(llme)
        page = client.get(feedback_url(work_group, session))
        assert page.status_code == 200
        text = page.content.decode()
        assert "Answered: 3 of 4 (75%)." in text
        assert 'role="img"' in text
        assert "Of 3 who answered, 3 agreed or strongly agreed; the median was Agree." in text
        assert "<table" in text
        assert "Comment scoring 5" in text
        for person in teachers:
            assert person.display_name not in text
        assert "self-reported" in text

    def test_under_three_the_page_says_why(self, client, hub_lead, work_group, feedback_form):
        session = held_session(work_group, 1)
        for person in people(work_group, 2):
            feedback(
                session,
                person,
                feedback_form,
                useful=1,
                format_=0,
                ideas=[],
                minutes=1,
                comment="Secret words",
            )
        client.force_login(hub_lead)
        text = client.get(feedback_url(work_group, session)).content.decode()
        assert "Fewer than 3 people answered, so nothing is shown" in text
        assert "Secret words" not in text
        assert 'role="img"' not in text

    def test_who_may_see_it(self, client, work_group, outsider, participant, hub_lead):
        session = held_session(work_group, 1)
        url = feedback_url(work_group, session)
        for person in (outsider, participant):
            client.force_login(person)
            assert client.get(url).status_code == 403
        # A session of another Work Group is not found, even for its hub's staff.
        other = held_session(WorkGroupFactory.create(hub=work_group.hub), 1)
        client.force_login(hub_lead)
        bad = reverse(
            "evaluation:session_feedback",
            kwargs={"hub_slug": work_group.hub.slug, "pk": work_group.pk, "session_pk": other.pk},
        )
        assert client.get(bad).status_code == 404


def test_bar_chart_geometry():
    chart = bar_chart(
        chart_id="c", title="T", summary="S", labels=["a", "b", "c"], values=[0, 5, 10]
    )
    widths = [bar.width for bar in chart.bars]
    assert widths[2] == 2 * widths[1]
    assert widths[0] > 0  # a hairline for zero
    assert [bar.value_text for bar in chart.bars] == ["0", "5", "10"]
    assert chart.bars[1].y > chart.bars[0].y
    assert chart.height >= chart.bars[-1].y + 22
    with pytest.raises(ValueError, match="one value per label"):
        bar_chart(chart_id="c", title="T", summary="S", labels=["a"], values=[])


def _stats(change):
    """A change's statistics, which the test expects to be there."""
    assert change.stats is not None
    return change.stats


def test_effect_size_interval_where_scipy_gives_nan_in_the_tail():
    """scipy's noncentral t cdf is NaN at (t=5, df=99, nc≈-3.9), inside the old bracket:
    the interval is still found (it crashed before)."""
    low, high = analysis._effect_size_interval(5.0, 100)
    assert 0.2 < low < 0.5 < high < 0.8
