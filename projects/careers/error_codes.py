"""Stable error codes raised by the careers API. Clients match on these: never rename one."""

INVALID = "invalid"
NOT_INSTITUTION_STAFF = "not_institution_staff"
NOT_INSTITUTION_ADMIN = "not_institution_admin"
STAFF_ONLY = "staff_session_required"
TASK_NOT_OPEN = "task_not_open"
UPDATED_SINCE_INVALID = "updated_since_invalid"
DATE_INVALID = "date_invalid"
