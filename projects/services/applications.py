"""Application use cases: a drafter applies or withdraws; the mentor shortlists, declines or
accepts (accepting creates the engagement and, for a paid task, its stipend)."""

from collections.abc import Iterable

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from accounts.models import PortfolioItem, User
from accounts.selectors.email_addresses import user_email_verified_require
from accounts.services.notifications import notification_send
from marketplace.errors import Conflict, NotFound, field_error
from marketplace.events import student_activity_changed
from projects import error_codes as codes
from projects import locks
from projects.limits import text_within_limit
from projects.models import (
    Application,
    Engagement,
    Task,
)
from projects.people import display_name
from projects.response_rates import mentor_response_rates_store
from projects.stipends.services.engagement_money import stipend_on_engagement_accepted
from projects.transitions import (
    DRAFTER,
    MENTOR,
    SYSTEM,
    guard_display_name_set,
    guard_not_applied,
    guard_not_own_task,
    guard_require,
    guard_slots_left,
    guard_task_takes_drafters,
    transition_allows,
    transition_require,
    transition_target,
)
from projects.visibility import task_visible_q

MAX_ANSWER_LENGTH = 1000


NOTE_MAX_LENGTH = 1500


KIND_FULL_NOTE = (
    "Thank you for offering to help. Every place on this task has now been filled, so it "
    "could not go ahead with you this time. Your work stays on your profile; there are "
    "other tasks that would suit it."
)
TASK_CANCELLED_NOTE = (
    "The mentor cancelled this task, so it will not go ahead. Thank you for offering."
)
ACCOUNT_CLOSED_NOTE = "The mentor closed their account, so this task will not go ahead."
# Declines Slipstream makes on its own (no person wrote them): pages label them as such,
# never as "a note from the mentor".
AUTOMATIC_DECLINE_NOTES = frozenset({KIND_FULL_NOTE, TASK_CANCELLED_NOTE, ACCOUNT_CLOSED_NOTE})


def applications_decline_pending(*, task: Task, note: str) -> None:
    """Decline, kindly, every pending application of a task the caller has locked (the
    mentor's stored response rate moves with them, in the same transaction)."""
    declined = False
    for application in locks.applications_lock_pending(task_id=task.pk):
        declined = True
        application.state = transition_target(application, "decline", role=SYSTEM)
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
    if declined:
        mentor_response_rates_store(mentor_ids={task.mentor_id})


def evidence_items_check(
    *, drafter: User, portfolio_item_ids: Iterable[int], work_sample_link: str
) -> list[PortfolioItem]:
    """The drafter's own portfolio items named as evidence; at least one item or a work-sample
    link is required. Applications and offers lead with work by this one rule."""
    item_ids = sorted(set(portfolio_item_ids))
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
    return items


def application_create(
    *,
    task_id: int,
    drafter: User,
    note: str,
    work_sample_link: str = "",
    portfolio_item_ids: Iterable[int] = (),
    answers: list[str] | None = None,
) -> Application:
    """A drafter offers to help, leading with their work (with a confirmed e-mail address)."""
    user_email_verified_require(user=drafter, action="apply")
    with transaction.atomic():
        task = locks.task_lock(task_visible_q(drafter), task_id=task_id, mentor__is_active=True)
        if task is None or (task.state == Task.State.DRAFT and task.mentor_id != drafter.pk):
            raise NotFound("Task not found.")
        guard_require(guard_display_name_set(drafter, action="apply"))
        application = application_create_on_task(
            task=task,
            drafter=drafter,
            note=note,
            work_sample_link=work_sample_link,
            portfolio_item_ids=portfolio_item_ids,
            answers=answers,
        )
        notification_send(
            recipient=task.mentor,
            kind="application_new",
            title=f"{display_name(drafter)} applied to “{task.title}”",
            body="Their note and work are waiting for you.",
            url=f"/applications/{application.pk}/",
        )
    return application


def application_create_on_task(
    *,
    task: Task,
    drafter: User,
    note: str,
    work_sample_link: str = "",
    portfolio_item_ids: Iterable[int] = (),
    answers: list[str] | None = None,
) -> Application:
    """The rules of applying, on a task the caller has locked and may show this drafter (a
    visible task, or the private task of the drafter's own accepted offer). No notification:
    the caller says what happened."""
    answers = list(answers or [])
    guard_require(guard_not_own_task(task, user_id=drafter.pk))
    transition_require(task, "apply", role=DRAFTER)
    guard_require(
        guard_slots_left(task),
        guard_not_applied(applied=Application.objects.filter(task=task, drafter=drafter).exists()),
    )
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
    items = evidence_items_check(
        drafter=drafter, portfolio_item_ids=portfolio_item_ids, work_sample_link=work_sample_link
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
    except IntegrityError as error:  # a double click that raced past the check above
        raise Conflict(
            "You have already applied to this task.", code=codes.APPLICATION_EXISTS
        ) from error
    application.portfolio_items.set(items)
    student_activity_changed(user_ids=[application.drafter_id], what="application")
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
        application.state = transition_target(application, "withdraw", role=DRAFTER)
        application.save(update_fields=["state", "updated_at"])
        mentor_response_rates_store(mentor_ids={application.task.mentor_id})
        student_activity_changed(user_ids=[application.drafter_id], what="application")
    return application


def application_shortlist(*, application_id: int, mentor: User) -> Application:
    """submitted -> shortlisted."""
    with transaction.atomic():
        application = _application_lock(application_id=application_id, user=mentor, as_mentor=True)
        application.state = transition_target(application, "shortlist", role=MENTOR)
        application.save(update_fields=["state", "updated_at"])
        mentor_response_rates_store(mentor_ids={mentor.pk})
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
        application.state = transition_target(application, "decline", role=MENTOR)
        application.decline_note = text_within_limit(
            note.strip(), model=Application, field="decline_note", input_field="note"
        )
        application.save(update_fields=["state", "decline_note", "updated_at"])
        mentor_response_rates_store(mentor_ids={mentor.pk})
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


def application_accept(*, application_id: int, mentor: User, notify: bool = True) -> Engagement:
    """submitted|shortlisted -> accepted, creating the Engagement.

    The task row is locked, so concurrent accepts queue up and each sees the real
    filled_slots; the CheckConstraint filled_slots <= slots is the last line of defence.
    Unpaid tasks start `active`; paid ones wait in `awaiting_funding` for the stipend.
    `notify=False`: the caller tells the drafter in its own words (an accepted offer).
    """
    with transaction.atomic():
        application = _application_lock(application_id=application_id, user=mentor, as_mentor=True)
        task = application.task
        # Slots first: an accept that lost the race finds its application already declined
        # by the winner, and "the places are filled" is the true reason.
        guard_require(guard_slots_left(task), guard_task_takes_drafters(task))
        accepted = transition_target(application, "accept", role=MENTOR)
        now = timezone.now()
        Task.objects.filter(pk=task.pk).update(filled_slots=F("filled_slots") + 1, updated_at=now)
        task.refresh_from_db(fields=["filled_slots"])
        application.state = accepted
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
        if notify:
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
            if transition_allows(task, "close", role=SYSTEM):
                task.state = transition_target(task, "close", role=SYSTEM)
                task.save(update_fields=["state", "updated_at"])
            applications_decline_pending(task=task, note=KIND_FULL_NOTE)
        mentor_response_rates_store(mentor_ids={task.mentor_id})
    return engagement
