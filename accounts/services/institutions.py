"""Institutions and memberships: students join by a verified address on the institution's
domain, staff are added by staff; ending a student membership ends its consent."""

from allauth.account.models import EmailAddress
from django.db import transaction
from django.utils import timezone

from accounts import error_codes, locks
from accounts.locks import user_lock
from accounts.models import Consent, Institution, InstitutionMembership, User
from accounts.services.notifications import notification_send
from marketplace.errors import DomainError, Forbidden, NotFound
from marketplace.events import student_activity_changed


def _email_domain_candidates(email: str) -> list[str]:
    """uni.edu matches alice@uni.edu and alice@cs.uni.edu."""
    domain = email.rsplit("@", 1)[-1].lower().strip(".")
    parts = domain.split(".")
    return [".".join(parts[i:]) for i in range(len(parts) - 1)]


def _institutions_for_email(email: str) -> list[Institution]:
    candidates = set(_email_domain_candidates(email))
    # Domains live in a JSON list, which SQLite cannot search by element; institutions number
    # in the hundreds at most, so comparing in Python is cheap and portable.
    return [
        institution
        for institution in Institution.objects.filter(status=Institution.Status.APPROVED).only(
            "id", "email_domains", "name", "slug"
        )
        if candidates & {d.lower().strip().lstrip("@") for d in institution.email_domains}
    ]


def institution_membership_on_email_verified(
    *, user: User, email: str
) -> list[InstitutionMembership]:
    """A verified address on an institution's domain makes its owner a student member there,
    unless they are its career-office staff: a colleague on the university's own domain is not
    one of the students the office reads, and is never offered to share with it."""
    made = []
    with transaction.atomic():
        user_lock(user)
        staff_of = set(
            InstitutionMembership.objects.filter(
                user=user, role=InstitutionMembership.Role.STAFF, ended_at__isnull=True
            ).values_list("institution_id", flat=True)
        )
        for institution in _institutions_for_email(email):
            if institution.pk in staff_of:
                continue
            made.append(
                _membership_ensure(
                    user=user,
                    institution=institution,
                    role=InstitutionMembership.Role.STUDENT,
                    email=email,
                )
            )
    return made


def institution_memberships_revalidate(*, user: User) -> None:
    """After an address is removed or changed: a student membership needs a verified address
    on the institution's domains still; otherwise it ends (and its consent with it)."""
    with transaction.atomic():
        user_lock(user)
        verified = [
            address.email.lower()
            for address in EmailAddress.objects.filter(user=user, verified=True)
        ]
        active = InstitutionMembership.objects.filter(
            user=user, role=InstitutionMembership.Role.STUDENT, ended_at__isnull=True
        ).select_related("institution")
        for membership in active:
            if membership.email in verified:
                continue
            domains = {d.lower() for d in membership.institution.email_domains}
            other = next((e for e in verified if domains & set(_email_domain_candidates(e))), None)
            if other:
                membership.email = other
                membership.save(update_fields=["email", "updated_at"])
            else:
                membership_end(membership=membership)


def membership_end(*, membership: InstitutionMembership) -> None:
    now = timezone.now()
    membership.ended_at = now
    membership.save(update_fields=["ended_at", "updated_at"])
    if membership.role == InstitutionMembership.Role.STUDENT:
        # Consent was given as a student of this institution; it does not outlive that.
        Consent.objects.filter(
            student_id=membership.user_id,
            institution_id=membership.institution_id,
            revoked_at__isnull=True,
        ).update(revoked_at=now)
        student_activity_changed(user_ids=[membership.user_id], what="membership")


def student_membership_end_for_staff(*, user: User, institution_id: int) -> None:
    """Someone who becomes an institution's career-office staff stops being its student member
    (and stops sharing with it): the office would otherwise count its own colleague among its
    students. Callers hold `user_lock(user)`."""
    for membership in InstitutionMembership.objects.filter(
        user=user,
        institution_id=institution_id,
        role=InstitutionMembership.Role.STUDENT,
        ended_at__isnull=True,
    ):
        membership_end(membership=membership)


def membership_leave(*, user: User, membership_id: int) -> None:
    with transaction.atomic():
        membership = locks.membership_lock(pk=membership_id, user=user, ended_at__isnull=True)
        if membership is None:
            raise NotFound("No such membership.")
        membership_end(membership=membership)


def _active_memberships(*, user: User, institution: Institution, role: str):
    return InstitutionMembership.objects.filter(
        user=user, institution=institution, role=role, ended_at__isnull=True
    )


