"""A national dataset, ten years deep, and the reports timed on it.

    .venv/bin/python bench/national.py                 # about 24,500 open schools, SQLite
    .venv/bin/python bench/national.py --scale 0.1     # a tenth of everything, a quick look
    .venv/bin/python bench/national.py --keep          # time again on the last SQLite build
    .venv/bin/python bench/national.py --database-url postgres://postgres@127.0.0.1:5432/hubwork_national_1

The register is shaped like England's: about 24,500 open schools (16,800 primary with nursery
and middle deemed primary, 3,450 secondary, all-through, 16 plus and "not applicable":
special, independent and pupil referral units) and some closed ones, in 153 local
authorities shared among 40 hubs, with a skewed FSM distribution (median about 18%, a long
tail to 75%, none for independent schools). Ten academic years of Work Groups (100 per hub a
year, 3-5 sessions each) fill with about a million enrolments, 3.3 million attendance marks
and the completions that make schools engaged: about a quarter of schools ten years ago,
rising to about 60% last year; this year is under way. Rows go in with bulk inserts in one
transaction (COPY on PostgreSQL). SQLite lives in a folder under the system's temporary
folder named after the scale, so `--keep` can time it again without rebuilding; PostgreSQL
needs a fresh database name for each build (it is created if missing; `--keep` times one
already built again).

It then requests each report that exists (found by URL name; the others are skipped with a
note) through Django's test client, as a hub lead for hub pages and as a national admin for
national ones, printing the median and 95th percentile in milliseconds and the queries; the
exports are consumed piece by piece while the process's traced peak memory is measured.
"""

import argparse
import dataclasses
import logging
import random
import resource
import shutil
import statistics
import tempfile
import time
import tracemalloc
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from datetime import time as clock
from pathlib import Path
from typing import Any

from common import counting_queries, django_setup, postgres_database

YEARS = 10
HUBS = 40
LOCAL_AUTHORITIES = 153
WORK_GROUPS_PER_HUB_YEAR = 100
CHUNK = 50_000
SLOW = 10  # seconds: a page slower than this once is timed 3 times, not --runs

# Open schools at scale 1: (phase, establishment type, type group, count, pupils mean, sd).
REGISTER = [
    ("nursery", "LA nursery school", "Local authority maintained schools", 380, 90, 30),
    ("primary", "Community school", "Local authority maintained schools", 7_400, 260, 120),
    ("primary", "Voluntary aided school", "Local authority maintained schools", 1_900, 230, 90),
    ("primary", "Academy converter", "Academies", 5_000, 300, 130),
    ("primary", "Academy sponsor led", "Academies", 1_700, 300, 130),
    ("primary", "Free schools", "Free Schools", 300, 280, 120),
    ("middle_deemed_primary", "Middle school", "Local authority maintained schools", 120, 380, 90),
    ("middle_deemed_secondary", "Academy converter", "Academies", 100, 550, 150),
    ("secondary", "Academy converter", "Academies", 1_900, 1_100, 350),
    ("secondary", "Academy sponsor led", "Academies", 800, 1_000, 350),
    ("secondary", "Community school", "Local authority maintained schools", 400, 950, 300),
    ("secondary", "Free schools", "Free Schools", 250, 800, 300),
    ("all_through", "Academy converter", "Academies", 200, 1_400, 400),
    ("16_plus", "Further education", "Colleges", 180, 1_800, 700),
    ("16_plus", "Academy 16-19 converter", "Academies", 120, 700, 250),
    ("not_applicable", "Community special school", "Special schools", 1_050, 130, 60),
    ("not_applicable", "Other independent school", "Independent schools", 2_400, 350, 250),
    ("not_applicable", "Pupil referral unit", "Local authority maintained schools", 300, 60, 30),
]  # fmt: skip
CLOSED_SHARE = 0.06  # schools closed in the ten years, on top of the open ones
# The programme phases (core.choices.Phase) each school phase can take part in.
TAKES_PART_IN = {
    "nursery": {"early_years"},
    "primary": {"primary"},
    "middle_deemed_primary": {"primary"},
    "middle_deemed_secondary": {"secondary"},
    "secondary": {"secondary"},
    "all_through": {"primary", "secondary", "post16"},
    "16_plus": {"post16"},
    "not_applicable": {"primary", "secondary"},
}
# Share of eligible schools engaged each year, oldest first; the last is this year, under way.
ENGAGED = [0.26, 0.30, 0.34, 0.38, 0.43, 0.48, 0.53, 0.58, 0.63, 0.63]
SESSION_COUNTS = [3, 4, 4, 5]
ATTENDED_MARKS = ["present"] * 22 + ["late", "absent", "apologies"]


