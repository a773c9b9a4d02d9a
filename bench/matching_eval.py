"""Score the recommendations against the hand-judged evaluation set (bench/matching_eval_set.py).

    make matching-eval

Builds the set in a throwaway database, asks the real selectors — tasks for each drafter,
drafters for each mentor's task, and mentors open to offers for each drafter — and prints
precision@5 for drafters, precision@3 for mentors' recommended drafters and precision@5 for
the mentors a drafter could offer to (none closed to offers or full this month may be shown).
Precision@k here is the judged-relevant items among the first k shown, divided by
min(k, number judged relevant): showing an unfit task and leaving out a relevant one both cost.
It also counts level traps in any top five (an `experienced` task shown to a drafter only
learning its skills, or that drafter recommended for it) and checks every reason shown against
both sides (a skill named as matched is the task's and the drafter's, or the mentor's topic and
the drafter's; "X is close to your Y" only when a curated family links X and Y;
"Beginner-friendly" only for such a task). tests/matching/test_evaluation.py runs it in
`make test` and holds the bars (0.9 on the three precisions, no level trap, no untrue reason, no
closed or full mentor shown).
"""

import os
import re
import sys
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

BAR = 0.9


def _build() -> tuple[dict, dict]:
    """The set as rows; returns (drafters by name, tasks by key)."""
    from django.utils import timezone

    from accounts.models import PortfolioItem, Skill, User, UserSkill
    from accounts.services.profiles import profile_ensure
    from accounts.skill_keys import skill_base_slug, skill_search_key
    from bench.matching_eval_set import DRAFTERS, LEGACY_SKILLS, TASK_LEVELS, TASKS
    from projects.models import Task

    for name in LEGACY_SKILLS:
        Skill.objects.get_or_create(
            search_key=skill_search_key(name),
            defaults={"name": name, "slug": skill_base_slug(name) + "-legacy"},
        )

    def skill(name: str) -> Skill:
        return Skill.objects.get(search_key=skill_search_key(name))

    now = timezone.now()
    tasks = {}
    for n, (key, (title, description, skills, hours, deadline_days)) in enumerate(TASKS.items()):
        mentor = User.objects.create_user(f"mentor-{key}@eval.example", "x")
        profile_ensure(user=mentor, display_name=f"Mentor {key}")
        task = Task.objects.create(
            mentor=mentor,
            title=title,
            description=description,
            estimated_hours=hours,
            deadline=(now + timedelta(days=deadline_days)).date() if deadline_days else None,
            state=Task.State.OPEN,
            published_at=now - timedelta(hours=n),
            what_you_gain="A reference.",
            skills_text=" ".join(skills),
            level=TASK_LEVELS.get(key, Task.Level.SOME_EXPERIENCE),
        )
        task.skills.set([skill(name) for name in skills])
        tasks[key] = task
    drafters = {}
    for name, (hours, skills, bio, items) in DRAFTERS.items():
        user = User.objects.create_user(f"{name}@eval.example", "x")
        profile = profile_ensure(user=user, display_name=name.title())
        profile.handle, profile.weekly_hours, profile.bio = name, hours, bio
        profile.discoverable = True
        profile.save()
        UserSkill.objects.bulk_create(
            UserSkill(user=user, skill=skill(s), level=level) for s, level in skills.items()
        )
        for title, description, item_skills in items:
            item = PortfolioItem.objects.create(owner=user, title=title, description=description)
            item.skills.set([skill(s) for s in item_skills])
        drafters[name] = user
    return drafters, tasks


def _build_offer_mentors() -> dict:
    """The mentors open (or not) to offers, with this month's counted offers; users by key."""
    from django.utils import timezone

    from accounts.models import Skill, User
    from accounts.services.profiles import profile_ensure
    from accounts.skill_keys import skill_search_key
    from bench.matching_eval_set import OFFER_MENTORS
    from projects.offers.models import Offer
    from projects.offers.services.settings import offer_settings_update

    filler = User.objects.create_user("earlier-drafter@eval.example", "x")
    profile_ensure(user=filler, display_name="Earlier drafter")
    mentors = {}
    for key, (headline, topics, is_open, cap, taken) in OFFER_MENTORS.items():
        user = User.objects.create_user(f"offer-{key}@eval.example", "x")
        profile = profile_ensure(user=user, display_name=f"Offer mentor {key}")
        profile.handle, profile.headline = f"offer-{key}", headline
        profile.save()
        ids = [Skill.objects.get(search_key=skill_search_key(name)).pk for name in topics]
        offer_settings_update(
            mentor=user, data={"is_open": is_open, "monthly_cap": cap}, topic_ids=ids
        )
        for n in range(taken):
            Offer.objects.create(
                mentor=user,
                drafter=filler,
                title=f"Earlier offer {n}",
                what="Already accepted this month.",
                estimated_hours=2,
                by_when=timezone.localdate() + timedelta(days=7),
                state=Offer.State.ACCEPTED,
            )
        mentors[key] = user
    return mentors


