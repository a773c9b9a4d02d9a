"""The three sizes, the people the benchmarks sign in as, and how a generated set is recognised."""

from dataclasses import dataclass

from accounts.models import User


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


def mentor_count(spec: Size) -> int:
    return max(2, int(spec.users * MENTOR_SHARE))


def persona_email(*, role: str, size: str) -> str:
    """The people the benchmarks sign in as: the busiest mentor (the first user) and the first
    drafter (who always has a portfolio and a few applications)."""
    index = 0 if role == "mentor" else mentor_count(SIZES[size])
    return f"user{index}@{EMAIL_DOMAIN}"


def sentinel_email(size: str, seed: int) -> str:
    """Written last: its presence means the whole data set of this size and seed is there."""
    return f"complete-{size}-{seed}@{EMAIL_DOMAIN}"


def is_generated(*, size: str, seed: int) -> bool:
    return User.objects.filter(email=sentinel_email(size, seed)).exists()


def has_generated_rows() -> bool:
    return User.objects.filter(email__endswith=f"@{EMAIL_DOMAIN}").exists()
