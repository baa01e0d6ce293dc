"""Rate limits hold across web workers, and keep limiting (per process) while Redis is down."""

import os
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
import redis
from django.core.cache import cache
from django.test import RequestFactory

from hubwork.core.ratelimit import over_limit, over_rate_limit

PROJECT = Path(__file__).resolve().parents[3]

# One web worker's share of a burst: the limit counts shared uses, and the worker prints how
# many of its own were let through. Each waits for the "go" file so both count at once.
WORKER = textwrap.dedent(
    """
    import os, sys, time
    from pathlib import Path

    import django

    django.setup()
    from allauth.core.internal.ratelimit import consume
    from django.test import RequestFactory

    from hubwork.core.ratelimit import over_limit

    folder = Path(os.environ["DATA_DIR"])
    (folder / f"ready-{sys.argv[1]}").touch()
    deadline = time.monotonic() + 60
    while not (folder / "go").exists() and time.monotonic() < deadline:
        time.sleep(0.01)
    ours = sum(not over_limit("sign-up:203.0.113.9", limit=5, window_seconds=600) for _ in range(6))
    request = RequestFactory().post("/accounts/login/", REMOTE_ADDR="203.0.113.9")
    sign_ins = sum(
        bool(consume(request, app="allauth.account", action="login_failed", key="p@example.org"))
        for _ in range(6)
    )
    print(ours, sign_ins)
    """
)


def test_two_web_workers_on_one_machine_share_each_count(tmp_path):
    """The embedded default (no DATABASE_URL, no REDIS_URL) as gunicorn runs it: two processes
    on one SQLite file. Each tries 6 times against a limit of 5, so with a count per process
    (local memory) 10 would get through; shared, 5 do. The same holds for allauth's 5 failed
    sign-ins per address."""
    env = {
        name: value
        for name, value in os.environ.items()
        if name not in {"DATABASE_URL", "REDIS_URL", "DJANGO_ENV"}
    }
    env.update(DATA_DIR=str(tmp_path), DJANGO_SETTINGS_MODULE="hubwork.settings")
    manage = [sys.executable, str(PROJECT / "manage.py")]
    subprocess.run(  # noqa: S603 - our own manage.py with fixed arguments
        [*manage, "createcachetable"], cwd=PROJECT, env=env, check=True, timeout=120
    )
    workers = [
        subprocess.Popen(  # noqa: S603 - our own interpreter running our own script
            [sys.executable, "-c", WORKER, str(number)],
            cwd=PROJECT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for number in (1, 2)
    ]
    try:
        deadline = time.monotonic() + 120
        while not all((tmp_path / f"ready-{n}").exists() for n in (1, 2)):
            assert time.monotonic() < deadline, "the workers did not start"
            assert all(worker.poll() is None for worker in workers), workers[0].stderr
            time.sleep(0.05)
        (tmp_path / "go").touch()
        outputs = [worker.communicate(timeout=120) for worker in workers]
    finally:
        for worker in workers:
            worker.kill()
    for worker, (_, errors) in zip(workers, outputs, strict=True):
        assert worker.returncode == 0, errors
    counts = [tuple(int(n) for n in out.split()) for out, _ in outputs]
    assert sum(ours for ours, _ in counts) == 5
    assert sum(sign_ins for _, sign_ins in counts) == 5


def test_a_count_keeps_its_window(db):
    """Counting again does not move the window's end (Django's own database cache would reset
    it to the default timeout on every count)."""
    # Two seconds, since the database keeps expiry times to the whole second: a window
    # opened late in a second still lasts more than one.
    assert not over_limit("export:7", limit=2, window_seconds=2)
    assert not over_limit("export:7", limit=2, window_seconds=2)
    assert over_limit("export:7", limit=2, window_seconds=2)
    time.sleep(2.1)
    assert not over_limit("export:7", limit=2, window_seconds=2)


def test_rate_limits_still_limit_while_redis_is_down(cache_on_dead_redis, caplog):
    request = RequestFactory().get("/hubs/find/", REMOTE_ADDR="203.0.113.7")
    results = [
        over_rate_limit(request, scope="school-search", limit=3, window_seconds=60)
        for _ in range(4)
    ]
    assert results == [False, False, False, True]
    other = RequestFactory().get("/hubs/find/", REMOTE_ADDR="203.0.113.8")
    assert not over_rate_limit(other, scope="school-search", limit=3, window_seconds=60)
    # The rest of the cache works as well, from this process's memory.
    cache.set("greeting", "hello")
    assert cache.get("greeting") == "hello"
    assert cache.get_or_set("answer", 42) == 42


@pytest.mark.redis
def test_with_redis_up_the_count_is_kept_in_redis(settings, redis_url):
    settings.CACHES = {
        "default": {
            "BACKEND": "hubwork.core.cache.FallbackRedisCache",
            "LOCATION": redis_url,
            "KEY_PREFIX": "hubwork-test",
        }
    }
    cache.delete("rate-limit:messages:9")
    try:
        for _ in range(3):
            over_limit("messages:9", limit=5, window_seconds=60)
        client = redis.Redis.from_url(redis_url)
        (key,) = client.keys("hubwork-test:*rate-limit:messages:9")
        assert client.get(key) == b"3"
        assert 0 < client.ttl(key) <= 60
    finally:
        cache.delete("rate-limit:messages:9")
