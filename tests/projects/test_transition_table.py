"""The transition tables are the one source of truth: for every (model, action, state, role) in
every table of projects/transitions.py, the service succeeds exactly when the API offers the
action to that person (`allowed_actions`), or, for the system's own steps, exactly when the
table allows it. An action added to a table without a service mapped here fails the suite.

One object per case, built by factories in the state under test; the services are called for
real (Stripe is the local stand-in, used only by the mentor's checkout)."""

import contextlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django.db import transaction
from rest_framework.test import APIClient

from accounts.models import Profile
from marketplace.errors import DomainError
from projects.models import Application, Engagement, Task
from projects.services.applications import (
    application_accept,
    application_create,
    application_decline,
    application_shortlist,
    application_withdraw,
    applications_decline_pending,
)
from projects.services.conversations import message_send
from projects.services.engagements import (
    engagement_activate_after_funding,
    engagement_approve,
    engagement_auto_approve,
    engagement_cancel,
    engagement_deliver,
    engagement_lapse_unfunded,
    engagement_request_revision,
)
from projects.services.feedback import feedback_submit, thanks_send
from projects.services.invitations import invitation_create
from projects.services.report_back import report_back_create
from projects.services.tasks import (
    task_archive,
    task_cancel,
    task_close,
    task_delete,
    task_publish,
    task_update,
)
from projects.stipends.models import Payout, Stipend
from projects.stipends.services.checkout import engagement_fund_start
from projects.stipends.services.disputes import stipend_dispute_closed, stipend_dispute_opened
from projects.stipends.services.engagement_money import (
    stipend_on_engagement_approved,
    stipend_on_engagement_cancelled,
)
from projects.stipends.services.funding import stipend_checkout_expired, stipend_fund_from_checkout
from projects.stipends.services.payouts import payout_record_transfer
from projects.stipends.services.refunds import stipend_record_refund
from projects.transitions import (
    DRAFTER,
    MENTOR,
    SYSTEM,
    actions_allowed,
    transition_allows,
    transition_require,
    transition_tables,
)
from tests.factories import ApplicationFactory, EngagementFactory, TaskFactory, UserFactory

ROLES = (MENTOR, DRAFTER, SYSTEM)
STIPEND_AMOUNT = 5000
SESSION_ID = "cs_test_table"
CHARGE_ID = "ch_test_table"


@dataclass
class World:
    """The object under test and the people around it."""

    obj: Any
    mentor: Any
    drafter: Any


# --- Building one object in a given state ----------------------------------------------------


def build_task(state: str, action: str) -> World:
    task = TaskFactory(state=state, slots=1)
    if action == "invite":
        invitee = UserFactory()
        Profile.objects.filter(user=invitee).update(discoverable=True, handle="invitee")
    return World(task, task.mentor, UserFactory())


def build_application(state: str, action: str) -> World:
    application = ApplicationFactory(state=state, task=TaskFactory(slots=1))
    return World(application, application.task.mentor, application.drafter)


def _paid_engagement(state: str) -> Engagement:
    return EngagementFactory(state=state, application__task__stipend_amount=STIPEND_AMOUNT)


def build_engagement(state: str, action: str) -> World:
    engagement = _paid_engagement(state)
    # The stipend a paid engagement has by then: unfunded while it waits, funded after.
    waiting = state == Engagement.State.AWAITING_FUNDING
    _stipend(engagement, Stipend.State.UNFUNDED if waiting else Stipend.State.FUNDED)
    return World(engagement, engagement.mentor, engagement.drafter)


def _stipend(engagement: Engagement, state: str, **overrides: Any) -> Stipend:
    fields = {
        "amount": STIPEND_AMOUNT,
        "currency": "eur",
        "fee_amount": 500,
        "checkout_session_id": SESSION_ID,
        "charge_id": CHARGE_ID,
        "payment_intent_id": "pi_test_table",
    }
    return Stipend.objects.create(engagement=engagement, state=state, **(fields | overrides))