@dataclass
class Page:
    label: str
    url_name: str
    as_national_admin: bool
    kwargs: dict[str, str] = dataclasses.field(default_factory=dict)  # "hub_slug" gets the hub's
    post: dict[str, str] | None = None  # a large export asked for (and built in-process)
    export: bool = False


PAGES = [
    Page("hub: reach", "reports:hub", False, {"hub_slug": ""}),
    Page("hub: never engaged", "reports:never_engaged", False, {"hub_slug": ""}),
    Page("hub: equity", "reports:equity", False, {"hub_slug": ""}),
    Page("national: hubs side by side", "reports:national", True),
    Page("national: ten-year trend", "reports:national_trend", True),
    Page("national: programmes", "reports:national_programmes", True),
    Page(
        "export: national ten-year trend table (CSV)",
        "reports:national_export",
        True,
        {"table": "trend", "file_format": "csv"},
        export=True,
    ),
    Page(
        "export: never engaged, hub (CSV)",
        "reports:never_engaged_export",
        False,
        {"hub_slug": "", "file_format": "csv"},
        export=True,
    ),
    Page(
        "export: ten years of engagements, England (CSV)",
        "reports:exports",
        True,
        post={"kind": "engagements", "file_format": "csv"},
        export=True,
    ),
    Page(
        "export: never engaged, England (CSV)",
        "reports:exports",
        True,
        post={"kind": "never_engaged_national", "file_format": "csv"},
        export=True,
    ),
]
AIMS = {"hub:": "< 300 ms", "national: ten": "< 1 s", "export:": "memory flat"}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", type=float, default=1.0, help="1.0 is England's size")
    parser.add_argument("--runs", type=int, default=10, help="timed runs of each page")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--database-url", default="", help="a local PostgreSQL database")
    parser.add_argument(
        "--keep", action="store_true", help="time the last build at this scale again"
    )
    arguments = parser.parse_args()
    if not 0 < arguments.scale <= 2:
        raise SystemExit("--scale must be above 0 and at most 2.")

    with _database(arguments.database_url, scale=arguments.scale, keep=arguments.keep) as build:
        from django.db import connection

        if build:
            started = time.perf_counter()
            build(arguments.scale, random.Random(arguments.seed))
            print(f"Built in {time.perf_counter() - started:.1f} s ({connection.vendor})")
        else:
            print(f"Reusing the national dataset already built ({connection.vendor})")
        _print_counts()
        # Each export asked for logs its task's success: not part of the figures.
        logging.getLogger("celery").setLevel(logging.WARNING)
        _time_reports(runs=arguments.runs)


@contextmanager
def _database(
    database_url: str, *, scale: float, keep: bool
) -> Iterator[Callable[[float, random.Random], None] | None]:
    """Django on the bench's database; yields the builder, or None when `--keep` finds a
    finished build to reuse."""
    if database_url:
        with postgres_database(database_url):
            from hubwork.schools.models import School

            if School.objects.exists():
                if not keep:
                    raise SystemExit("That database holds data already: name a fresh one.")
                yield None
            else:
                yield build
        return
    place = Path(tempfile.gettempdir()) / f"hubwork-bench-national-{scale:g}"
    finished = place / "built"
    if not (keep and finished.exists()):
        shutil.rmtree(place, ignore_errors=True)
    place.mkdir(parents=True, exist_ok=True)
    django_setup(place)
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    if finished.exists():
        yield None
        return

    def build_and_mark(scale: float, random: random.Random) -> None:
        build(scale, random)
        finished.touch()

    yield build_and_mark


# Building ------------------------------------------------------------------------------


