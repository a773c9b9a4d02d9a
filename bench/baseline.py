"""The raw-SQL + orjson baseline: what the browse page costs with nothing but the query."""

import orjson
from django.db import connection


def _skills_aggregate() -> str:
    if connection.vendor == "postgresql":
        return "string_agg(s.name, ',')"
    return "group_concat(s.name, ',')"


def browse_first_page_json() -> bytes:
    sql = f"""
        SELECT t.id, t.title, substr(t.description, 1, 240) AS excerpt, t.estimated_hours,
               t.deadline, t.is_remote, t.stipend_amount, t.stipend_currency, t.published_at,
               p.handle AS mentor_handle, p.display_name AS mentor_name,
               (SELECT {_skills_aggregate()} FROM projects_task_skills ts
                  JOIN accounts_skill s ON s.id = ts.skill_id WHERE ts.task_id = t.id) AS skills
        FROM projects_task t
        JOIN accounts_profile p ON p.user_id = t.mentor_id
        WHERE t.state = 'open' AND t.visibility = 'public'
        ORDER BY t.published_at DESC, t.id DESC
        LIMIT 21
    """
    with connection.cursor() as cursor:
        cursor.execute(sql)
        columns = [c[0] for c in cursor.description]
        rows = [dict(zip(columns, row, strict=True)) for row in cursor.fetchall()]
    return orjson.dumps({"results": rows[:20]}, default=str)