# The engagement state each stipend step happens in (the rest of the lifecycle around it).
STIPEND_STEP_ENGAGEMENT = {
    "checkout": Engagement.State.AWAITING_FUNDING,
    "set_checkout_page": Engagement.State.AWAITING_FUNDING,
    "fund": Engagement.State.AWAITING_FUNDING,
    "void": Engagement.State.CANCELLED,
    "pay_out": Engagement.State.COMPLETED,
    "auto_release": Engagement.State.DELIVERED,
    "release": Engagement.State.COMPLETED,
    "refund_on_cancel": Engagement.State.CANCELLED,
    "refund": Engagement.State.CANCELLED,
    "freeze": Engagement.State.DELIVERED,
    "unfreeze": Engagement.State.DELIVERED,
    "forfeit": Engagement.State.DELIVERED,
}


def build_stipend(state: str, action: str) -> World:
    engagement = _paid_engagement(STIPEND_STEP_ENGAGEMENT[action])
    # A refund on cancel is seen as the only after-commit step: no checkout page to close.
    extra = {"checkout_session_id": ""} if action == "refund_on_cancel" else {}
    stipend = _stipend(engagement, state, **extra)
    if action == "release":
        Payout.objects.create(
            engagement=engagement,
            stipend=stipend,
            drafter=engagement.drafter,
            amount=stipend.payout_amount,
            currency="eur",
            idempotency_key=f"payout:{engagement.pk}",
        )
    return World(stipend, engagement.mentor, engagement.drafter)


BUILDERS: dict[type, Callable[[str, str], World]] = {
    Task: build_task,
    Application: build_application,
    Engagement: build_engagement,
    Stipend: build_stipend,
}


# --- What each person is offered --------------------------------------------------------------


def offered(obj: Any, user: Any) -> list[str]:
    """`allowed_actions` as the API gives it to `user` (nothing when they may not see it)."""
    if isinstance(obj, Stipend):
        # No stipend resource: the mentor's checkout is offered as the engagement's "fund",
        # which the engagement walk checks; here the table is what the page would say.
        role = MENTOR if user.pk == obj.engagement.mentor_id else DRAFTER
        return actions_allowed(transition_tables()[Stipend], state=obj.state, role=role)
    path = {Task: "tasks", Application: "applications", Engagement: "engagements"}[type(obj)]
    client = APIClient()
    client.force_authenticate(user)
    response = client.get(f"/api/v1/{path}/{obj.pk}/")
    if response.status_code == 404:
        return []
    assert response.status_code == 200, response.content
    return response.json()["allowed_actions"]


# --- Each action's service, as a person and as the system -------------------------------------


def _moved(obj: Any, step: Callable[[], Any], target: str) -> bool:
    """Run a system step; True when it moved obj into `target` (idempotent steps return quietly)."""
    before = obj.state
    step()
    obj.refresh_from_db()
    return before != target and obj.state == target


def _system_close(task: Task) -> bool:
    """The system closes a task when an acceptance fills its last place."""
    before = task.state
    application = ApplicationFactory(task=task)
    # Refused when nobody can be taken on in this state: then there is nothing to close.
    with contextlib.suppress(DomainError):
        application_accept(application_id=application.pk, mentor=task.mentor)
    task.refresh_from_db()
    return before != Task.State.CLOSED and task.state == Task.State.CLOSED


def _stripe_event(stipend: Stipend, **fields: Any) -> dict[str, Any]:
    return {"metadata": {"engagement": str(stipend.engagement_id)}, **fields}


def _paid_session(stipend: Stipend) -> dict[str, Any]:
    return _stripe_event(
        stipend,
        id=SESSION_ID,
        payment_status="paid",
        amount_total=STIPEND_AMOUNT,
        currency="eur",
        payment_intent="pi_test_table",
    )


def _refund_scheduled(stipend: Stipend, capture: Any) -> bool:
    with capture() as callbacks, transaction.atomic():
        stipend_on_engagement_cancelled(engagement=stipend.engagement)
    return bool(callbacks)


def _payout_made(stipend: Stipend) -> bool:
    with transaction.atomic():
        stipend_on_engagement_approved(engagement=stipend.engagement)
    return Payout.objects.filter(stipend=stipend).exists()


def _page_forgotten(stipend: Stipend) -> bool:
    stipend_checkout_expired(session=_stripe_event(stipend, id=SESSION_ID))
    stipend.refresh_from_db()
    return stipend.checkout_session_id == ""


@dataclass(frozen=True)
class Entry:
    """How a person (as themselves) and the system reach one action; None: no way in."""

    person: Callable[[Any, Any], Any] | None = None
    system: Callable[[Any, Any], bool] | None = None


NOTE = "I would start with the brief; my sample shows a similar piece."
LINK = "https://example.org/work"

