"""How a plan fits its session (the warnings, at their boundaries) and the plan services:
saving in order, validation, the co-leads' version check and copying."""

from datetime import time

import pytest
from django.core.exceptions import ValidationError

from hubwork.core.models import AuditEvent
from hubwork.practice.models import SessionPlan
from hubwork.practice.selectors.plans import copy_sources, plan_summary, session_minutes
from hubwork.practice.services.plans import ActivityData, PlanConflict, plan_copy, plan_save
from hubwork.practice.tests.factories import ActivityFactory, SessionPlanFactory
from hubwork.workgroups.tests.factories import SessionFactory, WorkGroupFactory

OVER = "The plan runs"
NO_DISCUSSION = "There is no time for group discussion."
NO_EVALUATING = "There is no time to evaluate what participants tried since the last session."
NO_REFLECTION = "There is no time for reflection."
TOO_MANY = "is a lot"


def activity(kind: str, minutes: int, title: str = "Something") -> ActivityData:
    return ActivityData(title=title, kind=kind, minutes=minutes)


def balanced(minutes: int = 60) -> list[ActivityData]:
    """Discussion, evaluating and reflection: nothing to warn about in a long session."""
    return [
        activity("discussion", minutes),
        activity("evaluating", minutes),
        activity("reflection", minutes),
    ]


def warnings(activities, *, length: int = 360, number: int = 2) -> list[str]:
    return plan_summary(
        activities=activities, length_minutes=length, session_number=number
    ).warnings


def has(found: list[str], text: str) -> bool:
    return any(text in warning for warning in found)


class TestSummary:
    def test_an_empty_plan_has_no_warnings_and_does_not_fit(self):
        summary = plan_summary(activities=[], length_minutes=360, session_number=1)
        assert summary.is_empty
        assert not summary.fits
        assert summary.warnings == []
        assert summary.remaining_minutes == 360

    def test_a_balanced_plan_has_no_warnings(self):
        assert warnings(balanced()) == []

    def test_exactly_the_session_length_fits_one_minute_more_runs_over(self):
        exact = [*balanced(100), activity("input", 60)]
        summary = plan_summary(activities=exact, length_minutes=360, session_number=2)
        assert summary.used_minutes == 360
        assert summary.fits
        assert not has(summary.warnings, OVER)
        over = [*balanced(100), activity("input", 61)]
        summary = plan_summary(activities=over, length_minutes=360, session_number=2)
        assert summary.over_by == 1
        assert not summary.fits
        assert "The plan runs 1 minutes over the session's 360 minutes." in summary.warnings

    def test_no_discussion(self):
        assert has(
            warnings([activity("evaluating", 60), activity("reflection", 30)]), NO_DISCUSSION
        )
        assert not has(warnings(balanced()), NO_DISCUSSION)

    def test_evaluating_trials_is_expected_from_the_second_session_on(self):
        plan = [activity("discussion", 60), activity("reflection", 30)]
        assert not has(warnings(plan, number=1), "evaluate")
        assert NO_EVALUATING in warnings(plan, number=2)
        assert NO_EVALUATING not in warnings([*plan, activity("evaluating", 30)], number=2)

    def test_no_reflection(self):
        assert NO_REFLECTION in warnings([activity("discussion", 60), activity("evaluating", 30)])
        assert NO_REFLECTION not in warnings(balanced())

    def test_too_many_activities_at_the_boundary_breaks_aside(self):
        # 300 working minutes (an hour's break aside) hold 15 activities of 20 minutes...
        fifteen = [*balanced(20), *[activity("input", 20) for _ in range(12)]]
        fifteen.append(activity("break", 60))
        assert not has(warnings(fifteen), TOO_MANY)
        # ...but not 16.
        sixteen = [*fifteen, activity("input", 1)]
        found = warnings(sixteen)
        assert "16 activities in 300 minutes is a lot" in " ".join(found)

    def test_one_long_activity_is_never_too_many(self):
        assert not has(warnings([activity("discussion", 5)], length=5), TOO_MANY)

    def test_session_minutes(self, db):
        session = SessionFactory.create(starts_at=time(9, 30), ends_at=time(15, 30))
        assert session_minutes(session) == 360


@pytest.fixture
def session(hub, llme):
    work_group = WorkGroupFactory.create(hub=hub, leads=[llme])
    return SessionFactory.create(work_group=work_group)


