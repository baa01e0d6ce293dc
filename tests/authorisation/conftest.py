"""The world, built once per module inside a transaction that is rolled back at its end, so
it works alike on SQLite and PostgreSQL and leaves nothing behind for other tests. Tests that
use it are marked `django_db` (pytestmark), which is what makes pytest-django create the test
database at all."""

from collections.abc import Iterator

import pytest
from django.db import connection, transaction
from django.test import override_settings

from tests.authorisation.world import World, build_world, sign_in_everyone


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, tmp_path_factory) -> Iterator[World]:
    media = tmp_path_factory.mktemp("media")
    # pytest-django sets up the test database only for tests marked django_db: never build
    # the world in a real one.
    name = str(connection.settings_dict["NAME"])
    assert "memory" in name or "test" in name, f"{name} is not a test database"
    with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=media):
        outer = transaction.atomic()
        outer.__enter__()
        try:
            built = build_world()
            sign_in_everyone(built)
            yield built
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)