SERVICES: dict[tuple[type, str], Entry] = {
    (Task, "edit"): Entry(
        person=lambda t, u: task_update(task_id=t.pk, mentor=u, data={"title": "Sharper title"})
    ),
    (Task, "publish"): Entry(person=lambda t, u: task_publish(task_id=t.pk, mentor=u)),
    (Task, "close"): Entry(
        person=lambda t, u: task_close(task_id=t.pk, mentor=u),
        system=lambda t, _: _system_close(t),
    ),
    (Task, "archive"): Entry(person=lambda t, u: task_archive(task_id=t.pk, mentor=u)),
    (Task, "cancel"): Entry(person=lambda t, u: task_cancel(task_id=t.pk, mentor=u)),
    (Task, "delete"): Entry(person=lambda t, u: task_delete(task_id=t.pk, mentor=u)),
    (Task, "apply"): Entry(
        person=lambda t, u: application_create(
            task_id=t.pk, drafter=u, note=NOTE, work_sample_link=LINK
        )
    ),
    (Task, "invite"): Entry(
        person=lambda t, u: invitation_create(mentor=u, task_id=t.pk, drafter_handle="invitee")
    ),
    (Application, "shortlist"): Entry(
        person=lambda a, u: application_shortlist(application_id=a.pk, mentor=u)
    ),
    (Application, "accept"): Entry(
        person=lambda a, u: application_accept(application_id=a.pk, mentor=u)
    ),
    (Application, "decline"): Entry(
        person=lambda a, u: application_decline(application_id=a.pk, mentor=u),
        system=lambda a, _: _moved(
            a,
            lambda: applications_decline_pending(task=a.task, note="Every place is filled."),
            Application.State.DECLINED,
        ),
    ),
    (Application, "withdraw"): Entry(
        person=lambda a, u: application_withdraw(application_id=a.pk, drafter=u)
    ),
    (Application, "message"): Entry(
        person=lambda a, u: message_send(sender=u, body="Hello", application_id=a.pk)
    ),
    (Engagement, "fund"): Entry(
        person=lambda e, u: engagement_fund_start(engagement_id=e.pk, user=u)
    ),
    (Engagement, "activate"): Entry(
        system=lambda e, _: _moved(
            e, lambda: engagement_activate_after_funding(engagement_id=e.pk), "active"
        )
    ),
    (Engagement, "deliver"): Entry(
        person=lambda e, u: engagement_deliver(engagement_id=e.pk, drafter=u, link=LINK)
    ),
    (Engagement, "request_revision"): Entry(
        person=lambda e, u: engagement_request_revision(
            engagement_id=e.pk, mentor=u, comment="Tighten the summary."
        )
    ),
    (Engagement, "approve"): Entry(
        person=lambda e, u: engagement_approve(engagement_id=e.pk, mentor=u)
    ),
    (Engagement, "auto_approve"): Entry(
        system=lambda e, _: engagement_auto_approve(engagement_id=e.pk)
    ),
    (Engagement, "cancel"): Entry(
        person=lambda e, u: engagement_cancel(engagement_id=e.pk, user=u, reason="Plans changed.")
    ),
    (Engagement, "lapse"): Entry(system=lambda e, _: engagement_lapse_unfunded(engagement_id=e.pk)),
    (Engagement, "message"): Entry(
        person=lambda e, u: message_send(sender=u, body="Hello", engagement_id=e.pk)
    ),
    (Engagement, "feedback"): Entry(
        person=lambda e, u: feedback_submit(engagement_id=e.pk, author=u, rating=5)
    ),
    (Engagement, "thanks"): Entry(
        person=lambda e, u: thanks_send(engagement_id=e.pk, sender=u, body="Thank you!")
    ),
    (Engagement, "report_back"): Entry(
        person=lambda e, u: report_back_create(
            engagement_id=e.pk, author=u, outcomes=[], note="It led to a second project."
        )
    ),
    (Stipend, "checkout"): Entry(
        person=lambda s, u: engagement_fund_start(engagement_id=s.engagement_id, user=u)
    ),
    (Stipend, "set_checkout_page"): Entry(system=lambda s, _: _page_forgotten(s)),
    (Stipend, "fund"): Entry(
        system=lambda s, _: (
            stipend_fund_from_checkout(session=_paid_session(s)).value in ("funded", "refunding")
        )
    ),
    (Stipend, "void"): Entry(
        system=lambda s, _: _moved(
            s,
            lambda: stipend_on_engagement_cancelled(engagement=s.engagement),
            Stipend.State.CANCELLED,
        )
    ),
    (Stipend, "pay_out"): Entry(system=lambda s, _: _payout_made(s)),
    (Stipend, "auto_release"): Entry(
        system=lambda s, _: engagement_auto_approve(engagement_id=s.engagement_id)
    ),
    (Stipend, "release"): Entry(
        system=lambda s, _: _moved(
            s,
            lambda: payout_record_transfer(transfer=_stripe_event(s, id="tr_test_table")),
            Stipend.State.RELEASED,
        )
    ),
    (Stipend, "refund_on_cancel"): Entry(system=lambda s, capture: _refund_scheduled(s, capture)),
    (Stipend, "refund"): Entry(
        system=lambda s, _: _moved(
            s,
            lambda: stipend_record_refund(stipend_id=s.pk, refund_id="re_test_table"),
            Stipend.State.REFUNDED,
        )
    ),
    (Stipend, "freeze"): Entry(
        system=lambda s, _: _moved(
            s,
            lambda: stipend_dispute_opened(dispute={"id": "dp_test", "charge": CHARGE_ID}),
            Stipend.State.FROZEN,
        )
    ),
    (Stipend, "unfreeze"): Entry(
        system=lambda s, _: _moved(
            s,
            lambda: stipend_dispute_closed(dispute={"charge": CHARGE_ID, "status": "won"}),
            Stipend.State.FUNDED,
        )
    ),
    (Stipend, "forfeit"): Entry(
        system=lambda s, _: _moved(
            s,
            lambda: stipend_dispute_closed(
                dispute={"id": "dp_test", "charge": CHARGE_ID, "status": "lost"}
            ),
            Stipend.State.REFUNDED,
        )
    ),
}


