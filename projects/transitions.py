"""One transition table per stateful model (docs/architecture.md): the one source of truth.

Every action a person or the system takes on a task, an application, an engagement or a stipend
is allowed or refused here and nowhere else:

- the services call `transition_require(obj, action, role=...)` before they write
  (`transition_target(...)` for an action that moves obj: it returns the new state), and, for
  the system's idempotent steps, `transition_allows(...)` to skip what no longer applies;
- rules that are more than state — a place left, not your own task, feedback already given, the
  task is paid — are the named `guard_*` functions below the tables. Each returns the refusal
  (a DomainError) or None; services raise it (`guard_require`), and the `*_actions_for`
  functions drop the action when it is refused, so the two cannot drift;
- the output serializers read `*_actions_for` to return `allowed_actions` and the viewer's role,
  and pages draw their buttons from that, never from their own copy of the rules.

A new model registers by adding its table to `_TABLES` and its 409 code to `_STATE_CODES`.
tests/projects/test_transition_table.py walks every (model, action, state, role) and proves the
services and `allowed_actions` agree; it fails when an action has no service mapped to it.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.utils import timezone

from accounts.models import StaffInvitation
from marketplace.errors import Conflict, DomainError, Forbidden
from projects import error_codes as codes
from projects.circles import error_codes as circle_codes
from projects.circles.models import CIRCLE_MAX_MEMBERS, Circle
from projects.credentials import error_codes as credential_codes
from projects.credentials.models import IssuedCredential
from projects.models import Application, Engagement, Task
from projects.offers import error_codes as offer_codes
from projects.offers.models import Offer
from projects.stipends import error_codes as stipend_codes
from projects.stipends.models import Stipend

MENTOR = "mentor"
DRAFTER = "drafter"
SYSTEM = "system"  # scheduled jobs and Stripe events, never a person


@dataclass(frozen=True)
class Transition:
    sources: frozenset[str]
    target: str | None  # None: an action that keeps the state (edit, message, feedback)
    actors: frozenset[str]
    verb: str  # "A <state> task cannot be <verb>."
    # (code, message) that clients already key on, used instead of the generic state refusal.
    refusal: tuple[str, str] | None = None


def _t(
    sources: Iterable[str],
    target: str | None,
    actors: Iterable[str],
    verb: str,
    refusal: tuple[str, str] | None = None,
) -> Transition:
    return Transition(frozenset(sources), target, frozenset(actors), verb, refusal)


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

# Money: the mentor starts a checkout; every other step is Stripe's event or our own job.
STIPEND_TRANSITIONS: dict[str, Transition] = {
    # A cancelled (voided) stipend passes here; the engagement's "fund" then refuses it.
    "checkout": _t(
        {S.UNFUNDED, S.CANCELLED},
        None,
        {MENTOR},
        "paid",
        (stipend_codes.ALREADY_FUNDED, "This stipend is already funded."),
    ),
    # Its checkout page is recorded, replaced or forgotten only while nothing is paid.
    "set_checkout_page": _t({S.UNFUNDED}, None, {SYSTEM}, "given a new checkout page"),
    # Paid after its engagement ended (voided): funded, then refunded at once.
    "fund": _t({S.UNFUNDED, S.CANCELLED}, S.FUNDED, {SYSTEM}, "funded"),
    "void": _t({S.UNFUNDED}, S.CANCELLED, {SYSTEM}, "voided"),
    # Approval records the payout; a frozen stipend's payout waits for the dispute.
    "pay_out": _t({S.FUNDED, S.FROZEN}, None, {SYSTEM}, "paid out"),
    # The 14-day rule pays only money that is not disputed.
    "auto_release": _t({S.FUNDED}, None, {SYSTEM}, "released automatically"),
    "release": _t({S.FUNDED}, S.RELEASED, {SYSTEM}, "released"),
    # A cancelled engagement's funded stipend goes back; a frozen one waits for the bank.
    "refund_on_cancel": _t({S.FUNDED}, None, {SYSTEM}, "refunded"),
    "refund": _t({S.FUNDED, S.FROZEN}, S.REFUNDED, {SYSTEM}, "refunded"),
    "freeze": _t({S.FUNDED}, S.FROZEN, {SYSTEM}, "frozen"),
    "unfreeze": _t({S.FROZEN}, S.FUNDED, {SYSTEM}, "unfrozen"),
    "forfeit": _t({S.FROZEN}, S.REFUNDED, {SYSTEM}, "returned through a dispute"),
}

_STATE_CODES: dict[type, str] = {
    Task: codes.TASK_STATE_INVALID,
    Application: codes.APPLICATION_STATE_INVALID,
    Engagement: codes.ENGAGEMENT_STATE_INVALID,
    Stipend: stipend_codes.STIPEND_STATE_INVALID,
}
_TABLES: dict[type, dict[str, Transition]] = {
    Task: TASK_TRANSITIONS,
    Application: APPLICATION_TRANSITIONS,
    Engagement: ENGAGEMENT_TRANSITIONS,
    Stipend: STIPEND_TRANSITIONS,
}

Stateful = (
    Task | Application | Engagement | Stipend | IssuedCredential | Offer | StaffInvitation | Circle
)


def transition_tables() -> dict[type, dict[str, Transition]]:
    """Every registered table, by model (the transition-table test walks these)."""
    return dict(_TABLES)


def transition_refusal(obj: Stateful, action: str) -> DomainError:
    """The 409 for `action` refused in obj's state (the table's own wording when it has one)."""
    transition = _TABLES[type(obj)][action]
    if transition.refusal is not None:
        code, message = transition.refusal
        return Conflict(message, code=code)
    label = obj.get_state_display().lower()
    article = "An" if label[:1] in "aeiou" else "A"
    noun = type(obj).__name__.lower()
    return Conflict(
        f"{article} {label} {noun} cannot be {transition.verb}.", code=_STATE_CODES[type(obj)]
    )


def transition_allows(obj: Stateful, action: str, *, role: str | None = None) -> bool:
    """Whether `action` is allowed from obj's state (and, with `role`, to that actor)."""
    transition = _TABLES[type(obj)][action]
    return obj.state in transition.sources and (role is None or role in transition.actors)


