"""Peer critique circles: a host, members and drafters outside."""

from typing import Any

from marketplace.errors import Conflict, DomainError, Forbidden
from projects.circles import error_codes as circle_codes
from projects.circles.models import CIRCLE_MAX_MEMBERS, Circle
from projects.transitions.core import (
    _STATE_CODES,
    _TABLES,
    DRAFTER,
    SYSTEM,
    Transition,
    _is_person,
    _t,
    _without_refused,
    actions_allowed,
)

# ---------------------------------------------------------------------------------------------
# Peer critique circles (projects/circles): 4-8 drafters around a skill family. A circle forms
# until its 4th member joins (the system activates it) and falls back below 4; its host closes
# it. Membership actions and the text a circle holds (requests, critiques) are its actions.
# Roles: the host, a member, and a drafter outside the circle.
# ---------------------------------------------------------------------------------------------

HOST = "host"
MEMBER = "member"
CS = Circle.State
CIRCLE_LIVE_STATES = (CS.FORMING, CS.ACTIVE)
CIRCLE_TRANSITIONS: dict[str, Transition] = {
    "join": _t(CIRCLE_LIVE_STATES, None, {DRAFTER}, "joined"),
    "leave": _t(CIRCLE_LIVE_STATES, None, {MEMBER}, "left"),
    # Critique starts once four people are in: fewer is a queue, not a circle.
    "ask": _t(
        {CS.ACTIVE},
        None,
        {HOST, MEMBER},
        "asked for critique",
        (
            circle_codes.CIRCLE_STATE_INVALID,
            "Critique opens once the circle has 4 members, and closes with the circle.",
        ),
    ),
    "critique": _t(
        {CS.ACTIVE},
        None,
        {HOST, MEMBER},
        "critiqued in",
        (
            circle_codes.CIRCLE_STATE_INVALID,
            "Critique opens once the circle has 4 members, and closes with the circle.",
        ),
    ),
    # Thanks and reports stay possible after a circle closes.
    "helpful": _t(set(CS.values), None, {HOST, MEMBER}, "thanked in"),
    "report": _t(set(CS.values), None, {HOST, MEMBER}, "reported in"),
    "remove": _t(CIRCLE_LIVE_STATES, None, {HOST}, "changed by its host"),
    "close": _t(CIRCLE_LIVE_STATES, CS.CLOSED, {HOST}, "closed"),
    "activate": _t({CS.FORMING}, CS.ACTIVE, {SYSTEM}, "activated"),
    "fall_back": _t({CS.ACTIVE}, CS.FORMING, {SYSTEM}, "sent back to forming"),
}
_TABLES[Circle] = CIRCLE_TRANSITIONS
_STATE_CODES[Circle] = circle_codes.CIRCLE_STATE_INVALID


def guard_circle_has_room(circle: Any) -> DomainError | None:
    """At most 8 members (the circle's row lock and a database constraint hold it)."""
    if circle.member_count >= CIRCLE_MAX_MEMBERS:
        return Conflict(
            f"This circle is full ({CIRCLE_MAX_MEMBERS} members).", code=circle_codes.CIRCLE_FULL
        )
    return None


def guard_circle_not_removed(*, removed: bool) -> DomainError | None:
    """A member the host removed does not come back by joining again."""
    if removed:
        return Forbidden("The host removed you from this circle.", code=circle_codes.CIRCLE_REMOVED)
    return None


def guard_circle_institution(*, belongs: bool) -> DomainError | None:
    """A circle within one institution takes only that institution's members."""
    if not belongs:
        return Forbidden(
            "This circle is for members of one institution.",
            code=circle_codes.CIRCLE_INSTITUTION_ONLY,
        )
    return None


def guard_has_credit(*, credits: int) -> DomainError | None:
    """Asking costs 1 credit; a balance never goes below 0."""
    if credits < 1:
        return Conflict(
            "Asking for critique costs 1 credit. "
            "Give a critique someone finds helpful to earn one.",
            code=circle_codes.CRITIQUE_NO_CREDIT,
        )
    return None


def guard_not_own_request(request: Any, *, user_id: int) -> DomainError | None:
    if request.asker_id == user_id:
        return Forbidden(
            "You cannot critique your own request.", code=circle_codes.CRITIQUE_OWN_REQUEST
        )
    return None


def guard_critique_not_given(*, given: bool) -> DomainError | None:
    if given:
        return Conflict(
            "You have already critiqued this request.", code=circle_codes.CRITIQUE_EXISTS
        )
    return None


def guard_helpful_by_asker(critique: Any, *, user_id: int) -> DomainError | None:
    """Only the person who asked marks a critique helpful, once (it earns its author 1 credit)."""
    if critique.request.asker_id != user_id:
        return Forbidden(
            "Only the person who asked can mark a critique helpful.",
            code=circle_codes.CRITIQUE_HELPFUL_ONLY_ASKER,
        )
    if critique.helpful_at is not None:
        return Conflict(
            "You have already marked this critique helpful.",
            code=circle_codes.CRITIQUE_ALREADY_HELPFUL,
        )
    return None


def guard_report_allowed(critique: Any, *, user_id: int, reported: bool) -> DomainError | None:
    if critique.author_id == user_id:
        return Forbidden("You cannot report your own critique.", code=circle_codes.CRITIQUE_OWN)
    if reported:
        return Conflict(
            "You have already reported this critique.",
            code=circle_codes.CRITIQUE_ALREADY_REPORTED,
        )
    return None


def circle_role_of(circle: Any, *, user: Any, is_member: bool) -> str:
    """host, member, or drafter (signed in, outside the circle)."""
    if user.pk == circle.host_id:
        return HOST
    return MEMBER if is_member else DRAFTER


def circle_actions_for(
    circle: Any, *, viewer: Any, is_member: bool, removed: bool, belongs: bool, credits: int
) -> tuple[str, list[str]]:
    """(viewer_role, allowed_actions) on a circle; `belongs`: the viewer may join its
    institution's circle (always True for an open circle); `credits`: the viewer's balance."""
    if not _is_person(viewer):
        return "visitor", []
    role = circle_role_of(circle, user=viewer, is_member=is_member)
    actions = actions_allowed(CIRCLE_TRANSITIONS, state=circle.state, role=role)
    refused = {
        "join": guard_circle_not_removed(removed=removed)
        or guard_circle_institution(belongs=belongs)
        or guard_circle_has_room(circle),
        "ask": guard_has_credit(credits=credits),
    }
    return role, _without_refused(actions, refused)
