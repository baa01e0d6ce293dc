"""Demo LLME applications to GLOW and Origin, at every step of the hubs' pipelines.

- Priya Clarke (the demo participant) applied to GLOW and Origin, her head confirmed: GLOW
  has arranged her interview, Origin has not looked yet;
- Ben Cooper applied to both too, head confirmed: GLOW offers him a place, Origin did not
  progress him;
- Tom Fletcher is shortlisted by GLOW; Aisha Rahman's application waits for her head;
- Sofia Martin accepted GLOW's offer, and Grace Li Origin's (the PD Lead cohort starts
  from these).

Every step goes through the services, as hub staff would take it. Loading twice changes
nothing: a demo applicant who has applied already is left alone.
"""

from dataclasses import dataclass, field
from datetime import timedelta

from django.utils import timezone

from hubwork.accounts.models import User
from hubwork.core.choices import Phase
from hubwork.hubs.models import Accreditation, Hub
from hubwork.leaders.models import Application, HubApplication
from hubwork.leaders.selectors.applications import programmes_to_lead
from hubwork.leaders.services.applications import (
    ApplicationData,
    application_submit,
    hub_application_move,
    interview_arrange,
    offer_accept,
    school_leader_confirm,
)
from hubwork.schools.models import School

Status = HubApplication.Status
PARTICIPANT = "participant@example.org"
HUB_LEAD = "hub-lead@example.org"
NATIONAL_ADMIN = "national-admin@example.org"


@dataclass(frozen=True)
class DemoApplication:
    email: str
    name: str
    urn: int
    role: str
    phases: tuple[str, ...]
    why: str
    leader: tuple[str, str]
    leader_confirmed: bool
    # Each hub's slug and the step it has got to.
    hubs: dict[str, str] = field(default_factory=dict)
    accreditations: tuple[str, ...] = ()


APPLICATIONS = [
    DemoApplication(
        PARTICIPANT,
        "Priya Clarke",
        990001,
        "Year 4 teacher and maths lead",
        (Phase.PRIMARY,),
        "Our Mastering Number group changed how I teach fluency, and I would like to help "
        "other schools do the same.",
        ("Mrs Joanne Whitfield", "head@hillside.example.org"),
        True,
        {"glow": Status.INTERVIEW_ARRANGED, "origin": Status.RECEIVED},
    ),
    DemoApplication(
        "ben.cooper@example.org",
        "Ben Cooper",
        990008,
        "Head of maths (Key Stage 3)",
        (Phase.PRIMARY, Phase.SECONDARY),
        "I lead transition work with our feeder primaries and want to do it across the hub.",
        ("Dr Paul Mercer", "head@northgate.example.org"),
        True,
        {"glow": Status.OFFERED, "origin": Status.NOT_PROGRESSED},
        (Accreditation.Kind.SECONDARY_MASTERY_SPECIALIST,),
    ),
    DemoApplication(
        "tom.fletcher@example.org",
        "Tom Fletcher",
        990002,
        "Teacher of maths",
        (Phase.SECONDARY,),
        "I have run department CPD on bar models and would like to lead a Work Group.",
        ("Ms Hannah Doyle", "head@riverside.example.org"),
        True,
        {"glow": Status.SHORTLISTED},
    ),
    DemoApplication(
        "aisha.rahman@example.org",
        "Aisha Rahman",
        990009,
        "Year 6 teacher",
        (Phase.PRIMARY,),
        "I want to share what we learnt about reasoning in Year 6.",
        ("Mr David Shaw", "head@sandwellvalley.example.org"),
        False,
        {"glow": Status.RECEIVED},
    ),
    DemoApplication(
        "sofia.martin@example.org",
        "Sofia Martin",
        990001,
        "Year 2 teacher",
        (Phase.EARLY_YEARS, Phase.PRIMARY),
        "I am a Mastery Specialist and ready to lead others.",
        ("Mrs Joanne Whitfield", "head@hillside.example.org"),
        True,
        {"glow": Status.ACCEPTED},
        (Accreditation.Kind.MASTERY_SPECIALIST,),
    ),
    DemoApplication(
        "grace.li@example.org",
        "Grace Li",
        990004,
        "Assistant head and maths lead",
        (Phase.PRIMARY,),
        "I support three local schools already and would like to do it through the hub.",
        ("Mr Ian Booth", "head@meadowlane.example.org"),
        True,
        {"origin": Status.ACCEPTED},
    ),
]