class Loader:
    """Bulk insert into one model's table: `columns` are given per row, every other column
    gets its default (or NULL, or now for timestamps), and the values must be ready for the
    database (`prep`). executemany on SQLite, COPY on PostgreSQL."""

    def __init__(self, model: Any, columns: list[str]) -> None:
        from django.db import connection
        from django.utils import timezone

        self.model = model
        given = [model._meta.get_field(name) for name in columns]
        rest = []
        now = timezone.now()
        for field in model._meta.concrete_fields:
            if field in given or field.primary_key:
                continue
            if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
                value = now
            else:
                # The default, or "" for text without one, or None where NULL is allowed.
                value = field.get_default()
                if value is None and not field.null:
                    raise ValueError(f"{model.__name__}.{field.name} needs a value")
            rest.append((field, field.get_db_prep_save(value, connection)))
        self.constants = tuple(value for _field, value in rest)
        self.columns = [field.column for field in given] + [field.column for field, _ in rest]
        self.rows = 0

    def write(self, rows: Iterable[tuple[Any, ...]]) -> None:
        from django.db import connection

        raw = connection.connection
        table = self.model._meta.db_table
        names = ", ".join(f'"{column}"' for column in self.columns)
        constants = self.constants
        if connection.vendor == "postgresql":
            with (
                raw.cursor() as cursor,
                cursor.copy(f'COPY "{table}" ({names}) FROM STDIN') as copy,
            ):
                for row in rows:
                    copy.write_row(row + constants)
                    self.rows += 1
            return
        marks = ", ".join("?" * len(self.columns))
        statement = f'INSERT INTO "{table}" ({names}) VALUES ({marks})'  # noqa: S608 - our names
        chunk: list[tuple[Any, ...]] = []
        for row in rows:
            chunk.append(row + constants)
            if len(chunk) == CHUNK:
                raw.executemany(statement, chunk)
                self.rows += len(chunk)
                chunk = []
        raw.executemany(statement, chunk)
        self.rows += len(chunk)


def prep(model: Any, name: str) -> Callable[[Any], Any]:
    """A converter of Python values to what the database takes for `model.name`, remembering
    each value it has seen (dates repeat)."""
    from django.db import connection

    field = model._meta.get_field(name)
    seen: dict[Any, Any] = {}

    def convert(value: Any) -> Any:
        if value not in seen:
            seen[value] = field.get_db_prep_save(value, connection)
        return seen[value]

    return convert


def _fsm(random: random.Random, deprivation: float) -> float:
    """% FSM: skewed like England's (median about 18%, a long tail to 75%)."""
    return round(min(75.0, random.gammavariate(2.2, 9.2) * deprivation), 1)


def build(scale: float, random: random.Random) -> None:
    from django.db import connection, transaction

    from hubwork.programmes.seeds import programmes_seed

    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA synchronous=OFF")
            cursor.execute("PRAGMA cache_size=-400000")
            cursor.execute("PRAGMA temp_store=MEMORY")
    programmes_seed()
    with _foreign_keys_trusted(), transaction.atomic(), _indexes_after():
        _build(scale, random)
    if connection.vendor == "postgresql":
        from django.core.management.color import no_style

        from hubwork.accounts.models import User
        from hubwork.workgroups.models import (
            Attendance,
            Enrolment,
            SchoolEngagement,
            Session,
            WorkGroup,
        )

        loaded: list[Any] = [User, WorkGroup, WorkGroup.leads.through, Session, Enrolment]
        with connection.cursor() as cursor:
            for statement in connection.ops.sequence_reset_sql(
                no_style(), [*loaded, Attendance, SchoolEngagement]
            ):
                cursor.execute(statement)
            # Planner statistics for the freshly loaded tables, as autovacuum would keep them.
            cursor.execute("ANALYZE")
    else:
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA synchronous=NORMAL")


@contextmanager
def _foreign_keys_trusted() -> Iterator[None]:
    """On PostgreSQL, skip the foreign key triggers while loading, as replication does:
    Django's keys are checked at commit, one lookup per row, which for five million rows
    takes longer than the load. The generator only writes keys it has just made (the smoke
    test checks they hang together). Needs a superuser; without one, the keys are checked."""
    from django.db import DatabaseError, connection

    trusted = False
    if connection.vendor == "postgresql":
        try:
            with connection.cursor() as cursor:
                cursor.execute("SET session_replication_role = replica")
            trusted = True
        except DatabaseError:
            print("  (not a superuser: foreign keys are checked as the rows commit)")
    try:
        yield
    finally:
        if trusted:
            with connection.cursor() as cursor:
                cursor.execute("SET session_replication_role = DEFAULT")


