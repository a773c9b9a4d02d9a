"""Tasks and everything around them: applications (planned first, so slots and filled slots
agree), engagements, messages and feedback."""

import itertools
import random
from collections.abc import Iterator
from datetime import datetime, timedelta

from accounts.models import Skill
from bench.scale.people import People
from bench.scale.sizes import Size, mentor_count
from bench.scale.words import text, zipf_weights
from bench.scale.writer import Progress, insert
from projects.models import Application, Engagement, Feedback, Message, Task


def _plan_applications(
    rng: random.Random, spec: Size, people: People
) -> tuple[list[str], list[tuple[int, int]], set[int], list[int]]:
    """Task states, (task index, drafter index) pairs in insertion order, the indexes of the
    accepted pairs, and each task's filled slots."""
    states = rng.choices(
        list(Task.State.values), weights=[5, 60, 15, 15, 5], k=spec.tasks
    )  # draft, open, closed, archived, cancelled
    applicable = [i for i, state in enumerate(states) if state != Task.State.DRAFT]
    popularity = list(itertools.accumulate(rng.lognormvariate(0, 1) for _ in applicable))
    drafter_weights = list(itertools.accumulate(rng.paretovariate(1.5) for _ in people.drafters))
    pairs: dict[tuple[int, int], None] = {}
    while len(pairs) < spec.applications:
        need = spec.applications - len(pairs)
        for t, d in zip(
            rng.choices(applicable, cum_weights=popularity, k=need),
            rng.choices(range(len(people.drafters)), cum_weights=drafter_weights, k=need),
            strict=True,
        ):
            pairs.setdefault((t, d))
    for t in rng.sample(applicable, 8):  # the persona drafter has applied to a few tasks
        pairs.setdefault((t, 0))
    plan = list(pairs)
    rng.shuffle(plan)
    accepted = set(rng.sample(range(len(plan)), spec.engagements))
    filled = [0] * spec.tasks
    for n in accepted:
        filled[plan[n][0]] += 1
    return states, plan, accepted, filled


_LEVEL_CYCLE = (
    Task.Level.SOME_EXPERIENCE,
    Task.Level.BEGINNER_FRIENDLY,
    Task.Level.SOME_EXPERIENCE,
    Task.Level.EXPERIENCED,
    Task.Level.SOME_EXPERIENCE,
)


