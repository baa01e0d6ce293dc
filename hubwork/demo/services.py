"""The demo data set: a few hubs, schools and one person per role. Safe to load twice."""

from dataclasses import dataclass

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.db import transaction

from hubwork.accounts.models import User
from hubwork.core.choices import Phase
from hubwork.hubs.models import Hub, HubRole
from hubwork.hubs.services import hub_role_grant
from hubwork.schools.models import School

DEMO_PASSWORD = "hubwork-demo-2026"  # noqa: S105 - published on purpose, demo only

HUBS = [
    ("GLOW Maths Hub", "glow", "glow@example.org"),
    ("Origin Maths Hub", "origin", "origin@example.org"),
    ("CODE Maths Hub", "code", "code@example.org"),
    ("SHaW Maths Hub", "shaw", "shaw@example.org"),
]

# Fictional schools with URNs outside the range GIAS uses, so they never clash with the register.
SCHOOLS = [
    (990001, "Hillside Primary School", "Primary", "330", "Birmingham", "Birmingham", "B1 1AA"),
    (990002, "Riverside Academy", "Secondary", "330", "Birmingham", "Birmingham", "B2 2BB"),
    (990003, "Oakfield Infant School", "Primary", "860", "Staffordshire", "Stafford", "ST16 1AA"),
    (990004, "Meadow Lane Primary", "Primary", "860", "Staffordshire", "Lichfield", "WS13 6AA"),
    (990005, "Castle Hill School", "Secondary", "925", "Lincolnshire", "Lincoln", "LN1 3AA"),
    (990006, "Harbour Sixth Form College", "16 plus", "879", "Plymouth", "Plymouth", "PL1 2AA"),
    (
        990007,
        "Westbrook Church of England Primary",
        "Primary",
        "908",
        "Cornwall",
        "Truro",
        "TR1 2AA",
    ),
    (990008, "Northgate All-through School", "All-through", "332", "Dudley", "Dudley", "DY1 1AA"),
]


@dataclass(frozen=True)
class DemoPerson:
    email: str
    display_name: str
    role: str
    hub_slug: str = ""
    hub_role: str = ""
    phase: str = ""
    national_admin: bool = False


PEOPLE = [
    DemoPerson("national-admin@example.org", "Nadia Okafor", "National admin", national_admin=True),
    DemoPerson(
        "hub-lead@example.org", "Helen Marsh", "Hub lead (GLOW)", "glow", HubRole.Kind.HUB_LEAD
    ),
    DemoPerson(
        "assistant-hub-lead@example.org",
        "Arjun Shah",
        "Assistant hub lead, primary (GLOW)",
        "glow",
        HubRole.Kind.ASSISTANT_HUB_LEAD,
        Phase.PRIMARY,
    ),
    DemoPerson("llme@example.org", "Liam Evans", "LLME (GLOW)", "glow", HubRole.Kind.LLME),
    DemoPerson("participant@example.org", "Priya Clarke", "Participant (teacher)"),
]


@dataclass
class SeedResult:
    created: int = 0


def seed_demo() -> SeedResult:
    """Create whatever part of the demo data set is missing; leave what exists alone."""
    result = SeedResult()
    with transaction.atomic():
        hubs = {}
        for name, slug, email in HUBS:
            hub, created = Hub.objects.get_or_create(
                slug=slug, defaults={"name": name, "email": email}
            )
            hubs[slug] = hub
            result.created += created
        for urn, name, phase, la_code, la_name, town, postcode in SCHOOLS:
            _, created = School.objects.get_or_create(
                urn=urn,
                defaults={
                    "name": name,
                    "phase": phase,
                    "local_authority_code": la_code,
                    "local_authority_name": la_name,
                    "town": town,
                    "postcode": postcode,
                },
            )
            result.created += created
        for person in PEOPLE:
            user = User.objects.filter(email=person.email).first()
            if user is None:
                user = User.objects.create_user(
                    person.email,
                    DEMO_PASSWORD,
                    display_name=person.display_name,
                    is_national_admin=person.national_admin,
                    is_staff=person.national_admin,
                    is_superuser=person.national_admin,
                )
                result.created += 1
            _, created = EmailAddress.objects.get_or_create(
                user=user, email=user.email, defaults={"verified": True, "primary": True}
            )
            result.created += created
            if (
                person.hub_role
                and not HubRole.objects.current()
                .filter(user=user, hub=hubs[person.hub_slug], role=person.hub_role)
                .exists()
            ):
                hub_role_grant(
                    hub=hubs[person.hub_slug],
                    user=user,
                    role=person.hub_role,
                    phase=person.phase,
                    by=None,
                )
                result.created += 1
            if (
                user.needs_two_factor
                and not Authenticator.objects.filter(
                    user=user, type=Authenticator.Type.TOTP
                ).exists()
            ):
                TOTP.activate(user, generate_totp_secret())
                result.created += 1
    return result
