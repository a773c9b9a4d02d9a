"""Score the recommendations against the hand-judged evaluation set (bench/matching_eval_set.py).

    make matching-eval

Builds the set in a throwaway database, asks the real selectors — tasks for each drafter, and
drafters for each mentor's task — and prints precision@5 for drafters and precision@3 for
mentors' recommended drafters. Precision@k here is the judged-relevant items among the first k
shown, divided by min(k, number judged relevant): showing an unfit task and leaving out a
relevant one both cost. tests/matching/test_evaluation.py runs it in `make test` and holds the
bar (0.9 on both).
"""

import os
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
    from bench.matching_eval_set import DRAFTERS, LEGACY_SKILLS, TASKS
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


def _precision(shown: list[str], relevant: set[str], k: int) -> float:
    hits = len([item for item in shown[:k] if item in relevant])
    return hits / min(k, len(relevant))


def evaluate() -> dict:
    """Build the set in the current database and score it. Returns the figures and the lists
    shown, for the report and for the test."""
    from bench.matching_eval_set import RELEVANT_DRAFTERS, RELEVANT_TASKS
    from projects.matching.recommendations import (
        task_recommendations_for_user,
        task_recommended_drafters,
    )

    drafters, tasks = _build()
    key_of = {task.pk: key for key, task in tasks.items()}
    for_drafters = {}
    for name, user in drafters.items():
        shown = [key_of[row["id"]] for row in task_recommendations_for_user(user=user, limit=10)]
        for_drafters[name] = (shown, _precision(shown, RELEVANT_TASKS[name], 5))
    for_mentors = {}
    for key, relevant in RELEVANT_DRAFTERS.items():
        task = tasks[key]
        rows = task_recommended_drafters(task_id=task.pk, mentor=task.mentor, limit=5)
        shown = [row["handle"] for row in rows]
        for_mentors[key] = (shown, _precision(shown, relevant, 3))
    return {
        "drafters": for_drafters,
        "mentors": for_mentors,
        "precision_at_5": sum(p for _, p in for_drafters.values()) / len(for_drafters),
        "precision_at_3": sum(p for _, p in for_mentors.values()) / len(for_mentors),
    }


def report(result: dict) -> str:
    from bench.matching_eval_set import RELEVANT_DRAFTERS, RELEVANT_TASKS

    lines = ["Tasks for drafters (precision@5):"]
    for name, (shown, p) in result["drafters"].items():
        marks = " ".join(f"{k}{'' if k in RELEVANT_TASKS[name] else '✗'}" for k in shown[:5])
        lines.append(f"  {name:6} {p:4.2f}  {marks}")
    lines.append("Drafters for mentors' tasks (precision@3):")
    for key, (shown, p) in result["mentors"].items():
        marks = " ".join(f"{h}{'' if h in RELEVANT_DRAFTERS[key] else '✗'}" for h in shown[:3])
        lines.append(f"  {key:6} {p:4.2f}  {marks}")
    lines.append(
        f"precision@5 (drafters) = {result['precision_at_5']:.3f}   "
        f"precision@3 (mentors) = {result['precision_at_3']:.3f}   (bar {BAR})"
    )
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
    return 0 if min(result["precision_at_5"], result["precision_at_3"]) >= BAR else 1


if __name__ == "__main__":
    sys.exit(main())
