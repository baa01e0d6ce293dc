"""A rush of sign-ups over HTTP: many people reach for the same few places at once.

    .venv/bin/python bench/rush.py [--people 200] [--capacity 30] [--workers 2] [--threads 4]
    .venv/bin/python bench/rush.py --database-url postgres://postgres@127.0.0.1:5432/hubwork_rush
    .venv/bin/python bench/rush.py --continuers 10   # last year's completers placed first

Starts Hubwork under gunicorn on a free local port (DEBUG off) against a throwaway SQLite
database in a temporary folder, or against the local PostgreSQL database named by
--database-url (created if missing; each run adds its own Work Group and people to it). It
makes one open Work Group of `capacity` places and `people` teachers, each from their own
school, signs each of them in (a database session, as signing in would leave), loads the
sign-up page once per person for its CSRF token, then fires every sign-up POST at the same
moment from its own thread. It prints how many were enrolled and waitlisted, the HTTP errors
and the latency percentiles. All traffic goes to 127.0.0.1.

With --continuers N, the Work Group is next year's copy of one that N people completed (each
from their own school): its lead invites them all and they accept through the continuation
service while it is still a draft, before it opens; then the rush runs. It also prints how
many continuers and rushers hold places, whether anyone was lost and whether the rushers'
places went first come, first served.
"""

import argparse
import http.client
import os
import re
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlencode, urlparse

REPO = Path(__file__).resolve().parent.parent
HOST = "127.0.0.1"
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
COOKIE = re.compile(r"^([^=]+)=([^;]*)")


@dataclass
class Person:
    urn: int
    session_key: str
    csrf_cookie: str = ""
    csrf_token: str = ""
    status: int = 0
    location: str = ""
    seconds: float = 0.0
    error: str = ""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--people", type=int, default=200, help="sign-ups fired at once")
    parser.add_argument("--capacity", type=int, default=30, help="places in the Work Group")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn worker processes")
    parser.add_argument("--threads", type=int, default=4, help="threads per gunicorn worker")
    parser.add_argument("--database-url", default="", help="a local PostgreSQL database")
    parser.add_argument(
        "--continuers", type=int, default=0, help="completers placed before the rush opens"
    )
    arguments = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="hubwork-rush-") as folder:
        environment = _environment(Path(folder), arguments.database_url)
        os.environ.update(environment)
        if not arguments.database_url:
            os.environ.pop("DATABASE_URL", None)
        sys.path.insert(0, str(REPO))
        import django

        django.setup()
        from django.core.management import call_command
        from django.db import connection, connections

        if arguments.database_url:
            _postgres_database_ensure(arguments.database_url)
        call_command("migrate", verbosity=0)
        from django.test.utils import override_settings

        # The continuers' emails (invitations, then places) would bury the figures.
        with override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"):
            slug, people = _generate(
                people=arguments.people,
                capacity=arguments.capacity,
                continuers=arguments.continuers,
            )
        database = f"{connection.vendor} ({connection.settings_dict['NAME']})"
        connections.close_all()

        port = _free_port()
        server = _serve(port=port, environment=environment, arguments=arguments)
        try:
            _wait_until_up(port)
            _fire(port=port, slug=slug, people=people)
        finally:
            server.send_signal(signal.SIGTERM)
            server.wait(timeout=120)
        _report(
            slug=slug,
            people=people,
            capacity=arguments.capacity,
            database=database,
            arguments=arguments,
        )
        connections.close_all()


def _environment(folder: Path, database_url: str) -> dict[str, str]:
    environment = {
        "DJANGO_SETTINGS_MODULE": "hubwork.settings",
        "DJANGO_ENV": "development",
        "DEBUG": "false",
        "DATA_DIR": str(folder),
        "ALLOWED_HOSTS": HOST,
        "PYTHONPATH": str(REPO),
    }
    if database_url:
        host = urlparse(database_url).hostname
        if host not in {"127.0.0.1", "localhost"}:
            raise SystemExit("--database-url must name a database on this machine (127.0.0.1).")
        environment["DATABASE_URL"] = database_url
    return environment


