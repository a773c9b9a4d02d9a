"""Text relevance between a drafter's words and tasks.

The full-text index that search uses (projects/search.py, migration 0003) only *finds* tasks:
the TEXT_RANK_WINDOW most recently posted tasks mentioning any of the words (the window of
projects/search.py), of which the newest TEXT_SCORED the drafter may apply to. Relevance is a
BM25 computed here, in Python, over the texts the recommendation already loads (title, the
first 3,000 characters of the description, skill names), so both databases rank alike.

Why not the engine's rank: FTS5's bm25 counts, once per query and per word, every task in the
whole index containing the word (its IDF), a C loop over the full posting list: 40-60 ms for a
drafter's dozen common words at 100,000 tasks, whatever the window. Here the IDF is the share
of the scored texts that mention the word."""

import math
from collections import Counter
from typing import Any

from django.db import connection
from django.db.models import BooleanField, QuerySet
from django.db.models.expressions import RawSQL

from projects.matching import weights as w
from projects.search import POSTGRES_QUERY, POSTGRES_VECTOR, task_match_ranked


def text_query(words: list[str]) -> str:
    """The engine query for any of `words` (whole words), or "" when none is a plain word.
    Words come from profile_words (letters, digits, + and #), never raw query syntax."""
    words = [word.strip("+#") for word in words if word.strip("+#").isalnum()]
    if connection.vendor == "postgresql":
        return " | ".join(words)
    return " OR ".join(f'"{word}"' for word in words)


def task_text_matches(queryset: QuerySet, words: list[str]) -> QuerySet:
    """Filter `queryset` (of Task) to the TEXT_RANK_WINDOW newest tasks mentioning any of
    `words` (whole words), newest first, ranking nothing."""
    query = text_query(words)
    if not query:
        return queryset.none()
    return task_text_matches_query(queryset, query)


def task_text_matches_query(queryset: QuerySet, query: str) -> QuerySet:
    """task_text_matches for a query made by text_query (or a stand-in for one)."""
    if connection.vendor == "postgresql":
        return _task_text_matches_postgresql(queryset, query)
    # The engine's rank is annotated but never selected, so it is never computed.
    found = task_match_ranked(
        queryset, query=query, rank_name="text_rank", window=w.TEXT_RANK_WINDOW
    )
    # In the index's own order, so FTS5 walks its posting lists from the newest row and the
    # LIMIT stops it; ordered by the task's id, SQLite read and sorted the whole window.
    return found.order_by().extra(order_by=["-projects_task_fts.rowid"])


def _task_text_matches_postgresql(queryset: QuerySet, query: str) -> QuerySet:
    """The window as a lower bound on the task's id (the TEXT_RANK_WINDOW-th newest match's),
    as SQLite has it: the same tasks as search's `id IN (the window's ids)`, but the pool's
    `ORDER BY id DESC LIMIT` walks the primary key backwards from the newest and stops at the
    TEXT_SCORED-th eligible one (~430 rows at `large`), where the id list made it check every
    one of the window's 1,000 tasks for eligibility and then sort them (4,600 buffers → 970)."""
    matches = RawSQL(  # noqa: S611 — constant SQL, the query a parameter
        f"{POSTGRES_VECTOR} @@ {POSTGRES_QUERY}", (query,), output_field=BooleanField()
    )
    newest = (
        f"SELECT w.id FROM projects_task w WHERE w.search_vector @@ {POSTGRES_QUERY}"  # noqa: S608
        f" ORDER BY w.id DESC LIMIT 1 OFFSET {int(w.TEXT_RANK_WINDOW) - 1}"
    )
    bounded = queryset.filter(matches).extra(  # noqa: S610 — constant SQL, query a parameter
        where=[f"projects_task.id >= COALESCE(({newest}), 0)"], params=[query]
    )
    return bounded.order_by("-id")


class _TextFacts:
    """What scoring reads of one text: its length in words and, per list of words asked so far
    (a drafter's), how often each occurs."""

    __slots__ = ("length", "tallies")

    def __init__(self, text: str) -> None:
        self.length = text.count(" ") + 1
        self.tallies: dict[tuple[str, ...], dict[str, int]] = {}


