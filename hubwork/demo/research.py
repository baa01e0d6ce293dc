"""Demo data for the research library: readings on the national list and on GLOW's, with
summaries, phases and themes. DOIs are given only for papers whose DOI is well known; the
rest have none, as many readings in a real library do. Loading again adds only what is
missing."""

from typing import Any

from hubwork.accounts.models import User
from hubwork.hubs.models import Hub
from hubwork.research.models import Reading, Theme
from hubwork.research.permissions import ReadingList
from hubwork.research.services.readings import find_duplicate, reading_create

Kind = Reading.SourceKind

NATIONAL_READINGS: list[dict[str, Any]] = [
    {
        "authors": "Rohrer, D.; Taylor, K.",
        "year": 2007,
        "title": "The shuffling of mathematics problems improves learning",
        "source": "Instructional Science",
        "source_kind": Kind.JOURNAL_ARTICLE,
        "doi": "10.1007/s11251-007-9015-8",
        "summary": (
            "Students who practised a mix of problem types, rather than a block of one type "
            "at a time, did worse while practising but much better on a test a week later. "
            "Mixing makes pupils choose the method, not just carry it out."
        ),
        "phases": ["secondary", "post16"],
        "themes": ["retrieval-practice", "problem-solving"],
    },
    {
        "authors": "Roediger, H. L.; Karpicke, J. D.",
        "year": 2006,
        "title": ("Test-enhanced learning: taking memory tests improves long-term retention"),
        "source": "Psychological Science",
        "source_kind": Kind.JOURNAL_ARTICLE,
        "doi": "10.1111/j.1467-9280.2006.01693.x",
        "summary": (
            "Recalling what was learnt, even without feedback, helped people remember it days "
            "later far more than studying it again. The basis of low-stakes quizzing at the "
            "start of lessons."
        ),
        "phases": ["primary", "secondary", "post16"],
        "themes": ["retrieval-practice"],
    },
    {
        "authors": "Kirschner, P. A.; Sweller, J.; Clark, R. E.",
        "year": 2006,
        "title": (
            "Why minimal guidance during instruction does not work: an analysis of the "
            "failure of constructivist, discovery, problem-based, experiential, and "
            "inquiry-based teaching"
        ),
        "source": "Educational Psychologist",
        "source_kind": Kind.JOURNAL_ARTICLE,
        "doi": "10.1207/s15326985ep4102_1",
        "summary": (
            "Novices learn more from fully guided teaching, such as worked examples, than "
            "from being left to discover methods, because working memory is limited. Useful "
            "for discussing when to guide and when to let pupils explore."
        ),
        "phases": ["primary", "secondary"],
        "themes": ["cognitive-load"],
    },
    {
        "authors": "Hattie, J.; Timperley, H.",
        "year": 2007,
        "title": "The power of feedback",
        "source": "Review of Educational Research",
        "source_kind": Kind.JOURNAL_ARTICLE,
        "doi": "10.3102/003465430298487",
        "summary": (
            "Feedback helps most when it answers three questions: where am I going, how am I "
            "going, and where to next. Feedback about the task and the process helps more "
            "than praise."
        ),
        "phases": ["primary", "secondary", "post16"],
        "themes": ["assessment-and-feedback"],
    },
    {
        "authors": "Education Endowment Foundation",
        "year": 2017,
        "title": "Improving mathematics in Key Stages 2 and 3: guidance report",
        "source": "Education Endowment Foundation",
        "source_kind": Kind.REPORT,
        "open_access": True,
        "summary": (
            "Eight recommendations drawn from the research, among them using assessment to "
            "build on what pupils already know, using manipulatives and representations, and "
            "teaching strategies for solving problems."
        ),
        "phases": ["primary", "secondary"],
        "themes": [
            "bar-models-and-representations",
            "problem-solving",
            "transition-between-phases",
        ],
    },
    {
        "authors": "Sims, S.; Fletcher-Wood, H.; O'Mara-Eves, A.; and others",
        "year": 2021,
        "title": (
            "What are the characteristics of effective teacher professional development? A "
            "systematic review and meta-analysis"
        ),
        "source": "Education Endowment Foundation",
        "source_kind": Kind.REPORT,
        "open_access": True,
        "summary": (
            "Professional development works best when it builds knowledge, motivates "
            "teachers, develops teaching techniques and embeds practice; the review names 14 "
            "mechanisms that do these, on which Work Group sessions are planned."
        ),
        "phases": ["early_years", "primary", "secondary", "post16"],
        "themes": ["professional-development"],
    },
]

