"""A marketplace-shaped data set at three sizes, for benchmarks (`manage.py seed_scale`).

Everything is planned in memory first from one seeded `random.Random` (who applies where, which
applications became engagements), then written with bulk inserts, table by table, in one
transaction each. The same seed gives the same rows; dates are relative to the day it runs.

Distributions: skills by popularity (Zipf over the catalogue), mentors with a long tail (a few
post thousands of tasks, most a handful), applicants drawn to popular tasks, deadlines spread
over three months, publication over a year.
"""

import itertools
import random
import sys
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import timedelta
from typing import Any, TextIO

from django.contrib.auth.hashers import make_password
from django.db import connection, transaction
from django.utils import timezone

from accounts import consent_terms
from accounts.models import (
    Consent,
    Institution,
    InstitutionMembership,
    PortfolioItem,
    Profile,
    Skill,
    User,
    UserSkill,
)
from projects.models import Application, Engagement, Feedback, Message, Task


@dataclass(frozen=True)
class Size:
    users: int
    tasks: int
    portfolio_items: int
    applications: int
    engagements: int
    institutions: int


SIZES = {
    "tiny": Size(users=120, tasks=300, portfolio_items=60, applications=900, engagements=90,
                 institutions=2),
    "small": Size(users=5_000, tasks=10_000, portfolio_items=2_000, applications=50_000,
                  engagements=5_000, institutions=20),
    "large": Size(users=50_000, tasks=100_000, portfolio_items=20_000, applications=500_000,
                  engagements=50_000, institutions=20),
}  # fmt: skip
MENTOR_SHARE = 0.1
EMAIL_DOMAIN = "scale.bench"
UNUSABLE_PASSWORD = make_password(None)
BATCH = 5_000

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


def _mentor_count(spec: Size) -> int:
    return max(2, int(spec.users * MENTOR_SHARE))


def persona_email(*, role: str, size: str) -> str:
    """The people the benchmarks sign in as: the busiest mentor (the first user) and the first
    drafter (who always has a portfolio and a few applications)."""
    index = 0 if role == "mentor" else _mentor_count(SIZES[size])
    return f"user{index}@{EMAIL_DOMAIN}"


def sentinel_email(size: str, seed: int) -> str:
    """Written last: its presence means the whole data set of this size and seed is there."""
    return f"complete-{size}-{seed}@{EMAIL_DOMAIN}"


def is_generated(*, size: str, seed: int) -> bool:
    return User.objects.filter(email=sentinel_email(size, seed)).exists()


def has_generated_rows() -> bool:
    return User.objects.filter(email__endswith=f"@{EMAIL_DOMAIN}").exists()


def _zipf_weights(n: int, s: float) -> list[float]:
    """Cumulative Zipf weights (rank 0 most popular), for `choices(cum_weights=...)`: passing
    plain weights would re-add them on every call, which dominated generation time."""
    return list(itertools.accumulate(1 / (rank + 1) ** s for rank in range(n)))


def _text(rng: random.Random, weights: list[float], k: int) -> str:
    return " ".join(rng.choices(WORDS, cum_weights=weights, k=k))


class Progress:
    """A one-line progress bar per table on a terminal; one line per table otherwise."""

    def __init__(self, out: TextIO) -> None:
        self.out = out
        self.tty = out.isatty()
        self.started = time.perf_counter()

    def track(self, label: str, total: int, chunks: Iterable[int]) -> None:
        done = 0
        for n in chunks:
            done += n
            if self.tty:
                filled = int(30 * done / max(total, 1))
                self.out.write(f"\r  {label:<22} [{'#' * filled:<30}] {done:>9,}/{total:,}")
                self.out.flush()
        elapsed = time.perf_counter() - self.started
        end = "\r" if self.tty else ""
        self.out.write(f"{end}  {label:<22} {done:>9,} rows   {elapsed:6.1f} s total\n")
        self.out.flush()


def _batched(rows: Iterable[Any], size: int = BATCH) -> Iterator[list[Any]]:
    iterator = iter(rows)
    while batch := list(itertools.islice(iterator, size)):
        yield batch


def _insert(progress: Progress, label: str, model: Any, rows: Iterable[Any], total: int) -> list:
    created: list = []

    def chunks() -> Iterator[int]:
        for batch in _batched(rows):
            created.extend(model.objects.bulk_create(batch, batch_size=BATCH))
            yield len(batch)

    with transaction.atomic():
        progress.track(label, total, chunks())
    return created