def _cases() -> list[Any]:
    return [
        pytest.param(model, action, state, role, id=f"{model.__name__}-{action}-{state}-{role}")
        for model, table in transition_tables().items()
        for action in table
        for state in model.State.values
        for role in ROLES
    ]


def test_every_action_of_every_table_has_its_service_mapped():
    """A new action in a table without a service here is an unchecked rule: map it."""
    in_tables = {
        (model, action) for model, table in transition_tables().items() for action in table
    }
    assert set(SERVICES) == in_tables


def test_the_walk_covers_every_model_state_and_role():
    cases = {(p.values[0], p.values[2], p.values[3]) for p in _cases()}
    for model in (Task, Application, Engagement, Stipend):
        for state in model.State.values:
            for role in ROLES:
                assert (model, state, role) in cases


@pytest.mark.django_db
@pytest.mark.parametrize(("model", "action", "state", "role"), _cases())
def test_service_succeeds_exactly_when_the_action_is_allowed(
    model, action, state, role, request, django_capture_on_commit_callbacks
):
    entry = SERVICES[(model, action)]
    world = BUILDERS[model](state, action)
    if role == SYSTEM:
        allowed = transition_allows(world.obj, action, role=SYSTEM)
        if entry.system is None:
            assert not allowed, f"the table lets the system {action}, but nothing does it"
            return
        assert entry.system(world.obj, django_capture_on_commit_callbacks) == allowed
        return

    user = world.mentor if role == MENTOR else world.drafter
    allowed = action in offered(world.obj, user)
    if entry.person is None:
        assert not allowed, f"{action} is offered to the {role}, but no person can do it"
        return
    if allowed and action in ("fund", "checkout"):
        request.getfixturevalue("stripe_standin_settings")  # the checkout reaches Stripe
    try:
        entry.person(world.obj, user)
        succeeded = True
    except DomainError as refusal:
        succeeded = False
        assert refusal.status_code in (403, 404, 409), refusal.as_dict()
    assert succeeded == allowed, (action, state, role)


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
]


@pytest.mark.django_db
@pytest.mark.parametrize(("model", "action", "state", "role", "refuse"), GUARD_CASES)
def test_a_guard_that_refuses_removes_the_action_and_the_service_refuses(
    model, action, state, role, refuse
):
    """The same case without the guard's reason is offered and succeeds (the walk above)."""
    world = BUILDERS[model](state, action)
    user = world.mentor if role == MENTOR else world.drafter
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
