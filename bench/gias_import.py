"""Time `import_schools` on a national-sized GIAS file, then on a re-import with ~5% changed.

    .venv/bin/python bench/gias_import.py [--rows 50000] [--seed 1]

Runs against a throwaway SQLite database in a temporary folder (DATABASE_URL is ignored), so
it never touches real data. The generated file looks like GIAS's "all establishment data"
download: about 140 columns, Windows-1252, real phases, statuses and local authority codes,
closed schools with close dates, suppressed numbers and missing postcodes.
"""

import argparse
import csv
import random
import resource
import sys
import time
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

from common import counting_queries, throwaway_database

# The columns of the real download, in its order; the importer reads 19 of them.
COLUMNS = [
    "URN", "LA (code)", "LA (name)", "EstablishmentNumber", "EstablishmentName",
    "TypeOfEstablishment (code)", "TypeOfEstablishment (name)",
    "EstablishmentTypeGroup (code)", "EstablishmentTypeGroup (name)",
    "EstablishmentStatus (code)", "EstablishmentStatus (name)",
    "ReasonEstablishmentOpened (code)", "ReasonEstablishmentOpened (name)", "OpenDate",
    "ReasonEstablishmentClosed (code)", "ReasonEstablishmentClosed (name)", "CloseDate",
    "PhaseOfEducation (code)", "PhaseOfEducation (name)", "StatutoryLowAge", "StatutoryHighAge",
    "Boarders (code)", "Boarders (name)", "NurseryProvision (name)", "OfficialSixthForm (code)",
    "OfficialSixthForm (name)", "Gender (code)", "Gender (name)", "ReligiousCharacter (code)",
    "ReligiousCharacter (name)", "ReligiousEthos (name)", "Diocese (code)", "Diocese (name)",
    "AdmissionsPolicy (code)", "AdmissionsPolicy (name)", "SchoolCapacity",
    "SpecialClasses (code)", "SpecialClasses (name)", "CensusDate", "NumberOfPupils",
    "NumberOfBoys", "NumberOfGirls", "PercentageFSM", "TrustSchoolFlag (code)",
    "TrustSchoolFlag (name)", "Trusts (code)", "Trusts (name)", "SchoolSponsorFlag (name)",
    "SchoolSponsors (name)", "FederationFlag (name)", "Federations (code)", "Federations (name)",
    "UKPRN", "FEHEIdentifier", "FurtherEducationType (name)", "OfstedLastInsp",
    "OfstedSpecialMeasures (code)", "OfstedSpecialMeasures (name)", "LastChangedDate", "Street",
    "Locality", "Address3", "Town", "County (name)", "Postcode", "SchoolWebsite", "TelephoneNum",
    "HeadTitle (name)", "HeadFirstName", "HeadLastName", "HeadPreferredJobTitle",
    "BSOInspectorateName (name)", "InspectorateReport", "DateOfLastInspectionVisit",
    "NextInspectionVisit", "TeenMoth (name)", "TeenMothPlaces", "CCF (name)", "SENPRU (name)",
    "EBD (name)", "PlacesPRU", "FTProv (name)", "EdByOther (name)", "Section41Approved (name)",
    *(f"SEN{n} (name)" for n in range(1, 14)),
    "TypeOfResourcedProvision (name)", "ResourcedProvisionOnRoll", "ResourcedProvisionCapacity",
    "SenUnitOnRoll", "SenUnitCapacity", "GOR (code)", "GOR (name)",
    "DistrictAdministrative (code)", "DistrictAdministrative (name)",
    "AdministrativeWard (code)", "AdministrativeWard (name)",
    "ParliamentaryConstituency (code)", "ParliamentaryConstituency (name)",
    "UrbanRural (code)", "UrbanRural (name)", "GSSLACode (name)", "Easting", "Northing",
    "MSOA (name)", "LSOA (name)", "InspectorateName (name)", "SENStat", "SENNoStat",
    "BoardingEstablishment (name)", "PropsName", "PreviousLA (code)", "PreviousLA (name)",
    "PreviousEstablishmentNumber", "OfstedRating (name)", "RSCRegion (name)", "Country (name)",
    "UPRN", "SiteName", "QABName (code)", "QABName (name)", "EstablishmentAccredited (code)",
    "EstablishmentAccredited (name)", "QABReport", "CHNumber", "MSOA (code)", "LSOA (code)",
    "FSM", "AccreditationExpiryDate",
]  # fmt: skip

