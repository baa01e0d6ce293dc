"""Cache backends for rate limits that hold across web workers and survive their store's
trouble.

- `FallbackRedisCache` (with REDIS_URL): Redis, shared by every worker and machine; while
  Redis cannot be reached, each process counts in its own memory instead, so limits still
  limit (per process) and no page fails for want of a cache.
- `SharedDatabaseCache` (the embedded default): a table in the database, shared by every
  gunicorn worker on the machine; its `incr` is atomic and keeps the key's expiry, as Redis's
  does, which `core.ratelimit` relies on. The table is created by `migrate` (core/apps.py).
"""

import base64
import logging
import pickle
import threading
import time
from typing import Any

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.db import DatabaseCache
from django.core.cache.backends.locmem import LocMemCache
from django.core.cache.backends.redis import RedisCache
from django.db import connections, models, router, transaction
from django.utils import timezone
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)

REDIS_DOWN = (RedisConnectionError, RedisTimeoutError)
# While Redis is down, it is asked again this often rather than on every call, so that an
# unreachable host's connection timeout is not paid by every request.
RETRY_SECONDS = 5.0
# Enough keys for every address counted in a window; the oldest go first beyond it.
FALLBACK_MAX_ENTRIES = 50_000


class _Outage:
    """Whether one Redis is down, shared by every thread of the process (Django keeps a cache
    object per thread), so the outage is logged once and retried at most every few seconds."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.down_since: float | None = None
        self.retry_at = 0.0

    def skip_redis(self) -> bool:
        return self.down_since is not None and time.monotonic() < self.retry_at

    def went_down(self, location: str, error: Exception) -> None:
        with self._lock:
            now = time.monotonic()
            if self.down_since is None:
                self.down_since = now
                logger.error(
                    "The Redis cache at %s cannot be reached (%s): counting rate limits in "
                    "this process until it answers.",
                    location,
                    error,
                )
            self.retry_at = now + RETRY_SECONDS

    def came_back(self, location: str) -> None:
        if self.down_since is None:
            return
        with self._lock:
            if self.down_since is not None:
                logger.warning(
                    "The Redis cache at %s answers again after %.0f seconds.",
                    location,
                    time.monotonic() - self.down_since,
                )
                self.down_since = None


_outages: dict[str, _Outage] = {}
_outages_lock = threading.Lock()


class FallbackRedisCache(RedisCache):
    """Django's Redis cache, falling back to this process's memory while Redis is down."""

    def __init__(self, server: str, params: dict[str, Any]) -> None:
        super().__init__(server, params)
        location = server if isinstance(server, str) else ",".join(server)
        self._location = location.split("@")[-1]  # never a password in the log
        with _outages_lock:
            self._outage = _outages.setdefault(self._location, _Outage())
        # One store per Redis location and process: LocMemCache shares it between the
        # cache objects of every thread that uses the same name.
        self._fallback = LocMemCache(
            f"hubwork-fallback:{self._location}",
            {
                "TIMEOUT": params.get("TIMEOUT", DEFAULT_TIMEOUT),
                "KEY_PREFIX": params.get("KEY_PREFIX", ""),
                "OPTIONS": {"MAX_ENTRIES": FALLBACK_MAX_ENTRIES},
            },
        )

    def _call(self, name: str, *args: Any, **kwargs: Any) -> Any:
        if not self._outage.skip_redis():
            try:
                result = getattr(super(), name)(*args, **kwargs)
            except REDIS_DOWN as error:
                self._outage.went_down(self._location, error)
            else:
                self._outage.came_back(self._location)
                return result
        return getattr(self._fallback, name)(*args, **kwargs)

    def add(self, key: Any, value: Any, timeout: Any = DEFAULT_TIMEOUT, version: Any = None) -> Any:
        return self._call("add", key, value, timeout, version)

    def get(self, key: Any, default: Any = None, version: Any = None) -> Any:
        return self._call("get", key, default, version)

    def set(self, key: Any, value: Any, timeout: Any = DEFAULT_TIMEOUT, version: Any = None) -> Any:
        return self._call("set", key, value, timeout, version)

    def touch(self, key: Any, timeout: Any = DEFAULT_TIMEOUT, version: Any = None) -> Any:
        return self._call("touch", key, timeout, version)

    def delete(self, key: Any, version: Any = None) -> Any:
        return self._call("delete", key, version)

    def get_many(self, keys: Any, version: Any = None) -> Any:
        return self._call("get_many", keys, version)

    def has_key(self, key: Any, version: Any = None) -> Any:
        return self._call("has_key", key, version)

    def incr(self, key: Any, delta: int = 1, version: Any = None) -> Any:
        return self._call("incr", key, delta, version)

    def set_many(self, data: Any, timeout: Any = DEFAULT_TIMEOUT, version: Any = None) -> Any:
        return self._call("set_many", data, timeout, version)

    def delete_many(self, keys: Any, version: Any = None) -> Any:
        return self._call("delete_many", keys, version)

    def clear(self) -> Any:
        # Both: what was counted here during an outage must go too.
        self._fallback.clear()
        return self._call("clear")


class SharedDatabaseCache(DatabaseCache):
    """Django's database cache, with an `incr` that is atomic across processes and keeps the
    key's expiry (Django's own reads, then sets afresh with the default timeout)."""

    def incr(self, key: Any, delta: int = 1, version: Any = None) -> int:
        cache_key = self.make_and_validate_key(key, version=version)
        db = router.db_for_write(self.cache_model_class)
        connection = connections[db]
        quote_name = connection.ops.quote_name
        # Names quoted by the database's own quoting, as Django's DatabaseCache does.
        table = quote_name(self._table)  # type: ignore[attr-defined]
        value_column, expires_column = quote_name("value"), quote_name("expires")
        key_column = quote_name("cache_key")
        # The row is locked until the update (on SQLite the IMMEDIATE transaction locks the
        # database), so two workers counting at once both count.
        lock = " FOR UPDATE" if connection.features.has_select_for_update else ""
        with transaction.atomic(using=db), connection.cursor() as cursor:
            cursor.execute(
                f"SELECT {value_column}, {expires_column} FROM {table} "  # noqa: S608
                f"WHERE {key_column} = %s{lock}",
                [cache_key],
            )
            row = cursor.fetchone()
            if row is None or self._expired(connection, row[1]):
                raise ValueError(f"Key '{key}' not found")
            stored = connection.ops.process_clob(row[0])
            value = pickle.loads(base64.b64decode(stored.encode())) + delta  # noqa: S301
            encoded = base64.b64encode(pickle.dumps(value, self.pickle_protocol)).decode("latin1")
            cursor.execute(
                f"UPDATE {table} SET {value_column} = %s WHERE {key_column} = %s",  # noqa: S608
                [encoded, cache_key],
            )
        return int(value)

    @staticmethod
    def _expired(connection: Any, expires: Any) -> bool:
        expression = models.Expression(output_field=models.DateTimeField())
        converters = connection.ops.get_db_converters(expression)
        for converter in converters + expression.get_db_converters(connection):
            expires = converter(expires, expression, connection)
        return bool(expires < timezone.now())
