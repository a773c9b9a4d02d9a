"""Full-text search over tasks: one selector, two backends.

SQLite (embedded default): an FTS5 external-content table kept in step by triggers.
PostgreSQL (production): a GIN index on the same tsvector expression the selector queries,
so the planner uses it. Each backend creates only its own objects.
"""

from django.db import migrations

SQLITE_FORWARD = [
    """CREATE VIRTUAL TABLE projects_task_fts USING fts5(
        title, description, skills_text,
        content='projects_task', content_rowid='id', tokenize='porter unicode61'
    )""",
    """CREATE TRIGGER projects_task_fts_ai AFTER INSERT ON projects_task BEGIN
        INSERT INTO projects_task_fts(rowid, title, description, skills_text)
        VALUES (new.id, new.title, new.description, new.skills_text);
    END""",
    """CREATE TRIGGER projects_task_fts_ad AFTER DELETE ON projects_task BEGIN
        INSERT INTO projects_task_fts(projects_task_fts, rowid, title, description, skills_text)
        VALUES ('delete', old.id, old.title, old.description, old.skills_text);
    END""",
    """CREATE TRIGGER projects_task_fts_au AFTER UPDATE OF title, description, skills_text
        ON projects_task BEGIN
        INSERT INTO projects_task_fts(projects_task_fts, rowid, title, description, skills_text)
        VALUES ('delete', old.id, old.title, old.description, old.skills_text);
        INSERT INTO projects_task_fts(rowid, title, description, skills_text)
        VALUES (new.id, new.title, new.description, new.skills_text);
    END""",
    "INSERT INTO projects_task_fts(projects_task_fts) VALUES ('rebuild')",
]
SQLITE_BACKWARD = [
    "DROP TRIGGER IF EXISTS projects_task_fts_au",
    "DROP TRIGGER IF EXISTS projects_task_fts_ad",
    "DROP TRIGGER IF EXISTS projects_task_fts_ai",
    "DROP TABLE IF EXISTS projects_task_fts",
]
# Must match projects.search.POSTGRES_VECTOR exactly, or the index is not used.
POSTGRES_FORWARD = [
    """CREATE INDEX projects_task_search_gin ON projects_task USING GIN (
        to_tsvector('english'::regconfig,
            coalesce(title, '') || ' ' || coalesce(description, '') || ' '
            || coalesce(skills_text, ''))
    )"""
]
POSTGRES_BACKWARD = ["DROP INDEX IF EXISTS projects_task_search_gin"]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for sql in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("projects", "0002_lifecycle")]

    operations = [
        migrations.RunPython(
            _run({"sqlite": SQLITE_FORWARD, "postgresql": POSTGRES_FORWARD}),
            _run({"sqlite": SQLITE_BACKWARD, "postgresql": POSTGRES_BACKWARD}),
        )
    ]
