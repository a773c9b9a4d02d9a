"""Stable error codes raised by accounts. Clients match on these: never rename one.

"Missing or not yours" is `marketplace.errors.NotFound`'s own code, `not_found`, everywhere in
accounts (a 404 hides existence, so no code names the thing that was not found).
"""

# The code the exception handler gives every input that fails validation.
INVALID = "invalid"

HANDLE_TAKEN = "handle_taken"
HANDLE_RESERVED = "handle_reserved"
HANDLE_CHANGE_USED = "handle_change_used"
EMAIL_UNVERIFIED = "email_unverified"
EMAIL_ALREADY_VERIFIED = "email_already_verified"
EMAIL_TAKEN = "email_taken"
SKILL_LIMIT = "skill_limit_reached"
SKILL_UNKNOWN = "skill_unknown"
PORTFOLIO_ITEM_LIMIT = "portfolio_item_limit_reached"
PORTFOLIO_STORAGE_LIMIT = "portfolio_storage_limit_reached"
PORTFOLIO_EVIDENCE_MISSING = "portfolio_link_or_file_required"
PORTFOLIO_REORDER_MISMATCH = "portfolio_reorder_mismatch"
NOT_INSTITUTION_STAFF = "not_institution_staff"
NO_SUCH_ACCOUNT = "no_such_account"
NOT_A_STUDENT = "not_a_student_member"
CONSENT_VERSION_OUTDATED = "consent_version_outdated"
CONSENT_SCOPE_MISSING = "consent_scope_missing"
PASSWORD_INCORRECT = "password_incorrect"  # noqa: S105 — an error code, not a secret

# Uploads (accounts.uploads checks portfolio files, avatars and projects' deliverables alike)
FILE_TOO_LARGE = "file_too_large"
FILE_EMPTY = "file_empty"
FILE_TYPE_NOT_ALLOWED = "file_type_not_allowed"
IMAGE_TOO_LARGE = "image_too_large"
IMAGE_INVALID = "image_invalid"

# Career offices (institution onboarding, roles and API keys)
NOT_INSTITUTION_ADMIN = "not_institution_admin"
INSTITUTION_NOT_LIVE = "institution_not_live"
DOMAIN_ALREADY_CLAIMED = "domain_already_claimed"
DOMAIN_NOT_VERIFIED = "domain_not_verified_by_you"
UNSUBSCRIBE_LINK_INVALID = "unsubscribe_link_invalid"
# Career-office colleagues (issue 19).
LAST_ADMIN = "last_institution_admin"
EMAIL_NOT_VERIFIED = "email_not_verified"

# University single sign-on (SAML 2.0)
SSO_METADATA_INVALID = "sso_metadata_invalid"
