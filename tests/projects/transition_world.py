"""The world the transition-table walk runs in (tests/projects/test_transition_table.py): how
to build each stateful object in any state, what each person is offered, and the service each
table action maps to — as a person and as the system. A table action missing from SERVICES
fails the walk: map it here.

A new table adds one section at the end of this module: its builder in BUILDERS, where its
`allowed_actions` are read (API_DETAIL_PATHS; OFFERED_BY when a page gathers them from several
reads; TABLE_ROLE_OF when no API exposes them), any actor beyond the two people and the system
(EXTRA_ROLES), and its SERVICES entries."""

import contextlib
import datetime
import hashlib
import secrets
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.utils import timezone
from rest_framework.test import APIClient

from accounts.models import Profile, StaffInvitation
from marketplace.errors import DomainError
from projects.careers.access import careers_access_resolve
from projects.careers.services.staff_invitations import (
    STAFF_INVITATION_DAYS,
    staff_invitation_accept,
    staff_invitation_decline,
    staff_invitation_revoke,
)
from projects.circles.models import Circle, Critique, CritiqueRequest
from projects.circles.services.circles import (
    circle_close,
    circle_create,
    circle_join,
    circle_leave,
    circle_member_remove,
)
from projects.circles.services.critiques import (
    critique_create,
    critique_mark_helpful,
    critique_report,
    critique_request_create,
)
from projects.credentials.models import IssuedCredential
from projects.credentials.services.credentials import credential_revoke
from projects.models import Application, Engagement, Task
from projects.offers.models import Offer
from projects.offers.services.acceptance import offer_accept
from projects.offers.services.offers import (
    OFFER_EXPIRY_DAYS,
    offer_decline,
    offer_withdraw,
    offers_expire_due,
)
from projects.services.applications import (
    application_accept,
    application_create,
    application_decline,
    application_shortlist,
    application_withdraw,
    applications_decline_pending,
)
from projects.services.closure import CLOSE_AFTER, application_close_unanswered
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
from projects.services.showable import (
    case_study_approve,
    case_study_submit,
    showable_confirm,
    showable_portfolio_add,
    showable_propose,
)
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
    HOST,
    INVITEE,
    MEMBER,
    MENTOR,
    OFFICE_ADMIN,
    SITE_STAFF,
    STAFF_INVITATION_TRANSITIONS,
    SYSTEM,
    actions_allowed,
    transition_tables,
)
from tests.factories import (
    ApplicationFactory,
    EngagementFactory,
    InstitutionFactory,
    MembershipFactory,
    PortfolioItemFactory,
    TaskFactory,
    UserFactory,
    verified_drafter,
)

ROLES = (MENTOR, DRAFTER, SYSTEM)
# Actors a table names beyond the two people and the system, by model; the walk plays them too.
EXTRA_ROLES: dict[type, tuple[str, ...]] = {}
# Models whose table has no mentor or drafter at all (a career office's staff invitations): the
# roles the walk plays instead of ROLES.
OWN_ROLES: dict[type, tuple[str, ...]] = {}


def roles_for(model: type) -> tuple[str, ...]:
    """Every role the walk plays on `model`'s table."""
    return OWN_ROLES.get(model, ROLES) + EXTRA_ROLES.get(model, ())


STIPEND_AMOUNT = 5000
SESSION_ID = "cs_test_table"
CHARGE_ID = "ch_test_table"


@dataclass
class World:
    """The object under test and the people around it."""

    obj: Any
    mentor: Any
    drafter: Any
    # People in the roles of EXTRA_ROLES (site staff for credentials, a circle's host and
    # member), by role.
    others: dict[str, Any] = field(default_factory=dict)

    def person(self, role: str) -> Any:
        """The user who acts in `role`."""
        return {MENTOR: self.mentor, DRAFTER: self.drafter, **self.others}[role]


# --- Building one object in a given state ----------------------------------------------------


def build_task(state: str, action: str) -> World:
    # Factory people are named, so guard_display_name_set holds for publish and apply here;
    # tests/projects/test_display_name_required.py plays the nameless side.
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


