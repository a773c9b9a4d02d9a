"""What drafters bring, loaded for many drafters at once in a fixed number of queries."""

import hashlib
import re
from collections import Counter
from collections.abc import Iterable
from datetime import datetime

from django.core.cache import cache
from django.db.models import Count, Exists, F, OuterRef, Q
from django.db.models.functions import Substr

from accounts.models import PortfolioItem, Profile, UserSkill
from projects.feedback_rules import FEEDBACK_BLIND_PERIOD
from projects.matching import weights as w
from projects.matching.scoring import DrafterEvidence, rarity_from_counts
from projects.models import Engagement, Feedback
from projects.prepared import Slots, Statement, statement_compile, statement_dicts, statement_get

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


def _add_family(evidence: DrafterEvidence, row: dict, credit: float) -> None:
    family = row["skill__family"]
    if family and credit > evidence.families.get(family, (0.0, ""))[0]:
        evidence.families[family] = (credit, row["skill__name"])
    if row["skill__category"]:
        evidence.categories.add(row["skill__category"])


_IDS_BUCKET = 50  # user id lists are padded to a multiple of this: a few statement shapes


def _build_evidence(length: int, public_only: bool) -> dict[str, Statement]:
    """drafter_evidence_load's five queries, built and compiled once per shape."""
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
    queries = {"profiles": profiles, "declared": declared, "shown": shown, "texts": texts,
               "endorsed": endorsed}  # fmt: skip
    return {name: statement_compile(query, slots) for name, query in queries.items()}


def drafter_evidence_load(
    *, user_ids: list[int], now: datetime, public_only: bool = False
) -> dict[int, DrafterEvidence]:
    """Evidence for each drafter: declared skills and levels, skills their portfolio shows,
    skills mentors endorsed (once the feedback is visible), weekly hours and their words.
    Five queries whatever the number of drafters (none for none), built once per shape.
    `public_only` leaves out portfolio items the drafter shares only with applications (for
    what a mentor may be told)."""
    evidence = {uid: DrafterEvidence(user_id=uid) for uid in user_ids}
    if not user_ids:
        return evidence
    texts: dict[int, list[str]] = {uid: [] for uid in user_ids}
    length = -(-len(user_ids) // _IDS_BUCKET) * _IDS_BUCKET
    statements = statement_get(
        ("drafter evidence", length, public_only), lambda: _build_evidence(length, public_only)
    )
    padded = [*user_ids, *[0] * (length - len(user_ids))]  # no user has id 0
    values: dict[str, object] = {f"user{n}": uid for n, uid in enumerate(padded)}
    values["blind until"] = now - FEEDBACK_BLIND_PERIOD
    for row in statement_dicts(statements["profiles"], values):
        evidence[row["user_id"]].weekly_hours = row["weekly_hours"]
        texts[row["user_id"]] += [row["headline"], row["bio"]]
    for row in statement_dicts(statements["declared"], values):
        drafter = evidence[row["user_id"]]
        drafter.declared[row["skill__spelling_key"]] = (row["level"], row["skill__name"])
        _add_family(drafter, row, w.LEVEL_CREDIT[row["level"]])
        texts[row["user_id"]].append(row["skill__name"])
    for row in statement_dicts(statements["shown"], values):
        drafter = evidence[row["portfolioitem__owner_id"]]
        drafter.portfolio[row["skill__spelling_key"]] = row["skill__name"]
        _add_family(drafter, row, w.LEVEL_CREDIT["working"])
    for item in statement_dicts(statements["texts"], values):
        texts[item["owner_id"]] += [item["title"], item["short"]]
    for row in statement_dicts(statements["endorsed"], values):
        drafter = evidence[row["feedback__subject_id"]]
        drafter.endorsed[row["skill__spelling_key"]] = row["skill__name"]
        _add_family(drafter, row, w.LEVEL_CREDIT["expert"])
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
