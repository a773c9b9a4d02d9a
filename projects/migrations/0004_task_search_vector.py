"""PostgreSQL: keep each task's tsvector in a stored generated column, indexed with GIN.

Migration 0003 indexed the tsvector *expression*: matching used the index, but ranking
(`ts_rank`) had to rebuild the vector of every matching task from its text on every search —
for a common word, tens of thousands of `to_tsvector` calls per request. The stored column is
computed once per write. Like 0003's FTS5 table, it lives below the ORM (the model does not
declare it: SQLite has no tsvector), and only projects.search reads it.
"""

from django.db import migrations

VECTOR = (
    "to_tsvector('english'::regconfig, coalesce(title, '') || ' ' || coalesce(description, '')"
    " || ' ' || coalesce(skills_text, ''))"
)
FORWARD = [
    f"ALTER TABLE projects_task ADD COLUMN search_vector tsvector GENERATED ALWAYS AS ({VECTOR}) STORED",
    "CREATE INDEX projects_task_search_vector_gin ON projects_task USING GIN (search_vector)",
    "DROP INDEX IF EXISTS projects_task_search_gin",
]
BACKWARD = [
    f"CREATE INDEX projects_task_search_gin ON projects_task USING GIN ({VECTOR})",
    "DROP INDEX IF EXISTS projects_task_search_vector_gin",
    "ALTER TABLE projects_task DROP COLUMN IF EXISTS search_vector",
]


def _run(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for sql in statements:
                schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("projects", "0003_task_search")]

    operations = [migrations.RunPython(_run(FORWARD), _run(BACKWARD))]
