"""Text relevance from the full-text index that search uses (projects/search.py, migration
0003): the drafter's words, any of them, each as a prefix; higher rank is better."""

from django.db import connection
from django.db.models import BooleanField, FloatField, QuerySet
from django.db.models.expressions import RawSQL

from projects.search import POSTGRES_VECTOR


def task_text_rank(queryset: QuerySet, words: list[str]) -> QuerySet:
    """Filter `queryset` (of Task) to tasks mentioning any of `words` and annotate `text_rank`.
    Words come from profile_words (letters, digits, + and #), never raw query syntax."""
    words = [word.strip("+#") for word in words if word.strip("+#").isalnum()]
    if not words:
        return queryset.none()
    if connection.vendor == "postgresql":
        tsquery = " | ".join(f"{word}:*" for word in words)
        rank = RawSQL(  # noqa: S611 — constant SQL, the words are a parameter
            f"ts_rank({POSTGRES_VECTOR}, to_tsquery('english'::regconfig, %s))",
            (tsquery,),
            output_field=FloatField(),
        )
        matches = RawSQL(  # noqa: S611
            f"{POSTGRES_VECTOR} @@ to_tsquery('english'::regconfig, %s)",
            (tsquery,),
            output_field=BooleanField(),
        )
        return queryset.filter(matches).annotate(text_rank=rank)
    match = " OR ".join(f'"{word}"*' for word in words)
    rank = RawSQL(
        "SELECT -bm25(projects_task_fts) FROM projects_task_fts "
        "WHERE projects_task_fts MATCH %s AND projects_task_fts.rowid = projects_task.id",
        (match,),
        output_field=FloatField(),
    )
    matching_ids = RawSQL(
        "SELECT rowid FROM projects_task_fts WHERE projects_task_fts MATCH %s", (match,)
    )
    return queryset.filter(id__in=matching_ids).annotate(text_rank=rank)
