"""The national programmes Hubwork starts with. Loading them twice changes nothing."""

from collections.abc import Sequence
from dataclasses import dataclass, field

from django.db import transaction

from hubwork.core.choices import Phase
from hubwork.hubs.models import Accreditation
from hubwork.programmes.models import IntendedOutcome, Mode, Programme
from hubwork.programmes.services import OutcomeData, programme_save
from hubwork.programmes.signals import programmes_seeded

Area = IntendedOutcome.Area


@dataclass(frozen=True)
class ProgrammeSeed:
    name: str
    slug: str
    kind: str
    phases: tuple[str, ...]
    summary: str
    sessions: int = 3
    hours: float = 3
    mode: str = Mode.BLENDED
    once_per_school: bool = False
    trn_required: bool = False
    # The accreditation a completed Work Group of it grants (hubs.models.Accreditation.Kind).
    accreditation: str = ""
    outcomes: dict[str, list[str]] = field(default_factory=dict)


PROGRAMMES = [
    ProgrammeSeed(
        "Developing Core Maths Pedagogy",
        "developing-core-maths-pedagogy",
        Programme.Kind.WORK_GROUP,
        (Phase.POST16,),
        "For teachers of Core Maths in schools and colleges: teaching that helps students use "
        "mathematics to solve problems from their own lives, work and other subjects.",
        outcomes={
            Area.PROFESSIONAL_LEARNING: [
                "Teachers understand the aims and pedagogy of Core Maths."
            ],
            Area.PRACTICE: ["Teachers plan lessons that start from real problems and data."],
            Area.PUPIL_LEARNING: ["Students apply mathematics confidently in unfamiliar contexts."],
            Area.SCHOOL_APPROACHES: ["The department promotes Core Maths to more students."],
        },
    ),
    ProgrammeSeed(
        "Sustaining Teaching for Mastery",
        "sustaining-teaching-for-mastery",
        Programme.Kind.WORK_GROUP,
        (Phase.PRIMARY, Phase.SECONDARY),
        "For schools that have embedded teaching for mastery and want to keep developing it, "
        "with support from other schools doing the same.",
        outcomes={
            Area.PROFESSIONAL_LEARNING: ["Teachers deepen their knowledge of mastery approaches."],
            Area.PRACTICE: ["Teaching for mastery is consistent across the school."],
            Area.PUPIL_LEARNING: ["Pupils reason about and explain their mathematics."],
            Area.SCHOOL_APPROACHES: ["The school has a plan to sustain mastery for new staff."],
        },
    ),
    ProgrammeSeed(
        "Years 5–8 Continuity",
        "years-5-8-continuity",
        Programme.Kind.WORK_GROUP,
        (Phase.PRIMARY, Phase.SECONDARY),
        "Primary and secondary teachers work together on the mathematics pupils meet either "
        "side of the move to secondary school, so that learning carries on without a break.",
        outcomes={
            Area.PROFESSIONAL_LEARNING: [
                "Teachers know how the curriculum is taught in the other phase."
            ],
            Area.PRACTICE: ["Lessons in Years 6 and 7 build on each other."],
            Area.PUPIL_LEARNING: ["Pupils keep making progress across the transition."],
        },
    ),
    ProgrammeSeed(
        "Mastering Number",
        "mastering-number",
        Programme.Kind.WORK_GROUP,
        (Phase.EARLY_YEARS, Phase.PRIMARY),
        "Strong number sense for children in Reception to Year 2, through short daily sessions "
        "in class and a Work Group for their teachers.",
        sessions=4,
        hours=2,
        mode=Mode.ONLINE,
        once_per_school=True,
        outcomes={
            Area.PRACTICE: ["Teachers teach a short number session every day."],
            Area.PUPIL_LEARNING: ["Children become fluent in number facts and number sense."],
        },
    ),
    ProgrammeSeed(
        "Specialist Knowledge for Teaching Mathematics for Teaching Assistants",
        "sktm-teaching-assistants",
        Programme.Kind.SPECIALIST,
        (Phase.PRIMARY,),
        "For teaching assistants: the mathematics behind what pupils learn, and how to "
        "support them in class and in small groups.",
        sessions=5,
        outcomes={
            Area.PROFESSIONAL_LEARNING: ["Teaching assistants strengthen their subject knowledge."],
            Area.PRACTICE: ["Support in lessons uses the same models and language as the teacher."],
        },
    ),
    ProgrammeSeed(
        "Early Career Teacher programme",
        "early-career-teacher",
        Programme.Kind.SPECIALIST,
        (Phase.PRIMARY, Phase.SECONDARY),
        "Subject-specific support in mathematics for teachers in their first years of teaching.",
        sessions=4,
        hours=2,
        mode=Mode.ONLINE,
        trn_required=True,
        outcomes={
            Area.PROFESSIONAL_LEARNING: [
                "Early career teachers build subject and pedagogical knowledge."
            ],
            Area.PRACTICE: ["Teachers plan lessons that use representations well."],
        },
    ),
    ProgrammeSeed(
        "PD Lead programme",
        "pd-lead-programme",
        Programme.Kind.SPECIALIST,
        tuple(Phase.values),
        "For teachers a hub has accepted to become LLMEs: how to lead professional "
        "development for other teachers, with sessions, tasks between them and a lead who "
        "supports you. Completing it accredits you as a PD Lead and makes you an LLME of the hub.",
        sessions=6,
        hours=3,
        accreditation=Accreditation.Kind.PD_LEAD,
        outcomes={
            Area.PROFESSIONAL_LEARNING: [
                "Participants know what makes professional development for teachers effective."
            ],
            Area.PRACTICE: ["Participants plan and lead sessions for teachers from other schools."],
        },
    ),
    ProgrammeSeed(
        "Research and Innovation Work Group: Oracy",
        "riwg-oracy",
        Programme.Kind.RIWG,
        (Phase.PRIMARY,),
        "Teachers research how talk in mathematics lessons helps pupils reason, and share "
        "what they find.",
        outcomes={
            Area.PROFESSIONAL_LEARNING: ["Teachers carry out small-scale practitioner research."],
            Area.PUPIL_LEARNING: ["Pupils explain and justify their thinking aloud."],
        },
    ),
    ProgrammeSeed(
        "Research and Innovation Work Group: New to Primary Teaching for Mastery Subject Leaders",
        "riwg-new-primary-tfm-subject-leaders",
        Programme.Kind.RIWG,
        (Phase.PRIMARY,),
        "New primary mathematics subject leaders research how to lead teaching for mastery "
        "in their school.",
        outcomes={
            Area.PROFESSIONAL_LEARNING: ["Subject leaders understand how to lead change in maths."],
            Area.SCHOOL_APPROACHES: ["The school has a mastery development plan."],
        },
    ),
]