# What the showable-work clause must say for each of its actions to be open on a completed
# draft (the guard cases in the test take it away again).
SHOWABLE_SETUP: dict[str, dict[str, Any]] = {
    "showable_confirm": {"showable_proposed": Engagement.Showable.FULL},
    "case_study_submit": {"showable": Engagement.Showable.CASE_STUDY},
    "case_study_approve": {
        "showable": Engagement.Showable.CASE_STUDY,
        "case_study": "What I did, what changed, what I learned.",
        "case_study_state": Engagement.CaseStudyState.SUBMITTED,
    },
    "portfolio_add": {"showable": Engagement.Showable.FULL},
}


def build_engagement(state: str, action: str) -> World:
    engagement = _paid_engagement(state)
    if action in SHOWABLE_SETUP:
        Engagement.objects.filter(pk=engagement.pk).update(**SHOWABLE_SETUP[action])
        engagement.refresh_from_db()
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


# The read whose `allowed_actions` a page draws its buttons from, by model.
API_DETAIL_PATHS: dict[type, str] = {
    Task: "/api/v1/tasks/{pk}/",
    Application: "/api/v1/applications/{pk}/",
    Engagement: "/api/v1/engagements/{pk}/",
}
# Models no API gives `allowed_actions` for: the role `user` plays, read against the table.
TABLE_ROLE_OF: dict[type, Callable[[Any, Any], str]] = {
    # No stipend resource: the mentor's checkout is offered as the engagement's "fund", which
    # the engagement walk checks; here the table is what the page would say.
    Stipend: lambda stipend, user: MENTOR if user.pk == stipend.engagement.mentor_id else DRAFTER,
}
# Models whose `allowed_actions` come from a read other than one detail (a list, or several
# reads a page gathers them from): its reader.
OFFERED_BY: dict[type, Callable[[Any, Any], list[str]]] = {}


def offered(obj: Any, user: Any) -> list[str]:
    """`allowed_actions` as the API gives it to `user` (nothing when they may not see it)."""
    if type(obj) in OFFERED_BY:
        return OFFERED_BY[type(obj)](obj, user)
    if type(obj) in TABLE_ROLE_OF:
        role = TABLE_ROLE_OF[type(obj)](obj, user)
        return actions_allowed(transition_tables()[type(obj)], state=obj.state, role=role)
    client = APIClient()
    client.force_authenticate(user)
    response = client.get(API_DETAIL_PATHS[type(obj)].format(pk=obj.pk))
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


def _system_declines(application: Application) -> bool:
    """The system declines in two ways: when the task's last place is filled, and when nobody
    answered within CLOSE_AFTER (the closure job). Both act on a twin in the same state and
    must agree: each is the table's SYSTEM decline."""
    twin = build_application(application.state, "decline").obj
    filled = _moved(
        application,
        lambda: applications_decline_pending(task=application.task, note="Every place is filled."),
        Application.State.DECLINED,
    )
    later = timezone.now() + CLOSE_AFTER + datetime.timedelta(days=1)
    closed = _moved(
        twin,
        lambda: application_close_unanswered(application_id=twin.pk, now=later),
        Application.State.DECLINED,
    )
    assert filled == closed, (application.state, filled, closed)
    return filled


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
        system=lambda a, _: _system_declines(a),
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


# --- The showable-work clause (its actions are merged into the engagement's table) ------------

SERVICES.update(
    {
        (Engagement, "showable_propose"): Entry(
            person=lambda e, u: showable_propose(
                engagement_id=e.pk, drafter=u, showable=Engagement.Showable.FULL
            )
        ),
        (Engagement, "showable_confirm"): Entry(
            person=lambda e, u: showable_confirm(engagement_id=e.pk, mentor=u)
        ),
        (Engagement, "case_study_submit"): Entry(
            person=lambda e, u: case_study_submit(
                engagement_id=e.pk, drafter=u, text="What I did and what it changed."
            )
        ),
        (Engagement, "case_study_approve"): Entry(
            person=lambda e, u: case_study_approve(engagement_id=e.pk, mentor=u)
        ),
        (Engagement, "portfolio_add"): Entry(
            person=lambda e, u: showable_portfolio_add(engagement_id=e.pk, drafter=u)
        ),
    }
)


