"""Full-text search over tasks on both supported databases (see migrations 0003 and 0004).

User input never reaches the query syntax: it is reduced to word tokens, each matched as a
prefix, all required.

Ranking is bounded: a relevance-ordered search ranks the RANK_WINDOW most recently posted
matching tasks (highest ids: a task's id follows its creation) and lists nothing older. Both
engines find that window without scoring anything — FTS5 walks the word's posting list from its
newest row, PostgreSQL walks the primary key backwards (or, for a rare word, sorts the GIN
index's matches) — so ranking costs about the same for a word in a hundred tasks or in a hundred
thousand. Orderings other than relevance list every match and rank nothing. Without the window,
a common word (in 80 % of 100,000 tasks) scored every match: ~0.5 s on SQLite and ~1 s on
PostgreSQL for one page.
"""

import re
from typing import NamedTuple

from django.db import connection
from django.db.models import BooleanField, FloatField, QuerySet
from django.db.models.expressions import RawSQL

MAX_TOKENS = 8
# How many of the newest matching tasks a relevance-ordered search ranks.
RANK_WINDOW = 1000

# A stored generated tsvector column with a GIN index (migration 0004): matching uses the
# index and ranking reads the stored vector instead of re-parsing each matching task's text.
POSTGRES_VECTOR = "projects_task.search_vector"
POSTGRES_QUERY = "to_tsquery('english'::regconfig, %s)"


def search_tokens(q: str) -> list[str]:
    return re.findall(r"\w+", q.lower())[:MAX_TOKENS]


def _window_condition(window: int, column: str) -> str:
    """SQL keeping `column` (a task id) among the `window` newest matches of the query (its one
    parameter): an uncorrelated subquery, evaluated once, that scores nothing. SQLite: a rowid
    lower bound, which FTS5 seeks to in the posting list. PostgreSQL: the ids themselves, so the
    planner knows it joins at most `window` rows (a bound hidden in a scalar made it expect a
    third of the table and hash-join every profile)."""
    window = int(window)
    if connection.vendor == "postgresql":
        newest = (
            f"SELECT w.id FROM projects_task w WHERE w.search_vector @@ {POSTGRES_QUERY}"  # noqa: S608
            f" ORDER BY w.id DESC LIMIT {window}"
        )
        return f"{column} IN ({newest})"
    newest = (
        "SELECT rowid FROM projects_task_fts WHERE projects_task_fts MATCH %s"  # noqa: S608
        f" ORDER BY rowid DESC LIMIT 1 OFFSET {window - 1}"
    )
    return f"{column} >= COALESCE(({newest}), 0)"


def task_match_ranked(
    queryset: QuerySet, *, query: str, rank_name: str, window: int | None
) -> QuerySet:
    """Filter `queryset` (of Task) to matches of an engine query (a tsquery on PostgreSQL, an
    FTS5 query on SQLite, built from word tokens only) and annotate its rank as `rank_name`
    (higher is better). With `window`, only the `window` newest matches are kept."""
    if connection.vendor == "postgresql":
        matches = RawSQL(  # noqa: S611 — constant SQL, user input is a parameter
            f"{POSTGRES_VECTOR} @@ {POSTGRES_QUERY}", (query,), output_field=BooleanField()
        )
        rank = RawSQL(  # noqa: S611
            f"ts_rank({POSTGRES_VECTOR}, {POSTGRES_QUERY})", (query,), output_field=FloatField()
        )
        # A boolean expression passed to filter() becomes the WHERE clause as it is
        # (no "= true"), so PostgreSQL can use the GIN index.
        queryset = queryset.filter(matches)
        if window:
            queryset = queryset.extra(  # noqa: S610 — constant SQL, the query a parameter
                where=[_window_condition(window, "projects_task.id")], params=[query]
            )
        return queryset.annotate(**{rank_name: rank})
    # Join the FTS5 table once and read its `rank` column (bm25, lower is better) from the
    # same cursor: FTS5 scores each match while it walks the posting list. A correlated
    # `SELECT bm25() ... WHERE rowid = projects_task.id` re-runs the MATCH for every matching
    # row, quadratic in the matches of a common word. The window is a rowid bound FTS5 seeks to.
    where = ["projects_task_fts.rowid = projects_task.id", "projects_task_fts MATCH %s"]
    params = [query]
    if window:
        where.append(_window_condition(window, "projects_task_fts.rowid"))
        params.append(query)
    matched = queryset.extra(  # noqa: S610 — constant SQL, the query a parameter
        tables=["projects_task_fts"], where=where, params=params
    )
    return matched.annotate(
        **{rank_name: RawSQL("-projects_task_fts.rank", (), output_field=FloatField())}
    )


def engine_query(tokens: list[str]) -> str:
    """The engine's query for word tokens: every word required, each as a prefix."""
    if connection.vendor == "postgresql":
        return " & ".join(f"{token}:*" for token in tokens)
    return " ".join(f'"{token}"*' for token in tokens)


def task_search(queryset: QuerySet, q: str, *, window: int | None = None) -> QuerySet:
    """Filter `queryset` (of Task) to matches of `q` (every word, as a prefix) and annotate
    `rank` (higher is better). With `window` (RANK_WINDOW for a relevance ordering), only the
    `window` most recently posted matches are kept, so ranking them is bounded."""
    tokens = search_tokens(q)
    if not tokens:
        return queryset.none()
    return task_match_ranked(queryset, query=engine_query(tokens), rank_name="rank", window=window)


class SearchSql(NamedTuple):
    """task_match_ranked's SQL as fragments for a statement written by hand (browse's fast
    path, projects/selectors/browse.py): the same text, so the same plan and the same rank."""

    tables: str  # after FROM's joins: "" or ", projects_task_fts"
    where: list[str]  # each with its own count of %s, in order
    where_params: int  # how many times the engine query is a parameter of `where`
    rank: str  # the rank expression (higher is better), one %s on PostgreSQL, none on SQLite
    rank_params: int


def task_search_sql(*, window: int | None) -> SearchSql:
    """The fragments task_match_ranked adds, for `projects_task` named as such."""
    if connection.vendor == "postgresql":
        where = [f"{POSTGRES_VECTOR} @@ {POSTGRES_QUERY}"]
        if window:
            where.append(_window_condition(window, "projects_task.id"))
        rank = f"ts_rank({POSTGRES_VECTOR}, {POSTGRES_QUERY})"
        return SearchSql("", where, len(where), rank, 1)
    where = ["projects_task_fts.rowid = projects_task.id", "projects_task_fts MATCH %s"]
    if window:
        where.append(_window_condition(window, "projects_task_fts.rowid"))
    return SearchSql(", projects_task_fts", where, len(where) - 1, "-projects_task_fts.rank", 0)
