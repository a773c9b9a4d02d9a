"""What drafters bring, loaded for many drafters at once in a fixed number of queries."""

import hashlib
import re
from collections import Counter
from collections.abc import Iterable
from datetime import datetime
from typing import Any

from django.core.cache import cache
from django.db import connection
from django.db.models import Count, Exists, F, OuterRef, Q
from django.db.models.functions import Substr

from accounts.models import PortfolioItem, Profile, UserSkill
from projects.feedback_rules import FEEDBACK_BLIND_PERIOD
from projects.matching import weights as w
from projects.matching.scoring import DrafterEvidence, rarity_from_counts
from projects.models import Engagement, Feedback
from projects.prepared import Slots, Statement, statement_compile, statement_get

_STOP_WORDS = frozenset(
    [
        "the",
        "and",
        "for",
        "with",
        "that",
        "this",
        "from",
        "your",
        "you",
        "are",
        "was",
        "were",
        "have",
        "has",
        "had",
        "not",
        "but",
        "all",
        "can",
        "our",
        "will",
        "would",
        "into",
        "about",
        "over",
        "more",
        "most",
        "some",
        "such",
        "than",
        "then",
        "them",
        "they",
        "their",
        "there",
        "these",
        "those",
        "what",
        "when",
        "where",
        "which",
        "while",
        "who",
        "whom",
        "why",
        "how",
        "also",
        "any",
        "each",
        "other",
        "out",
        "own",
        "same",
        "very",
        "just",
        "i'm",
        "its",
        "it's",
        "his",
        "her",
        "him",
        "she",
        "he",
        "we",
        "us",
        "me",
        "my",
        "mine",
        "yours",
        "been",
        "being",
        "did",
        "does",
        "doing",
        "done",
        "work",
        "works",
        "worked",
        "working",
        "help",
        "helped",
        "project",
        "projects",
        "task",
        "tasks",
        "using",
        "use",
        "used",
        "make",
        "made",
        "new",
        "one",
        "two",
        "three",
        "like",
        "get",
        "got",
        "want",
        "wants",
        "need",
        "needs",
        "good",
        "great",
        "lot",
        "lots",
        "well",
    ]
)
_WORD = re.compile(r"[a-z][a-z0-9+#]{2,}")
_SKILL_FIELDS = ("skill__name", "skill__spelling_key", "skill__family", "skill__category")


def profile_words(texts: Iterable[str], *, limit: int = w.TEXT_MAX_WORDS) -> list[str]:
    """The most frequent meaningful words of a drafter's texts, most frequent first."""
    counts: Counter[str] = Counter()
    for text in texts:
        counts.update(
            word for word in _WORD.findall((text or "").lower()) if word not in _STOP_WORDS
        )
    return [word for word, _ in counts.most_common(limit)]


def _add_family(
    evidence: DrafterEvidence, name: str, family: str, category: str, credit: float
) -> None:
    if family and credit > evidence.families.get(family, (0.0, ""))[0]:
        evidence.families[family] = (credit, name)
    if category:
        evidence.categories.add(category)


_IDS_BUCKET = 50  # user id lists are padded to a multiple of this: a few statement shapes

# The evidence statement's columns after its `part`: what each of its five parts reads, in
# these places (NULL where a part has nothing, typed by the union from the other parts).
_EVIDENCE_COLUMNS = ("user", "hours", "level", "name", "text", "key", "family", "category")
_PROFILE, _DECLARED, _SHOWN, _TEXTS, _ENDORSED = range(5)
_SKILL_PLACES = {"name": "skill__name", "key": "skill__spelling_key",
                 "family": "skill__family", "category": "skill__category"}  # fmt: skip
_PLACES: dict[int, dict[str, str]] = {
    _PROFILE: {"user": "user_id", "hours": "weekly_hours", "name": "headline", "text": "bio"},
    _DECLARED: {"user": "user_id", "level": "level", **_SKILL_PLACES},
    _SHOWN: {"user": "portfolioitem__owner_id", **_SKILL_PLACES},
    _TEXTS: {"user": "owner_id", "name": "title", "text": "short"},
    _ENDORSED: {"user": "feedback__subject_id", **_SKILL_PLACES},
}


