"""Offers ("may I draft for you?"): accepted or declined by the mentor, withdrawn by the drafter."""

from typing import Any

from projects import error_codes as codes
from projects.offers import error_codes as offer_codes
from projects.offers.models import Offer
from projects.transitions.core import (
    _STATE_CODES,
    _TABLES,
    DRAFTER,
    MENTOR,
    SYSTEM,
    Transition,
    _is_person,
    _t,
    actions_allowed,
)

# --- Offers ("may I draft for you?", projects/offers) ----------------------------------------
# Appended as its own section: the offer table, its registration and its guards.

OS = Offer.State
OFFER_TRANSITIONS: dict[str, Transition] = {
    "accept": _t({OS.PENDING}, OS.ACCEPTED, {MENTOR}, "accepted"),
    "decline": _t({OS.PENDING}, OS.DECLINED, {MENTOR}, "declined"),
    "withdraw": _t({OS.PENDING}, OS.WITHDRAWN, {DRAFTER}, "withdrawn"),
    "expire": _t({OS.PENDING}, OS.EXPIRED, {SYSTEM}, "expired"),
    # The thread lives while the offer is open and once declined; a withdrawn or expired offer
    # closes it (no cold messages). An accepted offer's conversation goes on in its engagement,
    # which shows what was said here (one conversation per piece of work, not three).
    "message": _t(
        {OS.PENDING, OS.DECLINED},
        None,
        {MENTOR, DRAFTER},
        "discussed",
        refusal=(
            codes.THREAD_CLOSED,
            "This offer's conversation is closed: it was withdrawn or expired, or it goes on "
            "in the engagement it became.",
        ),
    ),
}
_TABLES[Offer] = OFFER_TRANSITIONS
_STATE_CODES[Offer] = offer_codes.OFFER_STATE_INVALID


def offer_actions_for(offer: Offer, *, viewer: Any) -> tuple[str, list[str]]:
    """(viewer_role, allowed_actions) for one of the offer's two people."""
    role = MENTOR if _is_person(viewer) and viewer.pk == offer.mentor_id else DRAFTER
    return role, actions_allowed(OFFER_TRANSITIONS, state=offer.state, role=role)
