"""One transition table per stateful model (DESIGN.md "Lifecycles").

The services enforce these tables (`transition_require`) and the output serializers read them
(`actions_allowed`) to tell each viewer what they may do now, so pages draw their buttons from
the API and never keep a copy of the rules.
"""

from dataclasses import dataclass
from datetime import datetime

from accounts.models import StaffInvitation
from marketplace.errors import Conflict
from projects import error_codes as codes
from projects.models import Application, Engagement, Task

MENTOR = "mentor"
DRAFTER = "drafter"
SYSTEM = "system"  # scheduled jobs and Stripe events, never a person


@dataclass(frozen=True)
class Transition:
    sources: frozenset[str]
    target: str | None  # None: an action that keeps the state (edit, message, feedback)
    actors: frozenset[str]
    verb: str  # "A <state> task cannot be <verb>."


def _t(sources, target, actors, verb) -> Transition:
    return Transition(frozenset(sources), target, frozenset(actors), verb)


T, A, E = Task.State, Application.State, Engagement.State
PENDING_APPLICATION_STATES = (A.SUBMITTED, A.SHORTLISTED)
LIVE_ENGAGEMENT_STATES = (E.AWAITING_FUNDING, E.ACTIVE, E.DELIVERED)

TASK_TRANSITIONS: dict[str, Transition] = {
    "edit": _t({T.DRAFT, T.OPEN}, None, {MENTOR}, "edited"),
    "publish": _t({T.DRAFT}, T.OPEN, {MENTOR}, "published"),
    "close": _t({T.OPEN}, T.CLOSED, {MENTOR}, "closed"),
    "archive": _t({T.CLOSED}, T.ARCHIVED, {MENTOR}, "archived"),
    "cancel": _t({T.DRAFT, T.OPEN}, T.CANCELLED, {MENTOR}, "cancelled"),
    "delete": _t({T.DRAFT}, None, {MENTOR}, "deleted"),
    "apply": _t({T.OPEN}, None, {DRAFTER}, "applied to"),
}

APPLICATION_TRANSITIONS: dict[str, Transition] = {
    "shortlist": _t({A.SUBMITTED}, A.SHORTLISTED, {MENTOR}, "shortlisted"),
    "accept": _t(PENDING_APPLICATION_STATES, A.ACCEPTED, {MENTOR}, "accepted"),
    "decline": _t(PENDING_APPLICATION_STATES, A.DECLINED, {MENTOR, SYSTEM}, "declined"),
    "withdraw": _t(PENDING_APPLICATION_STATES, A.WITHDRAWN, {DRAFTER}, "withdrawn"),
    "message": _t(
        {A.SUBMITTED, A.SHORTLISTED, A.ACCEPTED, A.DECLINED}, None, {MENTOR, DRAFTER}, "discussed"
    ),
}

ENGAGEMENT_TRANSITIONS: dict[str, Transition] = {
    "fund": _t({E.AWAITING_FUNDING}, None, {MENTOR}, "funded"),
    "activate": _t({E.AWAITING_FUNDING}, E.ACTIVE, {SYSTEM}, "activated"),
    "deliver": _t({E.ACTIVE}, E.DELIVERED, {DRAFTER}, "delivered"),
    "request_revision": _t({E.DELIVERED}, E.ACTIVE, {MENTOR}, "sent back for revision"),
    "approve": _t({E.DELIVERED}, E.COMPLETED, {MENTOR}, "approved"),
    "auto_approve": _t({E.DELIVERED}, E.COMPLETED, {SYSTEM}, "approved"),
    "cancel": _t(LIVE_ENGAGEMENT_STATES, E.CANCELLED, {MENTOR, DRAFTER}, "cancelled"),
    "lapse": _t({E.AWAITING_FUNDING}, E.CANCELLED, {SYSTEM}, "lapsed"),
    "message": _t(set(E.values), None, {MENTOR, DRAFTER}, "discussed"),
    "feedback": _t({E.COMPLETED}, None, {MENTOR, DRAFTER}, "reviewed"),
    "thanks": _t({E.COMPLETED}, None, {MENTOR, DRAFTER}, "thanked"),
}

_STATE_CODES = {
    Task: codes.TASK_STATE_INVALID,
    Application: codes.APPLICATION_STATE_INVALID,
    Engagement: codes.ENGAGEMENT_STATE_INVALID,
}
_TABLES = {
    Task: TASK_TRANSITIONS,
    Application: APPLICATION_TRANSITIONS,
    Engagement: ENGAGEMENT_TRANSITIONS,
}


