"""Stable error codes of the credentials API (clients match on them; never rename one)."""

CREDENTIAL_REVOKED = "credential_revoked"
CREDENTIALS_UNAVAILABLE = "credentials_unavailable"
CREDENTIAL_INPUT_INVALID = "credential_input_invalid"
