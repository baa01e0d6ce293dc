"""The demo data set: a few hubs, schools and one person per role. Safe to load twice."""

from dataclasses import dataclass

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.db import transaction
from django.test.utils import override_settings

from hubwork.accounts.models import User
from hubwork.core.choices import Phase
from hubwork.demo.content_feedback import seed_content_feedback
from hubwork.demo.content_interest import seed_content_interest
from hubwork.demo.content_issues import seed_content_issues
from hubwork.demo.content_pages import seed_content_pages
from hubwork.demo.content_subscriptions import seed_content_subscriptions
from hubwork.demo.continuation import seed_continuation
from hubwork.demo.evaluation import seed_evaluation
from hubwork.demo.invitations import seed_invitations
from hubwork.demo.leader_applications import seed_leader_applications
from hubwork.demo.leader_development import seed_leader_development
from hubwork.demo.leader_records import seed_leader_records
from hubwork.demo.leads import seed_leads
from hubwork.demo.llme_load import seed_llme_load
from hubwork.demo.practice import seed_practice
from hubwork.demo.reports import seed_reports
from hubwork.demo.research import seed_research
from hubwork.demo.research_data import seed_research_data
from hubwork.demo.research_projects import seed_research_projects
from hubwork.demo.research_sessions import seed_research_sessions
from hubwork.demo.research_writeups import seed_research_writeups
from hubwork.demo.staff_home import seed_staff_home
from hubwork.demo.work_groups import seed_work_groups
from hubwork.demo.your_data import seed_your_data
from hubwork.hubs.models import Accreditation, Hub, HubArea, HubRole
from hubwork.hubs.services import hub_role_grant
from hubwork.programmes.seeds import programmes_seed
from hubwork.schools.models import LocalAuthority, School

DEMO_PASSWORD = "hubwork-demo-2026"  # noqa: S105 - published on purpose, demo only
QUIET_EMAIL_BACKEND = "django.core.mail.backends.dummy.EmailBackend"

# Each demo hub with the local authorities (code, name) in its area.
HUBS = [
    (
        "GLOW Maths Hub",
        "glow",
        "glow@example.org",
        [("330", "Birmingham"), ("332", "Dudley"), ("333", "Sandwell")],
    ),
    ("Origin Maths Hub", "origin", "origin@example.org", [("860", "Staffordshire")]),
    ("CODE Maths Hub", "code", "code@example.org", [("925", "Lincolnshire")]),
    ("SHaW Maths Hub", "shaw", "shaw@example.org", [("879", "Plymouth"), ("908", "Cornwall")]),
]

# Fictional schools with URNs outside the range GIAS uses, so they never clash with the register.
P = School.Phase
SCHOOLS = [
    (990001, "Hillside Primary School", P.PRIMARY, "330", "Birmingham", "B1 1AA"),
    (990002, "Riverside Academy", P.SECONDARY, "330", "Birmingham", "B2 2BB"),
    (990003, "Oakfield Infant School", P.PRIMARY, "860", "Stafford", "ST16 1AA"),
    (990004, "Meadow Lane Primary", P.PRIMARY, "860", "Lichfield", "WS13 6AA"),
    (990005, "Castle Hill School", P.SECONDARY, "925", "Lincoln", "LN1 3AA"),
    (990006, "Harbour Sixth Form College", P.SIXTEEN_PLUS, "879", "Plymouth", "PL1 2AA"),
    (990007, "Westbrook Church of England Primary", P.PRIMARY, "908", "Truro", "TR1 2AA"),
    (990008, "Northgate All-through School", P.ALL_THROUGH, "332", "Dudley", "DY1 1AA"),
    (990009, "Sandwell Valley Primary", P.PRIMARY, "333", "West Bromwich", "B70 6AA"),
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
    DemoPerson(
        "assistant-hub-lead-post16@example.org",
        "Rachel Osei",
        "Assistant hub lead, post-16 (GLOW)",
        "glow",
        HubRole.Kind.ASSISTANT_HUB_LEAD,
        Phase.POST16,
    ),
    DemoPerson("llme@example.org", "Liam Evans", "LLME (GLOW)", "glow", HubRole.Kind.LLME),
    DemoPerson(
        "cohort-lead@example.org",
        "Chloe Brennan",
        "Cohort lead (GLOW)",
        "glow",
        HubRole.Kind.COHORT_LEAD,
    ),
    DemoPerson(
        "community-lead@example.org",
        "Kwame Mensah",
        "Community lead (GLOW)",
        "glow",
        HubRole.Kind.COMMUNITY_LEAD,
    ),
    DemoPerson("participant@example.org", "Priya Clarke", "Participant (teacher)"),
]


LLME_ACCREDITATIONS = [
    (Accreditation.Kind.PD_LEAD, 2019),
    (Accreditation.Kind.MASTERY_SPECIALIST, 2021),
]


@dataclass
class SeedResult:
    created: int = 0


