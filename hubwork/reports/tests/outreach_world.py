"""Schools in and around a hub's area for the outreach tests."""

from decimal import Decimal

from django.db import connection
from django.test.utils import CaptureQueriesContext

from hubwork.core.academic_years import AcademicYear
from hubwork.hubs.models import Hub, HubArea
from hubwork.schools.models import LocalAuthority, School
from hubwork.schools.tests.factories import LocalAuthorityFactory, SchoolFactory
from hubwork.workgroups.models import SchoolEngagement

YEAR = AcademicYear.current()
CENT = Decimal("0.01")


def area(hub: Hub, *names_and_codes: tuple[str, str]) -> list[LocalAuthority]:
    authorities = []
    for name, code in names_and_codes:
        authority = LocalAuthorityFactory.create(name=name, code=code)
        HubArea.objects.create(hub=hub, local_authority=authority)
        authorities.append(authority)
    return authorities


def school(authority: LocalAuthority | None, **fields: object) -> School:
    defaults: dict[str, object] = {
        "phase": School.Phase.PRIMARY,
        "establishment_type_group": "Academies",
        "number_of_pupils": 200,
    }
    defaults.update(fields)
    if "percentage_fsm" in defaults and defaults["percentage_fsm"] is not None:
        # Two places, as the register gives them (SQLite would keep more than the column shows).
        defaults["percentage_fsm"] = Decimal(str(defaults["percentage_fsm"])).quantize(CENT)
    return SchoolFactory.create(local_authority=authority, **defaults)


def engage(school: School, *years: AcademicYear) -> None:
    for year in years:
        SchoolEngagement.objects.create(school=school, academic_year=year.start_year)


def queries_of(client, url: str) -> list[str]:
    client.get(url)  # warm: sessions, the cache table
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return [
        query["sql"]
        for query in captured.captured_queries
        if "hubwork_cache" not in query["sql"] and "SAVEPOINT" not in query["sql"]
    ]