class TestPlanSave:
    def test_the_first_save_makes_the_plan_at_version_one(self, session, llme):
        plan = plan_save(
            session=session,
            activities=[activity("input", 30, "Welcome"), activity("reflection", 20, "Close")],
            version=0,
            by=llme,
        )
        assert plan.version == 1
        assert list(plan.activities.values_list("position", "title")) == [
            (1, "Welcome"),
            (2, "Close"),
        ]
        assert (
            AuditEvent.objects.filter(verb="session_plan.saved", object_id=str(plan.pk)).count()
            == 1
        )

    def test_saving_again_replaces_the_activities(self, session, llme):
        plan_save(session=session, activities=balanced(), version=0, by=llme)
        plan = plan_save(
            session=session, activities=[activity("break", 15, "Tea")], version=1, by=llme
        )
        assert plan.version == 2
        assert list(plan.activities.values_list("title", flat=True)) == ["Tea"]

    def test_mechanisms_are_kept_in_the_catalogue_order(self, session, llme):
        data = activity("input", 30)
        data.mechanisms = ["modelling", "setting_goals"]
        plan = plan_save(session=session, activities=[data], version=0, by=llme)
        assert plan.activities.get().mechanisms == ["setting_goals", "modelling"]

    @pytest.mark.parametrize(
        ("change", "message"),
        [
            ({"title": "  "}, "Activity 1: enter a title."),
            ({"kind": "lecture"}, "Activity 1: choose what kind"),
            ({"minutes": 0}, "between 1 and 480"),
            ({"minutes": 481}, "between 1 and 480"),
            ({"mechanisms": ["telepathy"]}, "'telepathy' is not an EEF mechanism"),
        ],
    )
    def test_bad_activities_are_refused(self, session, llme, change, message):
        data = activity("input", 30)
        for name, value in change.items():
            setattr(data, name, value)
        with pytest.raises(ValidationError) as error:
            plan_save(session=session, activities=[data], version=0, by=llme)
        assert message in " ".join(error.value.message_dict["activities"])
        assert not SessionPlan.objects.exists()

    def test_a_stale_version_is_refused_and_names_who_changed_it(self, session, llme, hub_lead):
        plan_save(session=session, activities=balanced(), version=0, by=hub_lead)
        with pytest.raises(PlanConflict) as conflict:
            plan_save(session=session, activities=[activity("input", 30)], version=0, by=llme)
        assert "Helen Marsh changed this plan at" in conflict.value.messages[0]
        assert conflict.value.plan.version == 1
        plan = SessionPlan.objects.get(session=session)
        assert plan.activities.count() == 3
        assert plan.updated_by == hub_lead
        assert AuditEvent.objects.filter(verb="session_plan.saved").count() == 1

    def test_a_plan_that_runs_over_is_saved_all_the_same(self, session, llme):
        plan = plan_save(
            session=session,
            activities=[activity("input", 480), activity("input", 60)],
            version=0,
            by=llme,
        )
        assert plan.activities.count() == 2
        assert AuditEvent.objects.get(verb="session_plan.saved").data["warnings"] >= 1


class TestCopy:
    def test_copies_a_template_and_audits(self, session, llme):
        template = SessionPlan.objects.create(
            programme=session.work_group.programme, template_number=1
        )
        ActivityFactory.create(plan=template, title="Template welcome", mechanisms=["modelling"])
        ActivityFactory.create(plan=template, title="Template close", kind="reflection")
        plan = plan_copy(session=session, source=template, version=0, by=llme)
        assert list(plan.activities.values_list("position", "title", "mechanisms")) == [
            (1, "Template welcome", ["modelling"]),
            (2, "Template close", []),
        ]
        # The template is untouched.
        assert template.activities.count() == 2
        event = AuditEvent.objects.get(verb="session_plan.copied")
        assert event.data["source"] == template.pk

    def test_another_work_groups_plan_cannot_be_copied(self, session, llme):
        stranger = SessionPlanFactory.create()
        ActivityFactory.create(plan=stranger)
        with pytest.raises(ValidationError):
            plan_copy(session=session, source=stranger, version=0, by=llme)
        assert not SessionPlan.objects.filter(session=session).exists()

    def test_the_version_check_applies_to_copies(self, session, llme):
        other = SessionFactory.create(work_group=session.work_group)
        source = SessionPlanFactory.create(session=other)
        ActivityFactory.create(plan=source)
        plan_save(session=session, activities=balanced(), version=0, by=llme)
        with pytest.raises(PlanConflict):
            plan_copy(session=session, source=source, version=0, by=llme)

    def test_sources_put_this_sessions_template_first_and_skip_empty_plans(self, session):
        work_group = session.work_group
        second = SessionFactory.create(work_group=work_group)
        for number in [2, 1]:
            template = SessionPlan.objects.create(
                programme=work_group.programme, template_number=number
            )
            ActivityFactory.create(plan=template)
        SessionPlanFactory.create(session=second)  # empty: nothing to copy
        labels = [source.label for source in copy_sources(session)]
        assert labels == [
            "Template for session 1 (1 activity, 30 minutes)",
            "Template for session 2 (1 activity, 30 minutes)",
        ]
