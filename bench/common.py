"""What every benchmark shares: a throwaway database, a query counter and a page timer."""

import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent


def django_setup(folder: Path) -> None:
    """Django on a throwaway SQLite database in `folder`, whatever the environment says, with
    production's DEBUG off (with it on, Django keeps and formats every query it runs)."""
    os.environ["DATA_DIR"] = str(folder)
    os.environ.pop("DATABASE_URL", None)
    os.environ.setdefault("DEBUG", "false")
    os.environ["DJANGO_SETTINGS_MODULE"] = "hubwork.settings"
    sys.path.insert(0, str(REPO))
    import django

    django.setup()


@contextmanager
def throwaway_database() -> Iterator[Path]:
    """Django on a migrated throwaway SQLite database in a temporary folder, which it yields."""
    with tempfile.TemporaryDirectory(prefix="hubwork-bench-") as name:
        folder = Path(name)
        django_setup(folder)
        from django.core.management import call_command

        call_command("migrate", verbosity=0)
        yield folder


@contextmanager
def postgres_database(database_url: str) -> Iterator[None]:
    """Django on a migrated PostgreSQL database on this machine (created if missing), with
    production's DEBUG off; media in a temporary folder."""
    from urllib.parse import urlparse

    if urlparse(database_url).hostname not in {"127.0.0.1", "localhost"}:
        raise SystemExit("--database-url must name a database on this machine (127.0.0.1).")
    with tempfile.TemporaryDirectory(prefix="hubwork-bench-") as folder:
        os.environ.update(
            DATA_DIR=folder,
            DATABASE_URL=database_url,
            DJANGO_SETTINGS_MODULE="hubwork.settings",
        )
        os.environ.setdefault("DEBUG", "false")
        sys.path.insert(0, str(REPO))
        _postgres_database_ensure(database_url)
        import django

        django.setup()
        from django.core.management import call_command

        call_command("migrate", verbosity=0)
        yield


def _postgres_database_ensure(database_url: str) -> None:
    from urllib.parse import urlparse

    import psycopg
    from psycopg import sql

    url = urlparse(database_url)
    name = url.path.lstrip("/")
    admin = url._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as server:
        if not server.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            server.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def generate(make: Callable[[], str]) -> None:
    """Run a data generator and say what it made (`make` returns that) and how long it took."""
    started = time.perf_counter()
    counts = make()
    print(f"Generated {counts} in {time.perf_counter() - started:.1f} s (SQLite, DEBUG off)")


@contextmanager
def counting_queries() -> Iterator[Callable[[], int]]:
    """Count the database queries run inside the block."""
    from django.db import connection

    count = 0

    def counter(execute: Callable[..., Any], *args: Any) -> Any:
        nonlocal count
        count += 1
        return execute(*args)

    with connection.execute_wrapper(counter):
        yield lambda: count


@dataclass(frozen=True)
class Timing:
    median: float  # milliseconds
    p95: float  # milliseconds; with few runs, the slowest
    queries: int  # of the last request
    response: Any  # the last one


def time_requests(label: str, request: Callable[[], Any], *, runs: int) -> Timing:
    """Time `runs` requests after one warm-up (templates, connections). Every answer must be
    200: anything else is a bug in the bench's data (or a page), and stops the bench."""
    _check(label, request())
    timings = []
    for _ in range(runs):
        with counting_queries() as queries:
            started = time.perf_counter()
            response = request()
            timings.append((time.perf_counter() - started) * 1000)
        _check(label, response)
    p95 = statistics.quantiles(timings, n=20)[-1] if len(timings) > 1 else timings[0]
    return Timing(statistics.median(timings), p95, queries(), response)


def _check(label: str, response: Any) -> None:
    if response.status_code != 200:
        raise SystemExit(f"{label}: {response.status_code} {response.get('Location', '')}")