def programmes_seed(*, programmes: Sequence[ProgrammeSeed] = tuple(PROGRAMMES)) -> int:
    """Create whichever of `programmes` (the national ones unless given) are missing;
    returns how many."""
    created = 0
    with transaction.atomic():
        held = set(Programme.objects.values_list("slug", flat=True))
        for seed in programmes:
            if seed.slug in held:
                continue
            programme = Programme(
                name=seed.name,
                slug=seed.slug,
                kind=seed.kind,
                summary=seed.summary,
                recommended_sessions=seed.sessions,
                recommended_hours_per_session=seed.hours,
                recommended_mode=seed.mode,
                once_per_school=seed.once_per_school,
                trn_required=seed.trn_required,
                accreditation=seed.accreditation,
            )
            outcomes = [
                OutcomeData(area=area, text=text, position=position)
                for area, texts in seed.outcomes.items()
                for position, text in enumerate(texts)
            ]
            programme_save(programme=programme, phases=seed.phases, outcomes=outcomes, by=None)
            created += 1
        # Apps above (evaluation's default questionnaires) fill in what each programme needs,
        # for the ones already there too: seeding again mends what is missing.
        seeded = Programme.objects.filter(slug__in=[seed.slug for seed in programmes])
        programmes_seeded.send(sender=Programme, programmes=list(seeded))
    return created
