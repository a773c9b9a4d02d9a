"""Users and their profiles, skills and portfolios; institutions, students and consents."""

import random
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.contrib.auth.hashers import make_password

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
from bench.scale.sizes import EMAIL_DOMAIN, Size, mentor_count
from bench.scale.words import FIRST, LAST, text
from bench.scale.writer import Progress, insert

UNUSABLE_PASSWORD = make_password(None)


@dataclass
class People:
    users: list[User]
    mentors: list[User]
    drafters: list[User]
    institutions: list[Institution]


def people_generate(
    *,
    progress: Progress,
    rng: random.Random,
    spec: Size,
    skills: list[Skill],
    skill_weights: list[float],
    word_weights: list[float],
    now: datetime,
) -> People:
    # --- People: mentors first (index 0 is the busiest), then drafters. --------------------
    n_mentors = mentor_count(spec)
    users = insert(
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
    insert(
        progress,
        "profiles",
        Profile,
        (
            Profile(
                user=u,
                handle=f"u{i}",
                display_name=f"{rng.choice(FIRST)} {rng.choice(LAST)}",
                headline=text(rng, word_weights, 6).capitalize(),
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
    insert(progress, "user skills", UserSkill, user_skills, len(user_skills))

    # --- Portfolios: the persona drafter (drafters[0]) always has some. --------------------
    owners = [drafters[0]] * 3 + rng.choices(drafters, k=spec.portfolio_items - 3)
    items = insert(
        progress,
        "portfolio items",
        PortfolioItem,
        (
            PortfolioItem(
                owner=owner,
                title=text(rng, word_weights, 4).capitalize(),
                description=text(rng, word_weights, 30),
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
    insert(progress, "portfolio skills", through, links, len(links))

    # --- Institutions, students, consents. --------------------------------------------------
    institutions = insert(
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
    insert(progress, "memberships", InstitutionMembership, memberships, len(memberships))
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
    insert(progress, "consents", Consent, consents, len(consents))
    return People(users=users, mentors=mentors, drafters=drafters, institutions=institutions)
