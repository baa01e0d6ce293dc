"""Full-text search of published findings, one function for the findings page and the bench.

On PostgreSQL it is the database's english text search over title, question, summary,
findings and implications (weighted in that order), served by the GIN index on the same
expression (migration 0004). On SQLite it is an FTS5 table of published projects, with the
Porter stemmer so "explaining" finds "explained" too; `finding_index_update` keeps it in step
on every save and delete of a project (connected from ResearchConfig.ready()), and
`finding_index_rebuild` fills it afresh after bulk writes that skip signals.

Either way a search is the words of what someone typed, every one required. Only letters and
digits reach the database's query language, each word quoted, so nothing typed (quotes,
brackets, AND, NEAR, *) can be read as search syntax or make a query fail.
"""

import re
from typing import Any

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVectorField
from django.db import connections
from django.db.models import F, FloatField, Q, QuerySet, Value
from django.db.models.expressions import RawSQL
from django.db.models.signals import post_delete, post_save

from hubwork.research.models import ResearchProject

FTS_TABLE = "research_finding_fts"
SEARCHED = ("title", "question", "summary", "findings", "implications")
MAX_WORDS = 10
_WORD = re.compile(r"[^\W_]+")

# The SQL is written out whole, with nothing formatted into it: only %s parameters vary.
# The expression the GIN index of migration 0004 is built on (columns qualified here, which
# PostgreSQL reads as the same expression): change both together.
SEARCH_VECTOR_SQL = (
    "setweight(to_tsvector('english'::regconfig, "
    "coalesce(research_researchproject.title, '')), 'A') || "
    "setweight(to_tsvector('english'::regconfig, "
    "coalesce(research_researchproject.question, '') || ' ' || "
    "coalesce(research_researchproject.summary, '')), 'B') || "
    "setweight(to_tsvector('english'::regconfig, "
    "coalesce(research_researchproject.findings, '') || ' ' || "
    "coalesce(research_researchproject.implications, '')), 'C')"
)
# Joined rather than a correlated subquery, so the match runs once, not once a row.
_FTS_JOIN = "research_finding_fts.rowid = research_researchproject.id"
_FTS_MATCH = "research_finding_fts MATCH %s"
# Higher is better; bm25's weights for SEARCHED, in order, as the tsvector's weights above.
_FTS_RANK = "-bm25(research_finding_fts, 10.0, 5.0, 5.0, 2.0, 2.0)"
_FTS_FORGET = "DELETE FROM research_finding_fts WHERE rowid = %s"
_FTS_ADD = (
    "INSERT INTO research_finding_fts (rowid, title, question, summary, findings, implications) "
    "VALUES (%s, %s, %s, %s, %s, %s)"
)
_FTS_EMPTY = "DELETE FROM research_finding_fts"
_FTS_FILL = (
    "INSERT INTO research_finding_fts (rowid, title, question, summary, findings, implications) "
    "SELECT id, title, question, summary, findings, implications "
    "FROM research_researchproject WHERE status = %s"
)
_FTS_COUNT = "SELECT count(*) FROM research_finding_fts"


def search_words(text: str) -> list[str]:
    """The words searched for: letters and digits only, at most MAX_WORDS."""
    return _WORD.findall(text or "")[:MAX_WORDS]


def findings_matching(projects: QuerySet[ResearchProject], text: str) -> QuerySet[ResearchProject]:
    """`projects` that hold every word of `text`, annotated with `search_rank` (higher is a
    better match). Text without words leaves `projects` as they are, ranked 0."""
    words = search_words(text)
    if not words:
        return projects.annotate(search_rank=Value(0.0, output_field=FloatField()))
    vendor = connections[projects.db].vendor
    if vendor == "postgresql":
        query = SearchQuery(" ".join(words), search_type="plain", config="english")
        return (
            projects.alias(
                # Fixed SQL, no user input: the words go in SearchQuery's parameter.
                search_vector=RawSQL(SEARCH_VECTOR_SQL, [], output_field=SearchVectorField())  # noqa: S611
            )
            .filter(search_vector=query)
            .annotate(search_rank=SearchRank(F("search_vector"), query))
        )
    if vendor == "sqlite":
        match = " ".join(f'"{word}"' for word in words)
        # Fixed SQL; the words go in as a parameter. (The ORM cannot join a table no model
        # names, hence extra().)
        return projects.extra(  # noqa: S610
            tables=[FTS_TABLE],
            where=[_FTS_JOIN, _FTS_MATCH],
            params=[match],
            select={"search_rank": _FTS_RANK},
        )
    for word in words:  # any other database: every word somewhere in the text
        projects = projects.filter(
            Q(title__icontains=word)
            | Q(question__icontains=word)
            | Q(summary__icontains=word)
            | Q(findings__icontains=word)
            | Q(implications__icontains=word)
        )
    return projects.annotate(search_rank=Value(0.0, output_field=FloatField()))


# --- Keeping SQLite's FTS5 table in step --------------------------------------------------


def _is_sqlite(using: str) -> bool:
    return connections[using].vendor == "sqlite"


def finding_index_update(project: ResearchProject, *, using: str = "default") -> None:
    """Index `project` as it now is: published, with its current text; otherwise not at all.
    (PostgreSQL's index follows the table by itself.)"""
    if not _is_sqlite(using):
        return
    with connections[using].cursor() as cursor:
        cursor.execute(_FTS_FORGET, [project.pk])
        if project.status == ResearchProject.Status.PUBLISHED:
            cursor.execute(
                _FTS_ADD, [project.pk, *(getattr(project, name) or "" for name in SEARCHED)]
            )


def finding_index_forget(pk: int, *, using: str = "default") -> None:
    """Take a deleted project out of the index."""
    if _is_sqlite(using):
        with connections[using].cursor() as cursor:
            cursor.execute(_FTS_FORGET, [pk])


def finding_index_rebuild(*, using: str = "default") -> int:
    """Index every published project afresh (after bulk writes, which send no signals);
    returns how many are indexed."""
    if not _is_sqlite(using):
        return ResearchProject.objects.using(using).filter(status="published").count()
    with connections[using].cursor() as cursor:
        cursor.execute(_FTS_EMPTY)
        cursor.execute(_FTS_FILL, [ResearchProject.Status.PUBLISHED])
        cursor.execute(_FTS_COUNT)
        row = cursor.fetchone()
    return int(row[0]) if row else 0


def _project_saved(sender: Any, instance: ResearchProject, using: str, **kwargs: Any) -> None:
    finding_index_update(instance, using=using)


def _project_deleted(sender: Any, instance: ResearchProject, using: str, **kwargs: Any) -> None:
    finding_index_forget(instance.pk, using=using)


def connect_search_index() -> None:
    """Keep the index in step with every project saved or deleted (ResearchConfig.ready())."""
    post_save.connect(_project_saved, sender=ResearchProject, dispatch_uid="research_fts_save")
    post_delete.connect(
        _project_deleted, sender=ResearchProject, dispatch_uid="research_fts_delete"
    )
