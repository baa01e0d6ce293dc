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
from django.core.cache import cache, caches
from django.core.cache.backends.db import DatabaseCache

from hubwork.accounts.models import User
from hubwork.accounts.tests.factories import UserFactory, enable_totp
from hubwork.hubs.models import Hub, HubArea, HubRole
from hubwork.hubs.tests.factories import HubFactory, HubRoleFactory
from hubwork.schools.models import LocalAuthority, School
from hubwork.schools.tests.factories import LocalAuthorityFactory, SchoolFactory


@pytest.fixture(autouse=True)
def _clean_cache(request):
    # Rate-limit counters and other cached state must not leak from one test to the next.
    # Without Redis the cache is a table in the (test) database, so that is set up first.
    uses_database = (
        request.node.get_closest_marker("django_db") is not None
        or "_django_db_helper" in request.fixturenames
    )
    if isinstance(caches["default"], DatabaseCache) and not uses_database:
        # A test that never touches the database cannot have used a cache kept in it (and
        # without a test marked for the database, there is no test database to clear).
        yield
    elif isinstance(caches["default"], DatabaseCache):
        request.getfixturevalue("django_db_setup")
        blocker = request.getfixturevalue("django_db_blocker")
        with blocker.unblock():
            cache.clear()
        yield
        with blocker.unblock():
            cache.clear()
    else:
        cache.clear()
        yield
        cache.clear()


@pytest.fixture(autouse=True)
def _public_site_frame(request):
    # Tests that flush the database (live servers, transactional tests) empty Wagtail's page
    # tree too; the public site's home, listing and newsletters page are made again for them.
    marker = request.node.get_closest_marker("django_db")
    if marker is not None and marker.kwargs.get("transaction"):
        # Marked `django_db(transaction=True)`: its database is set up by pytest-django's helper.
        database = "_django_db_helper"
    elif "transactional_db" in request.fixturenames or "live_server" in request.fixturenames:
        database = "transactional_db"
    else:
        return
    from hubwork.content.services.site import public_site_ensure

    request.getfixturevalue(database)
    public_site_ensure()


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


# A port nothing listens on: a Redis that is down.
DEAD_REDIS_URL = "redis://127.0.0.1:1/0"


class Broker:
    """The Celery app's broker, taken away by `down()` and brought back by `back()`."""

    KEYS = ("broker_url", "result_backend", "task_always_eager")

    def __init__(self) -> None:
        from hubwork.celery import app

        self.app = app
        self.saved = {key: app.conf[key] for key in self.KEYS}

    def down(self) -> None:
        """Tasks go to a broker that does not answer, as in production when Redis stops."""
        self._use(broker_url=DEAD_REDIS_URL, result_backend=None, task_always_eager=False)

    def back(self, url: str | None = None) -> None:
        """The broker answers again: tasks run in-process as in every test, or go to the
        real Redis at `url`."""
        if url:
            self._use(broker_url=url, result_backend=url, task_always_eager=False)
        else:
            self._use(**self.saved)

    def _use(self, **conf: object) -> None:
        self.app.conf.update(conf)
        # Connections pooled for the previous broker must not be reused for the next.
        self.app._pool = None  # type: ignore[attr-defined]
        self.app.amqp._producer_pool = None  # type: ignore[attr-defined]


@pytest.fixture
def broker():
    """The Celery broker, which a test may take down and bring back; restored afterwards."""
    broker = Broker()
    yield broker
    broker.back()


@pytest.fixture
def cache_on_dead_redis(settings):
    """The cache is Redis, as in production, and Redis is down."""
    settings.CACHES = {
        "default": {
            "BACKEND": "hubwork.core.cache.FallbackRedisCache",
            "LOCATION": DEAD_REDIS_URL,
            "OPTIONS": {"socket_connect_timeout": 2, "socket_timeout": 2},
        }
    }
    cache.clear()  # what an earlier test counted in this process's memory
    yield
    cache.clear()