# The steps before each status, taken in order.
PATH: dict[str, list[str]] = {
    Status.RECEIVED: [],
    Status.SHORTLISTED: [Status.SHORTLISTED],
    Status.INTERVIEW_ARRANGED: [Status.SHORTLISTED, Status.INTERVIEW_ARRANGED],
    Status.OFFERED: [Status.SHORTLISTED, Status.INTERVIEW_ARRANGED, Status.OFFERED],
    Status.ACCEPTED: [
        Status.SHORTLISTED,
        Status.INTERVIEW_ARRANGED,
        Status.OFFERED,
        Status.ACCEPTED,
    ],
    Status.NOT_PROGRESSED: [Status.SHORTLISTED, Status.NOT_PROGRESSED],
}
INTERVIEW_PLACES = {
    "glow": "GLOW Maths Hub office, Hillside Primary School, Birmingham B1 1AA",
    "origin": "https://meet.example.org/origin-llme-interviews",
}


def _applicant(demo: DemoApplication, password: str) -> User:
    user = User.objects.filter(email=demo.email).first()
    if user is None:
        user = User.objects.create_user(demo.email, password, display_name=demo.name)
    return user


def _walk(hub_application: HubApplication, status: str, *, by: User, applicant: User) -> None:
    for number, step in enumerate(PATH[status], start=1):
        if step == Status.INTERVIEW_ARRANGED:
            local = timezone.localtime() + timedelta(days=9 + number)
            interview_arrange(
                hub_application=hub_application,
                at=local.replace(hour=16, minute=0, second=0, microsecond=0),
                minutes=45,
                place=INTERVIEW_PLACES[hub_application.hub.slug],
                by=by,
            )
        elif step == Status.ACCEPTED:
            offer_accept(hub_application=hub_application, by=applicant)
        else:
            hub_application_move(
                hub_application=hub_application,
                to_status=step,
                by=by,
                reason="We have more primary applicants than places this year; please apply "
                "again next year."
                if step == Status.NOT_PROGRESSED
                else "",
            )


def seed_leader_applications(*, hubs: dict[str, Hub], password: str) -> int:
    """The demo's LLME applications; an applicant who has applied already is left alone."""
    created = 0
    staff = {
        "glow": User.objects.get(email=HUB_LEAD),
        "origin": User.objects.get(email=NATIONAL_ADMIN),
    }
    programmes = list(programmes_to_lead()[:3])
    for demo in APPLICATIONS:
        applicant = _applicant(demo, password)
        if Application.objects.filter(applicant=applicant).exists():
            continue
        application = application_submit(
            applicant=applicant,
            data=ApplicationData(
                school=School.objects.get(urn=demo.urn),
                role_in_school=demo.role,
                phases=list(demo.phases),
                experience="Teaching for eight years; maths lead for three, running staff "
                "meetings on mastery and supporting early career teachers.",
                accreditations_held=list(demo.accreditations),
                programmes=programmes[:2],
                why=demo.why,
                school_leader_name=demo.leader[0],
                school_leader_email=demo.leader[1],
            ),
            hubs=[hubs[slug] for slug in demo.hubs],
        )
        created += 1 + len(demo.hubs)
        if demo.leader_confirmed:
            school_leader_confirm(application=application)
        for hub_application in application.hub_applications.select_related("hub"):
            slug = hub_application.hub.slug
            _walk(hub_application, demo.hubs[slug], by=staff[slug], applicant=applicant)
    return created
