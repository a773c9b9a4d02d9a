"""A task and what grows from it: its applications and engagements (their tables, guards
and what each viewer may do)."""

from typing import Any

from django.utils import timezone

from marketplace.errors import Conflict, DomainError, Forbidden
from projects import error_codes as codes
from projects.models import Application, Engagement, Task
from projects.stipends import error_codes as stipend_codes
from projects.stipends.models import Stipend
from projects.transitions.core import (
    _STATE_CODES,
    _TABLES,
    DRAFTER,
    MENTOR,
    SYSTEM,
    Transition,
    _is_person,
    _t,
    _without_refused,
    actions_allowed,
    transition_refusal,
)
from projects.transitions.showable import (
    SHOWABLE_TRANSITIONS,
    guard_not_in_portfolio,
    showable_unavailable,
)

T, A, E, S = Task.State, Application.State, Engagement.State, Stipend.State
PENDING_APPLICATION_STATES = (A.SUBMITTED, A.SHORTLISTED)
LIVE_ENGAGEMENT_STATES = (E.AWAITING_FUNDING, E.ACTIVE, E.DELIVERED)

TASK_TRANSITIONS: dict[str, Transition] = {
    "edit": _t({T.DRAFT, T.OPEN}, None, {MENTOR}, "edited"),
    "publish": _t({T.DRAFT}, T.OPEN, {MENTOR}, "published"),
    # The system closes a task whose last place was just filled.
    "close": _t({T.OPEN}, T.CLOSED, {MENTOR, SYSTEM}, "closed"),
    "archive": _t({T.CLOSED}, T.ARCHIVED, {MENTOR}, "archived"),
    "cancel": _t({T.DRAFT, T.OPEN}, T.CANCELLED, {MENTOR}, "cancelled"),
    "delete": _t(
        {T.DRAFT},
        None,
        {MENTOR},
        "deleted",
        (
            codes.TASK_HAS_APPLICATIONS,
            "Only an unpublished draft without applications can be deleted; cancel it instead.",
        ),
    ),
    "apply": _t(
        {T.OPEN},
        None,
        {DRAFTER},
        "applied to",
        (codes.TASK_NOT_OPEN, "This task is not taking applications."),
    ),
    "invite": _t(
        {T.OPEN},
        None,
        {MENTOR},
        "offered to a drafter",
        (codes.TASK_NOT_OPEN, "Only an open task with a free place can take invitations."),
    ),
}

APPLICATION_TRANSITIONS: dict[str, Transition] = {
    "shortlist": _t({A.SUBMITTED}, A.SHORTLISTED, {MENTOR}, "shortlisted"),
    "accept": _t(PENDING_APPLICATION_STATES, A.ACCEPTED, {MENTOR}, "accepted"),
    # The system declines the pending rest when the last place is filled or the task ends.
    "decline": _t(PENDING_APPLICATION_STATES, A.DECLINED, {MENTOR, SYSTEM}, "declined"),
    "withdraw": _t(PENDING_APPLICATION_STATES, A.WITHDRAWN, {DRAFTER}, "withdrawn"),
    "message": _t(
        {A.SUBMITTED, A.SHORTLISTED, A.ACCEPTED, A.DECLINED},
        None,
        {MENTOR, DRAFTER},
        "discussed",
        (codes.THREAD_CLOSED, "This application was withdrawn."),
    ),
}