def generate(*, size: str, seed: int, out: TextIO = sys.stdout) -> dict[str, Any]:
    spec = SIZES[size]
    rng = random.Random(seed)
    now = timezone.now()
    progress = Progress(out)
    if connection.vendor == "sqlite":
        # Random-order inserts into the application indexes thrash SQLite's default 2 MB page
        # cache (500k applications took 5 minutes); a big cache keeps the B-trees in memory.
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA cache_size = -1000000")
    word_weights = _zipf_weights(len(WORDS), 0.9)

    skills = list(Skill.objects.order_by("id"))
    rng.shuffle(skills)  # popularity order, different per seed
    skill_weights = _zipf_weights(len(skills), 1.1)

    # --- People: mentors first (index 0 is the busiest), then drafters. --------------------
    n_mentors = _mentor_count(spec)
    users = _insert(
        progress,
        "users",
        User,
        (
            User(email=f"user{i}@{EMAIL_DOMAIN}", password=UNUSABLE_PASSWORD)
            for i in range(spec.users)
        ),
        spec.users,
    )
    mentors, drafters = users[:n_mentors], users[n_mentors:]
    _insert(
        progress,
        "profiles",
        Profile,
        (
            Profile(
                user=u,
                handle=f"u{i}",
                display_name=f"{rng.choice(FIRST)} {rng.choice(LAST)}",
                headline=_text(rng, word_weights, 6).capitalize(),
                wants_to_mentor=i < n_mentors,
                wants_to_draft=i >= n_mentors or rng.random() < 0.2,
                weekly_hours=rng.randint(2, 20),
            )
            for i, u in enumerate(users)
        ),
        spec.users,
    )
    user_skills = [
        UserSkill(user=u, skill=s, level=rng.choice(UserSkill.Level.values))
        for u in users
        for s in {*rng.choices(skills, cum_weights=skill_weights, k=rng.randint(2, 6))}
    ]
    _insert(progress, "user skills", UserSkill, user_skills, len(user_skills))

    # --- Portfolios: the persona drafter (drafters[0]) always has some. --------------------
    owners = [drafters[0]] * 3 + rng.choices(drafters, k=spec.portfolio_items - 3)
    items = _insert(
        progress,
        "portfolio items",
        PortfolioItem,
        (
            PortfolioItem(
                owner=owner,
                title=_text(rng, word_weights, 4).capitalize(),
                description=_text(rng, word_weights, 30),
                link=f"https://example.org/work/{n}",
                visibility=rng.choice(PortfolioItem.Visibility.values),
                position=n % 5,
            )
            for n, owner in enumerate(owners)
        ),
        spec.portfolio_items,
    )
    through = PortfolioItem.skills.through
    links = [
        through(portfolioitem_id=item.pk, skill_id=s.pk)
        for item in items
        for s in {*rng.choices(skills[:40], cum_weights=skill_weights[:40], k=rng.randint(1, 3))}
    ]
    _insert(progress, "portfolio skills", through, links, len(links))

    # --- Institutions, students, consents. --------------------------------------------------
    institutions = _insert(
        progress,
        "institutions",
        Institution,
        (
            Institution(
                name=f"University {n}",
                slug=f"university-{n}",
                email_domains=[f"uni{n}.example.edu"],
                country=rng.choice(["GB", "US", "DE", "NL", "NG", "IN"]),
            )
            for n in range(spec.institutions)
        ),
        spec.institutions,
    )
    students = [(d, rng.choice(institutions)) for d in drafters if rng.random() < 0.3]
    staff = [(mentors[-1 - n], inst) for n, inst in enumerate(institutions)]
    memberships = [
        InstitutionMembership(user=u, institution=inst, role=role, email=u.email)
        for role, pairs in (("student", students), ("staff", staff))
        for u, inst in pairs
    ]
    _insert(progress, "memberships", InstitutionMembership, memberships, len(memberships))
    consents = [
        Consent(
            student=u,
            institution=inst,
            participation=True,
            evaluations=rng.random() < 0.5,
            stipend_amounts=rng.random() < 0.3,
            purpose=consent_terms.PURPOSE,
            version=consent_terms.VERSION,
            granted_at=now - timedelta(days=rng.randint(0, 365)),
        )
        for u, inst in students
        if rng.random() < 0.7
    ]
    _insert(progress, "consents", Consent, consents, len(consents))

    # --- Plan applications before tasks, so slots and filled slots agree. --------------------
    states = rng.choices(
        list(Task.State.values), weights=[5, 60, 15, 15, 5], k=spec.tasks
    )  # draft, open, closed, archived, cancelled
    applicable = [i for i, state in enumerate(states) if state != Task.State.DRAFT]
    popularity = list(itertools.accumulate(rng.lognormvariate(0, 1) for _ in applicable))
    drafter_weights = list(itertools.accumulate(rng.paretovariate(1.5) for _ in drafters))
    pairs: dict[tuple[int, int], None] = {}
    while len(pairs) < spec.applications:
        need = spec.applications - len(pairs)
        for t, d in zip(
            rng.choices(applicable, cum_weights=popularity, k=need),
            rng.choices(range(len(drafters)), cum_weights=drafter_weights, k=need),
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

    mentor_weights = _zipf_weights(n_mentors, 1.0)
    task_mentors = rng.choices(mentors, cum_weights=mentor_weights, k=spec.tasks)

    def task_rows() -> Iterator[Task]:
        for i in range(spec.tasks):
            paid = rng.random() < 0.4
            task_skills = {*rng.choices(skills, cum_weights=skill_weights, k=rng.randint(1, 4))}
            minutes = rng.randint(1, 525_600)
            published = None if states[i] == Task.State.DRAFT else now - timedelta(minutes=minutes)
            task = Task(
                mentor=task_mentors[i],
                title=_text(rng, word_weights, rng.randint(4, 7)).capitalize(),
                description=_text(rng, word_weights, rng.randint(40, 90)),
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
                skills_text=" ".join(sorted(s.name for s in task_skills)),
            )
            task._bench_skills = task_skills
            yield task

    tasks = _insert(progress, "tasks", Task, task_rows(), spec.tasks)
    through = Task.skills.through
    links = [through(task_id=t.pk, skill_id=s.pk) for t in tasks for s in t._bench_skills]
    _insert(progress, "task skills", through, links, len(links))
    through = Task.institutions.through
    links = [
        through(task_id=t.pk, institution_id=rng.choice(institutions).pk)
        for t in tasks
        if t.visibility == Task.Visibility.INSTITUTIONS
    ]
    _insert(progress, "task institutions", through, links, len(links))

    # --- Applications, engagements, messages, feedback. -------------------------------------
    other_states = ["submitted", "shortlisted", "declined", "withdrawn"]

    def application_rows() -> Iterator[Application]:
        for n, (t, d) in enumerate(plan):
            yield Application(
                task=tasks[t],
                drafter=drafters[d],
                note=_text(rng, word_weights, rng.randint(15, 40)),
                state="accepted"
                if n in accepted
                else rng.choices(other_states, weights=[40, 15, 35, 10])[0],
            )

    applications = _insert(progress, "applications", Application, application_rows(), len(plan))
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

    engagements = _insert(progress, "engagements", Engagement, engagement_rows(), len(accepted))

    def message_rows() -> Iterator[Message]:
        for e in engagements:
            for k in range(2):
                sender, recipient = (e.mentor_id, e.drafter_id)[:: 1 if k else -1]
                yield Message(
                    engagement=e,
                    sender_id=sender,
                    recipient_id=recipient,
                    body=_text(rng, word_weights, 12),
                    read_at=now if rng.random() < 0.8 else None,
                )
        for a in applications[::5]:
            yield Message(
                application=a,
                sender_id=a.drafter_id,
                recipient_id=a.task.mentor_id,
                body=_text(rng, word_weights, 12),
                read_at=now if rng.random() < 0.8 else None,
            )

    n_messages = 2 * len(engagements) + len(applications[::5])
    _insert(progress, "messages", Message, message_rows(), n_messages)

    competencies = list(Feedback.Competency.values)
    feedback = [
        Feedback(
            engagement=e,
            author_id=author,
            subject_id=subject,
            rating=rng.choices([1, 2, 3, 4, 5], weights=[1, 2, 8, 30, 40])[0],
            text=_text(rng, word_weights, 20),
            competencies={c: rng.randint(2, 5) for c in rng.sample(competencies, 3)}
            if author == e.mentor_id
            else {},
            endorsement=_text(rng, word_weights, 8) if author == e.mentor_id else "",
        )
        for e in engagements
        if e.state == "completed"
        for author, subject, chance in (
            (e.mentor_id, e.drafter_id, 0.9),
            (e.drafter_id, e.mentor_id, 0.7),
        )
        if rng.random() < chance
    ]
    _insert(progress, "feedback", Feedback, feedback, len(feedback))

    User.objects.create(email=sentinel_email(size, seed), password=UNUSABLE_PASSWORD)
    _analyze()
    progress.track("done", 0, [])
    return {"size": size, "seed": seed, "seconds": time.perf_counter() - progress.started}


def _analyze() -> None:
    """Fresh planner statistics (autovacuum would do it later on PostgreSQL; SQLite never)."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("INSERT INTO projects_task_fts(projects_task_fts) VALUES ('optimize')")
        cursor.execute("ANALYZE")
