"""Demo LLME development, so each role sees realistic pages.

- Liam Evans (llme@example.org) keeps a development log this year (a national event, training,
  reading and a co-lead reflection), is listed in the national directory, is paired with
  Grace Adeyemi as his experienced co-lead, and has feedback from Helen Marsh's
  quality-assurance visit to one of his sessions waiting for his reply.
- Grace Adeyemi is listed in the directory too, for other programmes and phases.
- Liam and his co-lead share planning notes on one of GLOW's Work Groups they lead together.

Everything goes through the leaders services. Loading again adds nothing: each part is
skipped when it is there already.
"""

from datetime import timedelta
from decimal import Decimal

from django.db.models import Count
from django.utils import timezone

from hubwork.accounts.models import User
from hubwork.core.academic_years import AcademicYear
from hubwork.hubs.models import Hub, HubRole
from hubwork.leaders.models import DevelopmentEntry, LeadNote, LlmeProfile, Pairing, QualityVisit
from hubwork.leaders.services.development import (
    development_entry_create,
    lead_note_add,
    pairing_create,
    quality_visit_record,
)
from hubwork.leaders.services.directory import llme_profile_save
from hubwork.programmes.models import Programme
from hubwork.workgroups.models import Session, WorkGroup

LLME = "llme@example.org"
GRACE = "grace.adeyemi@example.org"
HUB_LEAD = "hub-lead@example.org"

# (days after the start of the academic year, kind, title, notes, hours)
ENTRIES = [
    (
        10,
        DevelopmentEntry.Kind.TRAINING,
        "PD Lead programme: day 3, leading professional development",
        "How to plan a session so that teachers try one idea between sessions.",
        Decimal("6"),
    ),
    (
        40,
        DevelopmentEntry.Kind.READING,
        "EEF: Effective Professional Development guidance report",
        "The 14 mechanisms. I use 'arranging social support' least: pair teachers next time.",
        Decimal("2.5"),
    ),
    (
        55,
        DevelopmentEntry.Kind.CO_LEAD_REFLECTION,
        "Reflection with my co-lead after session 2",
        "We talked for too long in the input. Next time: ten minutes, then a task.",
        Decimal("1"),
    ),
    (
        70,
        DevelopmentEntry.Kind.NATIONAL_EVENT,
        "NCETM national LLME conference",
        "Workshop on Mastering Number: the rekenrek routines.",
        Decimal("5.5"),
    ),
]

NOTES = [
    "Session 3 plan: I'll lead the input on the bar model; could you run the gap task review?",
    "Two schools asked about supply cover for session 4. I've told them the dates are fixed.",
]

FEEDBACK = (
    "A well-paced session. Teachers were clearly trying things between sessions: the "
    "discussion of classroom trials was the strongest part.\n\n"
    "To work on: the input ran twenty minutes over, which squeezed the collaborative "
    "planning. Try stopping the input at the planned time and carrying a point over."
)


def seed_leader_development(*, hubs: dict[str, Hub]) -> int:
    """The demo LLME's development log, profile, pairing and quality visit; a second listed
    LLME; co-leads' notes on a Work Group with two leads. Returns how many things it made."""
    glow = hubs["glow"]
    llme = User.objects.filter(email=LLME).first()
    if llme is None:
        return 0
    created = 0
    start = AcademicYear.current().starts_on
    today = timezone.localdate()

    if not DevelopmentEntry.objects.filter(user=llme).exists():
        for days_in, kind, title, notes, hours in ENTRIES:
            on = min(start + timedelta(days=days_in), today)
            development_entry_create(
                user=llme, kind=kind, on=on, title=title, notes=notes, hours=hours
            )
            created += 1

    programmes = {programme.slug: programme for programme in Programme.objects.all()}
    if not LlmeProfile.objects.filter(user=llme).exists():
        llme_profile_save(
            user=llme,
            listed_in_directory=True,
            phases=["primary"],
            programmes=_some(programmes, ["mastering-number", "sustaining-tfm-primary"]),
            about="Primary teacher and maths lead in Birmingham; PD Lead since 2019.",
        )
        created += 1

    grace = User.objects.filter(email=GRACE).first()
    if grace is not None and not LlmeProfile.objects.filter(user=grace).exists():
        llme_profile_save(
            user=grace,
            listed_in_directory=True,
            phases=["primary", "secondary"],
            programmes=list(programmes.values())[:3],
            about="Leads oracy research and innovation Work Groups across two hubs.",
        )
        created += 1

    hub_lead = User.objects.filter(email=HUB_LEAD).first()
    if (
        grace is not None
        and hub_lead is not None
        and HubRole.objects.current().filter(hub=glow, user=grace, role="llme").exists()
        and not Pairing.objects.filter(hub=glow, llme=llme).exists()
    ):
        pairing_create(
            hub=glow,
            llme=llme,
            experienced=grace,
            starts_on=start,
            note="Grace co-plans with Liam and watches one of his sessions each term.",
            by=hub_lead,
        )
        created += 1

    if hub_lead is not None and not QualityVisit.objects.filter(llme=llme).exists():
        session = (
            Session.objects.filter(
                work_group__hub=glow,
                work_group__leads=llme,
                work_group__academic_year=AcademicYear.current().start_year,
                date__lte=today,
            )
            .exclude(status=Session.Status.CANCELLED)
            .select_related("work_group")
            .order_by("-date")
            .first()
        )
        if session is not None:
            quality_visit_record(session=session, llme=llme, feedback=FEEDBACK, by=hub_lead)
            created += 1

    co_led = (
        WorkGroup.objects.filter(hub=glow, leads=llme)
        .annotate(lead_count=Count("leads"))
        .filter(lead_count__gte=2)
        .order_by("-academic_year", "title")
        .first()
    )
    if co_led is not None and not LeadNote.objects.filter(work_group=co_led).exists():
        co_lead = co_led.leads.exclude(pk=llme.pk).order_by("pk").first()
        for author, text in zip((llme, co_lead or llme), NOTES, strict=True):
            lead_note_add(work_group=co_led, by=author, text=text)
            created += 1
    return created


def _some(programmes: dict[str, Programme], slugs: list[str]) -> list[Programme]:
    """The programmes with these slugs that exist, or the first two if none does."""
    found = [programmes[slug] for slug in slugs if slug in programmes]
    return found or list(programmes.values())[:2]