LOCAL_AUTHORITIES = [
    ("201", "City of London"), ("202", "Camden"), ("203", "Greenwich"), ("204", "Hackney"),
    ("206", "Islington"), ("208", "Lambeth"), ("209", "Lewisham"), ("210", "Southwark"),
    ("211", "Tower Hamlets"), ("212", "Wandsworth"), ("213", "Westminster"),
    ("330", "Birmingham"), ("331", "Coventry"), ("335", "Walsall"), ("340", "Knowsley"),
    ("341", "Liverpool"), ("352", "Manchester"), ("380", "Bradford"), ("383", "Leeds"),
    ("390", "Gateshead"), ("391", "Newcastle upon Tyne"), ("420", "Isles of Scilly"),
    ("800", "Bath and North East Somerset"), ("801", "Bristol, City of"), ("855", "Leicestershire"),
    ("850", "Hampshire"), ("873", "Cambridgeshire"), ("886", "Kent"), ("908", "Cornwall"),
    ("919", "Hertfordshire"), ("925", "Lincolnshire"), ("926", "Norfolk"), ("935", "Suffolk"),
    ("936", "Surrey"), ("937", "Warwickshire"), ("938", "West Sussex"),
    ("940", "North Northamptonshire"), ("941", "West Northamptonshire"), ("000", "Does not apply"),
]  # fmt: skip

TOWNS = [
    "London", "Birmingham", "Leeds", "Norwich", "Truro", "Penzance", "Ipswich", "Guildford",
    "Maidstone", "Canterbury", "Lincoln", "Bradford", "Coventry", "Gateshead", "Hugh Town",
    "Bath", "Bristol", "Leicester", "Cambridge", "Winchester", "Hertford", "Chichester",
    "Newcastle upon Tyne", "Liverpool", "Manchester", "Kettering", "Northampton", "Warwick",
]  # fmt: skip

# Names as GIAS spells them, including the curly apostrophes and accents that only
# Windows-1252 (not Latin-1 or ASCII) can carry.
NAME_STARTS = [
    "St Mary’s C of E", "St Mary's Catholic", "Ysgol Gymraeg", "Our Lady of Lourdes",
    "Sainte-Thérèse", "Holy Trinity", "Oakfield", "Riverside", "Hillside", "Meadowbank",
    "Beechwood", "Kingsmead", "Castle", "Abbey", "Bishop Ramsey", "Notre Dame", "Brontë",
    "Green Lane", "Churchill", "Parkside", "Whitehall", "Moorlands", "Al-Noor", "Crossley",
]  # fmt: skip