def _postgres_database_ensure(database_url: str) -> None:
    """Create the benchmark's database if it is not there yet."""
    import psycopg
    from psycopg import sql

    url = urlparse(database_url)
    name = url.path.lstrip("/")
    admin = url._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as server:
        if not server.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            server.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def _generate(*, people: int, capacity: int, continuers: int = 0) -> tuple[str, list[Person]]:
    """One open Work Group and `people` signed-in teachers, each from their own school; with
    `continuers`, next year's copy of a group they completed, their places taken first."""
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore
    from django.db import transaction
    from django.db.models import Max

    from hubwork.accounts.tests.factories import UserFactory
    from hubwork.hubs.tests.factories import HubFactory
    from hubwork.schools.models import School
    from hubwork.schools.tests.factories import SchoolFactory
    from hubwork.workgroups.tests.factories import WorkGroupFactory

    run = f"rush-{int(time.time())}"
    # URNs above any real or earlier run's, so reruns on one PostgreSQL database never clash.
    first_urn = max(School.objects.aggregate(top=Max("urn"))["top"] or 0, 800_000_000) + 1
    with transaction.atomic():
        hub = HubFactory.create(slug=run, name=f"Rush Maths Hub {run}")
        if continuers:
            _continuers_placed(
                hub=hub, run=run, capacity=capacity, continuers=continuers, first_urn=first_urn
            )
            first_urn += continuers
        else:
            WorkGroupFactory.create(
                hub=hub, slug=run, code=run.upper(), capacity=capacity, per_school_limit=1
            )
        result = []
        for number in range(people):
            user = UserFactory.create(password=None, email=f"{run}-{number}@example.org")
            school = SchoolFactory.create(urn=first_urn + number)
            session = SessionStore()
            session[SESSION_KEY] = str(user.pk)
            session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
            session[HASH_SESSION_KEY] = user.get_session_auth_hash()
            session.create()
            assert session.session_key is not None
            result.append(Person(urn=school.urn, session_key=session.session_key))
    print(f"Made Work Group {run}: {capacity} places, {people} people from {people} schools")
    return run, result


def _continuers_placed(
    *, hub: object, run: str, capacity: int, continuers: int, first_urn: int
) -> None:
    """Last year's group (slug `run`-last), completed by `continuers` teachers each from their
    own school; its copy for next year gets the slug `run`. The lead invites every completer,
    each accepts while the copy is a draft (through the continuation service, under the
    allocation lock), then the copy opens for sign-ups."""
    import time as clock

    from hubwork.accounts.tests.factories import UserFactory
    from hubwork.hubs.models import HubRole
    from hubwork.hubs.tests.factories import HubRoleFactory
    from hubwork.schools.tests.factories import SchoolFactory
    from hubwork.workgroups.models import Enrolment, WorkGroup
    from hubwork.workgroups.services.continuation import continuation_accept, continuation_invite
    from hubwork.workgroups.services.work_groups import (
        work_group_copy_to_next_year,
        work_group_set_status,
    )
    from hubwork.workgroups.tests.factories import (
        EnrolmentFactory,
        SessionFactory,
        WorkGroupFactory,
    )

    lead = UserFactory.create(password=None, email=f"{run}-lead@example.org")
    HubRoleFactory.create(user=lead, hub=hub, role=HubRole.Kind.LLME)
    original = WorkGroupFactory.create(
        hub=hub,
        slug=f"{run}-last",
        code=run.upper(),
        capacity=capacity,
        per_school_limit=1,
        leads=[lead],
        status=WorkGroup.Status.COMPLETED,
    )
    SessionFactory.create(work_group=original)
    completers = [
        EnrolmentFactory.create(
            work_group=original,
            user=UserFactory.create(password=None, email=f"{run}-continuer-{number}@example.org"),
            school=SchoolFactory.create(urn=first_urn + number),
            status=Enrolment.Status.COMPLETED,
        )
        for number in range(continuers)
    ]
    copy = work_group_copy_to_next_year(work_group=original, by=lead)
    WorkGroup.objects.filter(pk=copy.pk).update(slug=run)
    copy.slug = run
    started = clock.perf_counter()
    invitations = continuation_invite(work_group=copy, previous=completers, by=lead)
    for invitation in invitations:
        continuation_accept(
            invitation=invitation, user=invitation.previous.user, leader_supports=True
        )
    seconds = clock.perf_counter() - started
    work_group_set_status(work_group=copy, status=WorkGroup.Status.OPEN, by=lead)
    placed = Enrolment.objects.filter(work_group=copy, status=Enrolment.Status.ENROLLED).count()
    print(
        f"Continuers: {continuers} invited and accepted before sign-up opened "
        f"({seconds:.2f} s); {placed} hold places"
    )


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        port: int = probe.getsockname()[1]
        return port


def _serve(
    *, port: int, environment: dict[str, str], arguments: argparse.Namespace
) -> subprocess.Popen[bytes]:
    command = [
        str(REPO / ".venv" / "bin" / "gunicorn"),
        "hubwork.wsgi",
        "--bind",
        f"{HOST}:{port}",
        "--workers",
        str(arguments.workers),
        "--threads",
        str(arguments.threads),
        "--backlog",
        "2048",
        "--log-level",
        "warning",
    ]
    return subprocess.Popen(command, cwd=REPO, env={**os.environ, **environment})  # noqa: S603


def _wait_until_up(port: int) -> None:
    # Generous: on a machine busy with other work gunicorn can take a while to import Django.
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            connection = http.client.HTTPConnection(HOST, port, timeout=2)
            connection.request("GET", "/")
            connection.getresponse().read()
            return
        except OSError:
            time.sleep(0.2)
    raise SystemExit("gunicorn did not start within 120 s")


def _cookies(response: http.client.HTTPResponse) -> dict[str, str]:
    found = {}
    for header in response.headers.get_all("Set-Cookie") or []:
        match = COOKIE.match(header)
        if match:
            found[match[1]] = match[2]
    return found


