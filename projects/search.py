"""Full-text search over tasks on both supported databases (see migrations 0003 and 0004).

User input never reaches the query syntax: it is reduced to word tokens, each matched as a
prefix, all required.
"""

import re

from django.db import connection
from django.db.models import BooleanField, FloatField, QuerySet
from django.db.models.expressions import RawSQL

MAX_TOKENS = 8

# A stored generated tsvector column with a GIN index (migration 0004): matching uses the
# index and ranking reads the stored vector instead of re-parsing each matching task's text.
POSTGRES_VECTOR = "projects_task.search_vector"


def search_tokens(q: str) -> list[str]:
    return re.findall(r"\w+", q.lower())[:MAX_TOKENS]


def task_search(queryset: QuerySet, q: str) -> QuerySet:
    """Filter `queryset` (of Task) to matches of `q` and annotate `rank` (higher is better)."""
    tokens = search_tokens(q)
    if not tokens:
        return queryset.none()
    if connection.vendor == "postgresql":
        tsquery = " & ".join(f"{token}:*" for token in tokens)
        matches = RawSQL(  # noqa: S611 — constant SQL, user input is a parameter
            f"{POSTGRES_VECTOR} @@ to_tsquery('english'::regconfig, %s)",
            (tsquery,),
            output_field=BooleanField(),
        )
        rank = RawSQL(  # noqa: S611
            f"ts_rank({POSTGRES_VECTOR}, to_tsquery('english'::regconfig, %s))",
            (tsquery,),
            output_field=FloatField(),
        )
        # A boolean expression passed to filter() becomes the WHERE clause as it is
        # (no "= true"), so PostgreSQL can use the GIN index.
        return queryset.filter(matches).annotate(rank=rank)
    match = " ".join(f'"{token}"*' for token in tokens)
    # Join the FTS5 table once and read its `rank` column (bm25, lower is better) from the
    # same cursor: FTS5 scores each match while it walks the posting list. The former
    # correlated `SELECT bm25() ... WHERE rowid = projects_task.id` re-ran the MATCH for
    # every matching row, quadratic in the matches of a common word.
    return queryset.extra(
        tables=["projects_task_fts"],
        where=["projects_task_fts.rowid = projects_task.id", "projects_task_fts MATCH %s"],
        params=[match],
    ).annotate(rank=RawSQL("-projects_task_fts.rank", (), output_field=FloatField()))