def _membership_ensure(
    *, user: User, institution: Institution, role: str, email: str, staff_role: str = ""
) -> InstitutionMembership:
    """The person's active membership in this role, made now if there is none.

    Callers hold `user_lock(user)`, so two requests cannot both make one."""
    membership = _active_memberships(user=user, institution=institution, role=role).first()
    if membership is None:
        extra = {"staff_role": staff_role} if staff_role else {}
        membership = InstitutionMembership.objects.create(
            user=user, institution=institution, role=role, email=email.lower(), **extra
        )
        if role == InstitutionMembership.Role.STUDENT:
            student_activity_changed(user_ids=[user.pk], what="membership")
        else:
            student_membership_end_for_staff(user=user, institution_id=institution.pk)
    elif staff_role and membership.staff_role != staff_role:
        membership.staff_role = staff_role
        membership.save(update_fields=["staff_role", "updated_at"])
    return membership


def _is_institution_admin(*, user: User, institution: Institution) -> bool:
    return (
        _active_memberships(
            user=user, institution=institution, role=InstitutionMembership.Role.STAFF
        )
        .filter(staff_role=InstitutionMembership.StaffRole.ADMIN)
        .exists()
    )


def institution_staff_add(
    *,
    actor: User,
    institution_slug: str,
    email: str,
    staff_role: str = InstitutionMembership.StaffRole.VIEWER,
) -> InstitutionMembership:
    """Admin staff (or site staff) add a colleague, by one of their verified addresses, as
    admin or viewer; the colleague is told in their inbox."""
    institution = Institution.objects.filter(slug=institution_slug).first()
    # Only the institution's own staff (and site staff) learn that it exists: to anyone else
    # a real slug, even a pending institution's, answers like a missing one.
    if institution is None or not (
        actor.is_staff
        or _active_memberships(
            user=actor, institution=institution, role=InstitutionMembership.Role.STAFF
        ).exists()
    ):
        raise NotFound("No such institution.")
    if not (actor.is_staff or _is_institution_admin(user=actor, institution=institution)):
        raise Forbidden(
            "Only the institution's admin career-office staff can add staff.",
            code=error_codes.NOT_INSTITUTION_STAFF,
        )
    address = (
        EmailAddress.objects.filter(email__iexact=email, verified=True)
        .select_related("user")
        .first()
    )
    if address is None or not address.user.is_active:
        raise DomainError(
            "No Slipstream account has verified this address.",
            code=error_codes.NO_SUCH_ACCOUNT,
            fields={"email": ["Ask your colleague to sign up and verify this address first."]},
        )
    with transaction.atomic():
        user_lock(address.user)
        membership = _membership_ensure(
            user=address.user,
            institution=institution,
            role=InstitutionMembership.Role.STAFF,
            email=address.email,
            staff_role=staff_role,
        )
        if address.user != actor:
            notification_send(
                recipient=address.user,
                kind="institution_staff_added",
                title=f"You are now career-office staff of {institution.name}",
                body=f"Role: {membership.get_staff_role_display()}.",
                url="/careers/",
            )
        return membership


def membership_details_set(
    *, user: User, institution_slug: str, programme: str = "", class_year: int | None = None
) -> InstitutionMembership:
    """A student's own programme/major and class year at an institution (both optional);
    shown to that institution only while the student consents."""
    return _membership_details_write(
        user=user,
        match={"institution__slug": institution_slug},
        changes={"programme": programme, "class_year": class_year},
    )


def membership_details_update(
    *, user: User, membership_id: int, **changes: str | int | None
) -> InstitutionMembership:
    """The same, by membership id and only for the fields given (the settings page's PATCH)."""
    unknown = set(changes) - {"programme", "class_year"}
    if unknown:
        raise ValueError(f"not membership details: {sorted(unknown)}")
    return _membership_details_write(user=user, match={"pk": membership_id}, changes=changes)


def _membership_details_write(*, user: User, match: dict, changes: dict) -> InstitutionMembership:
    with transaction.atomic():
        membership = locks.membership_lock(
            user=user,
            role=InstitutionMembership.Role.STUDENT,
            ended_at__isnull=True,
            **match,
        )
        if membership is None:
            raise NotFound("No such membership.")
        if "programme" in changes:
            membership.programme = " ".join(str(changes["programme"] or "").split())[:160]
        if "class_year" in changes:
            membership.class_year = changes["class_year"]
        membership.save(update_fields=["programme", "class_year", "updated_at"])
        # Cohort cells move with the student, in this transaction.
        student_activity_changed(user_ids=[user.pk], what="cohort")
    return membership
