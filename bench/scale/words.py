"""Names and a small vocabulary, drawn with Zipf weights so some words are common."""

import itertools
import random

_VOCABULARY = """
    research interview survey prototype figma data pipeline dashboard sql python report analysis
    copywriting newsletter brand audit accessibility onboarding pricing market competitor map user
    journey landing page blog seo budget forecast model cleanup archive podcast video editing
    spreadsheet grant proposal translation illustration logo campaign social media outreach event
    community documentation api testing migration wordpress shopify crm salesforce inventory
    interviews transcripts benchmark literature review case study workshop slides pitch deck
"""
WORDS = _VOCABULARY.split()
FIRST = [
    "Ada",
    "Ben",
    "Chen",
    "Dara",
    "Eli",
    "Fatima",
    "Gus",
    "Hana",
    "Ivo",
    "Jun",
    "Kemi",
    "Luca",
    "Mina",
    "Noor",
    "Omar",
    "Pia",
    "Rui",
    "Sana",
]
LAST = [
    "Okafor",
    "Brandt",
    "Rivera",
    "Petrova",
    "Kim",
    "Nakamura",
    "Silva",
    "Haddad",
    "Novak",
    "Osei",
    "Larsen",
    "Costa",
    "Ito",
]


def zipf_weights(n: int, s: float) -> list[float]:
    """Cumulative Zipf weights (rank 0 most popular), for `choices(cum_weights=...)`: passing
    plain weights would re-add them on every call, which dominated generation time."""
    return list(itertools.accumulate(1 / (rank + 1) ** s for rank in range(n)))


def text(rng: random.Random, weights: list[float], k: int) -> str:
    return " ".join(rng.choices(WORDS, cum_weights=weights, k=k))
