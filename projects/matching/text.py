"""Text relevance from the full-text index that search uses (projects/search.py, migration
0003): the drafter's words, any of them, each as a prefix; higher rank is better.

Only the TEXT_RANK_WINDOW most recently posted tasks mentioning a word are ranked (the window of
projects/search.py): a drafter's dozen words, any of them, match nearly every task, and scoring
them all grew with the catalogue (minutes at 100,000 tasks on SQLite)."""

from django.db import connection
from django.db.models import QuerySet

from projects.matching import weights as w
from projects.search import task_match_ranked


def task_text_rank(queryset: QuerySet, words: list[str]) -> QuerySet:
    """Filter `queryset` (of Task) to tasks mentioning any of `words` and annotate `text_rank`.
    Words come from profile_words (letters, digits, + and #), never raw query syntax."""
    words = [word.strip("+#") for word in words if word.strip("+#").isalnum()]
    if not words:
        return queryset.none()
    if connection.vendor == "postgresql":
        query = " | ".join(words)
    else:
        query = " OR ".join(f'"{word}"' for word in words)
    return task_match_ranked(
        queryset, query=query, rank_name="text_rank", window=w.TEXT_RANK_WINDOW
    )