ENGAGEMENT_TRANSITIONS: dict[str, Transition] = {
    "fund": _t(
        {E.AWAITING_FUNDING},
        None,
        {MENTOR},
        "funded",
        (stipend_codes.NOT_AWAITING_FUNDING, "This engagement is not waiting for funding."),
    ),
    "activate": _t({E.AWAITING_FUNDING}, E.ACTIVE, {SYSTEM}, "activated"),
    "deliver": _t({E.ACTIVE}, E.DELIVERED, {DRAFTER}, "delivered"),
    "request_revision": _t({E.DELIVERED}, E.ACTIVE, {MENTOR}, "sent back for revision"),
    "approve": _t({E.DELIVERED}, E.COMPLETED, {MENTOR}, "approved"),
    "auto_approve": _t({E.DELIVERED}, E.COMPLETED, {SYSTEM}, "approved"),
    "cancel": _t(LIVE_ENGAGEMENT_STATES, E.CANCELLED, {MENTOR, DRAFTER}, "cancelled"),
    "lapse": _t({E.AWAITING_FUNDING}, E.CANCELLED, {SYSTEM}, "lapsed"),
    "message": _t(set(E.values), None, {MENTOR, DRAFTER}, "discussed"),
    "feedback": _t(
        {E.COMPLETED},
        None,
        {MENTOR, DRAFTER},
        "reviewed",
        (codes.FEEDBACK_NOT_YET, "Feedback opens once the work is approved."),
    ),
    "thanks": _t(
        {E.COMPLETED},
        None,
        {MENTOR, DRAFTER},
        "thanked",
        (codes.THANKS_NOT_YET, "Thanks open once the work is approved."),
    ),
    "report_back": _t(
        {E.COMPLETED},
        None,
        {MENTOR, DRAFTER},
        "reported back on",
        (codes.REPORT_BACK_NOT_YET, "You can report back once the draft is completed."),
    ),
}

# The showable-work clause (projects/transitions/showable.py) keeps the engagement's state:
# its actions are engagement actions, so `transition_require` and `allowed_actions` see them.
ENGAGEMENT_TRANSITIONS.update(SHOWABLE_TRANSITIONS)

_STATE_CODES[Task] = codes.TASK_STATE_INVALID
_STATE_CODES[Application] = codes.APPLICATION_STATE_INVALID
_STATE_CODES[Engagement] = codes.ENGAGEMENT_STATE_INVALID
_TABLES[Task] = TASK_TRANSITIONS
_TABLES[Application] = APPLICATION_TRANSITIONS
_TABLES[Engagement] = ENGAGEMENT_TRANSITIONS


# --- Guards: rules that are more than state -------------------------------------------------
# Each returns the refusal, or None when the rule holds. Duck-typed on purpose: the hot lists
# pass plain rows (SimpleNamespace) with the same attribute names as the models.


def guard_not_own_task(task: Any, *, user_id: int) -> DomainError | None:
    """Nobody applies to their own task."""
    if task.mentor_id == user_id:
        return Forbidden("You cannot apply to your own task.", code=codes.OWN_TASK)
    return None


def guard_display_name_set(user: Any, *, action: str) -> DomainError | None:
    """A person shows their name before others see them act: a task, an application or an
    offer from "member-c73f8e" reads as spam (the handle is all a nameless profile shows).
    Like the confirmed e-mail address, a rule about the person, not the object's state: the
    action stays offered and the page asks for the name where it is taken."""
    profile = getattr(user, "profile", None)
    if profile is not None and not profile.display_name.strip():
        message = (
            f"Add your name to {action}: people see it instead of “{profile.handle}”. "
            "Type it here, or set it in Settings → Profile."
        )
        return Conflict(
            message, code=codes.DISPLAY_NAME_REQUIRED, fields={"display_name": [message]}
        )
    return None


def guard_slots_left(task: Any) -> DomainError | None:
    """A place is free (a mentor may edit slots down to the places filled without closing)."""
    if task.filled_slots >= task.slots:
        return Conflict("Every place on this task is already filled.", code=codes.SLOTS_FULL)
    return None


def guard_not_applied(*, applied: bool) -> DomainError | None:
    """One application per drafter per task."""
    if applied:
        return Conflict("You have already applied to this task.", code=codes.APPLICATION_EXISTS)
    return None


def guard_task_takes_drafters(task: Any) -> DomainError | None:
    """Drafters are accepted while the task is open or closed to new applications."""
    if task.state not in (T.OPEN, T.CLOSED):
        label = Task.State(task.state).label.lower()
        return Conflict(f"A {label} task cannot take on drafters.", code=codes.TASK_STATE_INVALID)
    return None


def guard_no_applications(*, has_applications: bool) -> DomainError | None:
    """Only a task nobody has applied to may disappear."""
    if has_applications:
        code, message = TASK_TRANSITIONS["delete"].refusal or ("", "")
        return Conflict(message, code=code)
    return None


