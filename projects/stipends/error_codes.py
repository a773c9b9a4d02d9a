"""Stable error codes of the stipends API: clients match on them, so never rename one."""

TASK_UNPAID = "task_unpaid"
ALREADY_FUNDED = "stipend_already_funded"
NOT_AWAITING_FUNDING = "engagement_not_awaiting_funding"
PAYMENT_PROVIDER_UNAVAILABLE = "payment_provider_unavailable"
PAYOUTS_NOT_CONFIGURED = "payouts_not_configured"
BAD_SIGNATURE = "bad_signature"
STIPEND_STATE_INVALID = "stipend_state_invalid"