# --- Credentials (projects/credentials): revoked by their drafter or site staff ---------------


def build_credential(state: str, action: str) -> World:
    engagement = EngagementFactory(state=Engagement.State.COMPLETED)
    revoked = state == IssuedCredential.State.REVOKED
    credential = IssuedCredential.objects.create(
        engagement=engagement,
        state=state,
        status_index=7,
        identity_salt="0" * 32,
        revoked_at=timezone.now() if revoked else None,
    )
    staff = UserFactory(is_staff=True)
    return World(credential, engagement.mentor, engagement.drafter, {SITE_STAFF: staff})


def _credential_role(credential: IssuedCredential, user: Any) -> str:
    if user.is_staff:
        return SITE_STAFF
    return DRAFTER if user.pk == credential.engagement.drafter_id else MENTOR


BUILDERS[IssuedCredential] = build_credential
EXTRA_ROLES[IssuedCredential] = (SITE_STAFF,)
# No read returns a credential's allowed_actions (the experience page offers no revoke button):
# what a page would offer is the table's answer for the role.
TABLE_ROLE_OF[IssuedCredential] = _credential_role
SERVICES[(IssuedCredential, "revoke")] = Entry(
    person=lambda c, u: credential_revoke(engagement_id=c.engagement_id, user=u)
)


# --- Offers (projects/offers): "may I draft for you?" -----------------------------------------


def build_offer(state: str, action: str) -> World:
    mentor, drafter = UserFactory(), UserFactory()
    offer = Offer.objects.create(
        mentor=mentor,
        drafter=drafter,
        state=state,
        title="Tidy your interview notes",
        what="I will turn your interview notes into one findings table.",
        work_sample_link=LINK,  # accepting makes the drafter's application, led by their work
        estimated_hours=3,
        by_when=timezone.localdate() + datetime.timedelta(days=10),
    )
    if action == "expire":  # old enough for the daily job to close it
        Offer.objects.filter(pk=offer.pk).update(
            created_at=timezone.now() - datetime.timedelta(days=OFFER_EXPIRY_DAYS + 1)
        )
        offer.refresh_from_db()
    return World(offer, mentor, drafter)


BUILDERS[Offer] = build_offer
API_DETAIL_PATHS[Offer] = "/api/v1/offers/{pk}/"
SERVICES.update(
    {
        (Offer, "accept"): Entry(person=lambda o, u: offer_accept(offer_id=o.pk, mentor=u)),
        (Offer, "decline"): Entry(
            person=lambda o, u: offer_decline(
                offer_id=o.pk, mentor=u, reason=Offer.DeclineReason.NO_CAPACITY
            )
        ),
        (Offer, "withdraw"): Entry(person=lambda o, u: offer_withdraw(offer_id=o.pk, drafter=u)),
        (Offer, "expire"): Entry(
            system=lambda o, _: _moved(o, lambda: offers_expire_due(), Offer.State.EXPIRED)
        ),
        (Offer, "message"): Entry(
            person=lambda o, u: message_send(sender=u, body="Hello", offer_id=o.pk)
        ),
    }
)


# --- Career-office staff invitations (accounts.StaffInvitation): accepted by whoever holds the
# e-mailed link (or declined in-app), revoked by an office admin; "expired" is a pending one
# past its date ------------------------------------------------------------------------------

OFFICE_VIEWER = "office_viewer"  # a colleague without admin rights: offered nothing, refused