def seed_demo() -> SeedResult:
    """Create whatever part of the demo data set is missing; leave what exists alone."""
    result = SeedResult()
    # The demo's people sign up through the sign-up service as if earlier in the year; the
    # emails that queues (run in-process without Redis) would bury the sign-ins printed next.
    with override_settings(EMAIL_BACKEND=QUIET_EMAIL_BACKEND), transaction.atomic():
        hubs = {}
        local_authorities = {}
        for name, slug, email, area in HUBS:
            hub, created = Hub.objects.get_or_create(
                slug=slug, defaults={"name": name, "email": email}
            )
            hubs[slug] = hub
            result.created += created
            for code, la_name in area:
                local_authority, created = LocalAuthority.objects.get_or_create(
                    code=code, defaults={"name": la_name}
                )
                local_authorities[code] = local_authority
                result.created += created
                _, created = HubArea.objects.get_or_create(
                    local_authority=local_authority, defaults={"hub": hub}
                )
                result.created += created
        for urn, name, phase, la_code, town, postcode in SCHOOLS:
            school, created = School.objects.get_or_create(
                urn=urn,
                defaults={
                    "name": name,
                    "phase": phase,
                    "local_authority": local_authorities[la_code],
                    "town": town,
                    "postcode": postcode,
                },
            )
            result.created += created
            if created and urn == SCHOOLS[0][0]:
                hubs["glow"].lead_schools.add(school)
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
            if person.hub_role == HubRole.Kind.LLME:
                for kind, year in LLME_ACCREDITATIONS:
                    _, created = Accreditation.objects.get_or_create(
                        user=user, kind=kind, defaults={"year_achieved": year}
                    )
                    result.created += created
            if (
                user.needs_two_factor
                and not Authenticator.objects.filter(
                    user=user, type=Authenticator.Type.TOTP
                ).exists()
            ):
                TOTP.activate(user, generate_totp_secret())
                result.created += 1
        result.created += programmes_seed()
        national_admin = User.objects.get(email=PEOPLE[0].email)
        result.created += seed_work_groups(hubs=hubs, by=national_admin, password=DEMO_PASSWORD)
        result.created += seed_practice(hubs=hubs)
        result.created += seed_research(hubs=hubs, by=national_admin)
        # After the other Work Groups, which take their sign-ups from every school in a
        # hub's area: the schools and colleges this adds are for its own groups.
        result.created += seed_leads(hubs=hubs, by=national_admin, password=DEMO_PASSWORD)
        # GLOW's Oracy research project (last year's group) and its year 2 (this year's).
        result.created += seed_research_projects(hubs=hubs)
        # After the research projects (GLOW's Oracy project is written up here) and before
        # the evaluation, which answers for every Work Group (this adds one of last year's).
        result.created += seed_research_writeups(hubs=hubs, by=national_admin)
        # Last, so that every lead above gets an authenticator app too.
        result.created += seed_staff_home(hubs=hubs, by=national_admin)
        result.created += seed_invitations(hubs=hubs)
        # Last year's completers invited to carry on in this year's copy of their group.
        result.created += seed_continuation(hubs=hubs, by=national_admin)
        result.created += seed_your_data(password=DEMO_PASSWORD)
        # GLOW's PD Lead cohorts (last year's completer is an LLME now) and the demo LLME's
        # record; before the evaluation, which answers for them too.
        result.created += seed_leader_records(hubs=hubs, by=national_admin, password=DEMO_PASSWORD)
        # After every Work Group, trial and lead above: answers, measures and reports.
        result.created += seed_evaluation(hubs=hubs)
        # Last of all, so the Work Groups above take their sign-ups from the demo's own
        # schools: a register of the hubs' areas and ten years of engagement for the reports.
        result.created += seed_reports(hubs=hubs)
        # After the research projects (and every Work Group they belong to): their data.
        result.created += seed_research_data(hubs=hubs)
        # After every Work Group and its members: readings set for the next sessions.
        result.created += seed_research_sessions(hubs=hubs)
        # The public site: spotlights about the LLMEs above, news, and its editor and reviewer.
        result.created += seed_content_pages(password=DEMO_PASSWORD)
        # After the public site's pages: visitors' answers about them.
        result.created += seed_content_feedback()
        # Newsletter subscribers, confirmed and not, and the demo participant's own.
        result.created += seed_content_subscriptions()
        # After the subscribers: two past newsletter issues (sent to them) and a draft.
        result.created += seed_content_issues()
        # Requests to hear when a Work Group opens, the demo participant's among them.
        result.created += seed_content_interest()
        # LLME applications to GLOW and Origin at every step, the demo participant's among them.
        result.created += seed_leader_applications(hubs=hubs, password=DEMO_PASSWORD)
        # After every GLOW Work Group: the demo LLME leads for Origin too, with clashes.
        result.created += seed_llme_load(hubs=hubs, by=national_admin)
        # After every Work Group and the co-leads above: the demo LLME's development log,
        # profile, pairing with Grace Adeyemi, a quality visit and co-leads' notes.
        result.created += seed_leader_development(hubs=hubs)
    return result