PHASES = [
    ("Primary", "Primary", 0.40, (4, 11)),
    ("Not applicable", "", 0.22, (2, 19)),
    ("Secondary", "Secondary", 0.13, (11, 18)),
    ("16 plus", "Sixth Form", 0.08, (16, 19)),
    ("Nursery", "Nursery", 0.03, (2, 5)),
    ("All-through", "Academy", 0.02, (4, 18)),
    ("Middle deemed primary", "Middle", 0.01, (8, 12)),
    ("Middle deemed secondary", "Middle", 0.01, (9, 13)),
]
STATUSES = [
    ("Open", 0.74),
    ("Closed", 0.23),
    ("Open, but proposed to close", 0.02),
    ("Proposed to open", 0.01),
]
TYPES = [
    ("Community school", "Local authority maintained schools"),
    ("Voluntary aided school", "Local authority maintained schools"),
    ("Academy converter", "Academies"),
    ("Academy sponsor led", "Academies"),
    ("Free schools", "Free Schools"),
    ("Other independent school", "Independent schools"),
    ("Further education", "Colleges"),
    ("Pupil referral unit", "Local authority maintained schools"),
]
STREETS = ["High Street", "Church Lane", "Station Road", "School Road", "Rue de l’Église"]
RELIGIOUS_CHARACTERS = ["Does not apply", "Church of England", "Roman Catholic"]
URBAN_RURAL = ["(England/Wales) Urban city and town", "(England/Wales) Rural village"]
TRUSTS = ["", "", "", "Ark Schools", "Harris Federation", "Oasis Community Learning",
          "United Learning Trust", "Diocese of Norwich Education and Academies Trust"]  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=50_000, help="schools in the file")
    parser.add_argument("--seed", type=int, default=1, help="for a repeatable file")
    arguments = parser.parse_args()

    with throwaway_database() as folder:
        _run(folder, rows=arguments.rows, seed=arguments.seed)


def _run(folder: Path, *, rows: int, seed: int) -> None:
    from hubwork.schools.importers import schools_import
    from hubwork.schools.models import LocalAuthority, School

    first = folder / "edubasealldata20250901.csv"
    second = folder / "edubasealldata20251001.csv"
    changed_count = _write(first, rows=rows, seed=seed)
    _write(second, rows=rows, seed=seed, changed=True)
    size = first.stat().st_size / 1_000_000
    print(f"GIAS file: {rows:,} rows, {len(COLUMNS)} columns, {size:.1f} MB, Windows-1252")
    print(f"Memory before importing (peak RSS so far): {_peak_rss_mb():.0f} MB")

    ceiling = _ceiling(first)
    print(
        f"Ceiling (the same file parsed with csv, its 20 columns inserted with one executemany "
        f"on the same database): {ceiling:.2f} s, {rows / ceiling:,.0f} rows/s"
    )
    first_seconds = 0.0
    for label, path in [
        ("First import", first),
        (f"Re-import ({changed_count:,} rows changed)", second),
    ]:
        with counting_queries() as queries:
            started = time.perf_counter()
            report = schools_import(path_or_file=path)
            seconds = time.perf_counter() - started
        print(
            f"{label}: {seconds:.2f} s, {report.rows / seconds:,.0f} rows/s, {queries()} queries; "
            f"created {report.created:,}, updated {report.updated:,}, "
            f"unchanged {report.unchanged:,}, rejected {len(report.rejected):,}; "
            f"peak RSS {_peak_rss_mb():.0f} MB"
        )
        first_seconds = first_seconds or seconds
    print(f"First import ÷ ceiling: {first_seconds / ceiling:.1f}× (the aim: 3× or less)")
    closed = School.objects.filter(status=School.Status.CLOSED).count()
    print(
        f"Database: {School.objects.count():,} schools ({closed:,} closed), "
        f"{LocalAuthority.objects.count()} local authorities"
    )
    _time_searches()


def _ceiling(path: Path) -> float:
    """Seconds to read the file and insert the importer's columns into a plain table with
    executemany, in one transaction: what the machine and database can do at best."""
    from django.db import connection, transaction

    from hubwork.schools.importers import REQUIRED_COLUMNS, URN

    started = time.perf_counter()
    with open(path, encoding="cp1252", newline="") as file:
        reader = csv.reader(file)
        header = next(reader)
        wanted = [header.index(URN), *(header.index(name) for name in REQUIRED_COLUMNS[1:])]
        rows = [tuple(record[i] for i in wanted) for record in reader]
    columns = ", ".join(f"c{i}" for i in range(len(wanted)))
    placeholders = ", ".join(["%s"] * len(wanted))
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"CREATE TABLE bench_ceiling ({columns})")
        cursor.executemany(f"INSERT INTO bench_ceiling VALUES ({placeholders})", rows)  # noqa: S608
    seconds = time.perf_counter() - started
    with connection.cursor() as cursor:
        cursor.execute("DROP TABLE bench_ceiling")
    return seconds


