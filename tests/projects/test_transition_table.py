"""The transition tables are the one source of truth: for every (model, action, state, role) in
every table of projects/transitions/, the service succeeds exactly when the API offers the
action to that person (`allowed_actions`), or, for the system's own steps, exactly when the
table allows it. An action added to a table without a service mapped in transition_world.py
fails the suite, and so does an actor a table names (site staff) that the walk never plays.
Stipends and credentials have no read that returns `allowed_actions`: for them the table is
what a page would offer, and the walk proves the services follow it.

One world per (model, action, state), built by factories in the state under test, in which
every role then acts on its own copy inside a savepoint; the services are called for real
(Stripe is the local stand-in, used only by the mentor's checkout)."""

import copy
import datetime
from collections.abc import Callable
from typing import Any

import pytest
from django.core.cache import cache
from django.db import transaction
from django.utils import timezone

from marketplace.errors import DomainError
from projects.circles.models import (
    CIRCLE_MAX_MEMBERS,
    Circle,
    CircleMembership,
    Critique,
    CritiqueBalance,
    CritiqueReport,
)
from projects.circles.services.circles import circle_join
from projects.credentials.models import IssuedCredential
from projects.models import Application, Engagement, Task
from projects.offers.models import Offer
from projects.services.feedback import feedback_submit, thanks_send
from projects.services.report_back import report_back_create
from projects.services.showable import showable_portfolio_add
from projects.stipends.models import Stipend
from projects.transitions import (
    DRAFTER,
    HOST,
    MEMBER,
    MENTOR,
    SYSTEM,
    transition_allows,
    transition_require,
    transition_tables,
)
from tests.factories import ApplicationFactory, EngagementFactory, UserFactory
from tests.projects.transition_world import (
    BUILDERS,
    SERVICES,
    World,
    offered,
    roles_for,
)


def _cases() -> list[Any]:
    return [
        pytest.param(model, action, state, role, id=f"{model.__name__}-{action}-{state}-{role}")
        for model, table in transition_tables().items()
        for action in table
        for state in model.State.values
        for role in roles_for(model)
    ]


def test_every_action_of_every_table_has_its_service_mapped():
    """A new action in a table without a service here is an unchecked rule: map it."""
    in_tables = {
        (model, action) for model, table in transition_tables().items() for action in table
    }
    assert set(SERVICES) == in_tables


def test_the_walk_covers_every_model_state_and_role():
    cases = {(p.values[0], p.values[2], p.values[3]) for p in _cases()}
    assert set(transition_tables()) >= {
        Task,
        Application,
        Engagement,
        Stipend,
        IssuedCredential,
        Offer,
    }
    for model in transition_tables():
        assert model in BUILDERS, f"no builder makes a {model.__name__} in each state"
        for state in model.State.values:
            for role in roles_for(model):
                assert (model, state, role) in cases


def test_every_actor_a_table_names_is_a_role_the_walk_plays():
    """A table naming a new actor (site staff) without the walk playing it is unchecked."""
    for model, table in transition_tables().items():
        for action, transition in table.items():
            missing = transition.actors - set(roles_for(model))
            assert not missing, f"{model.__name__}.{action}: the walk never acts as {missing}"


def _worlds() -> list[Any]:
    """One world per (model, action, state): every role of `_cases()` is checked in it."""
    return [
        pytest.param(model, action, state, id=f"{model.__name__}-{action}-{state}")
        for model, table in transition_tables().items()
        for action in table
        for state in model.State.values
    ]


def test_the_walk_checks_each_model_action_state_and_role_once():
    """Building one world per state and checking every role in it (a savepoint each) checks
    exactly the combinations of one test per (model, action, state, role): 931 today."""
    walked = [
        (p.values[0], p.values[1], p.values[2], role)
        for p in _worlds()
        for role in roles_for(p.values[0])
    ]
    expected = [tuple(p.values) for p in _cases()]
    assert len(walked) == len(set(walked)) == len(expected)
    assert set(walked) == set(expected)
    print(f"transition walk: {len(walked)} (model, action, state, role) combinations")


def _check_role(
    world: World, model: type, action: str, role: str, capture: Any, stripe: Callable[[], Any]
) -> None:
    """The service succeeds for `role` exactly when the action is allowed to them."""
    entry = SERVICES[(model, action)]
    if role == SYSTEM:
        allowed = transition_allows(world.obj, action, role=SYSTEM)
        assert entry.system(world.obj, capture) == allowed, (action, world.obj.state, role)
        return
    user = world.person(role)
    allowed = action in offered(world.obj, user)
    if entry.person is None:
        assert not allowed, f"{action} is offered to the {role}, but no person can do it"
        return
    if allowed and action in ("fund", "checkout"):
        stripe()  # the checkout reaches Stripe
    try:
        entry.person(world.obj, user)
        succeeded = True
    except DomainError as refusal:
        succeeded = False
        assert refusal.status_code in (403, 404, 409), refusal.as_dict()
    assert succeeded == allowed, (action, world.obj.state, role)


