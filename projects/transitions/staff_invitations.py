"""Career-office staff invitations (accounts.StaffInvitation)."""

from datetime import datetime

from accounts.models import StaffInvitation
from marketplace.errors import Conflict
from projects import error_codes as codes
from projects.transitions.core import (
    _STATE_CODES,
    _TABLES,
    Transition,
    _t,
    actions_allowed,
)

# --- Career-office staff invitations (accounts.StaffInvitation, issue 19) ---------------------
# An office admin invites a colleague by e-mail; the colleague accepts by the link (or declines
# it on /careers/), or an admin revokes it. "Expired" is not stored: a pending invitation past
# its date, refused by the guard below before any action (an expired link can neither be
# accepted nor declined, nor needs revoking).
OFFICE_ADMIN = "office_admin"
INVITEE = "invitee"
SI = StaffInvitation.State

STAFF_INVITATION_TRANSITIONS: dict[str, Transition] = {
    "accept": _t({SI.PENDING}, SI.ACCEPTED, {INVITEE}, "accepted"),
    "revoke": _t({SI.PENDING}, SI.REVOKED, {OFFICE_ADMIN}, "revoked"),
    "decline": _t({SI.PENDING}, SI.DECLINED, {INVITEE}, "declined"),
}
_TABLES[StaffInvitation] = STAFF_INVITATION_TRANSITIONS
_STATE_CODES[StaffInvitation] = codes.STAFF_INVITATION_STATE_INVALID


def staff_invitation_unexpired_require(
    invitation: StaffInvitation, *, now: datetime, role: str = INVITEE
) -> None:
    """Guard: an expired invitation answers 409 `staff_invitation_expired` — to the invitee
    (ask for a new one) and to an admin revoking it (its link already stopped working)."""
    if invitation.state_at(now) == SI.EXPIRED:
        message = (
            "This invitation has already expired: its link no longer works."
            if role == OFFICE_ADMIN
            else "This invitation has expired; ask your colleague to send a new one."
        )
        raise Conflict(message, code=codes.STAFF_INVITATION_EXPIRED)


def staff_invitation_actions_for(
    invitation: StaffInvitation, *, now: datetime, is_admin: bool
) -> list[str]:
    """What a colleague may do with an invitation in the list: an admin revokes it while
    pending; a viewer colleague does nothing with it."""
    if not is_admin:
        return []
    state = invitation.state_at(now)
    return actions_allowed(STAFF_INVITATION_TRANSITIONS, state=state, role=OFFICE_ADMIN)
