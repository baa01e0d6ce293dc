"""Reports may read from a read replica: with DATABASE_REPLICA_URL set (settings.py) the
database has a second alias, "replica", and reads made inside `reading_replica()` go there.

Nothing else does. Every write, every locking read (`select_for_update` asks for the write
database) and every read outside that block stay on "default", so place allocation and
whatever a page does after saving never read a copy that may lag behind. Without the alias
everything uses "default", and `reading_replica()` changes nothing.

    @require_GET
    @reads_from_replica
    def national(request): ...      # the view's reads, and a streamed download's, go there

    with reading_replica():
        rows = list(engagement_rows())

The flag is a context variable, so it holds for the thread or task that set it and no other.
"""

from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import wraps
from typing import Any, ParamSpec, TypeVar, cast

from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models import Model
from django.http import FileResponse, HttpResponseBase, StreamingHttpResponse

REPLICA = "replica"

_reading_replica: ContextVar[bool] = ContextVar("reading_replica", default=False)

P = ParamSpec("P")
R = TypeVar("R", bound=HttpResponseBase)


def replica_configured() -> bool:
    """Whether the database has a replica alias (DATABASE_REPLICA_URL)."""
    return REPLICA in connections.settings


@contextmanager
def reading_replica() -> Iterator[None]:
    """Within this block (or the function it decorates) reads go to the replica, if any."""
    token = _reading_replica.set(True)
    try:
        yield
    finally:
        _reading_replica.reset(token)


def _streamed_on_replica(chunks: Iterable[Any]) -> Iterator[Any]:
    # A streamed download reads its rows as it is sent, after the view has returned: each
    # chunk is read inside the block again.
    iterator = iter(chunks)
    while True:
        with reading_replica():
            try:
                chunk = next(iterator)
            except StopIteration:
                return
        yield chunk


def reads_from_replica(view: Callable[P, R]) -> Callable[P, R]:
    """For report views that only read: their queries go to the replica, if any."""

    @wraps(view)
    def wrapped(*args: P.args, **kwargs: P.kwargs) -> R:
        with reading_replica():
            response = view(*args, **kwargs)
        # A file is sent as it is; streamed rows are read as they are sent.
        if (
            isinstance(response, StreamingHttpResponse)
            and not isinstance(response, FileResponse)
            and not response.is_async
        ):
            content = cast(Iterator[bytes], response.streaming_content)
            response.streaming_content = _streamed_on_replica(content)
        return response

    return wrapped


class ReplicaRouter:
    """Reads inside `reading_replica()` go to "replica" when it exists; everything else,
    and every write, to "default". Migrations run on "default" alone: the replica copies it."""

    def db_for_read(self, model: type[Model], **hints: Any) -> str:
        if _reading_replica.get() and replica_configured():
            return REPLICA
        return DEFAULT_DB_ALIAS

    def db_for_write(self, model: type[Model], **hints: Any) -> str:
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1: Model, obj2: Model, **hints: Any) -> bool:
        # Both aliases hold the same data: objects read from either may be related.
        return True

    def allow_migrate(self, db: str, app_label: str, **hints: Any) -> bool:
        return db == DEFAULT_DB_ALIAS
