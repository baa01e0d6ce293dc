import factory

from hubwork.accounts.tests.factories import UserFactory
from hubwork.hubs.models import Hub, HubRole


class HubFactory(factory.django.DjangoModelFactory[Hub]):
    class Meta:
        model = Hub
        django_get_or_create = ["slug"]

    name = factory.Sequence(lambda n: f"Test Maths Hub {n}")
    slug = factory.Sequence(lambda n: f"test-hub-{n}")
    email = factory.LazyAttribute(lambda hub: f"{hub.slug}@example.org")


class HubRoleFactory(factory.django.DjangoModelFactory[HubRole]):
    class Meta:
        model = HubRole

    user = factory.SubFactory(UserFactory)
    hub = factory.SubFactory(HubFactory)
    role = HubRole.Kind.LLME