# (part, position in the union's row, the ORM's converters, their expression)
_PartConverter = tuple[int, int, tuple[Any, ...], Any]


def _build_evidence(length: int, public_only: bool) -> tuple[Statement, tuple[_PartConverter, ...]]:
    """drafter_evidence_load's five reads as one statement (`UNION ALL` of the five, each its
    own compiled query in its own order, its rows tagged with its part), built once per shape:
    a query's round trip through the cursor cost more than most of these reads."""
    slots = Slots()
    user_ids = [slots.int(f"user{n}") for n in range(length)]
    blind_until = slots.datetime("blind until")
    profiles = Profile.objects.filter(user_id__in=user_ids).values(
        "user_id", "weekly_hours", "headline", "bio"
    )
    declared = UserSkill.objects.filter(user_id__in=user_ids).values(
        "user_id", "level", *_SKILL_FIELDS
    )
    items = PortfolioItem.objects.filter(owner_id__in=user_ids)
    if public_only:
        items = items.filter(visibility=PortfolioItem.Visibility.PUBLIC)
    shown = PortfolioItem.skills.through.objects.filter(portfolioitem__in=items).values(
        "portfolioitem__owner_id", *_SKILL_FIELDS
    )
    texts = items.values("owner_id", "title", short=Substr("description", 1, 1500))
    # The mentor's endorsement counts once the drafter could see it (double-blind feedback).
    drafter_wrote = Feedback.objects.filter(
        engagement_id=OuterRef("feedback__engagement_id"),
        author_id=OuterRef("feedback__subject_id"),
    )
    endorsed = Feedback.endorsed_skills.through.objects.filter(
        Q(feedback__engagement__completed_at__lte=blind_until) | Q(Exists(drafter_wrote)),
        feedback__subject_id__in=user_ids,
        feedback__author_id=F("feedback__engagement__mentor_id"),
        feedback__engagement__state=Engagement.State.COMPLETED,
    ).values("feedback__subject_id", *_SKILL_FIELDS)
    queries = {_PROFILE: profiles, _DECLARED: declared, _SHOWN: shown, _TEXTS: texts,
               _ENDORSED: endorsed}  # fmt: skip
    qn = connection.ops.quote_name
    selects: list[str] = []
    params: list[Any] = []
    converters: list[_PartConverter] = []
    for part, query in queries.items():
        compiled = statement_compile(query, slots, subquery=True)
        places = _PLACES[part]
        columns = ", ".join(
            f"p{part}.{qn(places[place])}" if place in places else "NULL"
            for place in _EVIDENCE_COLUMNS
        )
        selects.append(f"SELECT {part} AS part, {columns} FROM ({compiled.sql}) p{part}")  # noqa: S608 — compiled SQL
        params += compiled.params
        # The ORM's converters of each part, moved to the union's places of their columns.
        at = {name: _EVIDENCE_COLUMNS.index(place) + 1 for place, name in places.items()}
        converters += [
            (part, at[compiled.columns[position]], convs, expression)
            for position, convs, expression in compiled.converters
        ]
    union = Statement(" UNION ALL ".join(selects), tuple(params), ("part", *_EVIDENCE_COLUMNS), ())
    return union, tuple(converters)


