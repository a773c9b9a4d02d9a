"""The one lock order of the marketplace, written once (in the style of Saleor's lock_objects).

Only modules named `locks.py` call `select_for_update` (tests/marketplace/test_lock_discipline.py
fails otherwise). Every transaction that locks more than one of these rows takes them in this
order, and only through these functions:

    1 stripe event -> 2 offer sender -> 3 offer settings -> 4 offer -> 5 task -> 6 invitation
    -> 7 application -> 8 engagement -> 9 stipend -> 10 payout -> 11 credential
    -> 12 careers student -> 13 summary cells -> 14 circle -> 15 critique -> 16 critique balance;
    staff invitations and roster rows (accounts') are taken alone; leaves,
    locked last or alone: thank-you note, nudge, introduction, connected account (each
    function's docstring names its place)

- stripe event: a webhook's record is locked first; its handler then locks the lifecycle rows.
- offer sender: the profile of a drafter sending an offer (their open offers, at most 3), before
  the mentor's settings, so one person's concurrent offers to different mentors queue up.
- offer settings, offer: a mentor's offer settings first (the monthly cap), then the offer;
  accepting an offer creates its task and engagement while the offer is held.
- task: the parent of everything a drafter or mentor changes; taken before its children.
- invitation: a task's invitation (invitation_create holds the task; decline locks it alone).
- application: always after its task (application_lock takes the task first).
- engagement: always after its task (engagement_lock takes the task first).
- stipend, payout: the money of one engagement, after the engagement (money never locks up).
- credential: a verified experience's credential, after its engagement when the caller holds it.
- circle, critique, critique balance (peer critique circles): a circle (its member count,
  the cap of 8) before a critique (marked helpful once) before a person's credit balance; no
  lifecycle row is held while they are, so they come after the money.
- thank-you note, nudge, introduction, connected account: each locked alone in its own short
  transaction, or after the rows above; nothing is locked after them.

Locking the parent first means a participant's action, a Stripe webhook and an hourly job that
meet on one engagement queue up instead of deadlocking. Each lock names its own table with
`of=("self",)`, so joined rows (users, tasks) are never locked by accident. On SQLite, which has
no row locks, these are plain reads inside the caller's transaction.
"""

from typing import Any

from django.apps import apps
from django.db.models import Q

from accounts.models import Profile, User
from projects.circles.models import Circle, Critique, CritiqueBalance
from projects.credentials.models import IssuedCredential
from projects.models import (
    Application,
    Engagement,
    Introduction,
    Invitation,
    Nudge,
    Task,
    ThankYouNote,
)
from projects.offers.models import Offer, OfferSettings
from projects.stipends.models import ConnectedAccount, Payout, Stipend, StripeEvent
from projects.transitions import PENDING_APPLICATION_STATES


def stripe_event_lock(*, event_id: str, defaults: dict[str, Any]) -> tuple[StripeEvent, bool]:
    """Order 1 (stripe event): the record of one Stripe event, created if new. Taken before
    the handler locks any lifecycle or money row."""
    return StripeEvent.objects.select_for_update(of=("self",)).get_or_create(
        event_id=event_id, defaults=defaults
    )


def task_lock(*conditions: Q, task_id: int, **filters: Any) -> Task | None:
    """Order 5 (task): one task, with its mentor loaded; `conditions`/`filters` scope it to the
    caller (None when it is not theirs). Nothing of the task's is held yet."""
    return (
        Task.objects.select_for_update(of=("self",))
        .filter(*conditions, pk=task_id, **filters)
        .select_related("mentor")
        .first()
    )


def invitation_lock(*, invitation_id: int, drafter: User) -> Invitation | None:
    """Order 6 (invitation): one of the drafter's invitations, after its task when the caller
    holds that too (declining locks it alone)."""
    return (
        Invitation.objects.select_for_update(of=("self",))
        .filter(pk=invitation_id, drafter=drafter)
        .first()
    )


def applications_lock_pending(*, task_id: int) -> list[Application]:
    """Order 7 (application): the pending applications of a task the caller has locked
    (order 5), in id order so two callers queue the same way; drafters loaded."""
    return list(
        Application.objects.select_for_update(of=("self",))
        .filter(task_id=task_id, state__in=PENDING_APPLICATION_STATES)
        .select_related("drafter")
        .order_by("pk")
    )