GLOW_READINGS: list[dict[str, Any]] = [
    {
        "authors": "Mercer, N.; Sams, C.",
        "year": 2006,
        "title": "Teaching children how to use language to solve maths problems",
        "source": "Language and Education",
        "source_kind": Kind.JOURNAL_ARTICLE,
        "summary": (
            "Year 5 classes taught ground rules for talking together (everyone is asked, "
            "reasons are given, the group agrees) solved more maths problems, in groups and "
            "alone, than classes that were not."
        ),
        "phases": ["primary"],
        "themes": ["oracy-and-mathematical-talk", "mathematical-reasoning"],
    },
    {
        "authors": "Ng, S. F.; Lee, K.",
        "year": 2009,
        "title": (
            "The model method: Singapore children's tool for representing and solving "
            "algebraic word problems"
        ),
        "source": "Journal for Research in Mathematics Education",
        "source_kind": Kind.JOURNAL_ARTICLE,
        "summary": (
            "How children draw bar models for word problems, where the drawings go wrong, "
            "and how the models prepare pupils for algebra."
        ),
        "phases": ["primary", "secondary"],
        "themes": ["bar-models-and-representations", "problem-solving"],
    },
    {
        "authors": "Jerrim, J.; Vignoles, A.",
        "year": 2016,
        "title": (
            "The link between East Asian 'mastery' teaching methods and English children's "
            "mathematics skills"
        ),
        "source": "Economics of Education Review",
        "source_kind": Kind.JOURNAL_ARTICLE,
        "summary": (
            "A trial of a mastery programme in English primary and secondary schools found a "
            "small positive effect on pupils' maths after one year: worth discussing what "
            "changes in a school over several years."
        ),
        "phases": ["primary", "secondary"],
        "themes": ["mastery"],
    },
    {
        "authors": "Sweller, J.",
        "year": 1988,
        "title": "Cognitive load during problem solving: effects on learning",
        "source": "Cognitive Science",
        "source_kind": Kind.JOURNAL_ARTICLE,
        "doi": "10.1207/s15516709cog1202_4",
        "summary": (
            "Searching for a way to solve a problem takes up the working memory that "
            "learning the method needs; goal-free problems and worked examples leave room "
            "to learn."
        ),
        "phases": ["secondary"],
        "themes": ["cognitive-load", "problem-solving"],
    },
]


def _add(readings: list[dict[str, Any]], reading_list: ReadingList, by: User) -> int:
    themes = {theme.slug: theme for theme in Theme.objects.all()}
    created = 0
    for details in readings:
        details = dict(details)
        if find_duplicate(doi=details.get("doi", ""), title=details["title"], year=details["year"]):
            continue
        details["themes"] = [themes[slug] for slug in details["themes"] if slug in themes]
        reading_create(by=by, reading_list=reading_list, **details)
        created += 1
    return created


def seed_research(*, hubs: dict[str, Hub], by: User) -> int:
    """The national list's readings, added by the national admin `by`, and GLOW's, added by
    its LLME."""
    created = _add(NATIONAL_READINGS, ReadingList(hub=None), by)
    llme = User.objects.filter(email="llme@example.org").first() or by
    created += _add(GLOW_READINGS, ReadingList(hub=hubs["glow"]), llme)
    return created