def guard_stipend_unchanged(task: Task, *, data: dict[str, Any]) -> DomainError | None:
    """The stipend is fixed once someone has been accepted."""
    money = {"stipend_amount", "stipend_currency"} & set(data)
    if task.filled_slots and any(getattr(task, name) != data[name] for name in money):
        return Conflict(
            "The stipend cannot change after a drafter has been accepted.",
            code=codes.TASK_STATE_INVALID,
        )
    return None


def guard_task_paid(task: Any) -> DomainError | None:
    """Only a paid task has a stipend to fund."""
    if task.stipend_amount is None:
        return Conflict("This task has no stipend to fund.", code=stipend_codes.TASK_UNPAID)
    return None


def guard_feedback_not_given(*, given: bool) -> DomainError | None:
    if given:
        return Conflict("You have already left feedback.", code=codes.FEEDBACK_EXISTS)
    return None


def guard_thanks_not_given(*, given: bool) -> DomainError | None:
    if given:
        return Conflict("You have already sent thanks.", code=codes.THANKS_EXISTS)
    return None


def guard_report_back_not_given(*, given: bool) -> DomainError | None:
    if given:
        return Conflict(
            "You have already reported back on this draft.", code=codes.REPORT_BACK_EXISTS
        )
    return None


# --- What each viewer may do now (read by the output serializers) ---------------------------


def task_actions_for(task: Any, *, viewer: Any) -> tuple[str, list[str]]:
    """(viewer_role, allowed_actions) for a task page: the owner manages it, anyone else
    signed in may apply while a place is free and they have not applied yet."""
    if not _is_person(viewer):
        return "visitor", []
    if viewer.pk == task.mentor_id:
        actions = actions_allowed(TASK_TRANSITIONS, state=task.state, role=MENTOR)
        return MENTOR, _without_refused(actions, {"invite": guard_slots_left(task)})
    actions = actions_allowed(TASK_TRANSITIONS, state=task.state, role=DRAFTER)
    applied = bool(getattr(task, "viewer_application_id", None))
    refused = {"apply": guard_slots_left(task) or guard_not_applied(applied=applied)}
    return DRAFTER, _without_refused(actions, refused)


def application_actions_for(application: Any, *, viewer: Any) -> tuple[str, list[str]]:
    """(viewer_role, allowed_actions) for one of the application's two people."""
    task = application.task
    role = MENTOR if _is_person(viewer) and viewer.pk == task.mentor_id else DRAFTER
    actions = actions_allowed(APPLICATION_TRANSITIONS, state=application.state, role=role)
    refused = {"accept": guard_slots_left(task) or guard_task_takes_drafters(task)}
    return role, _without_refused(actions, refused)


def engagement_actions_for(
    engagement: Engagement,
    *,
    viewer: Any,
    feedback_given: bool,
    thanks_given: bool,
    report_back_given: bool,
    in_portfolio: bool,
) -> tuple[str, list[str]]:
    """(viewer_role, allowed_actions) for one of the engagement's two people."""
    role = MENTOR if _is_person(viewer) and viewer.pk == engagement.mentor_id else DRAFTER
    actions = actions_allowed(ENGAGEMENT_TRANSITIONS, state=engagement.state, role=role)
    refused = {
        "fund": guard_task_paid(engagement.task),
        "feedback": guard_feedback_not_given(given=feedback_given),
        "thanks": guard_thanks_not_given(given=thanks_given),
        "report_back": guard_report_back_not_given(given=report_back_given),
    }
    refused.update(
        {
            name: transition_refusal(engagement, name) if blocked else None
            for name, blocked in showable_unavailable(
                engagement, today=timezone.localdate()
            ).items()
        }
    )
    refused["portfolio_add"] = refused["portfolio_add"] or guard_not_in_portfolio(
        added=in_portfolio
    )
    return role, _without_refused(actions, refused)


def engagement_role_of(engagement: Engagement, *, user: Any) -> str:
    """The role a participant acts in on an engagement (the caller found it as theirs)."""
    return MENTOR if user.pk == engagement.mentor_id else DRAFTER
