"""The read-replica router: reads inside `reading_replica()` go to the "replica" alias when
it exists, and nothing else does.

The suite's settings have no replica (DATABASE_REPLICA_URL is unset), so the tests that need
one add the alias themselves, for their class only: a copy of the test database's own
settings marked as its mirror, which is what Django makes of a replica alias with
TEST {"MIRROR": "default"}. It is a second, real connection to the same database, so each
query can be caught on the connection that ran it. Those tests commit (transaction=True):
a mirror is another connection and cannot see a test's uncommitted rows.
"""

import threading
from collections.abc import Iterator

import pytest
from django.db import connections
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.test.utils import CaptureQueriesContext

from hubwork.core.db_routers import (
    REPLICA,
    ReplicaRouter,
    reading_replica,
    reads_from_replica,
    replica_configured,
)
from hubwork.schools.models import School
from hubwork.schools.tests.factories import SchoolFactory

router = ReplicaRouter()


def test_without_a_replica_everything_uses_default(db):
    assert not replica_configured()
    school = SchoolFactory.create()
    with reading_replica():
        assert router.db_for_read(School) == "default"
        assert School.objects.all().db == "default"
        with CaptureQueriesContext(connections["default"]) as on_default:
            assert list(School.objects.values_list("pk", flat=True)) == [school.pk]
    assert len(on_default) == 1


def test_migrations_run_on_default_alone():
    assert router.allow_migrate("default", "schools")
    assert not router.allow_migrate(REPLICA, "schools")
    assert router.allow_relation(School(), School())


@pytest.fixture(scope="class")
def replica(django_db_setup, django_db_blocker) -> Iterator[str]:
    """A "replica" alias mirroring the test database, for one class of tests."""
    default = connections["default"].settings_dict
    connections.settings[REPLICA] = {
        **default,
        "TEST": {**default["TEST"], "MIRROR": "default"},
    }
    try:
        yield REPLICA
    finally:
        with django_db_blocker.unblock():
            connections[REPLICA].close()
        del connections[REPLICA]
        del connections.settings[REPLICA]


@pytest.mark.usefixtures("replica")
@pytest.mark.django_db(transaction=True, databases=["default", REPLICA])
class TestWithAReplica:
    def test_reads_inside_the_block_go_to_the_replica(self):
        school = SchoolFactory.create()
        with (
            CaptureQueriesContext(connections[REPLICA]) as on_replica,
            CaptureQueriesContext(connections["default"]) as on_default,
        ):
            with reading_replica():
                assert router.db_for_read(School) == REPLICA
                names = list(School.objects.values_list("name", flat=True))
            outside = list(School.objects.values_list("name", flat=True))
        assert names == outside == [school.name]
        assert len(on_replica) == 1
        assert len(on_default) == 1

    def test_reads_outside_the_block_go_to_default(self):
        SchoolFactory.create()
        with CaptureQueriesContext(connections[REPLICA]) as on_replica:
            assert School.objects.count() == 1
        assert router.db_for_read(School) == "default"
        assert len(on_replica) == 0

    def test_writes_inside_the_block_stay_on_default(self):
        school = SchoolFactory.create()
        with (
            CaptureQueriesContext(connections[REPLICA]) as on_replica,
            reading_replica(),
        ):
            assert router.db_for_write(School) == "default"
            School.objects.filter(pk=school.pk).update(name="Renamed")
            SchoolFactory.create()
            # A locking read is a read for writing: it stays with the writes.
            assert School.objects.select_for_update().db == "default"
        assert len(on_replica) == 0
        assert School.objects.get(pk=school.pk).name == "Renamed"

    def test_the_block_holds_for_its_own_thread_alone(self):
        seen: list[str] = []
        with reading_replica():
            thread = threading.Thread(target=lambda: seen.append(router.db_for_read(School)))
            thread.start()
            thread.join()
            assert router.db_for_read(School) == REPLICA
        assert seen == ["default"]

    def test_a_decorated_view_reads_from_the_replica_and_so_does_its_stream(self):
        school = SchoolFactory.create()

        @reads_from_replica
        def page(request: HttpRequest) -> HttpResponse:
            return HttpResponse(School.objects.get().name)

        @reads_from_replica
        def download(request: HttpRequest) -> StreamingHttpResponse:
            # Rows read while the response is sent, after the view has returned.
            return StreamingHttpResponse(
                name for name in School.objects.values_list("name", flat=True)
            )

        with (
            CaptureQueriesContext(connections[REPLICA]) as on_replica,
            CaptureQueriesContext(connections["default"]) as on_default,
        ):
            assert page(HttpRequest()).content == school.name.encode()
            streamed = b"".join(download(HttpRequest()).streaming_content)  # type: ignore[arg-type]
        assert streamed == school.name.encode()
        assert len(on_replica) == 2
        assert len(on_default) == 0
        assert router.db_for_read(School) == "default"
