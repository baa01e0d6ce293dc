"""The questions every programme starts with, as data: session feedback (Guskey level 1), the
pre/post questionnaire built from the programme's own intended outcomes (levels 2 to 5, by
outcome area) with questions on practice after the Work Group (level 4), and the school
leader's questionnaire (level 3).

A national default (no programme) ties its scale questions to an outcome area alone; a
programme's pre/post and school leader scale questions each measure one of its intended
outcomes. National admins change them from there (services/questionnaires.py).
"""

from dataclasses import dataclass, field

from hubwork.evaluation.models import Item, Questionnaire
from hubwork.programmes.models import IntendedOutcome, Programme

Area = IntendedOutcome.Area
Kind = Questionnaire.Kind

AGREEMENT_5 = (
    "Strongly disagree",
    "Disagree",
    "Neither agree nor disagree",
    "Agree",
    "Strongly agree",
)
AGREEMENT_7 = (
    "Strongly disagree",
    "Disagree",
    "Somewhat disagree",
    "Neither agree nor disagree",
    "Somewhat agree",
    "Agree",
    "Strongly agree",
)


@dataclass(frozen=True)
class ItemSeed:
    """One default question; `outcome` only for a programme's questions."""

    kind: str
    text: str
    hint: str = ""
    required: bool = True
    asked: str = Item.Asked.BOTH
    area: str = ""
    outcome: IntendedOutcome | None = None
    scale_labels: tuple[str, ...] = ()
    choices: tuple[str, ...] = ()
    min_value: int | None = None
    max_value: int | None = None


@dataclass(frozen=True)
class QuestionnaireSeed:
    title: str
    introduction: str
    items: list[ItemSeed] = field(default_factory=list)


TITLES: dict[str, str] = {
    Kind.SESSION_FEEDBACK: "How was the session?",
    Kind.PRE_POST: "Your teaching, before and after the Work Group",
    Kind.SCHOOL_LEADER: "Your school and the Work Group",
}

INTRODUCTIONS: dict[str, str] = {
    Kind.SESSION_FEEDBACK: (
        "Tell the leads what worked and what could be better. It takes about two minutes. "
        "Leads see everyone's answers together, without names, and nothing at all until "
        "at least three people have answered."
    ),
    Kind.PRE_POST: (
        "We ask the same questions before the first session and after the last, to see what "
        "changed. There are no right answers: say how things are for you now. Your answers "
        "are reported only as totals for the whole group."
    ),
    Kind.SCHOOL_LEADER: (
        "A teacher from your school took part in this Work Group. Tell us what support the "
        "school could give and what has changed in your department. It takes about three "
        "minutes, and answers are reported only as totals."
    ),
}

# The national default's pre/post questions, one per outcome area.
AREA_STATEMENTS = {
    Area.PROFESSIONAL_LEARNING: (
        "I am confident in my knowledge of the mathematics and the teaching approaches this "
        "Work Group is about."
    ),
    Area.PRACTICE: "I use the approaches this Work Group is about in my lessons.",
    Area.PUPIL_LEARNING: (
        "Pupils in my classes reason about and explain the mathematics this Work Group is about."
    ),
    Area.SCHOOL_APPROACHES: (
        "My department has a shared approach to the teaching this Work Group is about."
    ),
}


def session_feedback_items() -> list[ItemSeed]:
    return [
        ItemSeed(
            Item.Kind.SCALE,
            "The session was relevant to my teaching.",
            area=Area.PROFESSIONAL_LEARNING,
            scale_labels=AGREEMENT_5,
        ),
        ItemSeed(
            Item.Kind.SCALE,
            "I will try something from this session with my classes.",
            area=Area.PRACTICE,
            scale_labels=AGREEMENT_5,
        ),
        ItemSeed(
            Item.Kind.SINGLE_CHOICE,
            "The pace of the session was",
            choices=("Too slow", "About right", "Too fast"),
        ),
        ItemSeed(
            Item.Kind.FREE_TEXT,
            "What will you try next?",
            hint="For example, a question, a representation or a routine, and with which class.",
            required=False,
            area=Area.PRACTICE,
        ),
        ItemSeed(Item.Kind.FREE_TEXT, "What could be better?", required=False),
    ]