def transition_require(obj: Stateful, action: str, *, role: str | None = None) -> Transition:
    """The transition for `action`, or raise: 403 when `role` is not one of its actors, 409
    (with the model's state code, or the table's own refusal) when obj's state does not allow it.
    """
    transition = _TABLES[type(obj)][action]
    if role is not None and role not in transition.actors:
        raise Forbidden(
            f"Only the {' or '.join(sorted(transition.actors))} can do that.",
            code=codes.ACTION_NOT_YOURS,
        )
    if obj.state not in transition.sources:
        raise transition_refusal(obj, action)
    return transition


def transition_target(obj: Stateful, action: str, *, role: str | None = None) -> str:
    """`transition_require`, for an action that moves obj: the state it moves to."""
    target = transition_require(obj, action, role=role).target
    if target is None:
        raise ValueError(f"{action} keeps the {type(obj).__name__}'s state; it has no target")
    return target


def actions_allowed(table: dict[str, Transition], *, state: str, role: str) -> list[str]:
    """The actions a person in `role` may take from `state`, in the table's order."""
    return [
        name
        for name, transition in table.items()
        if role in transition.actors and state in transition.sources
    ]


# --- Guards: rules that are more than state -------------------------------------------------
# Each returns the refusal, or None when the rule holds. Duck-typed on purpose: the hot lists
# pass plain rows (SimpleNamespace) with the same attribute names as the models.


def guard_require(*refusals: DomainError | None) -> None:
    """Raise the first refusal (guards are listed in the order their errors take priority)."""
    for refusal in refusals:
        if refusal is not None:
            raise refusal


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


def _is_person(viewer: object) -> bool:
    return bool(viewer is not None and getattr(viewer, "is_authenticated", False))


def _without_refused(actions: list[str], refused: dict[str, DomainError | None]) -> list[str]:
    return [name for name in actions if refused.get(name) is None]


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


def showable_unavailable(engagement: Engagement, *, today: date) -> dict[str, bool]:
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


def guard_not_in_portfolio(*, added: bool) -> DomainError | None:
    """The same work goes to the drafter's portfolio once."""
    if added:
        return Conflict(
            "This work is already in your portfolio.", code=codes.PORTFOLIO_ALREADY_ADDED
        )
    return None


def showable_effective(engagement: Engagement, *, today: date) -> str:
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


# --- Offers ("may I draft for you?", projects/offers) ----------------------------------------
# Appended as its own section: the offer table, its registration and its guards.

