"""Engagement use cases: the work runs from acceptance to approval or cancellation.

People's transitions (deliver, revise, approve, cancel) and the system's (activate after
funding, lapse when unfunded, auto-approve after 14 days) share private helpers, so each
outcome sends the same notices, credits the same introducers and takes the same locks
(projects/locks.py) whoever causes it. Money moves through projects.stipends, called here."""

import logging
from collections.abc import Callable, Iterable
from datetime import date, datetime
from typing import IO

from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from accounts.models import User
from accounts.services.notifications import notification_send
from accounts.uploads import upload_display_name, upload_stored_name, upload_validate
from marketplace.errors import Conflict, NotFound, field_error
from marketplace.events import student_activity_changed
from projects import error_codes as codes
from projects import locks
from projects.feedback_rules import approval_notice_body
from projects.limits import text_within_limit
from projects.models import (
    Deliverable,
    Engagement,
    Introduction,
    Task,
)
from projects.people import display_name
from projects.stipends.models import Stipend
from projects.stipends.services.engagement_money import (
    stipend_on_engagement_approved,
    stipend_on_engagement_cancelled,
)
from projects.stipends.terms import AUTO_RELEASE_AFTER, FUNDING_WINDOW
from projects.transitions import (
    DRAFTER,
    MENTOR,
    SYSTEM,
    engagement_role_of,
    transition_allows,
    transition_require,
    transition_target,
)

logger = logging.getLogger(__name__)


def engagement_lock_for(*, engagement_id: int, user: User, role: str = "either") -> Engagement:
    """Lock one of `user`'s engagements (task first, see projects/locks.py), or 404."""
    engagement = locks.engagement_lock(engagement_id=engagement_id, participant=user, role=role)
    if engagement is None:
        raise NotFound("Engagement not found.")
    return engagement


def _engagement_complete(engagement: Engagement, *, automatic: bool) -> None:
    """delivered -> completed, by the mentor or the 14-day rule: same notices, same credit."""
    engagement.state = transition_target(
        engagement,
        "auto_approve" if automatic else "approve",
        role=SYSTEM if automatic else MENTOR,
    )
    engagement.completed_at = timezone.now()
    engagement.save(update_fields=["state", "completed_at", "updated_at"])
    student_activity_changed(user_ids=[engagement.drafter_id], what="engagement")
    # A paid task's stipend is released: one Payout row now, the Transfer after commit.
    stipend_on_engagement_approved(engagement=engagement)
    title = engagement.task.title
    notification_send(
        recipient=engagement.drafter,
        kind="engagement_approved",
        title=f"Your work on “{title}” was approved",
        body=approval_notice_body(feedback_given=False, thanks_given=False),
        url=f"/engagements/{engagement.pk}/#feedback-heading",
    )
    introductions = Introduction.objects.filter(
        task=engagement.task, drafter=engagement.drafter, state=Introduction.State.ACCEPTED
    ).select_related("introducer")
    for introduction in introductions:
        notification_send(
            recipient=introduction.introducer,
            kind="introduction_credited",
            title=f"Your introduction led to a finished draft: “{title}”",
            body="You are credited on the drafter's profile. Thank you for connecting people.",
            url=f"/engagements/{engagement.pk}/",
            email=False,
        )
    if automatic:
        notification_send(
            recipient=engagement.mentor,
            kind="stipend_auto_released",
            title=f"“{title}” was approved automatically",
            body=f"The work was delivered {AUTO_RELEASE_AFTER.days} days ago with no response, "
            "so the stipend was released to the drafter.",
            url=f"/engagements/{engagement.pk}/",
        )


def _engagement_end(engagement: Engagement, *, action: str, by: User | None, reason: str) -> None:
    """-> cancelled (by a person, or lapsed): the slot goes back to the task and a funded
    stipend is refunded after commit. The caller holds the task and engagement locks."""
    role = SYSTEM if by is None else engagement_role_of(engagement, user=by)
    engagement.state = transition_target(engagement, action, role=role)
    engagement.cancelled_at = timezone.now()
    engagement.cancelled_by = by
    engagement.cancel_reason = text_within_limit(
        reason, model=Engagement, field="cancel_reason", input_field="reason"
    )
    engagement.save(
        update_fields=["state", "cancelled_at", "cancelled_by", "cancel_reason", "updated_at"]
    )
    student_activity_changed(user_ids=[engagement.drafter_id], what="engagement")
    Task.objects.filter(pk=engagement.task_id, filled_slots__gt=0).update(
        filled_slots=F("filled_slots") - 1
    )
    stipend_on_engagement_cancelled(engagement=engagement)


