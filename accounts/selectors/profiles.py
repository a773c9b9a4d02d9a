"""Reads of accounts and profiles: one's own account, anyone's public profile."""

from allauth.account.models import EmailAddress
from django.db.models import Count, Exists, OuterRef, Prefetch

from accounts.models import (
    HandleRedirect,
    InstitutionMembership,
    PortfolioItem,
    Profile,
    Skill,
    User,
    UserSkill,
)
from marketplace.errors import NotFound


def _user_skills_prefetch(lookup: str) -> Prefetch:
    return Prefetch(
        lookup, queryset=UserSkill.objects.select_related("skill").order_by("skill__name")
    )


def user_get_with_profile(*, user_id: int) -> User:
    """The signed-in account for /api/v1/me/: profile, skills and portfolio size in two queries;
    `email_verified` says what accounts.selectors.email_addresses would."""
    addresses = EmailAddress.objects.filter(user_id=OuterRef("pk"))
    return (
        User.objects.select_related("profile")
        .annotate(
            portfolio_count=Count("portfolio_items"),
            has_verified_address=Exists(addresses.filter(verified=True)),
            has_address=Exists(addresses),
        )
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


def profile_handle_current(*, old_handle: str) -> str:
    """The handle a live profile uses now, for one it used before (a permanent redirect)."""
    current = (
        HandleRedirect.objects.filter(
            old_handle=old_handle.lower(),
            profile__deleted_at__isnull=True,
            profile__user__is_active=True,
        )
        .values_list("profile__handle", flat=True)
        .first()
    )
    if current is None:
        raise NotFound("No such profile.")
    return current


def profile_get_for_page(*, handle: str) -> Profile:
    """What the /u/<handle>/ page's head needs (title, description, preview image), one query;
    the rest of the page comes from the API."""
    profile = (
        Profile.objects.filter(handle=handle.lower(), deleted_at__isnull=True, user__is_active=True)
        .only("handle", "display_name", "headline", "bio", "avatar", "wants_to_mentor")
        .first()
    )
    if profile is None:
        raise NotFound("No such profile.")
    return profile


def person_roles(*, user: User) -> dict[str, bool]:
    """What the person does on Slipstream, for a navigation that shows only their own pages.

    Someone who neither mentors nor works in a career office is a drafter whatever the flag
    says (the wizard and dashboard read it the same way: accounts/completeness.py)."""
    profile = (
        Profile.objects.filter(user=user)
        .only("wants_to_draft", "wants_to_mentor", "joins_career_office")
        .first()
    )
    # Someone who signed up as career-office staff is one before their institution exists.
    career_staff = bool(profile and profile.joins_career_office) or (
        InstitutionMembership.objects.filter(
            user=user, role=InstitutionMembership.Role.STAFF, ended_at__isnull=True
        ).exists()
    )
    mentor = bool(profile and profile.wants_to_mentor)
    drafter = bool(profile and profile.wants_to_draft) or not (mentor or career_staff)
    return {"drafter": drafter, "mentor": mentor, "career_staff": career_staff}
