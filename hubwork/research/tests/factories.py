import factory

from hubwork.research.models import Reading, Theme, title_key


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