def work_generate(
    *,
    progress: Progress,
    rng: random.Random,
    spec: Size,
    skills: list[Skill],
    skill_weights: list[float],
    word_weights: list[float],
    now: datetime,
    people: People,
) -> None:
    states, plan, accepted, filled = _plan_applications(rng, spec, people)
    mentors, drafters, institutions = people.mentors, people.drafters, people.institutions
    mentor_weights = zipf_weights(mentor_count(spec), 1.0)
    task_mentors = rng.choices(mentors, cum_weights=mentor_weights, k=spec.tasks)

    def task_rows() -> Iterator[Task]:
        for i in range(spec.tasks):
            paid = rng.random() < 0.4
            task_skills = {*rng.choices(skills, cum_weights=skill_weights, k=rng.randint(1, 4))}
            minutes = rng.randint(1, 525_600)
            published = None if states[i] == Task.State.DRAFT else now - timedelta(minutes=minutes)
            task = Task(
                mentor=task_mentors[i],
                title=text(rng, word_weights, rng.randint(4, 7)).capitalize(),
                description=text(rng, word_weights, rng.randint(40, 90)),
                estimated_hours=rng.choice([2, 4, 5, 8, 10, 12, 16, 20, 30, 40]),
                deadline=(now + timedelta(days=rng.randint(3, 120))).date(),
                is_remote=rng.random() < 0.7,
                location="" if rng.random() < 0.7 else rng.choice(["London", "Lagos", "Berlin"]),
                slots=max(rng.randint(1, 3), filled[i]),
                filled_slots=filled[i],
                stipend_amount=rng.randint(5, 80) * 1000 if paid else None,
                what_you_gain="" if paid else "An introduction and a reference.",
                visibility=Task.Visibility.INSTITUTIONS
                if rng.random() < 0.05
                else Task.Visibility.PUBLIC,
                state=states[i],
                published_at=published,
                # 20 % beginner-friendly, 60 % some experience, 20 % experienced; from the
                # index, not the generator, so every other generated value stays as it was.
                level=_LEVEL_CYCLE[i % len(_LEVEL_CYCLE)],
                skills_text=" ".join(sorted(s.name for s in task_skills)),
            )
            task._bench_skills = task_skills
            yield task

    tasks = insert(progress, "tasks", Task, task_rows(), spec.tasks)
    through = Task.skills.through
    links = [through(task_id=t.pk, skill_id=s.pk) for t in tasks for s in t._bench_skills]
    insert(progress, "task skills", through, links, len(links))
    through = Task.institutions.through
    links = [
        through(task_id=t.pk, institution_id=rng.choice(institutions).pk)
        for t in tasks
        if t.visibility == Task.Visibility.INSTITUTIONS
    ]
    insert(progress, "task institutions", through, links, len(links))

    # --- Applications, engagements, messages, feedback. -------------------------------------
    other_states = ["submitted", "shortlisted", "declined", "withdrawn"]

    def application_rows() -> Iterator[Application]:
        for n, (t, d) in enumerate(plan):
            yield Application(
                task=tasks[t],
                drafter=drafters[d],
                note=text(rng, word_weights, rng.randint(15, 40)),
                state="accepted"
                if n in accepted
                else rng.choices(other_states, weights=[40, 15, 35, 10])[0],
            )

    applications = insert(progress, "applications", Application, application_rows(), len(plan))
    engagement_states = rng.choices(
        ["completed", "active", "delivered", "cancelled"], weights=[60, 15, 10, 15], k=len(accepted)
    )

    def engagement_rows() -> Iterator[Engagement]:
        for state, n in zip(engagement_states, sorted(accepted), strict=True):
            application, task = applications[n], tasks[plan[n][0]]
            started = now - timedelta(days=rng.randint(1, 300))
            if state == "active" and task.stipend_amount and rng.random() < 0.3:
                state = "awaiting_funding"
            yield Engagement(
                application=application,
                task=task,
                mentor_id=task.mentor_id,
                drafter_id=application.drafter_id,
                state=state,
                started_at=started,
                delivered_at=started + timedelta(days=10)
                if state in ("delivered", "completed")
                else None,
                completed_at=started + timedelta(days=14) if state == "completed" else None,
                cancelled_at=started + timedelta(days=5) if state == "cancelled" else None,
            )  # fmt: skip

    engagements = insert(progress, "engagements", Engagement, engagement_rows(), len(accepted))

    def message_rows() -> Iterator[Message]:
        for e in engagements:
            for k in range(2):
                sender, recipient = (e.mentor_id, e.drafter_id)[:: 1 if k else -1]
                yield Message(
                    engagement=e,
                    sender_id=sender,
                    recipient_id=recipient,
                    body=text(rng, word_weights, 12),
                    read_at=now if rng.random() < 0.8 else None,
                )
        for a in applications[::5]:
            yield Message(
                application=a,
                sender_id=a.drafter_id,
                recipient_id=a.task.mentor_id,
                body=text(rng, word_weights, 12),
                read_at=now if rng.random() < 0.8 else None,
            )

    n_messages = 2 * len(engagements) + len(applications[::5])
    insert(progress, "messages", Message, message_rows(), n_messages)

    competencies = list(Feedback.Competency.values)
    feedback = [
        Feedback(
            engagement=e,
            author_id=author,
            subject_id=subject,
            rating=rng.choices([1, 2, 3, 4, 5], weights=[1, 2, 8, 30, 40])[0],
            text=text(rng, word_weights, 20),
            competencies={c: rng.randint(2, 5) for c in rng.sample(competencies, 3)}
            if author == e.mentor_id
            else {},
            endorsement=text(rng, word_weights, 8) if author == e.mentor_id else "",
        )
        for e in engagements
        if e.state == "completed"
        for author, subject, chance in (
            (e.mentor_id, e.drafter_id, 0.9),
            (e.drafter_id, e.mentor_id, 0.7),
        )
        if rng.random() < chance
    ]
    insert(progress, "feedback", Feedback, feedback, len(feedback))