OS = Offer.State
OFFER_TRANSITIONS: dict[str, Transition] = {
    "accept": _t({OS.PENDING}, OS.ACCEPTED, {MENTOR}, "accepted"),
    "decline": _t({OS.PENDING}, OS.DECLINED, {MENTOR}, "declined"),
    "withdraw": _t({OS.PENDING}, OS.WITHDRAWN, {DRAFTER}, "withdrawn"),
    "expire": _t({OS.PENDING}, OS.EXPIRED, {SYSTEM}, "expired"),
    # The thread lives while the offer is open and once answered; a withdrawn or expired offer
    # closes it (no cold messages).
    "message": _t(
        {OS.PENDING, OS.ACCEPTED, OS.DECLINED},
        None,
        {MENTOR, DRAFTER},
        "discussed",
        refusal=(
            codes.THREAD_CLOSED,
            "This offer was withdrawn or expired; its conversation is closed.",
        ),
    ),
}
_TABLES[Offer] = OFFER_TRANSITIONS
_STATE_CODES[Offer] = offer_codes.OFFER_STATE_INVALID


def offer_actions_for(offer: Offer, *, viewer: Any) -> tuple[str, list[str]]:
    """(viewer_role, allowed_actions) for one of the offer's two people."""
    role = MENTOR if _is_person(viewer) and viewer.pk == offer.mentor_id else DRAFTER
    return role, actions_allowed(OFFER_TRANSITIONS, state=offer.state, role=role)


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


def staff_invitation_unexpired_require(
    invitation: StaffInvitation, *, now: datetime, role: str = INVITEE
) -> None:
    """Guard: an expired invitation answers 409 `staff_invitation_expired` — to the invitee
    (ask for a new one) and to an admin revoking it (its link already stopped working)."""
    if invitation.state_at(now) == SI.EXPIRED:
        message = (
            "This invitation has already expired: its link no longer works."
            if role == OFFICE_ADMIN
            else "This invitation has expired; ask your colleague to send a new one."
        )
        raise Conflict(message, code=codes.STAFF_INVITATION_EXPIRED)


def staff_invitation_actions_for(
    invitation: StaffInvitation, *, now: datetime, is_admin: bool
) -> list[str]:
    """What a colleague may do with an invitation in the list: an admin revokes it while
    pending; a viewer colleague does nothing with it."""
    if not is_admin:
        return []
    state = invitation.state_at(now)
    return actions_allowed(STAFF_INVITATION_TRANSITIONS, state=state, role=OFFICE_ADMIN)


# ---------------------------------------------------------------------------------------------
# Peer critique circles (projects/circles): 4-8 drafters around a skill family. A circle forms
# until its 4th member joins (the system activates it) and falls back below 4; its host closes
# it. Membership actions and the text a circle holds (requests, critiques) are its actions.
# Roles: the host, a member, and a drafter outside the circle.
# ---------------------------------------------------------------------------------------------

HOST = "host"
MEMBER = "member"
CS = Circle.State
CIRCLE_LIVE_STATES = (CS.FORMING, CS.ACTIVE)
CIRCLE_TRANSITIONS: dict[str, Transition] = {
    "join": _t(CIRCLE_LIVE_STATES, None, {DRAFTER}, "joined"),
    "leave": _t(CIRCLE_LIVE_STATES, None, {MEMBER}, "left"),
    # Critique starts once four people are in: fewer is a queue, not a circle.
    "ask": _t(
        {CS.ACTIVE},
        None,
        {HOST, MEMBER},
        "asked for critique",
        (
            circle_codes.CIRCLE_STATE_INVALID,
            "Critique opens once the circle has 4 members, and closes with the circle.",
        ),
    ),
    "critique": _t(
        {CS.ACTIVE},
        None,
        {HOST, MEMBER},
        "critiqued in",
        (
            circle_codes.CIRCLE_STATE_INVALID,
            "Critique opens once the circle has 4 members, and closes with the circle.",
        ),
    ),
    # Thanks and reports stay possible after a circle closes.
    "helpful": _t(set(CS.values), None, {HOST, MEMBER}, "thanked in"),
    "report": _t(set(CS.values), None, {HOST, MEMBER}, "reported in"),
    "remove": _t(CIRCLE_LIVE_STATES, None, {HOST}, "changed by its host"),
    "close": _t(CIRCLE_LIVE_STATES, CS.CLOSED, {HOST}, "closed"),
    "activate": _t({CS.FORMING}, CS.ACTIVE, {SYSTEM}, "activated"),
    "fall_back": _t({CS.ACTIVE}, CS.FORMING, {SYSTEM}, "sent back to forming"),
}
_TABLES[Circle] = CIRCLE_TRANSITIONS
_STATE_CODES[Circle] = circle_codes.CIRCLE_STATE_INVALID