def _time_searches() -> None:
    """The school search endpoint, through HTTP, on the register just imported."""
    from django.test import Client

    from hubwork.schools.models import School

    sample = School.objects.exclude(postcode="").order_by("pk")[School.objects.count() // 2]
    searches = {
        "URN": str(sample.urn),
        "full postcode": sample.postcode,
        "postcode start": sample.postcode.split()[0],
        "one word": sample.name.split()[0],
        "two words": " ".join(sample.name.split()[:2]),
        "name and town": f"{sample.name.split()[0]} {sample.town}",
        "no match": "zzqx school",
    }
    client = Client(HTTP_HOST="localhost")
    print("School search (/schools/search/, median of 5):")
    for label, query in searches.items():
        timings = []
        for _ in range(5):
            started = time.perf_counter()
            response = client.get("/schools/search/", {"q": query})
            timings.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, response.content
        results = len(response.json()["results"])
        print(f"  {label:<15} {query!r:<32} {sorted(timings)[2]:6.1f} ms, {results} results")


def _schools(*, rows: int, random: random.Random) -> Iterator[dict[str, str]]:
    urn = 100_000
    for number in range(rows):
        urn += random.choice((1, 1, 1, 2, 7))
        phase, kind, _, (low, high) = random.choices(PHASES, [p[2] for p in PHASES])[0]
        status = random.choices(STATUSES, [s[1] for s in STATUSES])[0][0]
        la_code, la_name = random.choice(LOCAL_AUTHORITIES)
        type_name, type_group = random.choice(TYPES)
        opened = date(1950, 1, 1) + timedelta(days=random.randrange(27_000))
        closed = (
            opened + timedelta(days=random.randrange(200, 9000)) if status == "Closed" else None
        )
        pupils = random.randrange(15, 1900)
        fsm = f"{random.uniform(0, 70):.1f}"
        school = dict.fromkeys(COLUMNS, "")
        school.update(
            {
                "URN": str(urn),
                "LA (code)": la_code,
                "LA (name)": la_name,
                "EstablishmentNumber": str(2000 + number % 7000),
                "EstablishmentName": f"{random.choice(NAME_STARTS)} {kind} School".replace(
                    "  ", " "
                ),
                "TypeOfEstablishment (code)": str(TYPES.index((type_name, type_group)) + 1),
                "TypeOfEstablishment (name)": type_name,
                "EstablishmentTypeGroup (name)": type_group,
                "EstablishmentStatus (code)": str([s[0] for s in STATUSES].index(status) + 1),
                "EstablishmentStatus (name)": status,
                "OpenDate": "" if random.random() < 0.3 else f"{opened:%d-%m-%Y}",
                "CloseDate": f"{closed:%d-%m-%Y}" if closed else "",
                "ReasonEstablishmentClosed (name)": "Academy converter" if closed else "",
                "PhaseOfEducation (name)": phase,
                "StatutoryLowAge": str(low),
                "StatutoryHighAge": str(high),
                "Boarders (name)": random.choice(("No boarders", "Not applicable")),
                "Gender (name)": random.choice(("Mixed", "Mixed", "Girls", "Boys")),
                "ReligiousCharacter (name)": random.choice(RELIGIOUS_CHARACTERS),
                "Diocese (name)": "Not applicable",
                "AdmissionsPolicy (name)": "Not applicable",
                "SchoolCapacity": str(pupils + random.randrange(0, 200)),
                "CensusDate": "16-01-2025",
                "NumberOfPupils": "" if closed else str(pupils),
                "NumberOfBoys": "" if closed else str(pupils // 2),
                "NumberOfGirls": "" if closed else str(pupils - pupils // 2),
                "PercentageFSM": random.choice(("", "SUPP", fsm, fsm, fsm, fsm)),
                "Trusts (name)": random.choice(TRUSTS),
                "UKPRN": "" if random.random() < 0.2 else str(10_000_000 + urn),
                "LastChangedDate": "01-09-2025",
                "Street": f"{random.randrange(1, 300)} {random.choice(STREETS)}",
                "Locality": random.choice(("", "", "Eaton", "Lakenham")),
                "Town": random.choice(TOWNS),
                "County (name)": random.choice(("", "Norfolk", "Kent", "Cornwall")),
                "Postcode": "" if random.random() < 0.08 else _postcode(random),
                "SchoolWebsite": f"http://www.school{urn}.example.sch.uk",
                "TelephoneNum": f"01{random.randrange(100_000_000, 999_999_999)}",
                "HeadTitle (name)": random.choice(("Mrs", "Mr", "Ms", "Dr")),
                "HeadFirstName": random.choice(("Siân", "Zoë", "Chloé", "Amir", "Grace", "Tomás")),
                "HeadLastName": random.choice(("O’Brien", "Smith", "Nowak", "Patel", "Jones")),
                "GOR (name)": random.choice(("East of England", "London", "South West")),
                "ParliamentaryConstituency (name)": "Norwich South",
                "UrbanRural (name)": random.choice(URBAN_RURAL),
                "Easting": str(random.randrange(100_000, 650_000)),
                "Northing": str(random.randrange(10_000, 650_000)),
                "Country (name)": "United Kingdom",
                "UPRN": str(random.randrange(10**9, 10**11)),
                "FSM": "" if closed else str(pupils // 5),
            }
        )  # fmt: skip
        yield school


def _postcode(random: random.Random) -> str:
    letters = "ABCDEFGHJKLMNPRSTUWYZ"
    return (
        f"{random.choice(letters)}{random.choice(letters)}{random.randrange(1, 30)} "
        f"{random.randrange(1, 10)}{random.choice(letters)}{random.choice(letters)}"
    )


def _write(path: Path, *, rows: int, seed: int, changed: bool = False) -> int:
    """Write a file of `rows` schools; with `changed`, the same register a month later.

    Returns how many rows the later file changes. Rows are written as they are made, so the
    benchmark's own memory stays small next to the importer's.
    """
    change_random = random.Random(seed + 1)
    to_change = set(change_random.sample(range(rows), k=rows // 20))
    with path.open("w", encoding="cp1252", newline="") as file:
        writer = csv.DictWriter(file, fieldnames=COLUMNS)
        writer.writeheader()
        for number, school in enumerate(_schools(rows=rows, random=random.Random(seed))):
            if changed:
                _change(school, random=change_random, pick=number in to_change)
            writer.writerow(school)
    return len(to_change)


def _change(school: dict[str, str], *, random: random.Random, pick: bool) -> None:
    """Change a school in one of the ways GIAS changes them from month to month."""
    # A local authority renamed, as when Northamptonshire split.
    if school["LA (code)"] == "940":
        school["LA (name)"] = "North Northamptonshire Council"
    if not pick:
        return
    change = random.randrange(6)
    if change == 0:
        school["NumberOfPupils"] = str(random.randrange(15, 1900))
    elif change == 1:
        school["PercentageFSM"] = f"{random.uniform(0, 70):.1f}"
    elif change == 2:
        school["EstablishmentStatus (name)"] = "Closed"
        school["CloseDate"] = "31-08-2025"
    elif change == 3:
        school["Postcode"] = _postcode(random)
    elif change == 4:
        school["EstablishmentName"] = school["EstablishmentName"].replace("School", "Academy")
    else:
        school["Trusts (name)"] = random.choice(TRUSTS[3:])


def _peak_rss_mb() -> float:
    # ru_maxrss is in kilobytes on Linux (bytes on macOS).
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1_000_000 if sys.platform == "darwin" else 1000)


if __name__ == "__main__":
    main()