@contextmanager
def _indexes_after() -> Iterator[None]:
    """On SQLite, drop the big tables' indexes for the load and build them again after it:
    building an index once over sorted rows is much faster than keeping it up row by row.
    (PostgreSQL's COPY is fast enough with them.)"""
    from django.db import connection

    if connection.vendor != "sqlite":
        yield
        return
    from hubwork.workgroups.models import Attendance, Enrolment

    tables = [Attendance._meta.db_table, Enrolment._meta.db_table]
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL "
            "AND tbl_name IN (%s, %s)",
            tables,
        )
        indexes = cursor.fetchall()
        for name, _sql in indexes:
            cursor.execute(f'DROP INDEX "{name}"')
    yield
    started = time.perf_counter()
    with connection.cursor() as cursor:
        for _name, sql in indexes:
            cursor.execute(sql)
    _step(f"{len(indexes)} indexes built again", started)


def _step(label: str, started: float) -> float:
    now = time.perf_counter()
    print(f"  {label:<48} {now - started:6.1f} s", flush=True)
    return now


def _build(scale: float, random: random.Random) -> None:
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
    from django.contrib.auth.hashers import make_password

    from hubwork.accounts.models import User
    from hubwork.core.academic_years import AcademicYear
    from hubwork.hubs.models import Hub, HubArea, HubRole
    from hubwork.programmes.models import Programme
    from hubwork.schools.models import LocalAuthority, School
    from hubwork.workgroups.models import (
        Attendance,
        Enrolment,
        SchoolEngagement,
        Session,
        WorkGroup,
    )

    started = time.perf_counter()
    today = date.today()
    this_year = AcademicYear.current().start_year
    years = list(range(this_year - YEARS + 1, this_year + 1))
    password = make_password(None)

    # The register: local authorities (of very different sizes) shared among the hubs.
    authority_count = max(HUBS, round(LOCAL_AUTHORITIES * scale))
    authorities = LocalAuthority.objects.bulk_create(
        LocalAuthority(code=f"{200 + n:03d}", name=f"Authority {200 + n:03d}")
        for n in range(authority_count)
    )
    authority_sizes = [random.lognormvariate(0, 0.6) for _ in authorities]
    deprivation = {authority.pk: random.lognormvariate(0, 0.3) for authority in authorities}
    hubs = Hub.objects.bulk_create(
        Hub(
            name=f"Maths Hub {n + 1:02d}",
            slug=f"maths-hub-{n + 1:02d}",
            email=f"hub{n}@example.org",
        )
        for n in range(HUBS)
    )
    order = list(authorities)
    random.shuffle(order)
    hub_of_authority = {authority.pk: hubs[n % HUBS] for n, authority in enumerate(order)}
    HubArea.objects.bulk_create(
        HubArea(hub=hub_of_authority[authority.pk], local_authority=authority)
        for authority in authorities
    )
    schools: list[School] = []
    urn = 100_000
    for phase, kind, group, count, pupils_mean, pupils_sd in REGISTER:
        wanted = max(1, round(count * scale))
        closed = round(wanted * CLOSED_SHARE)
        for n in range(wanted + closed):
            urn += random.choice((1, 1, 2, 7))
            authority = random.choices(authorities, authority_sizes)[0]
            independent = group == "Independent schools"
            fsm = (
                None
                if independent or random.random() < 0.02
                else _fsm(random, deprivation[authority.pk])
            )
            is_closed = n >= wanted
            school = School(
                urn=urn,
                name=f"{kind} {urn}",
                establishment_type=kind,
                establishment_type_group=group,
                status=School.Status.CLOSED if is_closed else School.Status.OPEN,
                phase=phase,
                local_authority=authority,
                town=authority.name,
                postcode=f"ZZ{urn % 90 + 10} {urn % 9}AA",
                number_of_pupils=max(8, round(random.gauss(pupils_mean, pupils_sd))),
                percentage_fsm=fsm,
                closed_on=date(random.choice(years[:-1]), 8, 31) if is_closed else None,
            )
            school.refresh_search_fields()
            schools.append(school)
    School.objects.bulk_create(schools, batch_size=5_000)
    started = _step(f"{len(schools):,} schools, {len(authorities)} local authorities", started)

    # People: the national admin and each hub's lead (with two-factor set up, as their
    # pages need), LLMEs, and teachers in every school, many more in big ones.
    admin = User.objects.create(
        email="national@example.org",
        display_name="Nadia National",
        is_national_admin=True,
        password=password,
    )
    TOTP.activate(admin, generate_totp_secret())
    leads = User.objects.bulk_create(
        User(
            email=f"lead-{hub.slug}@example.org", display_name=f"Lead {hub.name}", password=password
        )
        for hub in hubs
    )
    llmes_per_hub = max(2, round(30 * min(1.0, scale * 3)))
    llmes = User.objects.bulk_create(
        User(email=f"llme-{hub.slug}-{n}@example.org", display_name=f"LLME {n}", password=password)
        for hub in hubs
        for n in range(llmes_per_hub)
    )
    HubRole.objects.bulk_create(
        [
            *(
                HubRole(user=lead, hub=hub, role=HubRole.Kind.HUB_LEAD, starts_on=date(2015, 1, 1))
                for lead, hub in zip(leads, hubs, strict=True)
            ),
            *(
                HubRole(
                    user=llme,
                    hub=hubs[n // llmes_per_hub],
                    role=HubRole.Kind.LLME,
                    starts_on=date(2015, 1, 1),
                )
                for n, llme in enumerate(llmes)
            ),
        ]
    )
    for lead in leads:
        TOTP.activate(lead, generate_totp_secret())
    user_id = max(user.pk for user in llmes) + 1
    teachers: dict[int, tuple[int, int]] = {}  # school: (first user id, how many)
    for school in schools:
        count = max(2, round((school.number_of_pupils or 100) / 35))
        teachers[school.pk] = (user_id, count)
        user_id += count
    first_teacher = min(first for first, _count in teachers.values())
    users = Loader(User, ["id", "email", "display_name", "password"])
    users.write(
        (number, f"teacher{number}@example.org", f"Teacher {number}", password)
        for number in range(first_teacher, user_id)
    )
    started = _step(f"{users.rows:,} teachers, {len(llmes)} LLMEs, {len(hubs)} leads", started)

    # Which schools engage each year: a weighted sample whose size follows ENGAGED, so the
    # same keen schools come back year after year; more disadvantaged and independent
    # schools are reached less, more so in the early years.
    fsm_values = sorted(float(s.percentage_fsm) for s in schools if s.percentage_fsm is not None)
    fsm_high = fsm_values[int(len(fsm_values) * 0.8)] if fsm_values else 0
    keenness = {}
    for school in schools:
        keen = random.lognormvariate(0, 0.8)
        if school.establishment_type_group == "Independent schools":
            keen *= 0.08
        keenness[school.pk] = keen
    hub_of_school = {s.pk: hub_of_authority[s.local_authority_id].pk for s in schools}  # type: ignore[index]
    engaged_by_year: dict[int, set[int]] = {}
    for index, year in enumerate(years):
        eligible = [s for s in schools if s.closed_on is None or s.closed_on.year > year]
        gap = 0.6 + 0.4 * index / (YEARS - 1)  # the most disadvantaged reached less, early on

        def weight(school: School, gap: float = gap) -> float:
            fsm = school.percentage_fsm
            return keenness[school.pk] * (gap if fsm is not None and fsm >= fsm_high else 1.0)

        keys = sorted(eligible, key=lambda s: random.random() ** (1 / weight(s)), reverse=True)
        engaged_by_year[year] = {s.pk for s in keys[: round(ENGAGED[index] * len(eligible))]}

    # Work Groups: programmes weighted by how many schools they can serve.
    programmes = list(Programme.objects.prefetch_related("phases").order_by("pk"))
    programme_phases = {p.pk: {phase.phase for phase in p.phases.all()} for p in programmes}
    programme_weights = [_programme_weight(programme_phases[p.pk]) for p in programmes]
    per_hub_year = max(1, round(WORK_GROUPS_PER_HUB_YEAR * scale))
    schools_of_hub: dict[int, list[School]] = {hub.pk: [] for hub in hubs}
    for school in schools:
        schools_of_hub[hub_of_school[school.pk]].append(school)
    pool_cache: dict[tuple[int, int, int, bool], list[int]] = {}

    def pool(hub_id: int, year: int, programme_id: int, engaged: bool) -> list[int]:
        """Schools of the hub's area that can join the programme: only this year's engaged
        ones for completers, any open one otherwise."""
        key = (hub_id, year, programme_id, engaged)
        if key not in pool_cache:
            phases = programme_phases[programme_id]
            engaged_this_year = engaged_by_year[year]
            pool_cache[key] = [
                school.pk
                for school in schools_of_hub[hub_id]
                if (not engaged or school.pk in engaged_this_year)
                and TAKES_PART_IN[school.phase] & phases
                and (school.closed_on is None or school.closed_on.year > year)
            ]
        return pool_cache[key]

    session_loader = Loader(
        Session, ["id", "work_group", "number", "date", "starts_at", "ends_at", "status"]
    )
    enrolment_loader = Loader(
        Enrolment,
        ["id", "work_group", "user", "school", "status", "role", "requested_at"],
    )
    attendance_loader = Loader(Attendance, ["enrolment", "session", "status", "recorded_by"])
    work_group_loader = Loader(
        WorkGroup,
        [
            "id",
            "programme",
            "hub",
            "academic_year",
            "code",
            "slug",
            "title",
            "capacity",
            "status",
            "recruitment_closes_on",
        ],
    )
    leads_loader = Loader(WorkGroup.leads.through, ["workgroup", "user"])
    session_date = prep(Session, "date")
    closes_on = prep(WorkGroup, "recruitment_closes_on")
    requested_at = prep(Enrolment, "requested_at")
    starts_at = prep(Session, "starts_at")(clock(9, 30))
    ends_at = prep(Session, "ends_at")(clock(15, 30))
    roles = [choice.value for choice in Enrolment.Role]

    work_groups: list[tuple[Any, ...]] = []
    group_leads: list[tuple[int, int]] = []
    sessions: list[tuple[Any, ...]] = []
    enrolments: list[tuple[Any, ...]] = []
    attendance: list[tuple[int, int, str, int]] = []
    first_completion: dict[tuple[int, int], int] = {}
    work_group_id = session_id = enrolment_id = 0

    def flush() -> None:
        work_group_loader.write(work_groups)
        leads_loader.write(group_leads)
        session_loader.write(sessions)
        enrolment_loader.write(enrolments)
        attendance_loader.write(attendance)
        for rows in (work_groups, group_leads, sessions, enrolments, attendance):
            rows.clear()

    for year in years:
        for hub_index, hub in enumerate(hubs):
            hub_llmes = llmes[hub_index * llmes_per_hub : (hub_index + 1) * llmes_per_hub]
            plans = []
            for n in range(per_hub_year):
                programme = random.choices(programmes, programme_weights)[0]
                capacity = random.choice((24, 28, 30, 32, 36))
                wanted = random.randint(18, 36)
                plans.append((n, programme, capacity, wanted))
            for n, programme, capacity, wanted in plans:
                work_group_id += 1
                lead = random.choice(hub_llmes)
                first = date(year, 9, 20) + timedelta(days=random.randrange(0, 150))
                gap_days = random.choice((28, 35, 42))
                count = random.choice(SESSION_COUNTS)
                dates = [first + timedelta(days=gap_days * k) for k in range(count)]
                cancelled = random.random() < 0.02
                finished = dates[-1] <= today
                if cancelled:
                    status = WorkGroup.Status.CANCELLED
                elif finished:
                    status = WorkGroup.Status.COMPLETED
                elif dates[0] <= today:
                    status = WorkGroup.Status.RUNNING
                else:
                    status = WorkGroup.Status.OPEN
                work_groups.append(
                    (
                        work_group_id,
                        programme.pk,
                        hub.pk,
                        year,
                        f"{hub.slug[-2:]}-{year % 100:02d}-{n:03d}",
                        f"{hub.slug}-{year}-{n:03d}",
                        f"{programme.name} {year % 100:02d}/{n:03d}",
                        capacity,
                        status,
                        closes_on(first - timedelta(days=14)),
                    )
                )
                group_leads.append((work_group_id, lead.pk))
                held = []
                for number, day in enumerate(dates, start=1):
                    session_id += 1
                    sessions.append(
                        (
                            session_id,
                            work_group_id,
                            number,
                            session_date(day),
                            starts_at,
                            ends_at,
                            "cancelled" if cancelled else "scheduled",
                        )
                    )
                    if day <= today and not cancelled:
                        held.append(session_id)
                asked = requested_at(
                    datetime.combine(first - timedelta(days=30), clock(12)).astimezone()
                )
                taken: set[int] = set()
                for place in range(wanted):
                    if place >= capacity:
                        state = "waitlisted"
                    elif cancelled:
                        state = "withdrawn"
                    elif finished:
                        state = random.choices(
                            ("completed", "enrolled", "withdrawn", "declined"), (82, 6, 8, 4)
                        )[0]
                    else:
                        state = random.choices(("enrolled", "offered", "withdrawn"), (90, 4, 6))[0]
                    candidates = pool(hub.pk, year, programme.pk, state == "completed")
                    if not candidates:
                        candidates = pool(hub.pk, year, programme.pk, False)
                    if not candidates:
                        continue
                    school_id = random.choice(candidates)
                    first_user, how_many = teachers[school_id]
                    user = first_user + random.randrange(how_many)
                    if user in taken:
                        continue
                    taken.add(user)
                    enrolment_id += 1
                    enrolments.append(
                        (
                            enrolment_id,
                            work_group_id,
                            user,
                            school_id,
                            state,
                            random.choice(roles),
                            asked,
                        )
                    )
                    if state == "completed":
                        first_completion.setdefault((school_id, year), enrolment_id)
                    if state in ("completed", "enrolled"):
                        marks = ATTENDED_MARKS if state == "completed" else ["present", "absent"]
                        attendance.extend(
                            (enrolment_id, session, random.choice(marks), lead.pk)
                            for session in held
                        )
                    elif state == "withdrawn" and held:
                        attendance.append((enrolment_id, held[0], "present", lead.pk))
            if len(attendance) > 4 * CHUNK:
                flush()
        started = _step(
            f"{year}/{(year + 1) % 100:02d}: up to {enrolment_id:,} enrolments", started
        )
    flush()
    recorded = prep(SchoolEngagement, "recorded_at")(datetime.now().astimezone())
    engagement_loader = Loader(
        SchoolEngagement, ["school", "academic_year", "first_completion", "recorded_at"]
    )
    engagement_loader.write(
        (school, year, enrolment, recorded)
        for (school, year), enrolment in first_completion.items()
    )
    started = _step(f"{engagement_loader.rows:,} school engagements", started)


def _programme_weight(phases: set[str]) -> float:
    """Mastering Number reaches every primary school; Core Maths few."""
    return 3.0 if "early_years" in phases else 0.5 if "post16" in phases else 1.5


def _print_counts() -> None:
    from hubwork.accounts.models import User
    from hubwork.hubs.models import Hub, HubArea
    from hubwork.schools.models import LocalAuthority, School
    from hubwork.workgroups.models import (
        Attendance,
        Enrolment,
        SchoolEngagement,
        Session,
        WorkGroup,
    )

    for model in (
        LocalAuthority,
        School,
        Hub,
        HubArea,
        User,
        WorkGroup,
        Session,
        Enrolment,
        Attendance,
        SchoolEngagement,
    ):
        print(f"  {model._meta.db_table:<32} {model.objects.count():>10,}")
    open_schools = School.objects.open().count()
    print(f"  open schools {open_schools:,}; engaged share by year:")
    for year, engaged in _engaged_by_year():
        print(
            f"    {year}/{(year + 1) % 100:02d}  {engaged:>6,}  "
            f"{engaged / max(1, open_schools):5.1%}"
        )


def _engaged_by_year() -> list[tuple[int, int]]:
    from django.db.models import Count

    from hubwork.schools.models import School
    from hubwork.workgroups.models import SchoolEngagement

    return list(
        SchoolEngagement.objects.filter(school__status=School.Status.OPEN)
        .values("academic_year")
        .order_by("academic_year")
        .annotate(schools=Count("pk"))
        .values_list("academic_year", "schools")
    )


# Timing --------------------------------------------------------------------------------


def _time_reports(*, runs: int) -> None:
    from django.db.models import Count
    from django.test import Client
    from django.urls import NoReverseMatch, reverse

    from hubwork.accounts.models import User
    from hubwork.hubs.models import Hub

    # A hub of middling size, so its pages are typical.
    hubs = list(
        Hub.objects.annotate(size=Count("areas__local_authority__schools")).order_by("size")
    )
    hub = hubs[len(hubs) // 2]
    lead = User.objects.get(email=f"lead-{hub.slug}@example.org")
    admin = User.objects.get(email="national@example.org")
    clients = {}
    for is_admin, person in ((False, lead), (True, admin)):
        client = Client(HTTP_HOST="localhost")
        client.force_login(person)
        clients[is_admin] = client
    _check_reach(hub)
    print(f"\nHub pages for {hub.name} ({hub.size:,} schools), {runs} runs each")
    print("| page | median | p95 | queries | size | aim |\n|---|---|---|---|---|---|")
    for page in PAGES:
        kwargs = {key: value or hub.slug for key, value in page.kwargs.items()}
        try:
            url = reverse(page.url_name, kwargs=kwargs)
        except NoReverseMatch:
            print(f"| {page.label} | skipped: no URL named {page.url_name} yet | | | | |")
            continue
        except Exception as error:  # the address book itself is broken: say so, carry on
            print(f"| {page.label} | skipped: {type(error).__name__}: {error} | | | | |")
            continue
        aim = next((text for prefix, text in AIMS.items() if page.label.startswith(prefix)), "")
        try:
            figures = _measure(
                clients[page.as_national_admin], url, runs=runs, export=page.export, post=page.post
            )
        except Exception as error:  # a page still being built must not stop the rest
            print(f"| {page.label} | failed: {type(error).__name__}: {error} | | | | |")
            continue
        print(f"| {page.label} | {figures} | {aim} |")


def _check_reach(hub: Any) -> None:
    """The reach selector's total row against plain SQL over the same tables: open schools in
    the hub's area, and those engaged (with any hub) in the current academic year."""
    from django.db import connection

    from hubwork.core.academic_years import AcademicYear
    from hubwork.reports.selectors.hub_reach import reach_by_phase

    year = AcademicYear.current().previous()
    total = reach_by_phase(hub, year).total
    with connection.cursor() as cursor:
        cursor.execute(
            """
            SELECT COUNT(*), COUNT(DISTINCT e.school_id)
            FROM schools_school s
            JOIN hubs_hubarea a ON a.local_authority_id = s.local_authority_id
            LEFT JOIN workgroups_schoolengagement e
              ON e.school_id = s.id AND e.academic_year = %s
            WHERE a.hub_id = %s AND s.status <> 'closed'
            """,
            [year.start_year, hub.pk],
        )
        open_schools, engaged = cursor.fetchone()
    agrees = (total.open_schools, total.engaged) == (open_schools, engaged)
    print(
        f"\nReach of {hub.name} in {year.label}: the page says {total.engaged:,} of "
        f"{total.open_schools:,} open schools engaged; plain SQL counts {engaged:,} of "
        f"{open_schools:,}: {'they agree' if agrees else 'THEY DIFFER'}."
    )


def _measure(client: Any, url: str, *, runs: int, export: bool, post: dict[str, str] | None) -> str:
    def get() -> tuple[Any, int]:
        if post is not None:
            return _export_in_process(client, url, post)
        response = client.get(url)
        if response.status_code != 200:
            raise RuntimeError(f"{url} answered {response.status_code}")
        if response.streaming:
            size = 0
            for piece in response.streaming_content:  # piece by piece, as a server sends it
                size += len(piece)
            return response, size
        return response, len(response.content)

    if post is not None:
        runs = min(runs, 3)
    started = time.perf_counter()
    get()  # warm: templates, connections
    if time.perf_counter() - started > SLOW:
        runs = min(runs, 3)  # a page far over its aim: a few runs tell as much
    timings = []
    queries = size = 0
    for _ in range(runs):
        with counting_queries() as counted:
            started = time.perf_counter()
            _response, size = get()
            timings.append((time.perf_counter() - started) * 1000)
        queries = counted()
    p95 = statistics.quantiles(timings, n=20)[-1] if len(timings) > 1 else timings[0]
    ran = f" ({runs} runs)" if len(timings) < 10 else ""
    figures = (
        f"{statistics.median(timings):,.0f} ms{ran} | {p95:,.0f} ms | {queries} | "
        f"{size / 1024:,.0f} KB"
    )
    if export:
        rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        tracemalloc.start()
        get()
        _current, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        rss_after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        figures += (
            f" (peak traced {peak / 2**20:.1f} MB, maximum resident grew "
            f"{(rss_after - rss_before) / 1024:.0f} MB)"
        )
    return figures


def _export_in_process(client: Any, url: str, post: dict[str, str]) -> tuple[Any, int]:
    """Ask for a large export as a national admin does; without a task queue it is built
    before the answer comes back. Earlier ones are removed first, since asking again for
    the same export soon after returns the one already made."""
    from django.core.files.storage import default_storage

    from hubwork.reports.models import ReportExport

    ReportExport.objects.all().delete()
    response = client.post(url, post)
    if response.status_code != 302:
        raise RuntimeError(f"{url} answered {response.status_code}")
    export = ReportExport.objects.get()
    if export.status != ReportExport.Status.READY:
        raise RuntimeError(f"the export is {export.status}, not ready (is a task queue set?)")
    return response, default_storage.size(export.file.name)


if __name__ == "__main__":
    main()