@pytest.mark.django_db
@pytest.mark.parametrize(("model", "action", "state"), _worlds())
def test_service_succeeds_exactly_when_the_action_is_allowed(
    model, action, state, request, django_capture_on_commit_callbacks
):
    """Each role acts on its own copy of one world, in a savepoint rolled back after it: the
    same world, fresh, as building it again per role would give, at a third of the cost."""
    entry = SERVICES[(model, action)]
    roles = roles_for(model)
    checked = []
    if SYSTEM in roles and entry.system is None:
        # Nothing to build: no state can let the system do what nothing in the system does.
        actors = transition_tables()[model][action].actors
        assert SYSTEM not in actors, f"the table lets the system {action}, but nothing does it"
        checked.append(SYSTEM)
    acting = [role for role in roles if role not in checked]
    built = BUILDERS[model](state, action)

    def stripe() -> None:
        request.getfixturevalue("stripe_standin_settings").reset()

    for role in acting:
        world = copy.deepcopy(built)  # the objects as built, before any role acted on them
        cache.clear()  # throttles and rate limits start from zero, as in a test of its own
        with transaction.atomic():
            _check_role(world, model, action, role, django_capture_on_commit_callbacks, stripe)
            transaction.set_rollback(True)
        checked.append(role)
    assert sorted(checked) == sorted(roles)


# --- Guards: rules that are more than state, from both sides ----------------------------------


def _fill(task: Task) -> None:
    Task.objects.filter(pk=task.pk).update(filled_slots=task.slots)
    task.refresh_from_db()


def _full_task(world: World) -> None:
    _fill(world.obj)


def _already_applied(world: World) -> None:
    ApplicationFactory(task=world.obj, drafter=world.drafter)


def _full_task_of_application(world: World) -> None:
    _fill(world.obj.task)


def _task_cancelled(world: World) -> None:
    Task.objects.filter(pk=world.obj.task_id).update(state=Task.State.CANCELLED)
    world.obj.task.refresh_from_db()


def _unpaid(world: World) -> None:
    Task.objects.filter(pk=world.obj.task_id).update(stipend_amount=None)
    world.obj.task.refresh_from_db()


def _feedback_given(world: World, user: Any) -> None:
    feedback_submit(engagement_id=world.obj.pk, author=user, rating=4)


def _thanks_given(world: World, user: Any) -> None:
    thanks_send(engagement_id=world.obj.pk, sender=user, body="Thanks already.")


def _reported_back(world: World, user: Any) -> None:
    report_back_create(engagement_id=world.obj.pk, author=user, outcomes=[], note="Told already.")


def _showable(**fields: Any) -> Callable[[World, Any], None]:
    """Set the clause on the completed draft so the guard under test refuses."""

    def refuse(world: World, user: Any) -> None:
        Engagement.objects.filter(pk=world.obj.pk).update(**fields)
        world.obj.refresh_from_db()

    return refuse


def _added_to_portfolio(world: World, user: Any) -> None:
    showable_portfolio_add(engagement_id=world.obj.pk, drafter=user)


COMPLETED = Engagement.State.COMPLETED
Showable, CaseStudy = Engagement.Showable, Engagement.CaseStudyState

GUARD_CASES = [
    # (model, action, state, role, what makes the guard refuse)
    (Task, "apply", Task.State.OPEN, DRAFTER, lambda w, u: _full_task(w)),
    (Task, "apply", Task.State.OPEN, DRAFTER, lambda w, u: _already_applied(w)),
    (Task, "invite", Task.State.OPEN, MENTOR, lambda w, u: _full_task(w)),
    (
        Application,
        "accept",
        Application.State.SUBMITTED,
        MENTOR,
        lambda w, u: _full_task_of_application(w),
    ),
    (Application, "accept", Application.State.SHORTLISTED, MENTOR, lambda w, u: _task_cancelled(w)),
    (Engagement, "fund", Engagement.State.AWAITING_FUNDING, MENTOR, lambda w, u: _unpaid(w)),
    (Engagement, "feedback", Engagement.State.COMPLETED, MENTOR, _feedback_given),
    (Engagement, "feedback", Engagement.State.COMPLETED, DRAFTER, _feedback_given),
    (Engagement, "thanks", Engagement.State.COMPLETED, MENTOR, _thanks_given),
    (Engagement, "thanks", Engagement.State.COMPLETED, DRAFTER, _thanks_given),
    (Engagement, "report_back", Engagement.State.COMPLETED, MENTOR, _reported_back),
    (Engagement, "report_back", Engagement.State.COMPLETED, DRAFTER, _reported_back),
    # The showable-work clause: confirm needs a proposal, a case study needs the case-study
    # clause (and, to approve, one waiting), the portfolio takes only work public today.
    (Engagement, "showable_confirm", COMPLETED, MENTOR, _showable(showable_proposed="")),
    (Engagement, "case_study_submit", COMPLETED, DRAFTER, _showable(showable=Showable.FULL)),
    (
        Engagement,
        "case_study_approve",
        COMPLETED,
        MENTOR,
        _showable(case_study_state=CaseStudy.NONE),
    ),
    (
        Engagement,
        "case_study_approve",
        COMPLETED,
        MENTOR,
        _showable(case_study_state=CaseStudy.APPROVED),
    ),
    (
        Engagement,
        "case_study_approve",
        COMPLETED,
        MENTOR,
        _showable(showable=Showable.FULL),
    ),
    (Engagement, "portfolio_add", COMPLETED, DRAFTER, _showable(showable=Showable.PRIVATE)),
    (
        Engagement,
        "portfolio_add",
        COMPLETED,
        DRAFTER,
        _showable(
            showable=Showable.AFTER, show_after=timezone.localdate() + datetime.timedelta(days=30)
        ),
    ),
    (
        Engagement,
        "portfolio_add",
        COMPLETED,
        DRAFTER,
        _showable(showable=Showable.CASE_STUDY, case_study_state=CaseStudy.SUBMITTED),
    ),
    (Engagement, "portfolio_add", COMPLETED, DRAFTER, _added_to_portfolio),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("model", "action", "state", "role", "refuse"), GUARD_CASES)
