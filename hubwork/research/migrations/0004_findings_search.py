"""Full-text search of published findings (research/search.py):

- PostgreSQL: a GIN index on the english tsvector of title, question, summary, findings and
  implications (the expression research/search.py searches with, so the index serves it).
  An expression index rather than a generated column, so later migrations may still change
  those columns' types.
- SQLite: an FTS5 table, `research_finding_fts` (rowid = the project's id), holding the
  published projects only, kept in step by research/search.py's `finding_index_update`
  (signals on every save and delete of a project).

Other databases get neither; search falls back to matching words.
"""

from django.db import migrations

# Keep in step with research/search.py's SEARCH_VECTOR_SQL, or the index serves no search.
SEARCH_VECTOR_SQL = (
    "setweight(to_tsvector('english'::regconfig, coalesce(title, '')), 'A') || "
    "setweight(to_tsvector('english'::regconfig, coalesce(question, '') || ' ' || "
    "coalesce(summary, '')), 'B') || "
    "setweight(to_tsvector('english'::regconfig, coalesce(findings, '') || ' ' || "
    "coalesce(implications, '')), 'C')"
)

FORWARD = {
    "postgresql": [
        "CREATE INDEX research_project_search_gin ON research_researchproject "
        "USING GIN ((" + SEARCH_VECTOR_SQL + "))"
    ],
    "sqlite": [
        "CREATE VIRTUAL TABLE research_finding_fts USING fts5("
        "title, question, summary, findings, implications, "
        "tokenize = 'porter unicode61 remove_diacritics 2')",
        # Projects published before this migration.
        "INSERT INTO research_finding_fts (rowid, title, question, summary, findings, "
        "implications) SELECT id, title, question, summary, findings, implications "
        "FROM research_researchproject WHERE status = 'published'",
    ],
}
BACKWARD = {
    "postgresql": ["DROP INDEX IF EXISTS research_project_search_gin"],
    "sqlite": ["DROP TABLE IF EXISTS research_finding_fts"],
}


def forward(apps, schema_editor):
    for statement in FORWARD.get(schema_editor.connection.vendor, []):
        schema_editor.execute(statement)


def backward(apps, schema_editor):
    for statement in BACKWARD.get(schema_editor.connection.vendor, []):
        schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("research", "0003_riwg_projects_and_session_readings")]

    operations = [migrations.RunPython(forward, backward)]
