"""Circles as their viewers see them. The list shows live circles open to everyone or within
the viewer's institutions (suggested first by the viewer's skill families); one circle is seen
only by its members ("fetch and authorise in one step": anyone else gets NotFound)."""

from typing import Any

from django.db.models import Count, Q, QuerySet

from accounts.models import InstitutionMembership, User, UserSkill
from marketplace.errors import NotFound
from projects.circles.models import (
    HOST_MIN_VERIFIED_DRAFTS,
    STARTING_CREDITS,
    Circle,
    CircleMembership,
    Critique,
    CritiqueBalance,
    CritiqueReport,
    CritiqueRequest,
)
from projects.models import Engagement
from projects.people import display_name
from projects.transitions import (
    circle_actions_for,
    guard_critique_not_given,
    guard_helpful_by_asker,
    guard_not_own_request,
    guard_report_allowed,
)

M = CircleMembership.State


def _institution_ids(user: User) -> list[int]:
    return list(
        InstitutionMembership.objects.filter(user=user, ended_at__isnull=True).values_list(
            "institution_id", flat=True
        )
    )


def viewer_skill_families(*, user: User) -> set[str]:
    """The skill families of the viewer's declared skills (what "suggested" means)."""
    families = UserSkill.objects.filter(user=user).values_list("skill__family", flat=True)
    return {family for family in families if family}


def circle_list(*, viewer: User, skill: str = "", suggested: bool = False) -> QuerySet:
    """Live circles the viewer could see: open ones and their institutions' ones."""
    queryset = Circle.objects.filter(state__in=(Circle.State.FORMING, Circle.State.ACTIVE)).filter(
        Q(institution__isnull=True) | Q(institution_id__in=_institution_ids(viewer))
    )
    if skill:
        queryset = queryset.filter(skill_family=skill)
    if suggested:
        queryset = queryset.filter(skill_family__in=viewer_skill_families(user=viewer))
    return queryset.select_related("host__profile", "institution").order_by("-id")


def circle_rows(*, circles: list[Circle], viewer: User) -> list[dict[str, Any]]:
    """The list's cards in three queries whatever the page size (memberships, families)."""
    mine = dict(
        CircleMembership.objects.filter(
            user=viewer, circle_id__in=[c.pk for c in circles]
        ).values_list("circle_id", "state")
    )
    institutions = set(_institution_ids(viewer))
    families = viewer_skill_families(user=viewer)
    credits = critique_credits_of(user=viewer)
    return [
        _card(
            circle,
            viewer=viewer,
            membership_state=mine.get(circle.pk),
            belongs=circle.institution_id is None or circle.institution_id in institutions,
            suggested=circle.skill_family in families,
            credits=credits,
        )
        for circle in circles
    ]


def _card(
    circle: Circle,
    *,
    viewer: User,
    membership_state: str | None,
    belongs: bool,
    suggested: bool,
    credits: int,
) -> dict[str, Any]:
    role, actions = circle_actions_for(
        circle,
        viewer=viewer,
        is_member=membership_state == M.MEMBER,
        removed=membership_state == M.REMOVED,
        belongs=belongs,
        credits=credits,
    )
    return {
        "id": circle.pk,
        "name": circle.name,
        "description": circle.description,
        "skill_family": circle.skill_family,
        "skill_family_label": circle.get_skill_family_display(),
        "institution": circle.institution.name if circle.institution is not None else None,
        "state": circle.state,
        "member_count": circle.member_count,
        "host": {"handle": circle.host.profile.handle, "display_name": display_name(circle.host)},
        "suggested": suggested,
        "viewer_role": role,
        "allowed_actions": actions,
        "url": f"/circles/{circle.pk}/",
    }


def critique_credits_of(*, user: User) -> int:
    balance = CritiqueBalance.objects.filter(user=user).values_list("credits", flat=True).first()
    return STARTING_CREDITS if balance is None else balance


