"""Reads for accounts, scoped to the viewer: a missing row and someone else's row look the same."""

from django.db.models import Case, Count, Exists, IntegerField, OuterRef, Prefetch, QuerySet, When

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
from accounts.skill_keys import skill_search_key
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


def skill_search(*, query: str, limit: int = 20) -> list[Skill]:
    """Autocomplete: names starting with the query first, then names containing it."""
    key = skill_search_key(query)
    skills = Skill.objects.all()
    if key:
        skills = skills.filter(search_key__contains=key).annotate(
            rank=Case(
                When(search_key__startswith=key, then=0),
                default=1,
                output_field=IntegerField(),
            )
        )
        skills = skills.order_by("rank", "name")
    else:
        skills = skills.order_by("name")
    return list(skills[:limit])


def user_skills_for_user(*, user: User) -> list[UserSkill]:
    return list(UserSkill.objects.filter(user=user).select_related("skill").order_by("skill__name"))


def portfolio_items_for_owner(*, owner: User) -> QuerySet[PortfolioItem]:
    return PortfolioItem.objects.filter(owner=owner).prefetch_related(
        Prefetch("skills", queryset=Skill.objects.order_by("name"))
    )


def portfolio_item_get_for_owner(*, owner: User, item_id: int) -> PortfolioItem:
    item = portfolio_items_for_owner(owner=owner).filter(pk=item_id).first()
    if item is None:
        raise NotFound("No such portfolio item.")
    return item


def portfolio_item_get_for_download(*, item_id: int, viewer: User | None) -> PortfolioItem:
    """Public items' files are for anyone; "only with my applications" items for their owner.

    A mentor opens the items attached to an application through the application instead
    (projects.selectors.application_portfolio_item_get), which accounts need not know about.
    """
    item = (
        PortfolioItem.objects.filter(
            pk=item_id, owner__is_active=True, owner__profile__deleted_at__isnull=True
        )
        .exclude(file="")
        .first()
    )
    if item is None:
        raise NotFound("No such file.")
    is_owner = viewer is not None and viewer.is_authenticated and item.owner_id == viewer.pk
    if item.visibility != PortfolioItem.Visibility.PUBLIC and not is_owner:
        raise NotFound("No such file.")
    return item


def institution_get(*, slug: str) -> Institution:
    institution = Institution.objects.filter(slug=slug).first()
    if institution is None:
        raise NotFound("No such institution.")
    return institution


def memberships_for_user(*, user: User) -> QuerySet[InstitutionMembership]:
    return (
        InstitutionMembership.objects.filter(user=user, ended_at__isnull=True)
        .select_related("institution")
        .order_by("institution__name", "role")
    )


def consents_for_student(*, student: User) -> QuerySet[Consent]:
    return Consent.objects.filter(student=student).select_related("institution")


def consent_get_for_student(*, student: User, consent_id: int) -> Consent:
    consent = consents_for_student(student=student).filter(pk=consent_id).first()
    if consent is None:
        raise NotFound("No such consent.")
    return consent


def consenting_students(*, institution: Institution, scope: str) -> QuerySet[User]:
    """Students the institution may see for `scope` right now: an active student membership
    AND an active consent covering that scope. Evaluated per request, so a revocation takes
    effect on the very next read. The careers API builds every query on this."""
    if scope not in Consent.Scope.values:
        raise ValueError(f"unknown consent scope: {scope}")
    member = InstitutionMembership.objects.filter(
        user=OuterRef("pk"),
        institution=institution,
        role=InstitutionMembership.Role.STUDENT,
        ended_at__isnull=True,
    )
    consenting = Consent.objects.filter(
        student=OuterRef("pk"), institution=institution, revoked_at__isnull=True, **{scope: True}
    )
    return User.objects.filter(Exists(member), Exists(consenting), is_active=True)
