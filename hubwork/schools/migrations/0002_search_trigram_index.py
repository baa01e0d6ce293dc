"""On PostgreSQL, a trigram index makes "name contains …" searches on 50,000 schools fast.

SQLite has no such index; there the search scans one narrow column, which the
benchmark in bench/ measures.
"""

from django.db import migrations


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    schema_editor.execute(
        "CREATE INDEX IF NOT EXISTS schools_school_search_text_trgm "
        "ON schools_school USING gin (search_text gin_trgm_ops)"
    )


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS schools_school_search_text_trgm")


class Migration(migrations.Migration):
    dependencies = [("schools", "0001_initial")]

    operations = [migrations.RunPython(create_index, drop_index)]
