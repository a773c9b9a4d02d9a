"""Who at a career office can see what a student shares, as the student is told it: each staff
member by the name they gave and their role in plain words, flagged when their address is off
the institution's own domains (a personal or partner address invited by an admin), and the
office's live API keys as one line. Never an e-mail address: the student learns who, not how to
reach them.

Also the student-facing name of a staff member: one who gave no name is "A staff member of
Riverbend University's career office" to a student (the office's own pages say "A colleague
at …", which is the office speaking to itself)."""

from typing import Any

from django.db.models import Q
from django.utils import timezone

from accounts.models import Consent, InstitutionApiKey, InstitutionMembership, User
from accounts.selectors.institutions import student_membership_active
from marketplace.errors import NotFound
from projects.careers.selectors.people import AUTOMATIC_HANDLE_PREFIX, staff_name

_ROLE_WORDS: dict[str, str] = {
    InstitutionMembership.StaffRole.ADMIN: "Admin: sees what you share, and manages the "
    "office's colleagues and API keys",
    InstitutionMembership.StaffRole.VIEWER: "Viewer: sees what you share",
}


def office_name(institution: str) -> str:
    """The site's own wording: "Riverbend University's career office"."""
    return f"{institution}'s career office" if institution else "the career office"


def staff_name_for_student(user: User | None, *, institution: str) -> str:
    """A staff member's name as a student reads it. `user.profile` should be selected with the
    row. A person with no name of their own is "A staff member of <office>" (never their
    address, their automatic handle, nor the office's "(no name given yet)" wording)."""
    if user is not None:
        profile = user.profile
        named = profile.display_name.strip() or (
            profile.handle and not profile.handle.startswith(AUTOMATIC_HANDLE_PREFIX)
        )
        if not named:
            return f"A staff member of {office_name(institution)}"
    return staff_name(user, institution=institution)


def address_outside_domains(*, email: str, domains: list[str]) -> bool:
    """Whether `email` is on none of `domains` (a subdomain counts as inside)."""
    host = email.rsplit("@", 1)[-1].lower().strip()
    wanted = {d.lower().strip().lstrip("@") for d in domains if d.strip()}
    return not any(host == d or host.endswith(f".{d}") for d in wanted)


def _keys_line(*, institution: str, count: int) -> str:
    keys = "1 API key" if count == 1 else f"{count} API keys"
    return f"{institution}'s own systems, through {keys}"


def office_people_for_student(*, student: User, membership_id: int) -> dict[str, Any]:
    """The people (and systems) of the office of the student's own active membership who can
    read what the student shares. 404 for a membership that is not the student's own student
    membership. While the student shares nothing, `sharing` is false and nothing is listed:
    the office sees nothing of them, so there is nobody to name. Four queries, whatever the
    size of the office."""
    membership = student_membership_active(user=student, membership_id=membership_id)
    if membership is None:
        raise NotFound("No such membership of yours.")
    institution = membership.institution
    shape: dict[str, Any] = {
        "institution": institution.name,
        "office": office_name(institution.name),
        "sharing": False,
        "people": [],
        "systems": None,
    }
    sharing = Consent.objects.filter(
        student=student, institution=institution, revoked_at__isnull=True
    ).exists()
    if not sharing:
        return shape
    staff = (
        InstitutionMembership.objects.filter(
            institution=institution, role=InstitutionMembership.Role.STAFF, ended_at__isnull=True
        )
        .exclude(user=student)
        .select_related("user__profile")
    )
    people = [
        {
            "name": staff_name_for_student(row.user, institution=institution.name),
            "role": row.staff_role or InstitutionMembership.StaffRole.ADMIN,
            "role_words": _ROLE_WORDS.get(
                row.staff_role, _ROLE_WORDS[InstitutionMembership.StaffRole.ADMIN]
            ),
            "outside_domains": address_outside_domains(
                email=row.email or row.user.email, domains=institution.email_domains
            ),
        }
        for row in staff
    ]
    # Admins first (they also decide who else gets in), then by name.
    people.sort(key=lambda p: (p["role"] != InstitutionMembership.StaffRole.ADMIN, p["name"]))
    now = timezone.now()
    keys = (
        InstitutionApiKey.objects.filter(institution=institution, revoked_at__isnull=True)
        .filter(Q(expires_at__isnull=True) | Q(expires_at__gt=now))
        .count()
    )
    shape.update(
        sharing=True,
        people=people,
        systems=(
            {"api_keys": keys, "description": _keys_line(institution=institution.name, count=keys)}
            if keys
            else None
        ),
    )
    return shape
