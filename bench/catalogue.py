"""Time the public Work Group catalogue and a Work Group's page on a national-sized offer.

    .venv/bin/python bench/catalogue.py [--per-hub 20] [--years 5] [--runs 20] [--seed 1]

Runs against a throwaway SQLite database in a temporary folder (DATABASE_URL is ignored), so
it never touches real data. It makes 40 hubs, 20 programmes and, by default, 4,000 Work
Groups (5 academic years × 40 hubs × 20), each with 3–6 sessions, one or two leads and
enrolments in every state, then requests pages through Django's test client.
"""

import argparse
import random
import re
from datetime import time as clock
from datetime import timedelta
from functools import partial
from typing import Any

from common import generate, throwaway_database, time_requests

HUBS = 40
PROGRAMMES = [
    ("Mastering Number", ["primary"]),
    ("Mastering Number at KS2", ["primary"]),
    ("Sustaining Teaching for Mastery", ["primary", "secondary"]),
    ("Developing Core Maths Pedagogy", ["post16"]),
    ("Years 5–8 Continuity", ["primary", "secondary"]),
    ("SKTM for Teaching Assistants", ["primary"]),
    ("SKTM Early Years", ["early_years"]),
    ("Early Years Maths Champions", ["early_years"]),
    ("Secondary Teaching for Mastery Development", ["secondary"]),
    ("Primary Teaching for Mastery Development", ["primary"]),
    ("Specialist Knowledge for Teaching Mathematics", ["secondary"]),
    ("A level Mathematics Pedagogy", ["post16"]),
    ("GCSE Resit Pedagogy", ["post16"]),
    ("RIWG: Oracy", ["primary", "secondary"]),
    ("RIWG: Retrieval Practice", ["secondary"]),
    ("Multiplication Tables Check Readiness", ["primary"]),
    ("Mixed-Age Teaching", ["primary"]),
    ("Maths Leadership Development", ["primary", "secondary"]),
    ("Transition from Primary to Secondary", ["primary", "secondary"]),
    ("Problem Solving in Post-16", ["post16"]),
]
VENUES = ["Hillside Primary School", "Riverside Academy", "The Civic Centre", "Kingsmead School"]
TOWNS = ["Birmingham", "Leeds", "Norwich", "Truro", "Ipswich", "Leicester", "Bristol", "Kent"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--per-hub", type=int, default=20, help="Work Groups per hub per year")
    parser.add_argument("--years", type=int, default=5, help="academic years, ending next year")
    parser.add_argument("--runs", type=int, default=20, help="requests timed per page")
    parser.add_argument("--seed", type=int, default=1, help="for repeatable data")
    arguments = parser.parse_args()

    with throwaway_database():
        generate(
            lambda: _generate(
                per_hub=arguments.per_hub,
                years=arguments.years,
                random=random.Random(arguments.seed),
            )
        )
        _time_pages(runs=arguments.runs)


def _generate(*, per_hub: int, years: int, random: random.Random) -> str:
    from django.contrib.auth.hashers import make_password
    from django.db import transaction
    from django.utils.text import slugify

    from hubwork.accounts.models import User
    from hubwork.core.academic_years import AcademicYear
    from hubwork.hubs.models import Hub
    from hubwork.programmes.models import IntendedOutcome, Mode, Programme, ProgrammePhase
    from hubwork.schools.models import LocalAuthority, School
    from hubwork.workgroups.models import Enrolment, Session, WorkGroup

    current = AcademicYear.current()
    first_year = current.start_year - (years - 2)  # ends with next year's early offer
    # One unusable password for everyone: hashing thousands would time the hasher.
    password = make_password(None)
    with transaction.atomic():
        hubs = Hub.objects.bulk_create(
            Hub(name=f"{town} {number} Maths Hub", slug=f"{slugify(town)}-{number}")
            for number, town in ((n, TOWNS[n % len(TOWNS)]) for n in range(HUBS))
        )
        programmes = Programme.objects.bulk_create(
            Programme(
                name=name,
                slug=slugify(name),
                kind=Programme.Kind.RIWG if name.startswith("RIWG") else Programme.Kind.WORK_GROUP,
                summary=f"{name}: teachers develop their practice together.",
            )
            for name, _ in PROGRAMMES
        )
        ProgrammePhase.objects.bulk_create(
            ProgrammePhase(programme=programme, phase=phase)
            for programme, (_, phases) in zip(programmes, PROGRAMMES, strict=True)
            for phase in phases
        )
        IntendedOutcome.objects.bulk_create(
            IntendedOutcome(programme=programme, area=area, text=f"{area.label}: outcome {n}.")
            for programme in programmes
            for area in IntendedOutcome.Area
            for n in range(2)
        )
        local_authority = LocalAuthority.objects.create(code="999", name="Bench")
        schools = School.objects.bulk_create(
            School(urn=900_000 + n, name=f"Bench School {n}", local_authority=local_authority)
            for n in range(2_000)
        )
        people = User.objects.bulk_create(
            User(email=f"person{n}@example.org", display_name=f"Person {n}", password=password)
            for n in range(6_000)
        )
        leads, participants = people[:2_000], people[2_000:]

        work_groups = []
        for year in range(first_year, first_year + years):
            for hub in hubs:
                for number in range(per_hub):
                    programme = random.choice(programmes)
                    work_groups.append(
                        WorkGroup(
                            programme=programme,
                            hub=hub,
                            academic_year=year,
                            code=f"{hub.slug}-{year}-{number:02d}",
                            slug=f"{hub.slug}-{year}-{number:02d}",
                            title=f"{programme.name} in {random.choice(TOWNS)} {number}",
                            description="Teachers meet, try ideas with their classes, and return.",
                            capacity=random.choice((12, 16, 20, 24, 30)),
                            per_school_limit=2,
                            mode=random.choice(Mode.values),
                            venue=f"{random.choice(VENUES)}, {random.choice(TOWNS)}",
                            recruitment_closes_on=AcademicYear(year).starts_on
                            + timedelta(days=random.randrange(20, 90)),
                            status=_status(year, current.start_year, random),
                        )
                    )
        work_groups = WorkGroup.objects.bulk_create(work_groups, batch_size=500)

        sessions, enrolments, lead_links = [], [], []
        through = WorkGroup.leads.through
        for work_group in work_groups:
            start = AcademicYear(work_group.academic_year).starts_on + timedelta(weeks=4)
            for number in range(1, random.randint(3, 6) + 1):
                sessions.append(
                    Session(
                        work_group=work_group,
                        number=number,
                        date=start + timedelta(weeks=6 * (number - 1)),
                        starts_at=clock(9, 30),
                        ends_at=clock(15, 30),
                        mode=work_group.mode,
                        venue=work_group.venue,
                        joining_link="https://meet.example.org/bench",
                        status=Session.Status.CANCELLED
                        if random.random() < 0.05
                        else Session.Status.SCHEDULED,
                    )
                )
            for lead in random.sample(leads, random.choice((1, 2, 2))):
                lead_links.append(through(workgroup_id=work_group.pk, user_id=lead.pk))
            for person in random.sample(participants, random.randint(0, work_group.capacity + 4)):
                enrolments.append(
                    Enrolment(
                        work_group=work_group,
                        user=person,
                        school=random.choice(schools),
                        status=random.choices(
                            Enrolment.Status.values, weights=(2, 2, 8, 4, 2, 1, 1)
                        )[0],
                    )
                )
        Session.objects.bulk_create(sessions, batch_size=1_000)
        through.objects.bulk_create(lead_links, batch_size=1_000)
        Enrolment.objects.bulk_create(enrolments, batch_size=1_000)
    return (
        f"{len(hubs)} hubs, {len(programmes)} programmes, {len(work_groups):,} Work Groups "
        f"over {years} years, {len(sessions):,} sessions, {len(enrolments):,} enrolments"
    )


def _status(year: int, current_year: int, random: random.Random) -> str:
    from hubwork.workgroups.models import WorkGroup

    if random.random() < 0.05:
        return WorkGroup.Status.DRAFT
    if year < current_year:
        return random.choice((WorkGroup.Status.COMPLETED,) * 9 + (WorkGroup.Status.CANCELLED,))
    if year > current_year:
        return WorkGroup.Status.OPEN
    return random.choice(
        (WorkGroup.Status.OPEN,) * 3 + (WorkGroup.Status.FULL, WorkGroup.Status.RUNNING)
    )


def _time_pages(*, runs: int) -> None:
    from django.test import Client

    from hubwork.core.academic_years import AcademicYear
    from hubwork.workgroups.models import WorkGroup

    published = WorkGroup.objects.published()
    # With --years 1 there is only next year's offer.
    work_group = published.in_year(AcademicYear.current()).first() or published.first()
    assert work_group is not None
    last_year = AcademicYear.current().previous().label
    pages: dict[str, tuple[str, dict[str, Any]]] = {
        "catalogue, default (this year)": ("/work-groups/", {}),
        "all years": ("/work-groups/", {"year": "all"}),
        "all years, page 100": ("/work-groups/", {"year": "all", "page": "100"}),
        "last year": ("/work-groups/", {"year": last_year}),
        "phase": ("/work-groups/", {"phase": "primary"}),
        "hub": ("/work-groups/", {"hub": work_group.hub.slug}),
        "programme": ("/work-groups/", {"programme": work_group.programme.slug}),
        "mode": ("/work-groups/", {"mode": "online"}),
        "places available": ("/work-groups/", {"places": "yes"}),
        "search, one word": ("/work-groups/", {"q": "number"}),
        "search, three words, all years": (
            "/work-groups/",
            {"q": "mastery primary leeds", "year": "all"},
        ),
        "phase+mode+places+search": (
            "/work-groups/",
            {"phase": "secondary", "mode": "blended", "places": "yes", "q": "teaching"},
        ),
        "invalid values": ("/work-groups/", {"hub": "nowhere", "year": "1999"}),
        "htmx partial, phase": ("/work-groups/", {"phase": "primary", "htmx": True}),
        "Work Group page": (work_group.get_absolute_url(), {}),
        "hub page (with offer)": (work_group.hub.get_absolute_url(), {}),
    }
    client = Client(HTTP_HOST="localhost")
    print(f"Pages through django.test.Client ({runs} requests each, after one warm-up):")
    print(f"  {'page':<34} {'median':>8} {'p95':>8} {'queries':>8}  results")
    for label, (path, params) in pages.items():
        query = {key: value for key, value in params.items() if key != "htmx"}
        headers = {"HX-Request": "true"} if params.get("htmx") else {}
        timing = time_requests(label, partial(client.get, path, query, headers=headers), runs=runs)
        print(
            f"  {label:<34} {timing.median:6.1f} ms {timing.p95:6.1f} ms {timing.queries:>8}  "
            f"{_results(timing.response)}"
        )


def _results(response: Any) -> str:
    """The count the results heading shows ("1,234 Work Groups"), or "-" for other pages."""
    found = re.search(r'id="results-heading">([\d,]+) Work Group', response.content.decode())
    return found[1] if found else "-"


if __name__ == "__main__":
    main()
