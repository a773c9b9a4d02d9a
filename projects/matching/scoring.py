"""The recommendation score and its reasons: pure Python over loaded evidence, no queries.

The same function scores both directions (tasks for a drafter, drafters for a task). Every
reason names something real: a skill both sides have, the drafter's own hours, a date."""

import heapq
import math
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import lru_cache
from typing import Any

from django.utils import translation
from django.utils.formats import date_format

from accounts.skill_keys import skill_spelling_key
from projects.matching import weights as w


@dataclass(frozen=True)
class SkillRef:
    id: int
    name: str
    slug: str
    spelling_key: str
    family: str
    category: str


@dataclass(slots=True)
class DrafterEvidence:
    """What one drafter brings, keyed by skill spelling key (variants of a skill are one)."""

    user_id: int
    weekly_hours: int | None = None
    declared: dict[str, tuple[str, str]] = field(default_factory=dict)  # key → (level, name)
    portfolio: dict[str, str] = field(default_factory=dict)  # key → name
    endorsed: dict[str, str] = field(default_factory=dict)  # key → name
    families: dict[str, tuple[float, str]] = field(default_factory=dict)  # family → (credit, name)
    categories: set[str] = field(default_factory=set)
    words: list[str] = field(default_factory=list)  # most frequent words of profile and portfolio
    # _skill_contribution per task skill id for the `rarity` it was worked out with, filled
    # while scoring (a few dozen skills over hundreds of tasks).
    credits: dict[int, "_Contribution"] = field(default_factory=dict, repr=False, compare=False)
    credits_rarity: dict[str, float] | None = field(default=None, repr=False, compare=False)

    @property
    def has_evidence(self) -> bool:
        return bool(self.declared or self.portfolio or self.endorsed or self.words)


@dataclass(slots=True)
class TaskFeatures:
    id: int
    mentor_id: int
    skills: list[SkillRef]
    estimated_hours: int
    deadline: date | None
    published_at: datetime | None
    text: str = ""  # lowercase title and description
    paid: bool = False
    featured: bool = False
    mentor_reply_days: float | None = None
    text_relevance: float = 0.0  # 0…1 from the full-text index
    level: str = "some_experience"  # Task.Level
    mentor_low_response: bool = False  # response rate under LOW_RESPONSE_RATE (response_rates.py)
    # The drafter's words the text contains, in their order, when the loader already counted
    # them (None: looked up in `text`).
    matched_words: list[str] | None = None


@dataclass(slots=True)
class Match:
    score: float
    reasons: list[str]
    relevant: bool  # some skill or text in common
    stretch: bool = False
    fits: bool = True  # False when the hours cannot be done by the deadline
    # An `experienced` task for someone only learning its skills: never shown (a level trap).
    too_advanced: bool = False


def _credit(skill: SkillRef, drafter: DrafterEvidence) -> tuple[float, str]:
    """(credit, how) for one task skill: how is direct, portfolio, endorsed, learning, family,
    category or ''."""
    key = skill.spelling_key
    if key in drafter.declared or key in drafter.portfolio or key in drafter.endorsed:
        level = drafter.declared[key][0] if key in drafter.declared else "working"
        credit = w.LEVEL_CREDIT[level]
        if key in drafter.endorsed:
            return credit * w.EVIDENCE_ENDORSED, "endorsed"
        if key in drafter.portfolio:
            return max(credit, w.LEVEL_CREDIT["working"]) * w.EVIDENCE_PORTFOLIO, "portfolio"
        return credit * w.EVIDENCE_DECLARED, "learning" if level == "learning" else "direct"
    if skill.family and skill.family in drafter.families:
        return w.FAMILY_CREDIT * drafter.families[skill.family][0], "family"
    if skill.category and skill.category in drafter.categories:
        return w.CATEGORY_CREDIT, "category"
    return 0.0, ""


@lru_cache(maxsize=4096)
def _spelled_alike(mine: str, theirs: str) -> bool:
    """One skill name spelled two ways ("Financial modelling", "Financial modeling"), not a
    catalogue alias of it ("Spreadsheets" for Excel): a skill's own spelling_key is the
    alias's, so the names are compared here."""
    return mine == theirs or skill_spelling_key(mine) == skill_spelling_key(theirs)


def _name_list(names: list[str]) -> str:
    return ", ".join(names)


