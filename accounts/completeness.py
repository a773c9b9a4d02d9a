"""How complete a profile is, and the one step that would help most next.

Pure: it reads a profile and two counts, so /api/v1/me/ computes it without extra queries.
"""

from dataclasses import dataclass

from accounts.models import Profile

MIN_SKILLS = 3


@dataclass(frozen=True)
class Step:
    key: str
    label: str
    url: str
    weight: int


def profile_completeness(*, profile: Profile, skill_count: int, portfolio_count: int) -> dict:
    """{"percent": 0-100, "next_step": {"key", "label", "url"} | None, "missing": [keys]}.

    Steps are listed in the order we suggest them; a drafter's portfolio and a mentor's
    organisation only count for people who chose that role.
    """
    is_mentor = profile.wants_to_mentor
    is_drafter = profile.wants_to_draft or not is_mentor
    checks: list[tuple[Step, bool]] = [
        (
            Step("display_name", "Add your name", "/settings/#profile", 10),
            bool(profile.display_name),
        ),
        (
            Step("headline", "Write a one-line headline", "/settings/#profile", 15),
            bool(profile.headline),
        ),
        # A drafter's skills are how mentors find them (three make a match likely); a mentor's
        # show drafters what they know, and one is a start.
        (
            Step("skills", f"Add at least {MIN_SKILLS} skills", "/settings/#skills", 20)
            if is_drafter
            else Step("skills", "Add the skills you work in", "/settings/#skills", 20),
            skill_count >= (MIN_SKILLS if is_drafter else 1),
        ),
    ]
    if is_drafter:
        checks.append(
            (
                Step("portfolio", "Add your first portfolio item", "/settings/portfolio/", 25),
                portfolio_count > 0,
            )
        )
    if is_mentor:
        checks.append(
            (
                Step(
                    "mentor_details",
                    "Add your organisation and job title",
                    "/settings/#profile",
                    20,
                ),
                bool(profile.organisation and profile.job_title),
            )
        )
    checks += [
        (
            Step("bio", "Tell people a little about yourself", "/settings/#profile", 10),
            bool(profile.bio),
        ),
        (Step("avatar", "Add a photo", "/settings/#profile", 10), bool(profile.avatar)),
        (
            Step("availability", "Say how many hours a week you have", "/settings/#profile", 5),
            profile.weekly_hours is not None and bool(profile.time_zone),
        ),
        (
            Step("links", "Link to your work elsewhere", "/settings/#profile", 5),
            bool(profile.links),
        ),
    ]
    total = sum(step.weight for step, _ in checks)
    done = sum(step.weight for step, ok in checks if ok)
    missing = [step for step, ok in checks if not ok]
    next_step = missing[0] if missing else None
    return {
        "percent": round(100 * done / total),
        "next_step": (
            {"key": next_step.key, "label": next_step.label, "url": next_step.url}
            if next_step
            else None
        ),
        "missing": [step.key for step in missing],
    }