def drafter_evidence_load(
    *, user_ids: list[int], now: datetime, public_only: bool = False
) -> dict[int, DrafterEvidence]:
    """Evidence for each drafter: declared skills and levels, skills their portfolio shows,
    skills mentors endorsed (once the feedback is visible), weekly hours and their words.
    One query whatever the number of drafters (none for none), built once per shape.
    `public_only` leaves out portfolio items the drafter shares only with applications (for
    what a mentor may be told)."""
    evidence = {uid: DrafterEvidence(user_id=uid) for uid in user_ids}
    if not user_ids:
        return evidence
    # One drafter (every recommendation) has a shape of its own: fifty ids in each of five
    # parts was most of the statement's parameters.
    length = 1 if len(user_ids) == 1 else -(-len(user_ids) // _IDS_BUCKET) * _IDS_BUCKET
    statement, converters = statement_get(
        ("drafter evidence statement", length, public_only),
        lambda: _build_evidence(length, public_only),
    )
    padded = [*user_ids, *[0] * (length - len(user_ids))]  # no user has id 0
    values: dict[str, object] = {f"user{n}": uid for n, uid in enumerate(padded)}
    values["blind until"] = now - FEEDBACK_BLIND_PERIOD
    parts: dict[int, list[list[Any]]] = {part: [] for part in _PLACES}
    with connection.cursor() as cursor:
        cursor.execute(statement.sql, statement.bind(values))
        for row in cursor.fetchall():
            parts[row[0]].append(list(row))
    for part, position, convs, expression in converters:
        for row in parts[part]:
            for converter in convs:
                row[position] = converter(row[position], expression, connection)
    # Each part's rows in the order its own query gives them, the parts in the order the
    # five queries ran: the words' ties and a family's first name depend on it.
    texts: dict[int, list[str]] = {uid: [] for uid in user_ids}
    for _, uid, hours, _, headline, bio, *_ in parts[_PROFILE]:
        evidence[uid].weekly_hours = hours
        texts[uid] += [headline, bio]
    for _, uid, _, level, name, _, key, family, category in parts[_DECLARED]:
        drafter = evidence[uid]
        drafter.declared[key] = (level, name)
        _add_family(drafter, name, family, category, w.LEVEL_CREDIT[level])
        texts[uid].append(name)
    for _, uid, _, _, name, _, key, family, category in parts[_SHOWN]:
        drafter = evidence[uid]
        drafter.portfolio[key] = name
        _add_family(drafter, name, family, category, w.LEVEL_CREDIT["working"])
    for _, uid, _, _, title, short, *_ in parts[_TEXTS]:
        texts[uid] += [title, short]
    for _, uid, _, _, name, _, key, family, category in parts[_ENDORSED]:
        drafter = evidence[uid]
        drafter.endorsed[key] = name
        _add_family(drafter, name, family, category, w.LEVEL_CREDIT["expert"])
    for uid, drafter in evidence.items():
        drafter.words = profile_words(texts[uid])
    return evidence


def skill_rarity_load(*, keys: Iterable[str]) -> dict[str, float]:
    """How rare each skill is among drafters who list skills (two queries on a cold cache).

    Both counts are cached for RARITY_CACHE_SECONDS: they are statistics over every drafter
    (a COUNT DISTINCT over all declared skills, 40 ms at 50,000 users and growing with them)
    that one more drafter barely moves."""
    keys = list(set(keys))
    if not keys:
        return {}
    names = {key: f"skill-holders:{_cache_name(key)}" for key in keys}
    cached = cache.get_many([*names.values(), _DRAFTERS_KEY])
    drafters = cached.get(_DRAFTERS_KEY)
    if drafters is None:
        drafters = UserSkill.objects.values("user_id").distinct().count()
        cache.set(_DRAFTERS_KEY, drafters, w.RARITY_CACHE_SECONDS)
    holders = {key: cached[name] for key, name in names.items() if name in cached}
    if missing := [key for key in keys if key not in holders]:
        counted = dict(
            UserSkill.objects.filter(skill__spelling_key__in=missing)
            .values_list("skill__spelling_key")
            .annotate(n=Count("user_id", distinct=True))
            .values_list("skill__spelling_key", "n")
        )
        fresh = {key: counted.get(key, 0) for key in missing}
        cache.set_many({names[key]: n for key, n in fresh.items()}, w.RARITY_CACHE_SECONDS)
        holders.update(fresh)
    return rarity_from_counts(holders=holders, drafters=drafters)


_DRAFTERS_KEY = "skill-holders:drafters"


def _cache_name(key: str) -> str:
    return hashlib.blake2b(key.encode(), digest_size=12).hexdigest()