def guard_circle_has_room(circle: Any) -> DomainError | None:
    """At most 8 members (the circle's row lock and a database constraint hold it)."""
    if circle.member_count >= CIRCLE_MAX_MEMBERS:
        return Conflict(
            f"This circle is full ({CIRCLE_MAX_MEMBERS} members).", code=circle_codes.CIRCLE_FULL
        )
    return None


def guard_circle_not_removed(*, removed: bool) -> DomainError | None:
    """A member the host removed does not come back by joining again."""
    if removed:
        return Forbidden("The host removed you from this circle.", code=circle_codes.CIRCLE_REMOVED)
    return None


def guard_circle_institution(*, belongs: bool) -> DomainError | None:
    """A circle within one institution takes only that institution's members."""
    if not belongs:
        return Forbidden(
            "This circle is for members of one institution.",
            code=circle_codes.CIRCLE_INSTITUTION_ONLY,
        )
    return None


def guard_has_credit(*, credits: int) -> DomainError | None:
    """Asking costs 1 credit; a balance never goes below 0."""
    if credits < 1:
        return Conflict(
            "Asking for critique costs 1 credit. "
            "Give a critique someone finds helpful to earn one.",
            code=circle_codes.CRITIQUE_NO_CREDIT,
        )
    return None


def guard_not_own_request(request: Any, *, user_id: int) -> DomainError | None:
    if request.asker_id == user_id:
        return Forbidden(
            "You cannot critique your own request.", code=circle_codes.CRITIQUE_OWN_REQUEST
        )
    return None


def guard_critique_not_given(*, given: bool) -> DomainError | None:
    if given:
        return Conflict(
            "You have already critiqued this request.", code=circle_codes.CRITIQUE_EXISTS
        )
    return None


def guard_helpful_by_asker(critique: Any, *, user_id: int) -> DomainError | None:
    """Only the person who asked marks a critique helpful, once (it earns its author 1 credit)."""
    if critique.request.asker_id != user_id:
        return Forbidden(
            "Only the person who asked can mark a critique helpful.",
            code=circle_codes.CRITIQUE_HELPFUL_ONLY_ASKER,
        )
    if critique.helpful_at is not None:
        return Conflict(
            "You have already marked this critique helpful.",
            code=circle_codes.CRITIQUE_ALREADY_HELPFUL,
        )
    return None


def guard_report_allowed(critique: Any, *, user_id: int, reported: bool) -> DomainError | None:
    if critique.author_id == user_id:
        return Forbidden("You cannot report your own critique.", code=circle_codes.CRITIQUE_OWN)
    if reported:
        return Conflict(
            "You have already reported this critique.",
            code=circle_codes.CRITIQUE_ALREADY_REPORTED,
        )
    return None


def circle_role_of(circle: Any, *, user: Any, is_member: bool) -> str:
    """host, member, or drafter (signed in, outside the circle)."""
    if user.pk == circle.host_id:
        return HOST
    return MEMBER if is_member else DRAFTER


def circle_actions_for(
    circle: Any, *, viewer: Any, is_member: bool, removed: bool, belongs: bool, credits: int
) -> tuple[str, list[str]]:
    """(viewer_role, allowed_actions) on a circle; `belongs`: the viewer may join its
    institution's circle (always True for an open circle); `credits`: the viewer's balance."""
    if not _is_person(viewer):
        return "visitor", []
    role = circle_role_of(circle, user=viewer, is_member=is_member)
    actions = actions_allowed(CIRCLE_TRANSITIONS, state=circle.state, role=role)
    refused = {
        "join": guard_circle_not_removed(removed=removed)
        or guard_circle_institution(belongs=belongs)
        or guard_circle_has_room(circle),
        "ask": guard_has_credit(credits=credits),
    }
    return role, _without_refused(actions, refused)