def build_staff_invitation(state: str, action: str) -> World:
    institution = InstitutionFactory()
    admin, viewer, invitee = UserFactory(), UserFactory(), UserFactory()
    for colleague, staff_role in ((admin, "admin"), (viewer, "viewer")):
        MembershipFactory(
            user=colleague, institution=institution, role="staff", staff_role=staff_role
        )
    now = timezone.now()
    expired = state == StaffInvitation.State.EXPIRED
    accepted = state == StaffInvitation.State.ACCEPTED
    token = secrets.token_urlsafe(32)
    invitation = StaffInvitation.objects.create(
        institution=institution,
        email=invitee.email,
        state=StaffInvitation.State.PENDING if expired else state,
        hashed_token=hashlib.sha256(token.encode()).hexdigest(),
        invited_by=admin,
        expires_at=now + datetime.timedelta(days=-1 if expired else STAFF_INVITATION_DAYS),
        # Accepted by the colleague it was for; whoever opens the link after that is refused
        # (the one who accepted opening it again is a harmless no-op, tested in tests/careers).
        accepted_at=now if accepted else None,
        accepted_by=UserFactory() if accepted else None,
        revoked_at=now if state == StaffInvitation.State.REVOKED else None,
        declined_at=now if state == StaffInvitation.State.DECLINED else None,
    )
    # Only the invitee's inbox has the link; anyone else can only guess one.
    invitation.links = {invitee.pk: token}
    people = {OFFICE_ADMIN: admin, INVITEE: invitee, OFFICE_VIEWER: viewer}
    return World(invitation, mentor=None, drafter=None, others=people)


def _offered_staff_invitation(invitation: StaffInvitation, user: Any) -> list[str]:
    """Colleagues read `allowed_actions` in the office's invitation list; the invitee is no
    staff (403): their join page offers what the table allows whoever holds the link."""
    client = APIClient()
    client.force_authenticate(user)
    slug = invitation.institution.slug
    response = client.get("/api/v1/careers/invitations/", {"institution": slug})
    if response.status_code == 403:
        state = invitation.state_at(timezone.now())
        return actions_allowed(STAFF_INVITATION_TRANSITIONS, state=state, role=INVITEE)
    assert response.status_code == 200, response.content
    rows = [row for row in response.json()["results"] if row["id"] == invitation.pk]
    return rows[0]["allowed_actions"] if rows else []


def _staff_invitation_revoke_as(invitation: StaffInvitation, user: Any) -> Any:
    access = careers_access_resolve(
        user=user, api_key=None, institution_slug=invitation.institution.slug
    )
    return staff_invitation_revoke(access=access, invitation_id=invitation.pk)


BUILDERS[StaffInvitation] = build_staff_invitation
OWN_ROLES[StaffInvitation] = (SYSTEM,)
EXTRA_ROLES[StaffInvitation] = (OFFICE_ADMIN, INVITEE, OFFICE_VIEWER)
OFFERED_BY[StaffInvitation] = _offered_staff_invitation
SERVICES.update(
    {
        (StaffInvitation, "accept"): Entry(
            person=lambda i, u: staff_invitation_accept(
                user=u, token=i.links.get(u.pk, secrets.token_urlsafe(32))
            )
        ),
        (StaffInvitation, "revoke"): Entry(person=_staff_invitation_revoke_as),
        # Declined in-app by the person whose confirmed address it was sent to.
        (StaffInvitation, "decline"): Entry(
            person=lambda i, u: staff_invitation_decline(user=u, invitation_id=i.pk)
        ),
    }
)


# --- Peer critique circles (projects/circles): a host, members and drafters outside -----------

CRITIQUE_TEXT = {
    "what_works": "The opening names the problem.",
    "one_change": "Show the result first.",
    "resource": "https://example.org/guide",
}