def circle_get_for_member(*, circle_id: int, user: User) -> dict[str, Any]:
    """One circle for one of its members: people, requests with their critiques, the viewer's
    credits, and what the viewer may do on each thing."""
    circle = (
        Circle.objects.select_related("host__profile", "institution")
        .filter(pk=circle_id, memberships__user=user, memberships__state=M.MEMBER)
        .first()
    )
    if circle is None:
        raise NotFound("No such circle.")
    credits = critique_credits_of(user=user)
    card = _card(
        circle,
        viewer=user,
        membership_state=M.MEMBER,
        belongs=True,
        suggested=False,
        credits=credits,
    )
    members = (
        CircleMembership.objects.filter(circle=circle, state=M.MEMBER)
        .select_related("user__profile")
        .annotate(
            given=Count(
                "user__critiques_given", filter=Q(user__critiques_given__request__circle=circle)
            )
        )
        .order_by("id")
    )
    requests = list(
        CritiqueRequest.objects.filter(circle=circle)
        .select_related("asker__profile", "portfolio_item")
        .prefetch_related("critiques__author__profile")
        .order_by("-id")[:50]
    )
    reported = set(
        CritiqueReport.objects.filter(reporter=user, critique__request__circle=circle).values_list(
            "critique_id", flat=True
        )
    )
    critique_open = "critique" in card["allowed_actions"]
    return {
        **card,
        "credits": credits,
        "members": [
            {
                "handle": m.user.profile.handle,
                "display_name": display_name(m.user),
                "is_host": m.user_id == circle.host_id,
                "critiques_given": m.given,
                "joined_at": m.created_at,
            }
            for m in members
        ],
        "requests": [
            _request_row(r, viewer=user, critique_open=critique_open, reported=reported)
            for r in requests
        ],
    }


def _request_row(
    request: CritiqueRequest, *, viewer: User, critique_open: bool, reported: set[int]
) -> dict[str, Any]:
    critiques = sorted(request.critiques.all(), key=lambda c: c.pk)
    given = any(c.author_id == viewer.pk for c in critiques)
    can_critique = (
        critique_open
        and (
            guard_not_own_request(request, user_id=viewer.pk)
            or guard_critique_not_given(given=given)
        )
        is None
    )
    item = request.portfolio_item
    return {
        "id": request.pk,
        "question": request.question,
        "asker": {
            "handle": request.asker.profile.handle,
            "display_name": display_name(request.asker),
        },
        "portfolio_item": {
            "id": item.pk,
            "title": item.title,
            "description": item.description,
            "link": item.link,
        },
        "created_at": request.created_at,
        "allowed_actions": ["critique"] if can_critique else [],
        "critiques": [
            _critique_row(c, request, viewer=viewer, reported=reported) for c in critiques
        ],
    }


def _critique_row(
    critique: Critique, request: CritiqueRequest, *, viewer: User, reported: set[int]
) -> dict[str, Any]:
    critique.request = request  # the guards read the asker through it, without a query
    actions = []
    if guard_helpful_by_asker(critique, user_id=viewer.pk) is None:
        actions.append("helpful")
    if guard_report_allowed(critique, user_id=viewer.pk, reported=critique.pk in reported) is None:
        actions.append("report")
    return {
        "id": critique.pk,
        "author": {
            "handle": critique.author.profile.handle,
            "display_name": display_name(critique.author),
        },
        "what_works": critique.what_works,
        "one_change": critique.one_change,
        "resource": critique.resource,
        "helpful": critique.helpful_at is not None,
        "created_at": critique.created_at,
        "allowed_actions": actions,
    }


def circles_for_profile(*, user: User) -> dict[str, Any]:
    """What a public profile shows: the circles a person is in, and critiques given."""
    circles = (
        Circle.objects.filter(memberships__user=user, memberships__state=M.MEMBER)
        .exclude(state=Circle.State.CLOSED)
        .order_by("name")
        .values("id", "name", "skill_family")[:20]
    )
    return {
        "circles": list(circles),
        "critiques_given": Critique.objects.filter(author=user).count(),
    }


def circle_hosting_get(*, viewer: User) -> dict[str, Any]:
    """Whether the viewer may host a circle and how far they are from it, so the page can show
    the form disabled with its reason ("you have 1 of 2") instead of refusing after the fact.
    The same count circle_create checks."""
    verified = Engagement.objects.filter(drafter=viewer, state=Engagement.State.COMPLETED).count()
    return {
        "eligible": verified >= HOST_MIN_VERIFIED_DRAFTS,
        "verified_drafts": verified,
        "required": HOST_MIN_VERIFIED_DRAFTS,
    }