def transition_require(obj: Task | Application | Engagement, action: str) -> Transition:
    """Raise 409 with the model's state code when `action` is not allowed from obj's state."""
    transition = _TABLES[type(obj)][action]
    if obj.state not in transition.sources:
        label = obj.get_state_display().lower()
        article = "An" if label[:1] in "aeiou" else "A"
        noun = type(obj).__name__.lower()
        raise Conflict(
            f"{article} {label} {noun} cannot be {transition.verb}.", code=_STATE_CODES[type(obj)]
        )
    return transition


def actions_allowed(table: dict[str, Transition], *, state: str, role: str) -> list[str]:
    """The actions a person in `role` may take from `state`, in the table's order."""
    return [
        name
        for name, transition in table.items()
        if role in transition.actors and state in transition.sources
    ]


def _is_person(viewer: object) -> bool:
    return bool(viewer is not None and getattr(viewer, "is_authenticated", False))


def task_actions_for(task: Task, *, viewer: object) -> tuple[str, list[str]]:
    """(viewer_role, allowed_actions) for a task page: the owner manages it, anyone else
    signed in may apply while a place is free and they have not applied yet."""
    if not _is_person(viewer):
        return "visitor", []
    if viewer.pk == task.mentor_id:
        return MENTOR, actions_allowed(TASK_TRANSITIONS, state=task.state, role=MENTOR)
    actions = actions_allowed(TASK_TRANSITIONS, state=task.state, role=DRAFTER)
    full_or_applied = task.filled_slots >= task.slots or getattr(
        task, "viewer_application_id", None
    )
    return DRAFTER, [name for name in actions if not (name == "apply" and full_or_applied)]


def application_actions_for(application: Application, *, viewer: object) -> tuple[str, list[str]]:
    """(viewer_role, allowed_actions) for one of the application's two people."""
    task = application.task
    role = MENTOR if _is_person(viewer) and viewer.pk == task.mentor_id else DRAFTER
    actions = actions_allowed(APPLICATION_TRANSITIONS, state=application.state, role=role)
    if "accept" in actions and (
        task.filled_slots >= task.slots or task.state not in (T.OPEN, T.CLOSED)
    ):
        actions.remove("accept")
    return role, actions


def engagement_actions_for(
    engagement: Engagement, *, viewer: object, feedback_given: bool, thanks_given: bool
) -> tuple[str, list[str]]:
    """(viewer_role, allowed_actions) for one of the engagement's two people."""
    role = MENTOR if _is_person(viewer) and viewer.pk == engagement.mentor_id else DRAFTER
    actions = actions_allowed(ENGAGEMENT_TRANSITIONS, state=engagement.state, role=role)
    unavailable = {
        "fund": not engagement.task.is_paid,
        "feedback": feedback_given,
        "thanks": thanks_given,
    }
    return role, [name for name in actions if not unavailable.get(name, False)]


# --- Career-office staff invitations (accounts.StaffInvitation, issue 19) ---------------------
# An office admin invites a colleague by e-mail; the colleague accepts by the link, or an admin
# revokes it. "Expired" is not stored: a pending invitation past its date, refused by the guard
# below before any action (an expired link can neither be accepted nor needs revoking).
OFFICE_ADMIN = "office_admin"
INVITEE = "invitee"
SI = StaffInvitation.State

STAFF_INVITATION_TRANSITIONS: dict[str, Transition] = {
    "accept": _t({SI.PENDING}, SI.ACCEPTED, {INVITEE}, "accepted"),
    "revoke": _t({SI.PENDING}, SI.REVOKED, {OFFICE_ADMIN}, "revoked"),
}
_TABLES[StaffInvitation] = STAFF_INVITATION_TRANSITIONS
_STATE_CODES[StaffInvitation] = codes.STAFF_INVITATION_STATE_INVALID


def staff_invitation_unexpired_require(invitation: StaffInvitation, *, now: datetime) -> None:
    """Guard: an expired invitation answers 409 `staff_invitation_expired`; ask for a new one."""
    if invitation.state_at(now) == SI.EXPIRED:
        raise Conflict(
            "This invitation has expired; ask your colleague to send a new one.",
            code=codes.STAFF_INVITATION_EXPIRED,
        )


def staff_invitation_actions_for(invitation: StaffInvitation, *, now: datetime) -> list[str]:
    """What an office admin may do with an invitation in the list (revoke while pending)."""
    state = invitation.state_at(now)
    return actions_allowed(STAFF_INVITATION_TRANSITIONS, state=state, role=OFFICE_ADMIN)
