"""Circles: hosting, joining, leaving, removal and closing. Every action is allowed or refused
by CIRCLE_TRANSITIONS; the member count (cap 8) changes only under the circle's row lock."""

from django.db import transaction
from django.utils import timezone

from accounts.models import InstitutionMembership, User
from marketplace.errors import Conflict, Forbidden, NotFound, field_error
from projects.circles import error_codes as codes
from projects.circles.models import (
    CIRCLE_MIN_MEMBERS,
    HOST_MIN_VERIFIED_DRAFTS,
    Circle,
    CircleMembership,
)
from projects.circles.services.alerts import circle_alerts_notify
from projects.locks import circle_lock
from projects.models import Engagement
from projects.transitions import (
    SYSTEM,
    circle_role_of,
    guard_circle_has_room,
    guard_circle_institution,
    guard_circle_not_removed,
    guard_require,
    transition_allows,
    transition_require,
    transition_target,
)

M = CircleMembership.State


def _belongs(*, user: User, institution_id: int | None) -> bool:
    if institution_id is None:
        return True
    return InstitutionMembership.objects.filter(
        user=user, institution_id=institution_id, ended_at__isnull=True
    ).exists()


def circle_host_eligible(*, user: User) -> bool:
    """Two or more verified drafts (completed engagements) make a host."""
    verified = Engagement.objects.filter(drafter=user, state=Engagement.State.COMPLETED)
    return verified.count() >= HOST_MIN_VERIFIED_DRAFTS


def circle_create(
    *,
    host: User,
    name: str,
    skill_family: str,
    description: str = "",
    institution_slug: str = "",
) -> Circle:
    """A drafter with two or more verified drafts starts a circle (forming, with them in it),
    open to everyone or, with `institution_slug`, within one institution they belong to."""
    if not circle_host_eligible(user=host):
        raise Forbidden(
            f"Hosting a circle takes {HOST_MIN_VERIFIED_DRAFTS} verified drafts "
            "(completed engagements).",
            code=codes.CIRCLE_HOST_NOT_ELIGIBLE,
        )
    institution_id = None
    if institution_slug:
        institution_id = (
            InstitutionMembership.objects.filter(
                user=host, institution__slug=institution_slug, ended_at__isnull=True
            )
            .values_list("institution_id", flat=True)
            .first()
        )
        if institution_id is None:
            raise field_error(
                "You can only start a circle within an institution you belong to.",
                code=codes.CIRCLE_INVALID,
                field="institution_slug",
            )
    with transaction.atomic():
        circle = Circle.objects.create(
            host=host,
            name=name,
            description=description,
            skill_family=skill_family,
            institution_id=institution_id,
        )
        CircleMembership.objects.create(circle=circle, user=host)
        # People waiting for a circle of this family hear that one is starting.
        circle_alerts_notify(circle=circle)
    return circle


def _resize(circle: Circle, delta: int) -> None:
    """Count the change and let the system move the circle between forming and active."""
    circle.member_count += delta
    if circle.member_count >= CIRCLE_MIN_MEMBERS and transition_allows(
        circle, "activate", role=SYSTEM
    ):
        circle.state = transition_target(circle, "activate", role=SYSTEM)
        # It opens: anyone still waiting for this family (asked since it began forming) hears.
        circle_alerts_notify(circle=circle)
    elif circle.member_count < CIRCLE_MIN_MEMBERS and transition_allows(
        circle, "fall_back", role=SYSTEM
    ):
        circle.state = transition_target(circle, "fall_back", role=SYSTEM)
    circle.save(update_fields=["member_count", "state", "updated_at"])


def circle_join(*, circle_id: int, user: User) -> Circle:
    with transaction.atomic():
        circle = circle_lock(circle_id=circle_id)
        if circle is None:
            raise NotFound("No such circle.")
        membership = CircleMembership.objects.filter(circle=circle, user=user).first()
        is_member = membership is not None and membership.state == M.MEMBER
        if is_member:
            raise Conflict("You are already in this circle.", code=codes.CIRCLE_ALREADY_MEMBER)
        role = circle_role_of(circle, user=user, is_member=is_member)
        transition_require(circle, "join", role=role)
        guard_require(
            guard_circle_not_removed(
                removed=membership is not None and membership.state == M.REMOVED
            ),
            guard_circle_institution(
                belongs=_belongs(user=user, institution_id=circle.institution_id)
            ),
            guard_circle_has_room(circle),
        )
        if membership is None:
            CircleMembership.objects.create(circle=circle, user=user)
        else:
            membership.state = M.MEMBER
            membership.save(update_fields=["state", "updated_at"])
        _resize(circle, +1)
    return circle


def _member_or_404(circle: Circle | None, *, user: User) -> tuple[Circle, CircleMembership]:
    membership = (
        CircleMembership.objects.filter(circle=circle, user=user, state=M.MEMBER).first()
        if circle is not None
        else None
    )
    if circle is None or membership is None:
        raise NotFound("No such circle.")
    return circle, membership


def circle_leave(*, circle_id: int, user: User) -> Circle:
    """A member leaves (the host closes the circle instead)."""
    with transaction.atomic():
        circle, membership = _member_or_404(circle_lock(circle_id=circle_id), user=user)
        if circle.host_id == user.pk:
            raise Forbidden(
                "The host cannot leave the circle; close it instead.",
                code=codes.CIRCLE_HOST_CANNOT_LEAVE,
            )
        transition_require(circle, "leave", role=circle_role_of(circle, user=user, is_member=True))
        membership.state = M.LEFT
        membership.save(update_fields=["state", "updated_at"])
        _resize(circle, -1)
    return circle


def circle_member_remove(*, circle_id: int, host: User, handle: str) -> Circle:
    """The host removes a member; they cannot join again."""
    with transaction.atomic():
        circle, _ = _member_or_404(circle_lock(circle_id=circle_id), user=host)
        transition_require(circle, "remove", role=circle_role_of(circle, user=host, is_member=True))
        membership = (
            CircleMembership.objects.filter(
                circle=circle, user__profile__handle=handle, state=M.MEMBER
            )
            .exclude(user=host)
            .first()
        )
        if membership is None:
            raise NotFound("No such member in this circle.")
        membership.state = M.REMOVED
        membership.save(update_fields=["state", "updated_at"])
        _resize(circle, -1)
    return circle


def circle_close(*, circle_id: int, host: User) -> Circle:
    with transaction.atomic():
        circle, _ = _member_or_404(circle_lock(circle_id=circle_id), user=host)
        role = circle_role_of(circle, user=host, is_member=True)
        circle.state = transition_target(circle, "close", role=role)
        circle.updated_at = timezone.now()
        circle.save(update_fields=["state", "updated_at"])
    return circle
