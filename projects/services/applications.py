"""Application use cases: a drafter applies or withdraws; the mentor shortlists, declines or
accepts (accepting creates the engagement and, for a paid task, its stipend)."""

from collections.abc import Iterable

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from accounts.models import PortfolioItem, User
from accounts.services.notifications import notification_send
from marketplace.errors import Conflict, Forbidden, NotFound, field_error
from marketplace.events import student_activity_changed
from projects import error_codes as codes
from projects import locks
from projects.models import (
    Application,
    Engagement,
    Task,
)
from projects.people import display_name
from projects.selectors.tasks import task_visible_q
from projects.stipends.services.engagement_money import stipend_on_engagement_accepted
from projects.transitions import PENDING_APPLICATION_STATES, transition_require

MAX_ANSWER_LENGTH = 1000


NOTE_MAX_LENGTH = 1500


KIND_FULL_NOTE = (
    "Thank you for offering to help. Every place on this task has now been filled, so it "
    "could not go ahead with you this time. Your work stays on your profile; there are "
    "other tasks that would suit it."
)


def applications_decline_pending(*, task: Task, note: str) -> None:
    """Decline, kindly, every pending application of a task the caller has locked."""
    pending = list(
        Application.objects.select_for_update(of=("self",))
        .filter(task=task, state__in=PENDING_APPLICATION_STATES)
        .select_related("drafter")
        .order_by("pk")
    )
    for application in pending:
        application.state = Application.State.DECLINED
        application.decline_note = note
        application.save(update_fields=["state", "decline_note", "updated_at"])
        student_activity_changed(user_ids=[application.drafter_id], what="application")
        notification_send(
            recipient=application.drafter,
            kind="application_declined",
            title=f"Update on “{task.title}”",
            body=note,
            url=f"/applications/{application.pk}/",
        )


def application_create(
    *,
    task_id: int,
    drafter: User,
    note: str,
    work_sample_link: str = "",
    portfolio_item_ids: Iterable[int] = (),
    answers: list[str] | None = None,
) -> Application:
    """A drafter offers to help, leading with their work."""
    answers = list(answers or [])
    item_ids = sorted(set(portfolio_item_ids))
    with transaction.atomic():
        task = (
            Task.objects.select_for_update(of=("self",))
            .filter(task_visible_q(drafter), pk=task_id, mentor__is_active=True)
            .select_related("mentor")
            .first()
        )
        if task is None or (task.state == Task.State.DRAFT and task.mentor_id != drafter.pk):
            raise NotFound("Task not found.")
        if task.mentor_id == drafter.pk:
            raise Forbidden("You cannot apply to your own task.", code=codes.OWN_TASK)
        if task.state != Task.State.OPEN:
            raise Conflict("This task is not taking applications.", code=codes.TASK_NOT_OPEN)
        if task.filled_slots >= task.slots:
            # A mentor may edit slots down to the places already filled without closing.
            raise Conflict("Every place on this task is already filled.", code=codes.SLOTS_FULL)
        if Application.objects.filter(task=task, drafter=drafter).exists():
            raise Conflict("You have already applied to this task.", code=codes.APPLICATION_EXISTS)
        if not note.strip():
            raise field_error(
                "Write a short note: what you would do, and which work shows you can.",
                code=codes.NOTE_REQUIRED,
                field="note",
            )
        if len(note) > NOTE_MAX_LENGTH:
            raise field_error(
                f"Keep the note to {NOTE_MAX_LENGTH} characters.",
                code=codes.NOTE_TOO_LONG,
                field="note",
            )
        items = list(PortfolioItem.objects.filter(owner=drafter, id__in=item_ids))
        if len(items) != len(item_ids):
            # Like a path naming a missing object: 404 (the request itself is well formed).
            message = "Attach only items from your own portfolio."
            raise NotFound(
                message, code=codes.PORTFOLIO_ITEM_INVALID, fields={"portfolio_item_ids": [message]}
            )
        if not items and not work_sample_link:
            raise field_error(
                "Attach at least one portfolio item or a link to a work sample.",
                code=codes.EVIDENCE_REQUIRED,
                field="portfolio_item_ids",
            )
        questions = task.questions or []
        if len(answers) != len(questions) or any(
            not isinstance(a, str) or not a.strip() or len(a) > MAX_ANSWER_LENGTH for a in answers
        ):
            raise field_error(
                f"Answer each of the {len(questions)} questions "
                f"(at most {MAX_ANSWER_LENGTH} characters each).",
                code=codes.ANSWERS_INVALID,
                field="answers",
            )
        try:
            with transaction.atomic():
                application = Application.objects.create(
                    task=task,
                    drafter=drafter,
                    note=note,
                    work_sample_link=work_sample_link,
                    answers=answers,
                )
                student_activity_changed(user_ids=[application.drafter_id], what="application")
        except IntegrityError as error:  # a double click that raced past the check above
            raise Conflict(
                "You have already applied to this task.", code=codes.APPLICATION_EXISTS
            ) from error
        application.portfolio_items.set(items)
        notification_send(
            recipient=task.mentor,
            kind="application_new",
            title=f"{display_name(drafter)} applied to “{task.title}”",
            body="Their note and work are waiting for you.",
            url=f"/applications/{application.pk}/",
        )
    return application


