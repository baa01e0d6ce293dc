from typing import Any

import factory

from hubwork.programmes.models import Programme
from hubwork.research.models import (
    ProjectYear,
    Reading,
    ResearchProject,
    SessionReading,
    Theme,
    title_key,
)
from hubwork.workgroups.tests.factories import SessionFactory, WorkGroupFactory


class ThemeFactory(factory.django.DjangoModelFactory[Theme]):
    class Meta:
        model = Theme
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Theme {n}")
    slug = factory.Sequence(lambda n: f"theme-{n}")


class ReadingFactory(factory.django.DjangoModelFactory[Reading]):
    """A reading as the services would leave it (title_key kept in step with the title)."""

    class Meta:
        model = Reading

    authors = "Smith, J.; Jones, K."
    title = factory.Sequence(lambda n: f"Teaching fractions with bar models, study {n}")
    title_key = factory.LazyAttribute(lambda reading: title_key(reading.title))
    year = 2019
    source = "Journal of Mathematics Teacher Education"
    source_kind = Reading.SourceKind.JOURNAL_ARTICLE
    summary = "Teachers who used bar models saw pupils explain their reasoning more clearly."
    hub = None


class SessionReadingFactory(factory.django.DjangoModelFactory[SessionReading]):
    """A reading set for a session (pass session=…)."""

    class Meta:
        model = SessionReading

    session = factory.SubFactory(SessionFactory)
    reading = factory.SubFactory(ReadingFactory)
    guiding_question = "Read pages 3–7: which of the three strategies would suit your class?"


class ResearchProjectFactory(factory.django.DjangoModelFactory[ResearchProject]):
    """An RIWG's project in planning, with year 1 on a Work Group of an RIWG programme (pass
    work_group=… to choose it; its hub becomes the project's)."""

    class Meta:
        model = ResearchProject

    work_group = factory.SubFactory(
        WorkGroupFactory, programme__kind=Programme.Kind.RIWG, title="RIWG: Oracy"
    )
    hub = factory.LazyAttribute(lambda project: project.work_group.hub)
    title = factory.LazyAttribute(lambda project: project.work_group.title)
    question = "Does structured talk help Year 8 pupils explain their reasoning?"

    @classmethod
    def _create(cls, model_class: type[ResearchProject], *args: Any, **kwargs: Any) -> Any:
        work_group = kwargs.pop("work_group")
        project = super()._create(model_class, *args, **kwargs)
        ProjectYear.objects.create(project=project, work_group=work_group, number=1)
        return project
