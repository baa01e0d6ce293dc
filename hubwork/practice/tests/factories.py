"""Factories for session plans, gap tasks, trials, reflections, outputs and posts."""

from datetime import timedelta

import factory

from hubwork.accounts.tests.factories import UserFactory
from hubwork.practice.models import (
    Activity,
    ClassroomTrial,
    DiscussionPost,
    GapTask,
    Output,
    Reflection,
    SessionPlan,
)
from hubwork.workgroups.tests.factories import SessionFactory, WorkGroupFactory


class SessionPlanFactory(factory.django.DjangoModelFactory[SessionPlan]):
    """A (so far empty) plan for a session; add ActivityFactory rows with plan=..."""

    class Meta:
        model = SessionPlan

    session = factory.SubFactory(SessionFactory)


class ActivityFactory(factory.django.DjangoModelFactory[Activity]):
    class Meta:
        model = Activity

    plan = factory.SubFactory(SessionPlanFactory)
    position = factory.LazyAttribute(lambda activity: activity.plan.activities.count() + 1)
    title = factory.Sequence(lambda n: f"Activity {n}")
    kind = Activity.Kind.INPUT
    minutes = 30
    mechanisms = factory.LazyFunction(list)


class GapTaskFactory(factory.django.DjangoModelFactory[GapTask]):
    """A gap task set at a session, due four weeks later."""

    class Meta:
        model = GapTask

    session = factory.SubFactory(SessionFactory)
    title = factory.Sequence(lambda n: f"Try idea {n} with a class")
    classes = "Any class"
    due_on = factory.LazyAttribute(lambda task: task.session.date + timedelta(weeks=4))


class ClassroomTrialFactory(factory.django.DjangoModelFactory[ClassroomTrial]):
    """A private draft trial; pass shared_at=timezone.now() to share it."""

    class Meta:
        model = ClassroomTrial

    work_group = factory.SubFactory(WorkGroupFactory)
    author = factory.SubFactory(UserFactory, password=None)
    gap_task = None
    class_or_year_group = "Year 4"
    tried_on = factory.LazyAttribute(
        lambda trial: (
            trial.gap_task.session.date + timedelta(days=7)
            if trial.gap_task
            else trial.work_group.year.starts_on + timedelta(days=30)
        )
    )
    what_tried = "Stem sentences for explaining equivalent fractions."
    what_happened = "Most of the class used the sentences when explaining to a partner."
    pupil_response = "Keen; quieter pupils spoke more."
    impact_rating = ClassroomTrial.Rating.GOOD


class ReflectionFactory(factory.django.DjangoModelFactory[Reflection]):
    class Meta:
        model = Reflection

    author = factory.SubFactory(UserFactory, password=None)
    idea = "Stem sentences"
    body = "I could use them in every lesson's opening discussion."


class OutputFactory(factory.django.DjangoModelFactory[Output]):
    class Meta:
        model = Output

    author = factory.SubFactory(UserFactory, password=None)
    work_group = factory.SubFactory(WorkGroupFactory)
    kind = Output.Kind.RESOURCE
    title = factory.Sequence(lambda n: f"Fractions resource {n}")
    visibility = Output.Visibility.GROUP


class DiscussionPostFactory(factory.django.DjangoModelFactory[DiscussionPost]):
    class Meta:
        model = DiscussionPost

    work_group = factory.SubFactory(WorkGroupFactory)
    author = factory.SubFactory(UserFactory, password=None)
    body = "Has anyone tried this with Year 2?"
