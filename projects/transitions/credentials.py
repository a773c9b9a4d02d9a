"""Open Badges credentials: revoked by their drafter or site staff."""

from projects.credentials import error_codes as credential_codes
from projects.credentials.models import IssuedCredential
from projects.transitions.core import (
    _STATE_CODES,
    _TABLES,
    DRAFTER,
    Transition,
    _t,
)

# ---------------------------------------------------------------------------------------------
# Open Badges credentials (projects.credentials): one per verified experience; its drafter or
# site staff may revoke it, and a revocation is final (the status list only ever gains bits).
# ---------------------------------------------------------------------------------------------

SITE_STAFF = "site_staff"
C = IssuedCredential.State
CREDENTIAL_TRANSITIONS: dict[str, Transition] = {
    "revoke": _t({C.ACTIVE}, C.REVOKED, {DRAFTER, SITE_STAFF}, "revoked"),
}
_TABLES[IssuedCredential] = CREDENTIAL_TRANSITIONS
_STATE_CODES[IssuedCredential] = credential_codes.CREDENTIAL_REVOKED