def application_lock(*, application_id: int, **filters: Any) -> Application | None:
    """Order 5 then 7: the application's task, then the application (task and people loaded)."""
    found = Application.objects.filter(pk=application_id, **filters).values("task_id").first()
    if found is None:
        return None
    task_lock(task_id=found["task_id"])
    return (
        Application.objects.select_for_update(of=("self",))
        .select_related("task", "drafter", "task__mentor")
        .get(pk=application_id)
    )


def engagement_lock(
    *, engagement_id: int, participant: User | None = None, role: str = "either"
) -> Engagement | None:
    """Order 5 then 8 (engagement): the engagement's task, then the engagement. With
    `participant`, only that person's engagement is found (as `role`: mentor, drafter or
    either); without, any (system work)."""
    qs = Engagement.objects.filter(pk=engagement_id)
    if participant is not None:
        if role == "mentor":
            qs = qs.filter(mentor=participant)
        elif role == "drafter":
            qs = qs.filter(drafter=participant)
        else:
            qs = qs.filter(mentor=participant) | qs.filter(drafter=participant)
    found = qs.values("task_id").first()
    if found is None:
        return None
    task_lock(task_id=found["task_id"])
    return (
        Engagement.objects.select_for_update(of=("self",))
        .select_related("task", "mentor", "drafter")
        .get(pk=engagement_id)
    )


def stipend_lock(*, engagement_id: int) -> Stipend | None:
    """Order 9 (stipend): an engagement's stipend, after the engagement (order 8), which every
    caller that changes the stipend's state holds first."""
    return (
        Stipend.objects.select_for_update(of=("self",)).filter(engagement_id=engagement_id).first()
    )


def payout_lock(*, engagement_id: int) -> Payout | None:
    """Order 10 (payout): an engagement's payout, after its stipend when the caller holds it
    (a failed transfer is recorded holding only the payout)."""
    return (
        Payout.objects.select_for_update(of=("self",)).filter(engagement_id=engagement_id).first()
    )


def payout_lock_by_transfer(*, transfer_id: str) -> Payout | None:
    """Order 10 (payout), found by the transfer that paid it (transfer.reversed names only the
    transfer); locked alone."""
    if not transfer_id:
        return None
    return Payout.objects.select_for_update(of=("self",)).filter(transfer_id=transfer_id).first()


def credential_lock(*, engagement_id: int) -> IssuedCredential | None:
    """Order 11 (credential): a verified experience's credential, after its engagement when the
    caller holds it (revocation locks it alone)."""
    return (
        IssuedCredential.objects.select_for_update(of=("self",))
        .filter(engagement_id=engagement_id)
        .first()
    )


def offer_sender_lock(*, drafter_id: int) -> Profile | None:
    """Order 2 (offer sender): the profile of a drafter about to send an offer, before the
    mentor's settings. Their concurrent offers to different mentors queue up here, so each
    counts their real number of open offers and the 4th is refused."""
    return Profile.objects.select_for_update(of=("self",)).filter(user_id=drafter_id).first()


def offer_settings_lock(*, mentor_id: int) -> OfferSettings | None:
    """Order 3 (offer settings): a mentor's offer settings; offers to that mentor queue up
    here, so the monthly cap holds under concurrent requests."""
    return (
        OfferSettings.objects.select_for_update(of=("self",))
        .select_related("mentor__profile")
        .filter(mentor_id=mentor_id)
        .first()
    )


def offer_lock(*, offer_id: int, **filters: Any) -> Offer | None:
    """Order 4 (offer): an offer (with its two people loaded), after the mentor's settings when
    the caller holds them; `filters` scope it to a participant."""
    return (
        Offer.objects.select_for_update(of=("self",))
        .select_related("mentor__profile", "drafter__profile")
        .filter(pk=offer_id, **filters)
        .first()
    )


# --- Leaves: locked alone, or after everything above ------------------------------------------


def thanks_lock(*, thanks_id: int, receiver: User) -> ThankYouNote | None:
    """Leaf (thank-you note): the receiver showing or hiding a note; locked alone."""
    return (
        ThankYouNote.objects.select_for_update(of=("self",))
        .filter(pk=thanks_id, receiver=receiver)
        .first()
    )


