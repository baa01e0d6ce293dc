"""Factories for evaluation: questionnaires and their items, invitations, responses."""

import factory
from django.utils import timezone

from hubwork.evaluation.models import Answer, Invitation, Item, Questionnaire, Response, Wave
from hubwork.workgroups.tests.factories import WorkGroupFactory


class QuestionnaireFactory(factory.django.DjangoModelFactory[Questionnaire]):
    """A current national default session feedback questionnaire; pass programme and kind."""

    class Meta:
        model = Questionnaire

    programme = None
    kind = Questionnaire.Kind.SESSION_FEEDBACK
    version = 1
    is_current = True
    title = factory.Sequence(lambda n: f"Questionnaire {n}")


class ItemFactory(factory.django.DjangoModelFactory[Item]):
    """A 1–5 agreement scale item."""

    class Meta:
        model = Item

    questionnaire = factory.SubFactory(QuestionnaireFactory)
    position = factory.Sequence(lambda n: n)
    kind = Item.Kind.SCALE
    text = factory.Sequence(lambda n: f"The session helped me with idea {n}.")
    scale_labels = [
        "Strongly disagree",
        "Disagree",
        "Neither agree nor disagree",
        "Agree",
        "Strongly agree",
    ]


class InvitationFactory(factory.django.DjangoModelFactory[Invitation]):
    """A participant's invitation to the pre questionnaire; pass wave, session, user."""

    class Meta:
        model = Invitation

    work_group = factory.SubFactory(WorkGroupFactory)
    wave = Wave.PRE


class ResponseFactory(factory.django.DjangoModelFactory[Response]):
    """A response to a form; pass wave, work_group, session and respondent to match."""

    class Meta:
        model = Response

    questionnaire = factory.SubFactory(QuestionnaireFactory)
    wave = Wave.SESSION
    work_group = factory.SubFactory(WorkGroupFactory)
    submitted_at = factory.LazyFunction(timezone.now)


class AnswerFactory(factory.django.DjangoModelFactory[Answer]):
    """An answer: pass response, item and number (a scale point), choice_list or text."""

    class Meta:
        model = Answer

    response = factory.SubFactory(ResponseFactory)
    item = factory.SubFactory(ItemFactory)