def practice_items() -> list[ItemSeed]:
    """Asked after the Work Group only: how much the approaches were used (level 4)."""
    return [
        ItemSeed(
            Item.Kind.SINGLE_CHOICE,
            "How often have you used the approaches in your lessons since the Work Group began?",
            asked=Item.Asked.POST,
            area=Area.PRACTICE,
            choices=(
                "Not yet",
                "Once or twice",
                "About once a fortnight",
                "About once a week",
                "In most lessons",
            ),
        ),
        ItemSeed(
            Item.Kind.NUMBER,
            "How many lessons have you taught using the approaches since the Work Group began?",
            hint="An estimate is fine.",
            asked=Item.Asked.POST,
            area=Area.PRACTICE,
            required=False,
            min_value=0,
            max_value=500,
        ),
        ItemSeed(
            Item.Kind.FREE_TEXT,
            "What has changed in your teaching because of the Work Group?",
            asked=Item.Asked.POST,
            area=Area.PRACTICE,
            required=False,
        ),
    ]


def pre_post_items(outcomes: list[IntendedOutcome] | None) -> list[ItemSeed]:
    """One 7-point agreement question per intended outcome (or, for the national default with
    `outcomes` None, per outcome area), asked both times; then the questions on practice."""
    hint = "Think about yourself, your own classes and your school as they are now."
    if outcomes is None:
        scales = [
            ItemSeed(Item.Kind.SCALE, statement, hint=hint, area=area, scale_labels=AGREEMENT_7)
            for area, statement in AREA_STATEMENTS.items()
        ]
    else:
        scales = [
            ItemSeed(
                Item.Kind.SCALE,
                f"How far do you agree: “{outcome.text}”",
                hint=hint,
                area=outcome.area,
                outcome=outcome,
                scale_labels=AGREEMENT_7,
            )
            for outcome in outcomes
        ]
    return scales + practice_items()


def school_leader_items(outcomes: list[IntendedOutcome] | None) -> list[ItemSeed]:
    """The support the school gave and what changed in the department (level 3)."""
    if outcomes is None:
        scales = [
            ItemSeed(
                Item.Kind.SCALE,
                "The department's approach to teaching maths has changed because of the Work "
                "Group.",
                area=Area.SCHOOL_APPROACHES,
                scale_labels=AGREEMENT_7,
            )
        ]
    else:
        scales = [
            ItemSeed(
                Item.Kind.SCALE,
                f"How far do you agree: “{outcome.text}”",
                area=outcome.area,
                outcome=outcome,
                scale_labels=AGREEMENT_7,
            )
            for outcome in outcomes
            if outcome.area == Area.SCHOOL_APPROACHES
        ]
    return [
        ItemSeed(
            Item.Kind.SINGLE_CHOICE,
            "How much time and support could the school give participants to try the approaches?",
            area=Area.SCHOOL_APPROACHES,
            choices=("None", "A little", "Some", "A lot"),
        ),
        ItemSeed(
            Item.Kind.MULTIPLE_CHOICE,
            "Which of these has the school done because of the Work Group?",
            hint="Select all that apply.",
            area=Area.SCHOOL_APPROACHES,
            required=False,
            choices=(
                "Shared the approaches at a staff or department meeting",
                "Changed the scheme of work or lesson plans",
                "Changed the maths policy",
                "Given time for teachers to plan or observe together",
                "Planned more professional development on the approaches",
            ),
        ),
        *scales,
        ItemSeed(
            Item.Kind.FREE_TEXT,
            "What has changed in your department, and what support would help next?",
            area=Area.SCHOOL_APPROACHES,
            required=False,
        ),
    ]


def default_questionnaire(programme: Programme | None, kind: str) -> QuestionnaireSeed:
    """The default title, introduction and questions of `kind` for a programme (its intended
    outcomes loaded, in order) or, with None, for the national default."""
    outcomes = list(programme.outcomes.all()) if programme is not None else None
    if kind == Kind.SESSION_FEEDBACK:
        items = session_feedback_items()
    elif kind == Kind.PRE_POST:
        items = pre_post_items(outcomes)
    elif kind == Kind.SCHOOL_LEADER:
        items = school_leader_items(outcomes)
    else:
        raise ValueError(f"No questionnaire kind is called {kind!r}.")
    return QuestionnaireSeed(title=TITLES[kind], introduction=INTRODUCTIONS[kind], items=items)