# Reasons are told to the drafter ("your skills") or about them to a mentor ("their skills").
VOICES = {
    "drafter": {
        "your": "your",
        "Your": "Your",
        "you are": "you are",
        "matches": "Matches {n} of your skills",
    },
    # A mentor reads a drafter's card: the match is told from the task's side.
    "mentor": {
        "your": "their",
        "Your": "Their",
        "you are": "they are",
        "matches": "Has {n} of the task's skills",
    },
}


# One task skill's part for one drafter: (credit, counts as the drafter's own skill, said as
# "your skills", said as close to (task skill, the drafter's), how).
_Contribution = tuple[float, bool, bool, tuple[str, str] | None, str]


def _skill_contribution(
    skill: SkillRef, drafter: DrafterEvidence, rarity: dict[str, float]
) -> _Contribution:
    credit, how = _credit(skill, drafter)
    related = None
    if how in ("direct", "portfolio", "endorsed", "learning"):
        credit *= rarity.get(skill.spelling_key, 1.0)
        # "Your skills" names only what the profile lists. A task skill that is another
        # name of one ("Spreadsheets" for Excel) scores as it, but is said as close to
        # it; one only shown or endorsed is said by its own reason below.
        declared = drafter.declared.get(skill.spelling_key)
        if declared is not None and _spelled_alike(declared[1], skill.name):
            return credit, True, True, None, how
        if declared is not None:
            related = (skill.name, declared[1])
        return credit, True, False, related, how
    if how == "family":
        related = (skill.name, drafter.families[skill.family][1])
    return credit, False, False, related, how


def _skill_part(
    task: TaskFeatures, drafter: DrafterEvidence, rarity: dict[str, float], v: dict[str, str]
):
    reasons: list[str] = []
    if not task.skills:
        return 0.0, reasons, False, False
    credits, direct, learning, shown, endorsed, related = [], [], [], [], [], []
    own: list[str] = []  # the task's skills that are on the drafter's profile by that name
    if drafter.credits_rarity is not rarity:  # worked out once per skill for this rarity
        drafter.credits.clear()
        drafter.credits_rarity = rarity
    known = drafter.credits
    for skill in task.skills:
        if (found := known.get(skill.id)) is None:
            found = known[skill.id] = _skill_contribution(skill, drafter, rarity)
        credit, is_direct, is_own, close_to, how = found
        if is_direct:
            direct.append(skill.name)
            if is_own:
                own.append(skill.name)
        if close_to is not None:
            related.append(close_to)
        if how == "learning":
            learning.append(skill.name)
        elif how == "portfolio":
            shown.append(skill.name)
        elif how == "endorsed":
            endorsed.append(skill.name)
        credits.append(credit)
    points = w.SKILL_POINTS * sum(credits) / len(task.skills)
    points += w.MATCH_COUNT_POINTS * min(len(direct), w.MATCH_COUNT_CAP)
    if own:
        reasons.append(f"{v['matches'].format(n=len(own))}: {_name_list(own)}")
    if shown:
        reasons.append(f"{v['Your']} portfolio shows {_name_list(shown)}")
    if endorsed:
        reasons.append(f"A mentor endorsed {v['your']} {_name_list(endorsed)}")
    for task_skill, mine in related[:2]:
        reasons.append(f"{task_skill} is close to {v['your']} {mine}")
    stretch = bool(learning) and len(learning) == len(direct)
    if stretch:
        reasons.append(f"A stretch: {v['you are']} learning {_name_list(learning)}")
    return points, reasons, bool(direct or related), stretch


def _matched_words(task: TaskFeatures, drafter: DrafterEvidence) -> list[str]:
    if task.matched_words is not None:
        return task.matched_words
    return [word for word in drafter.words if word in task.text]


@lru_cache(maxsize=2048)
def _date_said(day: date, language: str | None) -> str:
    """date_format of a deadline, remembered per language: a recommendation scores a couple of
    hundred tasks, and formatting their deadlines was a tenth of the read."""
    return date_format(day)


def _hours_part(
    task: TaskFeatures, drafter: DrafterEvidence, today: date, v: dict[str, str], language: Any
) -> tuple[float, list[str]]:
    hours = drafter.weekly_hours
    if not hours:
        return 0.0, []
    if task.estimated_hours <= hours:
        return w.HOURS_FIT_POINTS, [f"Fits {v['your']} {hours} h/week"]
    weeks: float = w.HOURS_DEFAULT_WEEKS
    if task.deadline:
        weeks = max((task.deadline - today).days, 0) / 7
    if task.estimated_hours <= hours * weeks:
        when = (
            f"by {_date_said(task.deadline, _language(language))}"
            if task.deadline
            else "over a few weeks"
        )
        return w.HOURS_FIT_BY_DEADLINE_POINTS, [f"Fits {v['your']} {hours} h/week {when}"]
    return -w.HOURS_MISFIT_PENALTY, []


