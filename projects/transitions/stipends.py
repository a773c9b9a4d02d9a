"""A paid engagement's stipend: every step is the system's (Stripe events, scheduled jobs) but
the mentor's checkout."""

from projects.stipends import error_codes as stipend_codes
from projects.stipends.models import Stipend
from projects.transitions.core import (
    _STATE_CODES,
    _TABLES,
    MENTOR,
    SYSTEM,
    Transition,
    _t,
)

S = Stipend.State

# Money: the mentor starts a checkout; every other step is Stripe's event or our own job.
STIPEND_TRANSITIONS: dict[str, Transition] = {
    # A cancelled (voided) stipend passes here; the engagement's "fund" then refuses it.
    "checkout": _t(
        {S.UNFUNDED, S.CANCELLED},
        None,
        {MENTOR},
        "paid",
        (stipend_codes.ALREADY_FUNDED, "This stipend is already funded."),
    ),
    # Its checkout page is recorded, replaced or forgotten only while nothing is paid.
    "set_checkout_page": _t({S.UNFUNDED}, None, {SYSTEM}, "given a new checkout page"),
    # Paid after its engagement ended (voided): funded, then refunded at once.
    "fund": _t({S.UNFUNDED, S.CANCELLED}, S.FUNDED, {SYSTEM}, "funded"),
    "void": _t({S.UNFUNDED}, S.CANCELLED, {SYSTEM}, "voided"),
    # Approval records the payout; a frozen stipend's payout waits for the dispute.
    "pay_out": _t({S.FUNDED, S.FROZEN}, None, {SYSTEM}, "paid out"),
    # The 14-day rule pays only money that is not disputed.
    "auto_release": _t({S.FUNDED}, None, {SYSTEM}, "released automatically"),
    "release": _t({S.FUNDED}, S.RELEASED, {SYSTEM}, "released"),
    # A cancelled engagement's funded stipend goes back; a frozen one waits for the bank.
    "refund_on_cancel": _t({S.FUNDED}, None, {SYSTEM}, "refunded"),
    "refund": _t({S.FUNDED, S.FROZEN}, S.REFUNDED, {SYSTEM}, "refunded"),
    "freeze": _t({S.FUNDED}, S.FROZEN, {SYSTEM}, "frozen"),
    "unfreeze": _t({S.FROZEN}, S.FUNDED, {SYSTEM}, "unfrozen"),
    "forfeit": _t({S.FROZEN}, S.REFUNDED, {SYSTEM}, "returned through a dispute"),
}
_STATE_CODES[Stipend] = stipend_codes.STIPEND_STATE_INVALID
_TABLES[Stipend] = STIPEND_TRANSITIONS