def engagement_activate_after_funding(*, engagement_id: int) -> Engagement:
    """awaiting_funding -> active once the stipend is paid (the Stripe webhook calls this).

    Idempotent: a repeated or late event finds the engagement already active and changes nothing.
    """
    with transaction.atomic():
        engagement = locks.engagement_lock(engagement_id=engagement_id)
        if engagement is None:
            raise NotFound("Engagement not found.")
        if not transition_allows(engagement, "activate", role=SYSTEM):
            return engagement  # already moved on: webhooks only move forward
        engagement.state = transition_target(engagement, "activate", role=SYSTEM)
        engagement.started_at = timezone.now()
        engagement.save(update_fields=["state", "started_at", "updated_at"])
        student_activity_changed(user_ids=[engagement.drafter_id], what="engagement")
        for person in (engagement.drafter, engagement.mentor):
            notification_send(
                recipient=person,
                kind="engagement_funded",
                title=f"“{engagement.task.title}” is funded — work can start",
                url=f"/engagements/{engagement.pk}/",
            )
    return engagement


def engagement_deliver(
    *,
    engagement_id: int,
    drafter: User,
    link: str = "",
    file: IO[bytes] | None = None,
    note: str = "",
) -> Deliverable:
    """active -> delivered: hand in a link or a checked file, with a note."""
    if file is None and not link:
        raise field_error(
            "Add a link or a file with your work.", code=codes.DELIVERABLE_REQUIRED, field="link"
        )
    note = text_within_limit(note.strip(), model=Deliverable, field="note")
    kind = upload_validate(file=file, field="file") if file is not None else None
    with transaction.atomic():
        engagement = engagement_lock_for(engagement_id=engagement_id, user=drafter, role="drafter")
        delivered = transition_target(engagement, "deliver", role=DRAFTER)
        deliverable = Deliverable(engagement=engagement, submitted_by=drafter, link=link, note=note)
        if file is not None and kind is not None:
            # Stored under a generated name with the checked kind's extension; the client's
            # name survives only as the (safe) download name.
            original = getattr(file, "name", "") or "deliverable"
            deliverable.file_name = upload_display_name(original=original, kind=kind)
            stored = default_storage.save(
                upload_stored_name(folder=timezone.now().strftime("deliverables/%Y/%m"), kind=kind),
                file,
            )
            deliverable.file.name = stored
        deliverable.save()
        engagement.state = delivered
        engagement.delivered_at = timezone.now()
        engagement.save(update_fields=["state", "delivered_at", "updated_at"])
        student_activity_changed(user_ids=[engagement.drafter_id], what="engagement")
        notification_send(
            recipient=engagement.mentor,
            kind="engagement_delivered",
            title=f"{display_name(drafter)} delivered “{engagement.task.title}”",
            body="Review the work, then approve it or ask for a revision.",
            url=f"/engagements/{engagement.pk}/",
        )
    return deliverable


def engagement_request_revision(*, engagement_id: int, mentor: User, comment: str) -> Engagement:
    """delivered -> active, with a comment on what to change."""
    comment = comment.strip()
    if not comment:
        raise field_error("Say what should change.", code=codes.COMMENT_REQUIRED, field="comment")
    text_within_limit(comment, model=Deliverable, field="revision_comment", input_field="comment")
    with transaction.atomic():
        engagement = engagement_lock_for(engagement_id=engagement_id, user=mentor, role="mentor")
        revised = transition_target(engagement, "request_revision", role=MENTOR)
        latest = engagement.deliverables.order_by("-id").first()
        if latest is not None:
            latest.revision_comment = comment
            latest.revision_requested_at = timezone.now()
            latest.save(update_fields=["revision_comment", "revision_requested_at", "updated_at"])
        engagement.state = revised
        engagement.save(update_fields=["state", "updated_at"])
        student_activity_changed(user_ids=[engagement.drafter_id], what="engagement")
        notification_send(
            recipient=engagement.drafter,
            kind="engagement_revision",
            title=f"A revision was requested on “{engagement.task.title}”",
            body=comment,
            url=f"/engagements/{engagement.pk}/",
        )
    return engagement


def engagement_approve(
    *,
    engagement_id: int,
    mentor: User,
    showable: str = Engagement.Showable.PRIVATE,
    show_after: date | None = None,
    public_title: str = "",
) -> Engagement:
    """delivered -> completed: the work becomes verified experience on the drafter's profile.

    The mentor also chooses the showable-work clause (projects/services/showable.py); without
    a choice the work stays private, which protects client work until the mentor says more."""
    show_after = showable_validate(showable=showable, show_after=show_after)
    public_title = public_title.strip()
    text_within_limit(public_title, model=Engagement, field="public_title")
    with transaction.atomic():
        engagement = engagement_lock_for(engagement_id=engagement_id, user=mentor, role="mentor")
        transition_require(engagement, "approve", role=MENTOR)
        engagement.showable = showable
        engagement.show_after = show_after
        engagement.public_title = public_title
        engagement.save(update_fields=["showable", "show_after", "public_title", "updated_at"])
        _engagement_complete(engagement, automatic=False)
    return engagement


