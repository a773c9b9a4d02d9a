"""One transition table per stateful model (docs/architecture.md): the one source of truth.

Every action a person or the system takes on a task, an application, an engagement, a stipend,
a credential, an offer, a staff invitation or a circle is allowed or refused here and nowhere
else:

- the services call `transition_require(obj, action, role=...)` before they write
  (`transition_target(...)` for an action that moves obj: it returns the new state), and, for
  the system's idempotent steps, `transition_allows(...)` to skip what no longer applies;
- rules that are more than state — a place left, not your own task, feedback already given, the
  task is paid — are the named `guard_*` functions beside each table. Each returns the refusal
  (a DomainError) or None; services raise it (`guard_require`), and the `*_actions_for`
  functions drop the action when it is refused, so the two cannot drift;
- the output serializers read `*_actions_for` to return `allowed_actions` and the viewer's role,
  and pages draw their buttons from that, never from their own copy of the rules.

The package: `core` (Transition, the registry `_TABLES`/`_STATE_CODES`, `transition_require`,
`actions_allowed`, `guard_require`) and one module per model family, each with its table, its
registration and its guards: `tasks` (task, application, engagement; `showable`, the
completed draft's showing clause, is merged into the engagement's table), `stipends`,
`credentials`, `offers`, `staff_invitations`, `circles`. Import from `projects.transitions`:
everything is re-exported here. A new model adds a module that registers its table in
`_TABLES` and its 409 code in `_STATE_CODES`, imported below (the order is the walk's order).
tests/projects/test_transition_table.py walks every (model, action, state, role) and proves the
services and `allowed_actions` agree; it fails when an action has no service mapped to it.
"""

from projects.transitions.core import (
    DRAFTER,
    MENTOR,
    SYSTEM,
    Stateful,
    Transition,
    actions_allowed,
    guard_require,
    transition_allows,
    transition_refusal,
    transition_require,
    transition_tables,
    transition_target,
)

# isort: split
from projects.transitions.tasks import (
    APPLICATION_TRANSITIONS,
    ENGAGEMENT_TRANSITIONS,
    LIVE_ENGAGEMENT_STATES,
    PENDING_APPLICATION_STATES,
    TASK_TRANSITIONS,
    A,
    Application,
    E,
    Engagement,
    S,
    T,
    Task,
    application_actions_for,
    engagement_actions_for,
    engagement_role_of,
    guard_display_name_set,
    guard_feedback_not_given,
    guard_no_applications,
    guard_not_applied,
    guard_not_own_task,
    guard_report_back_not_given,
    guard_slots_left,
    guard_stipend_unchanged,
    guard_task_paid,
    guard_task_takes_drafters,
    guard_thanks_not_given,
    task_actions_for,
)

# isort: split
from projects.transitions.showable import (
    SHOWABLE_TRANSITIONS,
    guard_not_in_portfolio,
    showable_effective,
    showable_unavailable,
)

# isort: split
from projects.transitions.stipends import (
    STIPEND_TRANSITIONS,
    Stipend,
)

# isort: split
from projects.transitions.credentials import (
    CREDENTIAL_TRANSITIONS,
    SITE_STAFF,
    C,
    IssuedCredential,
)

# isort: split
from projects.transitions.offers import (
    OFFER_TRANSITIONS,
    OS,
    Offer,
    offer_actions_for,
)

# isort: split
from projects.transitions.staff_invitations import (
    INVITEE,
    OFFICE_ADMIN,
    SI,
    STAFF_INVITATION_TRANSITIONS,
    StaffInvitation,
    staff_invitation_actions_for,
    staff_invitation_unexpired_require,
)

# isort: split
from projects.transitions.circles import (
    CIRCLE_LIVE_STATES,
    CIRCLE_TRANSITIONS,
    CS,
    HOST,
    MEMBER,
    Circle,
    circle_actions_for,
    circle_role_of,
    guard_circle_has_room,
    guard_circle_institution,
    guard_circle_not_removed,
    guard_critique_not_given,
    guard_has_credit,
    guard_helpful_by_asker,
    guard_not_own_request,
    guard_report_allowed,
)

__all__ = [
    "APPLICATION_TRANSITIONS",
    "CIRCLE_LIVE_STATES",
    "CIRCLE_TRANSITIONS",
    "CREDENTIAL_TRANSITIONS",
    "CS",
    "DRAFTER",
    "ENGAGEMENT_TRANSITIONS",
    "HOST",
    "INVITEE",
    "LIVE_ENGAGEMENT_STATES",
    "MEMBER",
    "MENTOR",
    "OFFER_TRANSITIONS",
    "OFFICE_ADMIN",
    "OS",
    "PENDING_APPLICATION_STATES",
    "SHOWABLE_TRANSITIONS",
    "SI",
    "SITE_STAFF",
    "STAFF_INVITATION_TRANSITIONS",
    "STIPEND_TRANSITIONS",
    "SYSTEM",
    "TASK_TRANSITIONS",
    "A",
    "Application",
    "C",
    "Circle",
    "E",
    "Engagement",
    "IssuedCredential",
    "Offer",
    "S",
    "StaffInvitation",
    "Stateful",
    "Stipend",
    "T",
    "Task",
    "Transition",
    "actions_allowed",
    "application_actions_for",
    "circle_actions_for",
    "circle_role_of",
    "engagement_actions_for",
    "engagement_role_of",
    "guard_circle_has_room",
    "guard_circle_institution",
    "guard_circle_not_removed",
    "guard_critique_not_given",
    "guard_display_name_set",
    "guard_feedback_not_given",
    "guard_has_credit",
    "guard_helpful_by_asker",
    "guard_no_applications",
    "guard_not_applied",
    "guard_not_in_portfolio",
    "guard_not_own_request",
    "guard_not_own_task",
    "guard_report_allowed",
    "guard_report_back_not_given",
    "guard_require",
    "guard_slots_left",
    "guard_stipend_unchanged",
    "guard_task_paid",
    "guard_task_takes_drafters",
    "guard_thanks_not_given",
    "offer_actions_for",
    "showable_effective",
    "showable_unavailable",
    "staff_invitation_actions_for",
    "staff_invitation_unexpired_require",
    "task_actions_for",
    "transition_allows",
    "transition_refusal",
    "transition_require",
    "transition_tables",
    "transition_target",
]
