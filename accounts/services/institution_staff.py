"""A career office's colleagues: joining by an accepted invitation, an admin changing a
colleague's role or removing them. An office always keeps at least one admin."""

from allauth.account.models import EmailAddress
from django.db import transaction

from accounts import error_codes
from accounts.locks import institution_staff_lock, user_lock
from accounts.models import Institution, InstitutionMembership, User
from accounts.services.institutions import membership_end, student_membership_end_for_staff
from accounts.services.notifications import notification_send
from marketplace.errors import Conflict, Forbidden, NotFound

STAFF = InstitutionMembership.Role.STAFF
ADMIN = InstitutionMembership.StaffRole.ADMIN


def institution_staff_join(
    *, user: User, institution: Institution, staff_role: str
) -> InstitutionMembership:
    """Make `user` staff (an accepted invitation). Any verified address will do: the link was
    sent to the invited address, and whoever holds it may join with the account they use."""
    address = (
        EmailAddress.objects.filter(user=user, verified=True).order_by("-primary", "pk").first()
    )
    if address is None:
        raise Forbidden(
            "Verify an e-mail address on your account first, then open the link again.",
            code=error_codes.EMAIL_NOT_VERIFIED,
        )
    with transaction.atomic():
        user_lock(user)
        membership = InstitutionMembership.objects.filter(
            user=user, institution=institution, role=STAFF, ended_at__isnull=True
        ).first()
        if membership is None:
            student_membership_end_for_staff(user=user, institution_id=institution.pk)
            return InstitutionMembership.objects.create(
                user=user,
                institution=institution,
                role=STAFF,
                staff_role=staff_role,
                email=address.email.lower(),
            )
        if membership.staff_role != staff_role:
            membership.staff_role = staff_role
            membership.save(update_fields=["staff_role", "updated_at"])
        return membership


def _colleague_lock(*, actor: User, institution: Institution, membership_id: int):
    """The actor must be an admin of the institution (404 otherwise, as for a stranger);
    returns the colleague's membership, with every staff row of the office locked."""
    institution_staff_lock(institution.pk)
    staff = InstitutionMembership.objects.filter(
        institution=institution, role=STAFF, ended_at__isnull=True
    )
    if not staff.filter(user=actor, staff_role=ADMIN).exists():
        raise NotFound("No such colleague.")
    colleague = staff.filter(pk=membership_id).select_related("user__profile").first()
    if colleague is None:
        raise NotFound("No such colleague.")
    return colleague, staff


def _last_admin_refuse(staff, colleague: InstitutionMembership) -> None:
    admins = staff.filter(staff_role=ADMIN).exclude(pk=colleague.pk)
    if colleague.staff_role == ADMIN and not admins.exists():
        raise Conflict(
            "The office needs at least one admin: make someone else admin first.",
            code=error_codes.LAST_ADMIN,
        )


def institution_staff_role_set(
    *, actor: User, institution: Institution, membership_id: int, staff_role: str
) -> InstitutionMembership:
    with transaction.atomic():
        colleague, staff = _colleague_lock(
            actor=actor, institution=institution, membership_id=membership_id
        )
        if staff_role != ADMIN:
            _last_admin_refuse(staff, colleague)
        if colleague.staff_role != staff_role:
            colleague.staff_role = staff_role
            colleague.save(update_fields=["staff_role", "updated_at"])
            if colleague.user_id != actor.pk:
                notification_send(
                    recipient=colleague.user,
                    kind="institution_staff_role",
                    title=f"Your role at {institution.name} is now "
                    f"{colleague.get_staff_role_display()}",
                    url="/careers/",
                )
    return colleague


def institution_staff_remove(*, actor: User, institution: Institution, membership_id: int) -> None:
    """End a colleague's staff membership (they keep their Slipstream account)."""
    with transaction.atomic():
        colleague, staff = _colleague_lock(
            actor=actor, institution=institution, membership_id=membership_id
        )
        _last_admin_refuse(staff, colleague)
        membership_end(membership=colleague)
        if colleague.user_id != actor.pk:
            notification_send(
                recipient=colleague.user,
                kind="institution_staff_removed",
                title=f"You are no longer career-office staff of {institution.name}",
                email=False,
            )