# Facts per task's text, remembered in the process: the same few hundred candidates come back
# request after request, and counting a dozen words in each of their 3,000-character texts was a
# fifth of a recommendation. Kept per task id with the text they were counted in, and used only
# for an equal text (a comparison costs less than hashing the text), so never stale; a task has
# two texts (the text pool's and the scored one).
_FACTS: dict[int, list[tuple[str, _TextFacts]]] = {}
_FACTS_LIMIT = 4000  # tasks, each with texts of ~3 KB: ~25 MB at most, then forgotten at once
_TEXTS_PER_TASK = 3
_TALLIES_LIMIT = 16  # word lists remembered per text (a dozen small counts each)


def _facts(task_id: int, text: str) -> _TextFacts:
    if (known := _FACTS.get(task_id)) is None:
        if len(_FACTS) >= _FACTS_LIMIT:
            _FACTS.clear()
        known = _FACTS[task_id] = []
    for seen, facts in known:
        if seen == text:
            return facts
    if len(known) >= _TEXTS_PER_TASK:
        del known[0]
    facts = _TextFacts(text)
    known.append((text, facts))
    return facts


def text_word_counts(*, texts: dict[int, str], words: list[str]) -> dict[int, dict[str, int]]:
    """How often each of `words` occurs in each lowercase text (wherever the text contains it,
    as the reasons' "Mentions …" does, so "interview" counts "interviews"); texts that mention
    none of the words are left out."""
    return text_counts_and_lengths(texts, words)[0]


def text_counts_and_lengths(
    texts: dict[int, str], words: list[str]
) -> tuple[dict[int, dict[str, int]], dict[int, int]]:
    """text_word_counts and each text's length in words, from one look-up of its facts."""
    counts: dict[int, dict[str, int]] = {}
    lengths: dict[int, int] = {}
    asked = tuple(words)
    for task_id, text in texts.items():
        facts = _facts(task_id, text)
        lengths[task_id] = facts.length
        tallies = facts.tallies
        if (tally := tallies.get(asked)) is None:
            if len(tallies) >= _TALLIES_LIMIT:
                tallies.clear()
            tally = tallies[asked] = {word: n for word in words if (n := text.count(word))}
        if tally:
            counts[task_id] = tally
    return counts, lengths


def text_relevance(
    *,
    texts: dict[int, str],
    words: list[str],
    counts: dict[int, dict[str, int]] | None = None,
    lengths: dict[int, int] | None = None,
) -> dict[int, float]:
    """BM25 of each lowercase text for `words`, scaled so the best text scores 1. Texts that
    mention none of the words are left out. `counts` and `lengths` (text_counts_and_lengths of
    the same texts and words) save counting again."""
    if not texts or not words:
        return {}
    key = (tuple(words), tuple(texts), w.BM25_K1, w.BM25_B)
    values = list(texts.values())
    if (known := _RELEVANCE.get(key)) is not None and known[0] == values:
        return dict(known[1])
    if counts is None or lengths is None:
        counts, lengths = text_counts_and_lengths(texts, words)
    relevance = _bm25(texts, counts, lengths)
    if len(_RELEVANCE) >= _RELEVANCE_LIMIT:
        _RELEVANCE.clear()
    _RELEVANCE[key] = (values, relevance)
    return dict(relevance)


# Relevance per (words, task ids, weights), remembered in the process with the texts it was computed
# from, and used only for equal texts (comparing two hundred texts costs a fiftieth of
# scoring them), so never stale: a drafter's next recommendation finds the same pools. The
# scores depend on the whole set of texts (the IDF), so the set is the key.
_RELEVANCE: dict[tuple[Any, ...], tuple[list[str], dict[int, float]]] = {}
_RELEVANCE_LIMIT = 32  # sets of ~200 texts of ~3 KB at most: ~20 MB, then forgotten at once


def _bm25(
    texts: dict[int, str], counts: dict[int, dict[str, int]], lengths: dict[int, int]
) -> dict[int, float]:
    if not counts:
        return {}
    total = len(texts)
    average = sum(lengths.values()) / total
    mentions = Counter(word for tally in counts.values() for word in tally)
    idf = {word: math.log(1 + (total - n + 0.5) / (n + 0.5)) for word, n in mentions.items()}
    k1, b = w.BM25_K1, w.BM25_B
    scores = {}
    for task_id, tally in counts.items():
        norm = k1 * (1 - b + b * lengths[task_id] / average)
        scores[task_id] = sum(idf[word] * tf * (k1 + 1) / (tf + norm) for word, tf in tally.items())
    best = max(scores.values()) or 1.0
    return {task_id: score / best for task_id, score in scores.items()}
