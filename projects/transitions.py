"""One transition table per stateful model (DESIGN.md "Lifecycles").

The services enforce these tables (`transition_require`) and the output serializers read them
(`actions_allowed`) to tell each viewer what they may do now, so pages draw their buttons from
the API and never keep a copy of the rules.
"""

from dataclasses import dataclass

from django.utils import timezone

from marketplace.errors import Conflict
from projects import error_codes as codes
from projects.credentials import error_codes as credential_codes
from projects.credentials.models import IssuedCredential
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
        **showable_unavailable(engagement, today=timezone.localdate()),
    }
    return role, [name for name in actions if not unavailable.get(name, False)]


# ---------------------------------------------------------------------------------------------
# The showable-work clause (what a completed draft may show publicly). Its actions keep the
# engagement's state and live in their own table, merged into ENGAGEMENT_TRANSITIONS so
# `transition_require` and `allowed_actions` treat them like every other engagement action.
# ---------------------------------------------------------------------------------------------

SHOWABLE_TRANSITIONS: dict[str, Transition] = {
    "showable_propose": _t({E.COMPLETED}, None, {DRAFTER}, "given a new showing proposal"),
    "showable_confirm": _t({E.COMPLETED}, None, {MENTOR}, "given a new showing choice"),
    "case_study_submit": _t({E.COMPLETED}, None, {DRAFTER}, "given a case study"),
    "case_study_approve": _t({E.COMPLETED}, None, {MENTOR}, "given an approved case study"),
    "portfolio_add": _t({E.COMPLETED}, None, {DRAFTER}, "added to a portfolio"),
}
ENGAGEMENT_TRANSITIONS.update(SHOWABLE_TRANSITIONS)


def showable_unavailable(engagement: Engagement, *, today) -> dict[str, bool]:
    """Guards beyond state for the clause's actions: a proposal must be waiting to be
    confirmed, a case study exists only under `case_study`, and only work that is public now
    (full, or an approved case study) goes to the portfolio."""
    choice = engagement.showable
    case_study = choice == Engagement.Showable.CASE_STUDY
    return {
        "showable_confirm": not engagement.showable_proposed,
        "case_study_submit": not case_study,
        "case_study_approve": not (
            case_study and engagement.case_study_state == Engagement.CaseStudyState.SUBMITTED
        ),
        "portfolio_add": showable_effective(engagement, today=today) == "private",
    }


def showable_effective(engagement: Engagement, *, today) -> str:
    """What the public may see today: `full`, `case_study` or `private`. An `after` embargo
    opens by itself on its date; a case study shows only once the mentor approved it."""
    choice = engagement.showable
    if choice == Engagement.Showable.FULL:
        return "full"
    if choice == Engagement.Showable.AFTER:
        opens = engagement.show_after
        return "full" if opens is not None and today >= opens else "private"
    if (
        choice == Engagement.Showable.CASE_STUDY
        and engagement.case_study_state == Engagement.CaseStudyState.APPROVED
    ):
        return "case_study"
    return "private"


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