_ACTIVE = object()  # the active language, looked up when a reason needs it


def _language(language: Any) -> str | None:
    return translation.get_language() if language is _ACTIVE else language


def score_task_for_drafter(
    *,
    task: TaskFeatures,
    drafter: DrafterEvidence,
    rarity: dict[str, float],
    now: datetime,
    voice: str = "drafter",
    language: Any = _ACTIVE,
) -> Match:
    """The score of one task for one drafter, with its reasons told in `voice`. A caller
    scoring many tasks passes `language` (translation.get_language()) once: looking it up per
    task was a tenth of the scoring."""
    v = VOICES[voice]
    today = now.date()
    points, reasons, skill_relevant, stretch = _skill_part(task, drafter, rarity, v)
    words = _matched_words(task, drafter)
    text_relevant = len(words) >= w.TEXT_MIN_WORDS
    if text_relevant:
        points += w.TEXT_POINTS * task.text_relevance
        if not skill_relevant:
            reasons.append(f"Mentions {', '.join(words[:3])} from {v['your']} profile")
    hours_points, hours_reasons = _hours_part(task, drafter, today, v, language)
    points += hours_points
    reasons += hours_reasons
    # Levels: `stretch` means every skill the drafter has of the task is one they are learning.
    too_advanced = stretch and task.level == "experienced"
    if stretch and task.level == "beginner_friendly":
        points += w.BEGINNER_FRIENDLY_POINTS
        reasons.append(f"Beginner-friendly: a good first task for {v['your']} learning")
    if task.mentor_low_response:
        points -= w.LOW_RESPONSE_PENALTY
    if task.featured:
        points += w.FEATURED_POINTS
        reasons.append("Featured by your career office")
    if task.mentor_reply_days is not None and task.mentor_reply_days <= w.RESPONSIVE_DAYS:
        points += w.RESPONSIVE_POINTS
        days = max(1, math.ceil(task.mentor_reply_days))
        reasons.append(f"Mentor replies within {days} day{'s' if days > 1 else ''}")
    if task.published_at:
        age_days = max((now - task.published_at).total_seconds() / 86400, 0)
        points += w.FRESHNESS_POINTS * 0.5 ** (age_days / w.FRESHNESS_HALF_LIFE_DAYS)
        if age_days <= w.NEW_DAYS:
            reasons.append("New on Slipstream")
    if task.paid:
        points += w.STIPEND_POINTS
        reasons.append("Comes with a stipend")
    return Match(
        score=round(points, 2),
        reasons=reasons,
        relevant=skill_relevant or text_relevant,
        stretch=stretch,
        fits=hours_points > -w.HOURS_MISFIT_PENALTY,
        too_advanced=too_advanced,
    )


def rarity_from_counts(*, holders: dict[str, int], drafters: int) -> dict[str, float]:
    """Multiplier per skill key: 1 for a skill everybody has, up to 1 + RARITY_BONUS."""
    if drafters <= 1:
        return {}
    scale = math.log(drafters + 1)
    return {
        key: 1 + w.RARITY_BONUS * max(math.log((drafters + 1) / (count + 1)), 0) / scale
        for key, count in holders.items()
    }


def diversify(items: list[tuple[int, float]], *, limit: int) -> list[int]:
    """Greedy re-ranking of (mentor_id, score) pairs: every further pick of a mentor already in
    the list counts SAME_MENTOR_DECAY times less. Returns the chosen indexes in order.

    A lazy heap: a pick only ever lowers the worth of its mentor's other items, so an item whose
    worth was computed before its mentor's latest pick is re-weighed when it reaches the top
    (the same picks as re-weighing every item at every step, for a few hundred candidates)."""
    picked: dict[int, int] = {}

    def worth(i: int) -> float:
        mentor, score = items[i]
        decay = w.SAME_MENTOR_DECAY ** picked.get(mentor, 0)
        return score * decay if score > 0 else score / decay

    heap = [(-score, i, 0) for i, (_, score) in enumerate(items)]
    heapq.heapify(heap)
    chosen: list[int] = []
    while heap and len(chosen) < limit:
        _, i, seen = heapq.heappop(heap)
        mentor = items[i][0]
        if seen != picked.get(mentor, 0):
            heapq.heappush(heap, (-worth(i), i, picked.get(mentor, 0)))
            continue
        chosen.append(i)
        picked[mentor] = seen + 1
    return chosen
