"""Demo data for the reports: a register of fictional schools across the demo hubs' local
authorities (about 150 per hub: mostly primary, some secondary, a few all-through, 16 plus
and special schools, with types, sizes and % FSM spread like England's, a few closed) and
ten academic years of school engagement, rising from about a fifth of schools ten years ago
to nearly three in five last year. Schools with fewer pupils eligible for free school meals
engage a little more often, so the equity page shows a gap; a group of hard-to-reach schools
seldom engages, so the never-engaged list has schools on it.

The engagements stand for completions with Work Groups that are not in the demo, so they
name no first completion. Everything comes from one seeded random number generator, so the
same register and history load every time; loading again adds only what is missing.
"""

import random
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from hubwork.core.academic_years import AcademicYear
from hubwork.hubs.models import Hub
from hubwork.schools.models import LocalAuthority, School
from hubwork.workgroups.models import SchoolEngagement

# Fictional URNs from here up, clear of the demo's hand-written schools (990001 onwards).
FIRST_URN = 991_000
LAST_URN = 999_999
SEED = 14

P = School.Phase
ACADEMIES = "Academies"
MAINTAINED = "Local authority maintained schools"
FREE = "Free Schools"
SPECIAL = "Special schools"
COLLEGES = "Colleges"

# Schools per local authority, with towns and postcode districts (the schools are made up).
AREAS: dict[str, tuple[int, list[str], list[str]]] = {
    "330": (80, ["Birmingham", "Sutton Coldfield"], ["B8", "B10", "B13", "B23", "B29", "B73"]),
    "332": (36, ["Dudley", "Stourbridge", "Halesowen", "Brierley Hill"], ["DY1", "DY5", "DY8"]),
    "333": (36, ["West Bromwich", "Oldbury", "Smethwick", "Tipton"], ["B66", "B69", "B70"]),
    "860": (150, ["Stafford", "Lichfield", "Cannock", "Burton upon Trent", "Leek", "Tamworth"],
            ["ST16", "ST13", "WS13", "WS11", "DE14", "B79"]),
    "925": (150, ["Lincoln", "Boston", "Grantham", "Louth", "Spalding", "Skegness", "Gainsborough"],
            ["LN1", "LN6", "PE21", "NG31", "LN11", "PE11", "PE25", "DN21"]),
    "879": (55, ["Plymouth"], ["PL1", "PL2", "PL4", "PL5", "PL6", "PL7"]),
    "908": (95, ["Truro", "Falmouth", "Penzance", "St Austell", "Bodmin", "Newquay", "Bude"],
            ["TR1", "TR11", "TR18", "PL25", "PL31", "TR7", "EX23"]),
}  # fmt: skip
# How disadvantaged each area is beside England (scales its schools' % FSM).
DEPRIVATION = {
    "330": 1.55,
    "332": 1.1,
    "333": 1.45,
    "860": 0.8,
    "925": 0.95,
    "879": 1.15,
    "908": 1.0,
}

