"""Demo requests to hear when a Work Group opens: visitors' (confirmed, and one still
waiting to confirm) for programmes no hub runs yet, and the demo participant's own two from
her account, one still waiting and one already answered by GLOW's Mastering Number Work
Group. Written through the interest services, so the audit log reads as it would; seeded
once: nothing is added when the demo already has requests."""

from hubwork.accounts.models import User
from hubwork.content.models import InterestRegistration
from hubwork.content.services.interest import (
    interest_confirm,
    interest_notify_work_group_opened,
    interest_register,
)
from hubwork.core.academic_years import AcademicYear
from hubwork.hubs.models import Hub
from hubwork.programmes.models import Programme
from hubwork.workgroups.models import WorkGroup

PARTICIPANT_EMAIL = "participant@example.org"
# (address, programme, phase, hub, confirmed): programmes the demo's hubs do not run yet.
VISITORS = [
    ("maths.lead@oakfield-primary.example.org", "early-career-teacher", "", "glow", True),
    ("head.of.maths@riverside.example.org", "developing-core-maths-pedagogy", "", "origin", True),
    ("ta.lead@example.org", "sktm-teaching-assistants", "", "glow", True),
    ("new.teacher@example.org", "sktm-teaching-assistants", "", "code", False),
]


def seed_content_interest() -> int:
    if InterestRegistration.objects.exists():
        return 0
    programmes = {programme.slug: programme for programme in Programme.objects.all()}
    hubs = {hub.slug: hub for hub in Hub.objects.all()}
    created = 0
    for email, programme_slug, phase, hub_slug, confirmed in VISITORS:
        if programme_slug not in programmes or hub_slug not in hubs:
            continue
        registration = interest_register(
            email=email, programme=programmes[programme_slug], phase=phase, hub=hubs[hub_slug]
        )
        if confirmed:
            interest_confirm(registration=registration)
        created += 1
    participant = User.objects.filter(email=PARTICIPANT_EMAIL).first()
    glow = hubs.get("glow")
    if participant is None or glow is None:
        return created
    # Signed in with a verified address: confirmed at once.
    for programme_slug in ("sktm-teaching-assistants", "mastering-number"):
        if programme_slug in programmes:
            interest_register(
                email=participant.email,
                programme=programmes[programme_slug],
                phase="",
                hub=glow,
                user=participant,
            )
            created += 1
    # GLOW's Mastering Number Work Group this year answers her second request, as if she
    # had asked before GLOW published it.
    mastering_number = WorkGroup.objects.filter(
        hub=glow,
        programme__slug="mastering-number",
        academic_year=AcademicYear.current().start_year,
    ).first()
    if mastering_number is not None:
        interest_notify_work_group_opened(work_group=mastering_number, by=None)
    return created
