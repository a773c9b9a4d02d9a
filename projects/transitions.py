"""One transition table per stateful model (DESIGN.md "Lifecycles").

The services enforce these tables (`transition_require`) and the output serializers read them
(`actions_allowed`) to tell each viewer what they may do now, so pages draw their buttons from
the API and never keep a copy of the rules.
"""

from dataclasses import dataclass

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


# --- Offers ("may I draft for you?", projects/offers) ----------------------------------------
# Appended as its own section: the offer table, its registration and its guards.

from projects.offers import error_codes as offer_codes  # noqa: E402
from projects.offers.models import Offer  # noqa: E402

OS = Offer.State
OFFER_TRANSITIONS: dict[str, Transition] = {
    "accept": _t({OS.PENDING}, OS.ACCEPTED, {MENTOR}, "accepted"),
    "decline": _t({OS.PENDING}, OS.DECLINED, {MENTOR}, "declined"),
    "withdraw": _t({OS.PENDING}, OS.WITHDRAWN, {DRAFTER}, "withdrawn"),
    "expire": _t({OS.PENDING}, OS.EXPIRED, {SYSTEM}, "expired"),
    # The thread lives while the offer is open and once answered; a withdrawn or expired offer
    # closes it (no cold messages).
    "message": _t({OS.PENDING, OS.ACCEPTED, OS.DECLINED}, None, {MENTOR, DRAFTER}, "discussed"),
}
_TABLES[Offer] = OFFER_TRANSITIONS
_STATE_CODES[Offer] = offer_codes.OFFER_STATE_INVALID


def offer_actions_for(offer: Offer, *, viewer: object) -> tuple[str, list[str]]:
    """(viewer_role, allowed_actions) for one of the offer's two people."""
    role = MENTOR if _is_person(viewer) and viewer.pk == offer.mentor_id else DRAFTER
    return role, actions_allowed(OFFER_TRANSITIONS, state=offer.state, role=role)