# (phase, establishment type, type group, ages, pupils mean, sd, weight): the register's mix.
KINDS: list[tuple[str, str, str, tuple[int, int], int, int, float]] = [
    (P.PRIMARY, "Community school", MAINTAINED, (4, 11), 260, 110, 30),
    (P.PRIMARY, "Voluntary aided school", MAINTAINED, (4, 11), 220, 80, 7),
    (P.PRIMARY, "Voluntary controlled school", MAINTAINED, (4, 11), 150, 70, 4),
    (P.PRIMARY, "Academy converter", ACADEMIES, (3, 11), 300, 120, 20),
    (P.PRIMARY, "Academy sponsor led", ACADEMIES, (3, 11), 290, 120, 7),
    (P.PRIMARY, "Free schools", FREE, (4, 11), 260, 100, 1.5),
    (P.NURSERY, "Local authority nursery school", MAINTAINED, (2, 5), 90, 30, 1.5),
    (P.SECONDARY, "Academy converter", ACADEMIES, (11, 18), 1100, 300, 8),
    (P.SECONDARY, "Academy sponsor led", ACADEMIES, (11, 16), 950, 300, 3.5),
    (P.SECONDARY, "Community school", MAINTAINED, (11, 16), 900, 250, 2),
    (P.SECONDARY, "Free schools", FREE, (11, 18), 750, 250, 1),
    (P.ALL_THROUGH, "Academy converter", ACADEMIES, (4, 18), 1400, 350, 1.5),
    (P.SIXTEEN_PLUS, "Further education", COLLEGES, (16, 99), 1800, 600, 1.2),
    (P.SIXTEEN_PLUS, "Sixth form college", COLLEGES, (16, 19), 1500, 400, 0.6),
    (P.SIXTEEN_PLUS, "Free schools 16 to 19", FREE, (16, 19), 500, 150, 0.4),
    (P.NOT_APPLICABLE, "Community special school", SPECIAL, (2, 19), 130, 50, 3.5),
    (P.NOT_APPLICABLE, "Academy special converter", SPECIAL, (3, 19), 140, 50, 1.5),
    (P.NOT_APPLICABLE, "Pupil referral unit", MAINTAINED, (11, 16), 50, 20, 0.8),
]  # fmt: skip
SUFFIX: dict[str, list[str]] = {
    P.PRIMARY: ["Primary School", "Primary Academy", "Junior and Infant School", "Primary"],
    P.NURSERY: ["Nursery School"],
    P.SECONDARY: ["Academy", "High School", "School", "Community College"],
    P.ALL_THROUGH: ["All-through Academy", "School"],
    P.SIXTEEN_PLUS: ["College", "Sixth Form College", "Sixth Form"],
    P.NOT_APPLICABLE: ["School", "Academy", "Learning Centre"],
}
STEMS = [
    "Alder", "Ash", "Beech", "Birch", "Bramble", "Briar", "Cedar", "Clover", "Elm", "Fern",
    "Fox", "Hazel", "Heron", "Holly", "Kestrel", "Lark", "Linden", "Maple", "Oak", "Otter",
    "Rowan", "Sorrel", "Swallow", "Thorn", "Willow", "Wren", "Yew", "Badger", "Falcon",
    "Kingfisher",
]  # fmt: skip
ENDINGS = ["field", "wood", "brook", "lea", "mead", "hill", "dale", "ford", "gate", "bank",
           "hurst", "combe", "stone", "well", "croft"]  # fmt: skip
ROADS = ["Road", "Lane", "Street", "Way"]
UNIT = "ABDEFGHJLNPQRSTUWXYZ"  # the letters a postcode's last part uses
TRUSTS = ["Three Rivers Learning Trust", "Beacon Academies Trust", "Northstar Education Trust",
          "Open Horizons Multi-Academy Trust", "Cornerstone Schools Partnership"]  # fmt: skip

# Engagement: the share of schools engaged in each academic year, from ten years before the
# current one to last year; this year's completions have only begun.
RATES = [0.18, 0.21, 0.26, 0.31, 0.36, 0.41, 0.46, 0.5, 0.54, 0.58]
THIS_YEAR_RATE = 0.12
HARD_TO_REACH = 0.2  # the share of schools that seldom take part
CLOSED = 0.04


@dataclass(frozen=True)
class _Planned:
    school: School
    area: str  # its local authority's code
    weight: float  # how readily it takes part
    opened: int | None  # the academic year it opened, if lately
    closed: int | None  # the academic year it closed in, if it has


def _fsm(rng: random.Random, deprivation: float) -> Decimal | None:
    """% FSM skewed like England's (median about 20%, few above 60%); a few unknown."""
    if rng.random() < 0.03:
        return None
    value = min(65.0, max(3.0, rng.gammavariate(2.6, 7.5) * deprivation))
    return Decimal(f"{value:.1f}")


def _letters(rng: random.Random) -> str:
    return "".join(rng.choices(UNIT, k=2))


def _name(rng: random.Random, used: set[str], phase: str, kind: str, town: str) -> str:
    for _ in range(50):
        stem = f"{rng.choice(STEMS)}{rng.choice(ENDINGS)}"
        if kind == "Voluntary aided school":
            name = f"{stem} St {rng.choice(['Mary', 'Joseph', 'Peter', 'Anne'])}'s Catholic Primary"
        elif kind == "Voluntary controlled school":
            name = f"{stem} Church of England Primary School"
        elif phase == P.SIXTEEN_PLUS and kind == "Further education":
            name = f"{town} and {stem} College"
        else:
            name = f"{stem} {rng.choice(SUFFIX.get(phase, ['School']))}"
        if name not in used:
            used.add(name)
            return name
    name = f"{stem} {town} {len(used)}"
    used.add(name)
    return name