def _precision(shown: list[str], relevant: set[str], k: int) -> float:
    hits = len([item for item in shown[:k] if item in relevant])
    return hits / min(k, len(relevant))


_MATCHES = re.compile(
    r"^(?:Matches \d+ of (?:your|their) skills|A stretch: (?:you are|they are) learning): (.+)$"
)
_CLOSE = re.compile(r"^(.+) is close to (?:your|their) (.+)$")
_WELCOMES = re.compile(r"^Welcomes offers on (your skills|what you are learning): (.+)$")


def _untrue_offer_reasons(reasons: list[str], *, mentor_key: str, drafter: str) -> list[str]:
    """The reasons for recommending a mentor to offer to that are not true of both sides: a
    topic named is the mentor's and the drafter's (learning, if it says so); "close to" only
    within a curated family."""
    from accounts.skill_families import SKILL_FAMILIES
    from accounts.skill_keys import skill_spelling_key
    from bench.matching_eval_set import DRAFTERS, OFFER_MENTORS

    key = skill_spelling_key
    topics = {key(name) for name in OFFER_MENTORS[mentor_key][1]}
    declared = DRAFTERS[drafter][1]
    mine = {key(name) for name, level in declared.items() if level != "learning"} | {
        key(name) for *_, skills in DRAFTERS[drafter][3] for name in skills
    }
    learning = {key(name) for name, level in declared.items() if level == "learning"}
    family_of = {key(name): family for family, names in SKILL_FAMILIES.items() for name in names}
    untrue = []
    for reason in reasons:
        if match := _WELCOMES.match(reason):
            names = {key(name) for name in match.group(2).split(", ")}
            sides = mine if match.group(1) == "your skills" else learning
            ok = names <= topics and names <= sides
        elif match := _CLOSE.match(reason):
            theirs, yours = key(match.group(1)), key(match.group(2))
            ok = (
                theirs in topics
                and yours in mine | learning
                and family_of.get(theirs) is not None
                and family_of.get(theirs) == family_of.get(yours)
            )
        else:
            ok = False  # a reason the eval cannot check is not a reason to show
        if not ok:
            untrue.append(f"{drafter}/{mentor_key}: {reason}")
    return untrue


def _untrue_reasons(reasons: list[str], *, task_key: str, drafter: str) -> list[str]:
    """The reasons that are not a true statement of both sides (see the module)."""
    from accounts.skill_families import SKILL_FAMILIES
    from accounts.skill_keys import skill_spelling_key
    from bench.matching_eval_set import DRAFTERS, TASK_LEVELS, TASKS

    key = skill_spelling_key
    task_skills = {key(name) for name in TASKS[task_key][2]}
    declared = DRAFTERS[drafter][1]
    mine = {key(name) for name in declared} | {
        key(name) for *_, skills in DRAFTERS[drafter][3] for name in skills
    }
    learning = {key(name) for name, level in declared.items() if level == "learning"}
    family_of = {key(name): family for family, names in SKILL_FAMILIES.items() for name in names}
    untrue = []
    for reason in reasons:
        if match := _MATCHES.match(reason):
            names = {key(name) for name in match.group(1).split(", ")}
            sides = learning if reason.startswith("A stretch") else mine
            ok = names <= task_skills and names <= sides
        elif match := _CLOSE.match(reason):
            theirs, yours = key(match.group(1)), key(match.group(2))
            ok = (
                theirs in task_skills
                and yours in mine
                and family_of.get(theirs) is not None
                and family_of.get(theirs) == family_of.get(yours)
            )
        elif reason.startswith("Beginner-friendly"):
            ok = TASK_LEVELS.get(task_key) == "beginner_friendly"
        else:
            continue
        if not ok:
            untrue.append(f"{drafter}/{task_key}: {reason}")
    return untrue


