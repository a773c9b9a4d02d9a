"""Reads of accounts and profiles: one's own account, anyone's public profile."""

from django.db.models import Count, Prefetch

from accounts.models import InstitutionMembership, PortfolioItem, Profile, Skill, User, UserSkill
from marketplace.errors import NotFound


def _user_skills_prefetch(lookup: str) -> Prefetch:
    return Prefetch(
        lookup, queryset=UserSkill.objects.select_related("skill").order_by("skill__name")
    )


def user_get_with_profile(*, user_id: int) -> User:
    """The signed-in account for /api/v1/me/: profile, skills and portfolio size in two queries."""
    return (
        User.objects.select_related("profile")
        .annotate(portfolio_count=Count("portfolio_items"))
        .prefetch_related(_user_skills_prefetch("user_skills"))
        .get(pk=user_id)
    )


def profile_get_public(*, handle: str) -> Profile:
    """A public profile by handle, with its skills and public portfolio, in four queries."""
    profile = (
        Profile.objects.filter(handle=handle.lower(), deleted_at__isnull=True, user__is_active=True)
        .select_related("user")
        .prefetch_related(
            _user_skills_prefetch("user__user_skills"),
            Prefetch(
                "user__portfolio_items",
                queryset=PortfolioItem.objects.filter(visibility=PortfolioItem.Visibility.PUBLIC)
                .order_by("position", "id")
                .prefetch_related(Prefetch("skills", queryset=Skill.objects.order_by("name"))),
                to_attr="public_portfolio",
            ),
        )
        .first()
    )
    if profile is None:
        raise NotFound("No such profile.")
    return profile


def profile_get_for_avatar(*, handle: str) -> Profile:
    profile = (
        Profile.objects.filter(handle=handle.lower(), deleted_at__isnull=True)
        .exclude(avatar="")
        .only("avatar")
        .first()
    )
    if profile is None:
        raise NotFound("No such avatar.")
    return profile


def person_roles(*, user: User) -> dict[str, bool]:
    """What the person does on Slipstream, for a navigation that shows only their own pages.

    Someone who neither mentors nor works in a career office is a drafter whatever the flag
    says (the wizard and dashboard read it the same way: accounts/completeness.py)."""
    profile = Profile.objects.filter(user=user).only("wants_to_draft", "wants_to_mentor").first()
    career_staff = InstitutionMembership.objects.filter(
        user=user, role=InstitutionMembership.Role.STAFF, ended_at__isnull=True
    ).exists()
    mentor = bool(profile and profile.wants_to_mentor)
    drafter = bool(profile and profile.wants_to_draft) or not (mentor or career_staff)
    return {"drafter": drafter, "mentor": mentor, "career_staff": career_staff}
