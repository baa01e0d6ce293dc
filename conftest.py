"""Fixtures shared by every test: personas and a clean cache.

Personas, as in the rest of the suite:
- `hub_lead`: leads `hub`, with two-factor set up;
- `llme`: leads Work Groups for `hub`, with two-factor set up (which the pages of participants'
  details ask of leads);
- `participant`: a teacher with no team role;
- `national_admin`: the national team, who may use the admin site;
- `outsider`: the hub lead of `other_hub`, so a check that stops them stops anyone else.
"""

import os

import pytest
from django.conf import settings
from django.core.cache import cache

from hubwork.accounts.models import User
from hubwork.accounts.tests.factories import UserFactory, enable_totp
from hubwork.hubs.models import Hub, HubArea, HubRole
from hubwork.hubs.tests.factories import HubFactory, HubRoleFactory
from hubwork.schools.models import LocalAuthority, School
from hubwork.schools.tests.factories import LocalAuthorityFactory, SchoolFactory


@pytest.fixture(autouse=True)
def _clean_cache():
    # Rate-limit counters and other cached state must not leak from one test to the next.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def hub(db) -> Hub:
    return HubFactory.create(name="GLOW Maths Hub", slug="glow")


@pytest.fixture
def other_hub(db) -> Hub:
    return HubFactory.create(name="Origin Maths Hub", slug="origin")


@pytest.fixture
def hub_lead(hub) -> User:
    user = UserFactory.create(display_name="Helen Marsh")
    HubRoleFactory.create(user=user, hub=hub, role=HubRole.Kind.HUB_LEAD)
    enable_totp(user)
    return user


@pytest.fixture
def llme(hub) -> User:
    user = UserFactory.create(display_name="Liam Evans")
    HubRoleFactory.create(user=user, hub=hub, role=HubRole.Kind.LLME)
    enable_totp(user)
    return user


@pytest.fixture
def participant(db) -> User:
    return UserFactory.create(display_name="Priya Clarke")


@pytest.fixture
def national_admin(db) -> User:
    """A national admin who may use the admin site (a superuser, with two-factor set up)."""
    admin = UserFactory.create(
        display_name="Nadia Admin", is_national_admin=True, is_staff=True, is_superuser=True
    )
    enable_totp(admin)
    return admin


@pytest.fixture
def outsider(other_hub) -> User:
    user = UserFactory.create(display_name="Owen Outside")
    HubRoleFactory.create(user=user, hub=other_hub, role=HubRole.Kind.HUB_LEAD)
    enable_totp(user)
    return user


@pytest.fixture(autouse=True, scope="session")
def _fast_password_hashing() -> None:
    """Real password hashing is slow on purpose; tests hash hundreds of passwords."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True, scope="session")
def _tasks_run_in_process() -> None:
    """Tasks run in-process during tests; test_tasks.py runs a real worker on Redis itself."""
    from hubwork.celery import app

    app.conf.task_always_eager = True


@pytest.fixture
def birmingham(hub) -> LocalAuthority:
    """Birmingham, in `hub`'s area."""
    local_authority = LocalAuthorityFactory.create(code="330", name="Birmingham")
    HubArea.objects.create(hub=hub, local_authority=local_authority)
    return local_authority


@pytest.fixture
def hillside(birmingham) -> School:
    """A school in `hub`'s area."""
    return SchoolFactory.create(
        urn=990001,
        name="Hillside Primary School",
        town="Birmingham",
        postcode="B1 1AA",
        local_authority=birmingham,
    )


def skip_unless_available(requirement: str, reason: str) -> None:
    """Skip a test whose real component is missing, or fail it where CI insists on it.

    CI sets HUBWORK_REQUIRE=browser,redis so that nothing it promises to test is skipped.
    """
    required = {name.strip() for name in os.environ.get("HUBWORK_REQUIRE", "").split(",")}
    if requirement in required:
        pytest.fail(f"{reason} (HUBWORK_REQUIRE includes {requirement!r})")
    pytest.skip(reason)


@pytest.fixture
def redis_url() -> str:
    url = settings.REDIS_URL or os.environ.get("REDIS_URL", "")
    if not url:
        skip_unless_available("redis", "REDIS_URL is not set, so there is no Redis to test against")
    return url