def evaluate() -> dict:
    """Build the set in the current database and score it. Returns the figures and the lists
    shown, for the report and for the test."""
    from bench.matching_eval_set import (
        LEVEL_TRAPS,
        RELEVANT_DRAFTERS,
        RELEVANT_MENTORS,
        RELEVANT_TASKS,
        UNAVAILABLE_MENTORS,
    )
    from projects.matching.recommendations import (
        task_recommendations_for_user,
        task_recommended_drafters,
    )
    from projects.offers.selectors.recommendations import mentor_recommendations_for_drafter

    drafters, tasks = _build()
    offer_mentors = _build_offer_mentors()
    key_of = {task.pk: key for key, task in tasks.items()}
    for_drafters, traps, untrue = {}, [], []
    for name, user in drafters.items():
        rows = task_recommendations_for_user(user=user, limit=10)
        shown = [key_of[row["id"]] for row in rows]
        for_drafters[name] = (shown, _precision(shown, RELEVANT_TASKS[name], 5))
        traps += [f"{name}: {key}" for key in shown[:5] if key in LEVEL_TRAPS.get(name, ())]
        for row, key in zip(rows, shown, strict=True):
            untrue += _untrue_reasons(row["reasons"], task_key=key, drafter=name)
    for_mentors = {}
    for key, relevant in RELEVANT_DRAFTERS.items():
        task = tasks[key]
        rows = task_recommended_drafters(task_id=task.pk, mentor=task.mentor, limit=5)
        shown = [row["handle"] for row in rows]
        for_mentors[key] = (shown, _precision(shown, relevant, 3))
        for row in rows:
            untrue += _untrue_reasons(row["reasons"], task_key=key, drafter=row["handle"])
    # The mentor's side of every trap: is the learner among the task's top five drafters?
    for name, keys in LEVEL_TRAPS.items():
        for key in keys:
            task = tasks[key]
            rows = task_recommended_drafters(task_id=task.pk, mentor=task.mentor, limit=5)
            traps += [f"{key}: {name}" for row in rows if row["handle"] == name]
    # Mentors to offer to, for each drafter.
    key_of_mentor = {user.pk: key for key, user in offer_mentors.items()}
    for_offers, unavailable = {}, []
    for name, user in drafters.items():
        rows = mentor_recommendations_for_drafter(drafter=user, limit=5)
        shown = [key_of_mentor[row["mentor_id"]] for row in rows]
        for_offers[name] = (shown, _precision(shown, RELEVANT_MENTORS[name], 5))
        unavailable += [f"{name}: {key}" for key in shown if key in UNAVAILABLE_MENTORS]
        for row, key in zip(rows, shown, strict=True):
            untrue += _untrue_offer_reasons(row["reasons"], mentor_key=key, drafter=name)
    return {
        "drafters": for_drafters,
        "offers": for_offers,
        "precision_at_5_offers": sum(p for _, p in for_offers.values()) / len(for_offers),
        "unavailable_mentors_shown": unavailable,
        "mentors": for_mentors,
        "precision_at_5": sum(p for _, p in for_drafters.values()) / len(for_drafters),
        "precision_at_3": sum(p for _, p in for_mentors.values()) / len(for_mentors),
        # Each trap is checked both ways: in the drafter's list and in the task's drafters.
        "level_traps": 2 * sum(len(keys) for keys in LEVEL_TRAPS.values()),
        "traps_in_top_5": traps,
        "untrue_reasons": untrue,
    }


def report(result: dict) -> str:
    from bench.matching_eval_set import RELEVANT_DRAFTERS, RELEVANT_MENTORS, RELEVANT_TASKS

    lines = ["Tasks for drafters (precision@5):"]
    for name, (shown, p) in result["drafters"].items():
        marks = " ".join(f"{k}{'' if k in RELEVANT_TASKS[name] else '✗'}" for k in shown[:5])
        lines.append(f"  {name:6} {p:4.2f}  {marks}")
    lines.append("Drafters for mentors' tasks (precision@3):")
    for key, (shown, p) in result["mentors"].items():
        marks = " ".join(f"{h}{'' if h in RELEVANT_DRAFTERS[key] else '✗'}" for h in shown[:3])
        lines.append(f"  {key:6} {p:4.2f}  {marks}")
    lines.append("Mentors to offer to, for drafters (precision@5):")
    for name, (shown, p) in result["offers"].items():
        marks = " ".join(f"{k}{'' if k in RELEVANT_MENTORS[name] else '✗'}" for k in shown[:5])
        lines.append(f"  {name:6} {p:4.2f}  {marks}")
    lines.append(
        f"precision@5 (drafters) = {result['precision_at_5']:.3f}   "
        f"precision@3 (mentors) = {result['precision_at_3']:.3f}   "
        f"precision@5 (mentors to offer to) = {result['precision_at_5_offers']:.3f}   (bar {BAR})"
    )
    unavailable = result["unavailable_mentors_shown"]
    lines.append(
        f"closed or full mentors shown = {len(unavailable)} (bar 0)"
        + (f": {', '.join(unavailable)}" if unavailable else "")
    )
    traps = result["traps_in_top_5"]
    lines.append(
        f"level traps in a top 5 = {len(traps)} of {result['level_traps']} (bar 0)"
        + (f": {', '.join(traps)}" if traps else "")
    )
    lines.append(f"untrue reasons = {len(result['untrue_reasons'])} (bar 0)")
    lines += [f"  {reason}" for reason in result["untrue_reasons"]]
    return "\n".join(lines)


def main() -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")
    import django

    django.setup()
    from django.db import connection
    from django.test.utils import setup_test_environment

    setup_test_environment()
    old_name = connection.settings_dict["NAME"]
    # Its own file, so a test run in the same checkout is never clobbered.
    if connection.vendor == "sqlite":
        here = Path(__file__).resolve().parent
        connection.settings_dict["TEST"]["NAME"] = str(here / "matching-eval.sqlite3")
    connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        result = evaluate()
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
    print(report(result))
    met = (
        min(result["precision_at_5"], result["precision_at_3"], result["precision_at_5_offers"])
        >= BAR
    )
    clean = not (
        result["traps_in_top_5"] or result["untrue_reasons"] or result["unavailable_mentors_shown"]
    )
    return 0 if met and clean else 1


if __name__ == "__main__":
    sys.exit(main())