def build_circle(state: str, action: str) -> World:
    """A circle of its host and 3 members (2 before the system's "activate", so the next join
    is the 4th), forced into `state`. The member is members[0]; the drafter and the mentor are
    outside it. A request (and a critique on it) sit where the action needs them, on
    `circle.walk`: the member asks when they mark helpful, members[-1] asks otherwise, and
    members[1] wrote the critique (and is the one the host removes)."""
    host = verified_drafter()
    circle = circle_create(host=host, name="Walk circle", skill_family="javascript")
    members = [UserFactory() for _ in range(2 if action == "activate" else 3)]
    for member in members:
        circle_join(circle_id=circle.pk, user=member)
    Circle.objects.filter(pk=circle.pk).update(state=state)
    circle.refresh_from_db()
    drafter, mentor = UserFactory(), TaskFactory().mentor
    asker = members[0] if action == "helpful" else members[-1]
    request = CritiqueRequest.objects.create(
        circle=circle,
        asker=asker,
        portfolio_item=PortfolioItemFactory(owner=asker),
        question="Is the story clear?",
    )
    critique = Critique.objects.create(request=request, author=members[1], **CRITIQUE_TEXT)
    for person in (host, members[0], drafter, mentor):  # everyone has work they could ask about
        PortfolioItemFactory(owner=person)
    circle.walk = {"request": request, "critique": critique, "removable": members[1]}
    return World(circle, mentor, drafter, {HOST: host, MEMBER: members[0]})


def _circle_offered(circle: Circle, user: Any) -> list[str]:
    """A circle's own actions, with critique, helpful and report offered where the page draws
    them: on a request or a critique that allows it. Outsiders read the list's card."""
    client = APIClient()
    client.force_authenticate(user)
    response = client.get(f"/api/v1/circles/{circle.pk}/")
    if response.status_code == 404:
        cards = client.get("/api/v1/circles/").json()["results"]
        return next((c["allowed_actions"] for c in cards if c["id"] == circle.pk), [])
    assert response.status_code == 200, response.content
    body = response.json()
    on_items = {"critique", "helpful", "report"}
    actions = [a for a in body["allowed_actions"] if a not in on_items]
    for request in body["requests"]:
        actions += request["allowed_actions"]
        for critique in request["critiques"]:
            actions += critique["allowed_actions"]
    return actions


def _suppressed(step: Callable[[], Any]) -> None:
    """A system step that the table refuses in this state simply does not happen."""
    with contextlib.suppress(DomainError):
        step()


BUILDERS[Circle] = build_circle
EXTRA_ROLES[Circle] = (HOST, MEMBER)
# The circle's detail (or, for outsiders, its card) gives allowed_actions, spread over the
# circle, its requests and their critiques: read them all as the page does.
OFFERED_BY[Circle] = _circle_offered
SERVICES.update(
    {
        (Circle, "join"): Entry(person=lambda c, u: circle_join(circle_id=c.pk, user=u)),
        (Circle, "leave"): Entry(person=lambda c, u: circle_leave(circle_id=c.pk, user=u)),
        (Circle, "ask"): Entry(
            person=lambda c, u: critique_request_create(
                circle_id=c.pk,
                asker=u,
                portfolio_item_id=u.portfolio_items.first().pk,
                question="What would you change?",
            )
        ),
        (Circle, "critique"): Entry(
            person=lambda c, u: critique_create(
                request_id=c.walk["request"].pk, author=u, **CRITIQUE_TEXT
            )
        ),
        (Circle, "helpful"): Entry(
            person=lambda c, u: critique_mark_helpful(critique_id=c.walk["critique"].pk, user=u)
        ),
        (Circle, "report"): Entry(
            person=lambda c, u: critique_report(
                critique_id=c.walk["critique"].pk, reporter=u, reason="Unkind."
            )
        ),
        (Circle, "remove"): Entry(
            person=lambda c, u: circle_member_remove(
                circle_id=c.pk, host=u, handle=c.walk["removable"].profile.handle
            )
        ),
        (Circle, "close"): Entry(person=lambda c, u: circle_close(circle_id=c.pk, host=u)),
        # The system moves a circle as people come and go: the 4th join activates it, a leave
        # below 4 sends it back to forming.
        (Circle, "activate"): Entry(
            system=lambda c, _: _moved(
                c,
                lambda: _suppressed(lambda: circle_join(circle_id=c.pk, user=UserFactory())),
                Circle.State.ACTIVE,
            )
        ),
        (Circle, "fall_back"): Entry(
            system=lambda c, _: _moved(
                c,
                lambda: _suppressed(lambda: circle_leave(circle_id=c.pk, user=c.walk["removable"])),
                Circle.State.FORMING,
            )
        ),
    }
)