def _plan(local_authorities: dict[str, LocalAuthority], this_year: AcademicYear) -> list[_Planned]:
    """The whole register, the same every time (URNs in order from FIRST_URN)."""
    rng = random.Random(SEED)  # noqa: S311 - made-up data, the same every time
    weights = [kind[-1] for kind in KINDS]
    planned = []
    used: set[str] = set()
    urn = FIRST_URN
    for code, (count, towns, districts) in AREAS.items():
        for _ in range(count):
            urn += 1
            phase, kind, group, (low, high), mean, sd, _ = rng.choices(KINDS, weights)[0]
            town = rng.choice(towns)
            fsm = _fsm(rng, DEPRIVATION[code])
            school = School(
                urn=urn,
                name=_name(rng, used, phase, kind, town),
                establishment_type=kind,
                establishment_type_group=group,
                phase=phase,
                statutory_low_age=low,
                statutory_high_age=high,
                local_authority=local_authorities[code],
                street=f"{rng.randint(1, 120)} {rng.choice(STEMS)} {rng.choice(ROADS)}",
                town=town,
                postcode=f"{rng.choice(districts)} {rng.randint(1, 9)}{_letters(rng)}",
                trust_name=rng.choice(TRUSTS) if group in (ACADEMIES, FREE) else "",
                number_of_pupils=max(12, round(rng.gauss(mean, sd))),
                percentage_fsm=fsm,
            )
            opened = closed = None
            if group == FREE and rng.random() < 0.5:
                opened = this_year.start_year - rng.randint(1, 6)
                school.opened_on = date(opened, 9, 1)
            if rng.random() < CLOSED:
                closed = this_year.start_year - rng.randint(1, 8)
                school.status = School.Status.CLOSED
                school.closed_on = date(closed + 1, 8, 31)
            school.refresh_search_fields()
            # Less disadvantaged schools engage a little more readily, and fewer of them
            # are hard to reach.
            level = float(fsm) if fsm is not None else 20.0
            hard_to_reach = rng.random() < HARD_TO_REACH + 0.003 * (level - 20)
            keenness = 0.12 if hard_to_reach else rng.uniform(0.7, 1.3)
            if phase in (P.SIXTEEN_PLUS, P.NOT_APPLICABLE, P.NURSERY):
                keenness *= 0.6
            planned.append(_Planned(school, code, keenness * (1.28 - 0.01 * level), opened, closed))
    return planned


def _engaged_in(
    rng: random.Random, planned: list[_Planned], year: int, rate: float, last: set[int]
) -> set[int]:
    """The URNs of the schools engaged in `year`: in each local authority, `rate` of the
    schools open then, drawn without replacement by weight (Efraimidis and Spirakis), twice
    as likely for a school that was engaged the year before."""
    by_area: dict[str, list[_Planned]] = {}
    for entry in planned:
        if (entry.opened is None or entry.opened <= year) and (
            entry.closed is None or year <= entry.closed
        ):
            by_area.setdefault(entry.area, []).append(entry)
    engaged = set()
    for open_then in by_area.values():
        keyed = sorted(
            open_then,
            key=lambda entry: (
                rng.random() ** (1 / (entry.weight * (2.0 if entry.school.urn in last else 1.0)))
            ),
            reverse=True,
        )
        engaged |= {entry.school.urn for entry in keyed[: round(rate * len(open_then))]}
    return engaged


def seed_reports(*, hubs: dict[str, Hub]) -> int:
    """Create the missing register schools and their years of engagement; return how many
    rows that added. `hubs` are the demo hubs, whose areas the register fills."""
    local_authorities = {
        area.local_authority.code: area.local_authority
        for hub in hubs.values()
        for area in hub.areas.select_related("local_authority")
    }
    if not set(AREAS) <= set(local_authorities):
        return 0
    this_year = AcademicYear.current()
    planned = _plan(local_authorities, this_year)
    existing = set(
        School.objects.filter(urn__gte=FIRST_URN, urn__lte=LAST_URN).values_list("urn", flat=True)
    )
    new_schools = [entry.school for entry in planned if entry.school.urn not in existing]
    School.objects.bulk_create(new_schools, batch_size=500)
    ids = dict(
        School.objects.filter(urn__gte=FIRST_URN, urn__lte=LAST_URN).values_list("urn", "pk")
    )
    first = this_year.start_year - len(RATES)
    # A year already holding any of the register's engagements was loaded before: leave it.
    loaded = set(
        SchoolEngagement.objects.filter(
            school__urn__gte=FIRST_URN, school__urn__lte=LAST_URN, academic_year__gte=first
        )
        .values_list("academic_year", flat=True)
        .distinct()
    )
    rng = random.Random(SEED + 1)  # noqa: S311 - made-up data, the same every time
    rows = []
    last: set[int] = set()
    for offset, rate in enumerate([*RATES, THIS_YEAR_RATE]):
        year = first + offset
        last = _engaged_in(rng, planned, year, rate, last)
        if year not in loaded:
            rows += [
                SchoolEngagement(school_id=ids[urn], academic_year=year)
                for urn in sorted(last)
                if urn in ids
            ]
    SchoolEngagement.objects.bulk_create(rows, batch_size=1000)
    return len(new_schools) + len(rows)