def nudge_lock(*, nudge_id: int, **filters: Any) -> Nudge | None:
    """Leaf (nudge): one nudge, with what it is about loaded (read, never locked), scoped by
    `filters` (recipient, state); locked alone in its own transaction."""
    return (
        Nudge.objects.select_for_update(of=("self",))
        .select_related("recipient", "application__task", "engagement__task")
        .filter(pk=nudge_id, **filters)
        .first()
    )


def introduction_lock(*, introduction_id: int, drafter: User) -> Introduction | None:
    """Leaf (introduction): one of the drafter's introductions, with task, mentor and
    introducer loaded (read, never locked); locked alone."""
    return (
        Introduction.objects.select_for_update(of=("self",))
        .select_related("task", "task__mentor", "introducer")
        .filter(pk=introduction_id, drafter=drafter)
        .first()
    )


def connected_account_lock(*, stripe_account_id: str) -> ConnectedAccount | None:
    """Leaf (connected account): a drafter's Stripe account (onboarding links, account.updated);
    locked alone, and the payouts it releases are only read and scheduled after commit."""
    if not stripe_account_id:
        return None
    return (
        ConnectedAccount.objects.select_for_update(of=("self",))
        .filter(stripe_account_id=stripe_account_id)
        .first()
    )


# --- Career offices (projects/careers): taken last, after any lifecycle row above, because the
# careers hook runs inside the lifecycle's own transaction. Order: careers student -> summary
# cells (in primary-key order). The models are looked up by label, not imported: nothing in the
# lifecycle may import projects.careers (an import-linter contract), and this module is the
# lifecycle's.


def careers_student_lock(*, institution_id: int, student_id: int) -> Any:
    return (
        apps.get_model("careers", "CareersStudent")
        .objects.select_for_update(of=("self",))
        .filter(institution_id=institution_id, student_id=student_id)
        .first()
    )


def summary_cells_lock(*, cell_ids: list[int]) -> list[Any]:
    cells = apps.get_model("careers", "SummaryCell").objects
    return list(cells.select_for_update(of=("self",)).filter(pk__in=cell_ids).order_by("pk"))


def staff_invitation_lock(*, hashed_token: str | None = None, **filters: Any) -> Any:
    """A career-office staff invitation (accounts), by its token's hash or by id + office.
    Taken before the invitee's user row (accepting makes their membership)."""
    rows = apps.get_model("accounts", "StaffInvitation").objects.select_for_update(of=("self",))
    if hashed_token is not None:
        filters["hashed_token"] = hashed_token
    return rows.filter(**filters).select_related("institution").first()


def roster_invitations_lock(*, institution_id: int, emails: list[str]) -> list[Any]:
    """The office's roster rows for these addresses (accounts.RosterInvitation), so two
    uploads at once do not both e-mail an address."""
    rows = apps.get_model("accounts", "RosterInvitation").objects.select_for_update(of=("self",))
    return list(rows.filter(institution_id=institution_id, email__in=emails).order_by("pk"))


# --- Peer critique circles (order 14 circle -> 15 critique -> 16 critique balance) ------------


def circle_lock(*, circle_id: int) -> Circle | None:
    """Order 14 (circle): one circle, for a membership change (its member count and cap)."""
    return Circle.objects.select_for_update(of=("self",)).filter(pk=circle_id).first()


def critique_lock(*, critique_id: int) -> Critique | None:
    """Order 15 (critique): one critique with its request and circle loaded (read, never
    locked), so it is marked helpful once."""
    return (
        Critique.objects.select_for_update(of=("self",))
        .select_related("request__circle")
        .filter(pk=critique_id)
        .first()
    )


def critique_balance_lock(*, user_id: int) -> CritiqueBalance:
    """Order 16 (critique balance): a person's credits, created with the starting credit the
    first time (a conflict-ignoring insert, so two first requests do not collide), then locked
    so concurrent asks and earnings are applied one after another."""
    CritiqueBalance.objects.bulk_create([CritiqueBalance(user_id=user_id)], ignore_conflicts=True)
    return CritiqueBalance.objects.select_for_update(of=("self",)).get(user_id=user_id)