def _fire(*, port: int, slug: str, people: list[Person]) -> None:
    from django.conf import settings

    path = f"/work-groups/{slug}/sign-up/"
    session_cookie = settings.SESSION_COOKIE_NAME
    csrf_cookie = settings.CSRF_COOKIE_NAME
    barrier = threading.Barrier(len(people) + 1)

    def sign_up(person: Person) -> None:
        try:
            cookie = f"{session_cookie}={person.session_key}"
            page = http.client.HTTPConnection(HOST, port, timeout=120)
            page.request("GET", path, headers={"Cookie": cookie})
            response = page.getresponse()
            body = response.read().decode()
            page.close()
            token = TOKEN.search(body)
            person.csrf_cookie = _cookies(response).get(csrf_cookie, "")
            if response.status != 200 or not token or not person.csrf_cookie:
                person.error = f"sign-up page: HTTP {response.status}"
                return
            person.csrf_token = token[1]
        finally:
            barrier.wait()
        form = urlencode(
            {
                "csrfmiddlewaretoken": person.csrf_token,
                "school": "",
                "school_urn": str(person.urn),
                "role": "class_teacher",
                "leader_supports": "on",
            }
        )
        headers = {
            "Cookie": f"{cookie}; {csrf_cookie}={person.csrf_cookie}",
            "Content-Type": "application/x-www-form-urlencoded",
        }
        started = time.perf_counter()
        try:
            post = http.client.HTTPConnection(HOST, port, timeout=120)
            post.request("POST", path, body=form, headers=headers)
            response = post.getresponse()
            response.read()
            person.status = response.status
            person.location = response.headers.get("Location", "")
            post.close()
        except OSError as error:
            person.error = f"{type(error).__name__}: {error}"
        person.seconds = time.perf_counter() - started

    threads = [threading.Thread(target=sign_up, args=[person]) for person in people]
    for thread in threads:
        thread.start()
    barrier.wait()  # every page loaded: go
    for thread in threads:
        thread.join()


def _report(
    *,
    slug: str,
    people: list[Person],
    capacity: int,
    database: str,
    arguments: argparse.Namespace,
) -> None:
    from django.db.models import Count

    from hubwork.workgroups.models import Enrolment

    counts = dict(
        Enrolment.objects.filter(work_group__slug=slug)
        .values_list("status")
        .annotate(count=Count("pk"))
        .order_by()
    )
    signed_up = [p for p in people if p.status == 302 and p.location.endswith("/done/")]
    errors = [p for p in people if p not in signed_up]
    latencies = sorted(p.seconds * 1000 for p in people if p.status)
    centiles = (
        statistics.quantiles(latencies, n=100, method="inclusive")
        if len(latencies) > 1
        else latencies * 99
    )
    print(
        f"Database: {database}; gunicorn {arguments.workers} workers × {arguments.threads} threads"
    )
    print(f"Sign-ups fired at once: {len(people)} for {capacity} places")
    print(f"Enrolled:   {counts.get(Enrolment.Status.ENROLLED, 0)}")
    print(f"Waitlisted: {counts.get(Enrolment.Status.WAITLISTED, 0)}")
    placed = counts.get(Enrolment.Status.ENROLLED, 0) + counts.get(Enrolment.Status.WAITLISTED, 0)
    print(f"Other:      {sum(counts.values()) - placed}")
    print(f"Errors:     {len(errors)}")
    _report_continuers_and_order(slug=slug, people=len(people), capacity=capacity)
    for person in errors[:5]:
        print(f"  HTTP {person.status or '-'} {person.location} {person.error}")
    if latencies:
        print(
            f"Latency ms: p50 {centiles[49]:.0f}, p95 {centiles[94]:.0f}, max {latencies[-1]:.0f}"
        )


def _report_continuers_and_order(*, slug: str, people: int, capacity: int) -> None:
    """Continuers and rushers holding places, anyone lost (a rusher with no enrolment, or
    more than one), and whether the rushers' places went to the first to ask."""
    from hubwork.workgroups.models import Enrolment

    enrolments = list(
        Enrolment.objects.filter(work_group__slug=slug).order_by("requested_at", "pk")
    )
    continuers = [e for e in enrolments if e.continues_from_id is not None]
    rushers = [e for e in enrolments if e.continues_from_id is None]
    enrolled = [e for e in enrolments if e.status == Enrolment.Status.ENROLLED]
    rushers_placed = sum(e.status == Enrolment.Status.ENROLLED for e in rushers)
    in_order = all(e.status == Enrolment.Status.ENROLLED for e in rushers[:rushers_placed]) and all(
        e.status == Enrolment.Status.WAITLISTED for e in rushers[rushers_placed:]
    )
    if continuers:
        continuers_placed = sum(e.status == Enrolment.Status.ENROLLED for e in continuers)
        print(f"Continuers holding places: {continuers_placed} of {len(continuers)}")
        print(f"Rushers holding places:    {rushers_placed} of {len(rushers)}")
    print(f"Enrolled in all:            {len(enrolled)} (capacity {capacity})")
    print(f"Lost (no enrolment):        {people - len(rushers)}")
    print(f"First come, first served:   {'yes' if in_order else 'NO'}")


if __name__ == "__main__":
    main()