def test_a_guard_that_refuses_removes_the_action_and_the_service_refuses(
    model, action, state, role, refuse
):
    """The same case without the guard's reason is offered and succeeds (the walk above)."""
    world = BUILDERS[model](state, action)
    user = world.person(role)
    refuse(world, user)

    assert action not in offered(world.obj, user)
    with pytest.raises(DomainError) as refusal:
        SERVICES[(model, action)].person(world.obj, user)
    assert refusal.value.status_code in (403, 409)


@pytest.mark.django_db
def test_an_actor_the_table_does_not_name_is_refused_before_the_state_is_read():
    engagement = EngagementFactory(state=Engagement.State.ACTIVE)

    with pytest.raises(DomainError) as refusal:
        transition_require(engagement, "deliver", role=MENTOR)
    assert (refusal.value.status_code, refusal.value.code) == (403, "action_not_yours")

    with pytest.raises(DomainError) as refusal:
        transition_require(engagement, "approve", role=MENTOR)
    assert (refusal.value.status_code, refusal.value.code) == (409, "engagement_state_invalid")
    assert refusal.value.message == "An active engagement cannot be approved."


# --- Peer critique circles: the host and a member are roles of their own ---------------------


def test_the_walk_plays_a_circles_host_and_member():
    assert Circle in transition_tables()
    assert {HOST, MEMBER, DRAFTER, SYSTEM} <= set(roles_for(Circle))


def _circle_full(world: World, user: Any) -> None:
    while world.obj.member_count < CIRCLE_MAX_MEMBERS:
        circle_join(circle_id=world.obj.pk, user=UserFactory())
        world.obj.refresh_from_db()


def _removed_before(world: World, user: Any) -> None:
    CircleMembership.objects.create(
        circle=world.obj, user=user, state=CircleMembership.State.REMOVED
    )


def _no_credit(world: World, user: Any) -> None:
    CritiqueBalance.objects.update_or_create(user=user, defaults={"credits": 0})


def _critiqued_already(world: World, user: Any) -> None:
    Critique.objects.create(
        request=world.obj.walk["request"],
        author=user,
        what_works="Clear.",
        one_change="Shorter.",
        resource="A guide.",
    )


def _marked_helpful(world: World, user: Any) -> None:
    Critique.objects.filter(pk=world.obj.walk["critique"].pk).update(helpful_at=timezone.now())


def _reported_already(world: World, user: Any) -> None:
    CritiqueReport.objects.create(
        critique=world.obj.walk["critique"], reporter=user, reason="Unkind."
    )


CA = Circle.State.ACTIVE
CIRCLE_GUARD_CASES = [
    # (model, action, state, role, what makes the guard refuse)
    (Circle, "join", CA, DRAFTER, _circle_full),
    (Circle, "join", CA, DRAFTER, _removed_before),
    (Circle, "ask", CA, MEMBER, _no_credit),
    (Circle, "ask", CA, HOST, _no_credit),
    (Circle, "critique", CA, MEMBER, _critiqued_already),
    (Circle, "helpful", CA, MEMBER, _marked_helpful),
    (Circle, "report", CA, MEMBER, _reported_already),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("model", "action", "state", "role", "refuse"), CIRCLE_GUARD_CASES)
def test_a_circle_guard_that_refuses_removes_the_action_and_the_service_refuses(
    model, action, state, role, refuse
):
    """Full circles, removed members, no credit, a second critique, helpful or report."""
    test_a_guard_that_refuses_removes_the_action_and_the_service_refuses(
        model, action, state, role, refuse
    )
