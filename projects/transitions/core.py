"""The machinery every table shares: a Transition, the registry of tables by model, and the
checks services and serializers call (`transition_require`, `actions_allowed`, ...)."""

from collections.abc import Iterable
from dataclasses import dataclass

from accounts.models import StaffInvitation
from marketplace.errors import Conflict, DomainError, Forbidden
from projects import error_codes as codes
from projects.circles.models import Circle
from projects.credentials.models import IssuedCredential
from projects.models import Application, Engagement, Task
from projects.offers.models import Offer
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


# The tables by model and the 409 code of each model's state refusal: each family module
# registers its own (projects/transitions/__init__.py imports them all, in this order).
_STATE_CODES: dict[type, str] = {}
_TABLES: dict[type, dict[str, Transition]] = {}

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


def _is_person(viewer: object) -> bool:
    return bool(viewer is not None and getattr(viewer, "is_authenticated", False))


def _without_refused(actions: list[str], refused: dict[str, DomainError | None]) -> list[str]:
    return [name for name in actions if refused.get(name) is None]
