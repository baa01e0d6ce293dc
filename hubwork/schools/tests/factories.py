import factory

from hubwork.schools.models import LocalAuthority, School


class LocalAuthorityFactory(factory.django.DjangoModelFactory[LocalAuthority]):
    class Meta:
        model = LocalAuthority
        django_get_or_create = ["code"]

    # Real codes are three digits; 900 and up are unused, so tests never clash with them.
    code = factory.Sequence(lambda n: f"{900 + n % 100}")
    name = factory.Sequence(lambda n: f"Test Local Authority {n}")


class SchoolFactory(factory.django.DjangoModelFactory[School]):
    """An open primary school; School.save() fills in its search fields."""

    class Meta:
        model = School
        django_get_or_create = ["urn"]

    urn = factory.Sequence(lambda n: 990000 + n)
    name = factory.Sequence(lambda n: f"Test Primary School {n}")
    status = School.Status.OPEN
    phase = School.Phase.PRIMARY
    local_authority = factory.SubFactory(LocalAuthorityFactory)
    town = "Testtown"
    postcode = factory.Sequence(lambda n: f"ZZ{n % 90 + 10} {n % 10}AA")