def showable_validate(*, showable: str, show_after: date | None) -> date | None:
    """`after` needs a date in the future; the other choices carry none."""
    if showable not in Engagement.Showable.values:
        raise field_error(
            "Choose full, case_study, after or private.",
            code=codes.SHOWABLE_INVALID,
            field="showable",
        )
    if showable != Engagement.Showable.AFTER:
        return None
    if show_after is None:
        raise field_error(
            "Give the date from which the work may be shown (a future date).",
            code=codes.SHOWABLE_INVALID,
            field="show_after",
        )
    if show_after <= timezone.localdate():
        # Well-formed, but today has already reached it: the clock's state, not the input's.
        message = "That date has come: choose a later one, or let the work be shown in full now."
        raise Conflict(message, code=codes.SHOWABLE_INVALID, fields={"show_after": [message]})
    return show_after


def engagement_cancel(*, engagement_id: int, user: User, reason: str) -> Engagement:
    """awaiting_funding|active|delivered -> cancelled, by either side, with a reason.

    The slot is given back so the mentor can accept someone else.
    """
    reason = reason.strip()
    if not reason:
        raise field_error(
            "Give a short reason; the other person will see it.",
            code=codes.REASON_REQUIRED,
            field="reason",
        )
    text_within_limit(reason, model=Engagement, field="cancel_reason", input_field="reason")
    with transaction.atomic():
        engagement = engagement_lock_for(engagement_id=engagement_id, user=user)
        _engagement_end(engagement, action="cancel", by=user, reason=reason)
        other = engagement.drafter if user.pk == engagement.mentor_id else engagement.mentor
        notification_send(
            recipient=other,
            kind="engagement_cancelled",
            title=f"“{engagement.task.title}” was cancelled",
            body=reason,
            url=f"/engagements/{engagement.pk}/",
        )
    return engagement


def engagement_lapse_unfunded(*, engagement_id: int) -> bool:
    """awaiting_funding -> cancelled when the mentor never paid; True when this call moved it.

    Takes the same locks in the same order as a participant's cancel, so the two can race
    safely: whichever commits first wins and the other finds the engagement already cancelled.
    """
    with transaction.atomic():
        engagement = locks.engagement_lock(engagement_id=engagement_id)
        if engagement is None or not transition_allows(engagement, "lapse", role=SYSTEM):
            return False
        days = FUNDING_WINDOW.days
        _engagement_end(
            engagement,
            action="lapse",
            by=None,
            reason=f"The stipend was not funded within {days} days.",
        )
        notification_send(
            recipient=engagement.drafter,
            kind="funding_lapsed",
            title=f"“{engagement.task.title}” did not go ahead",
            body=f"The mentor did not fund the stipend within {days} days, so the acceptance "
            "lapsed. Your application counts as experience; keep applying.",
            url="/tasks/",
        )
        notification_send(
            recipient=engagement.mentor,
            kind="funding_lapsed",
            title=f"Your acceptance for “{engagement.task.title}” lapsed",
            body=f"The stipend was not funded within {days} days.",
            url=f"/tasks/{engagement.task_id}/",
        )
    return True


def engagement_auto_approve(*, engagement_id: int) -> bool:
    """delivered -> completed when the mentor has not answered in time; True when moved."""
    with transaction.atomic():
        engagement = locks.engagement_lock(engagement_id=engagement_id)
        if engagement is None or not transition_allows(engagement, "auto_approve", role=SYSTEM):
            return False
        stipend = locks.stipend_lock(engagement_id=engagement_id)
        if stipend is None or not transition_allows(stipend, "auto_release", role=SYSTEM):
            return False  # frozen by a dispute, or no money to release: a person decides
        _engagement_complete(engagement, automatic=True)
    return True


def _run_each(ids: Iterable[int], step: Callable[..., object], label: str) -> int:
    """Run one system transition per id, each in its own transaction: one failing item is
    logged and skipped, never stopping the rest of the run."""
    moved = 0
    for engagement_id in ids:
        try:
            moved += bool(step(engagement_id=engagement_id))
        except Exception:
            logger.exception("%s failed for engagement %s", label, engagement_id)
    return moved


def engagements_lapse_unfunded_due(*, now: datetime | None = None) -> int:
    """Acceptances whose stipend was not funded within the funding window lapse."""
    cutoff = (now or timezone.now()) - FUNDING_WINDOW
    due = Engagement.objects.filter(
        state=Engagement.State.AWAITING_FUNDING,
        stipend__state=Stipend.State.UNFUNDED,
        stipend__created_at__lte=cutoff,
    ).order_by("pk")
    return _run_each(list(due.values_list("pk", flat=True)), engagement_lapse_unfunded, "lapse")


def engagements_auto_approve_due(*, now: datetime | None = None) -> int:
    """Delivered paid work with no mentor response for 14 days is approved and paid."""
    cutoff = (now or timezone.now()) - AUTO_RELEASE_AFTER
    due = Engagement.objects.filter(
        state=Engagement.State.DELIVERED,
        delivered_at__lte=cutoff,
        stipend__state=Stipend.State.FUNDED,
    ).order_by("pk")
    return _run_each(
        list(due.values_list("pk", flat=True)), engagement_auto_approve, "auto-approve"
    )