def _application_lock(*, application_id: int, user: User, as_mentor: bool) -> Application:
    owner = {"task__mentor": user} if as_mentor else {"drafter": user}
    application = locks.application_lock(application_id=application_id, **owner)
    if application is None:
        raise NotFound("Application not found.")
    return application


def application_withdraw(*, application_id: int, drafter: User) -> Application:
    """submitted|shortlisted -> withdrawn, by the drafter."""
    with transaction.atomic():
        application = _application_lock(
            application_id=application_id, user=drafter, as_mentor=False
        )
        application.state = transition_require(application, "withdraw").target
        application.save(update_fields=["state", "updated_at"])
        student_activity_changed(user_ids=[application.drafter_id], what="application")
    return application


def application_shortlist(*, application_id: int, mentor: User) -> Application:
    """submitted -> shortlisted."""
    with transaction.atomic():
        application = _application_lock(application_id=application_id, user=mentor, as_mentor=True)
        application.state = transition_require(application, "shortlist").target
        application.save(update_fields=["state", "updated_at"])
        student_activity_changed(user_ids=[application.drafter_id], what="application")
        notification_send(
            recipient=application.drafter,
            kind="application_shortlisted",
            title=f"You are on the shortlist for “{application.task.title}”",
            body="The mentor liked your application and may be in touch.",
            url=f"/applications/{application.pk}/",
        )
    return application


def application_decline(*, application_id: int, mentor: User, note: str = "") -> Application:
    """submitted|shortlisted -> declined, with an optional kind note the drafter sees."""
    with transaction.atomic():
        application = _application_lock(application_id=application_id, user=mentor, as_mentor=True)
        application.state = transition_require(application, "decline").target
        application.decline_note = note.strip()[:1000]
        application.save(update_fields=["state", "decline_note", "updated_at"])
        student_activity_changed(user_ids=[application.drafter_id], what="application")
        notification_send(
            recipient=application.drafter,
            kind="application_declined",
            title=f"Update on “{application.task.title}”",
            body=application.decline_note
            or "The mentor went with someone else this time. Thank you for offering to help.",
            url=f"/applications/{application.pk}/",
        )
    return application


def application_accept(*, application_id: int, mentor: User) -> Engagement:
    """submitted|shortlisted -> accepted, creating the Engagement.

    The task row is locked, so concurrent accepts queue up and each sees the real
    filled_slots; the CheckConstraint filled_slots <= slots is the last line of defence.
    Unpaid tasks start `active`; paid ones wait in `awaiting_funding` for the stipend.
    """
    with transaction.atomic():
        application = _application_lock(application_id=application_id, user=mentor, as_mentor=True)
        task = application.task
        # Slots first: an accept that lost the race finds its application already declined
        # by the winner, and "the places are filled" is the true reason.
        if task.filled_slots >= task.slots:
            raise Conflict("Every place on this task is already filled.", code=codes.SLOTS_FULL)
        if task.state not in (Task.State.OPEN, Task.State.CLOSED):
            raise Conflict(
                f"A {task.get_state_display().lower()} task cannot take on drafters.",
                code=codes.TASK_STATE_INVALID,
            )
        transition_require(application, "accept")
        now = timezone.now()
        Task.objects.filter(pk=task.pk).update(filled_slots=F("filled_slots") + 1, updated_at=now)
        task.refresh_from_db(fields=["filled_slots"])
        application.state = Application.State.ACCEPTED
        application.save(update_fields=["state", "updated_at"])
        paid = task.is_paid
        engagement = Engagement.objects.create(
            application=application,
            task=task,
            mentor=mentor,
            drafter=application.drafter,
            state=Engagement.State.AWAITING_FUNDING if paid else Engagement.State.ACTIVE,
            started_at=None if paid else now,
        )
        student_activity_changed(user_ids=[application.drafter_id], what="engagement")
        if paid:
            stipend_on_engagement_accepted(engagement=engagement)
        notification_send(
            recipient=application.drafter,
            kind="application_accepted",
            title=f"You are drafting on “{task.title}”",
            body=(
                "The mentor accepted your application. Work starts once the stipend is funded."
                if paid
                else "The mentor accepted your application. Say hello and get started."
            ),
            url=f"/engagements/{engagement.pk}/",
        )
        if task.filled_slots >= task.slots:
            if task.state == Task.State.OPEN:
                task.state = Task.State.CLOSED
                task.save(update_fields=["state", "updated_at"])
            applications_decline_pending(task=task, note=KIND_FULL_NOTE)
    return engagement
