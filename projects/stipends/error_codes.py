"""Stable error codes of the stipends API: clients match on them, so never rename one."""

ENGAGEMENT_NOT_FOUND = "engagement_not_found"
TASK_UNPAID = "task_unpaid"
ALREADY_FUNDED = "stipend_already_funded"
NOT_AWAITING_FUNDING = "engagement_not_awaiting_funding"
PAYMENT_PROVIDER_UNAVAILABLE = "payment_provider_unavailable"
PAYOUTS_NOT_CONFIGURED = "payouts_not_configured"
STIPEND_NOT_FOUND = "stipend_not_found"
