"""Stable error codes of the marketplace. Clients match on these strings: never rename one."""

# Tasks
TASK_INVALID = "task_invalid"
STIPEND_OUT_OF_RANGE = "stipend_out_of_range"
WHAT_YOU_GAIN_REQUIRED = "what_you_gain_required"
TASK_STATE_INVALID = "task_state_invalid"
TASK_HAS_APPLICATIONS = "task_has_applications"
# Publishing, applying or sending an offer without a display name (the other person would see
# only a handle such as "member-c73f8e").
DISPLAY_NAME_REQUIRED = "display_name_required"
# An action by someone who is not one of its actors (services find rows as the caller's first,
# so a page never sees this; it guards a service called with the wrong role).
ACTION_NOT_YOURS = "action_not_yours"
# Text longer than the field that stores it (the limit comes from the model field).
TEXT_TOO_LONG = "text_too_long"

# Applications
TASK_NOT_OPEN = "task_not_open"
OWN_TASK = "own_task"
APPLICATION_EXISTS = "application_exists"
EVIDENCE_REQUIRED = "evidence_required"
PORTFOLIO_ITEM_INVALID = "portfolio_item_invalid"
ANSWERS_INVALID = "answers_invalid"
NOTE_TOO_LONG = "note_too_long"
NOTE_REQUIRED = "note_required"
APPLICATION_STATE_INVALID = "application_state_invalid"
SLOTS_FULL = "slots_full"

# Engagements
ENGAGEMENT_STATE_INVALID = "engagement_state_invalid"
DELIVERABLE_REQUIRED = "deliverable_required"
COMMENT_REQUIRED = "comment_required"
REASON_REQUIRED = "reason_required"

# Messages
MESSAGE_EMPTY = "message_empty"
MESSAGE_TOO_LONG = "message_too_long"
MESSAGE_RATE_LIMITED = "message_rate_limited"
THREAD_CLOSED = "thread_closed"

# Feedback, thanks, introductions
FEEDBACK_NOT_YET = "feedback_not_yet"
FEEDBACK_EXISTS = "feedback_exists"
FEEDBACK_INVALID = "feedback_invalid"
THANKS_NOT_YET = "thanks_not_yet"
THANKS_EXISTS = "thanks_exists"
INTRODUCTION_INVALID = "introduction_invalid"
INTRODUCTION_EXISTS = "introduction_exists"
INTRODUCTION_NOT_ALLOWED = "introduction_not_allowed"
INTRODUCTION_STATE_INVALID = "introduction_state_invalid"

# Matching: invitations, saved searches, nudges, report-back
INVITATION_EXISTS = "invitation_exists"
DRAFTER_NOT_DISCOVERABLE = "drafter_not_discoverable"
INVITATION_INVALID = "invitation_invalid"
INVITATION_STATE_INVALID = "invitation_state_invalid"
SAVED_SEARCH_INVALID = "saved_search_invalid"
SAVED_SEARCH_LIMIT = "saved_search_limit"
NUDGE_INVALID = "nudge_invalid"
REPORT_BACK_NOT_YET = "report_back_not_yet"
REPORT_BACK_EXISTS = "report_back_exists"
REPORT_BACK_INVALID = "report_back_invalid"

# The showable-work clause
SHOWABLE_INVALID = "showable_invalid"
SHOWABLE_NO_PROPOSAL = "showable_no_proposal"
CASE_STUDY_NOT_ALLOWED = "case_study_not_allowed"
CASE_STUDY_NOT_SUBMITTED = "case_study_not_submitted"
PORTFOLIO_NOT_SHOWABLE = "portfolio_not_showable"
PORTFOLIO_ALREADY_ADDED = "portfolio_already_added"
# Career-office staff invitations (issue 19).
STAFF_INVITATION_STATE_INVALID = "staff_invitation_state_invalid"
STAFF_INVITATION_EXPIRED = "staff_invitation_expired"
# The closure guarantee (projects/services/closure.py)
DECLINE_REASON_INVALID = "decline_reason_invalid"
