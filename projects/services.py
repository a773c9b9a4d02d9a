"""Writes for the marketplace: one function per use case and per state transition.

Each transition checks permission and state, locks the rows it changes (task before
application before engagement, always in that order), writes, and schedules side effects
(notifications, e-mail) so they happen only after commit — notification_send already defers
its e-mail with transaction.on_commit.
"""

from collections.abc import Iterable
from typing import IO, Any

from django.conf import settings
from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.utils import timezone

from accounts.models import Institution, Notification, PortfolioItem, Profile, Skill, User
from accounts.services import notification_send
from accounts.uploads import upload_validate
from marketplace.errors import Conflict, DomainError, Forbidden, NotFound
from projects import error_codes as codes
from projects.models import (
    Application,
    Deliverable,
    Engagement,
    Feedback,
    Introduction,
    Message,
    Task,
    ThankYouNote,
)
from projects.selectors import task_visible_q
from projects.stipends import services as stipends

STIPEND_MIN_MINOR = 100
MAX_QUESTIONS = 3
MAX_QUESTION_LENGTH = 300
MAX_ANSWER_LENGTH = 1000
NOTE_MAX_LENGTH = 1500
MESSAGE_MAX_LENGTH = 2000
TASK_FIELDS = {
    "title",
    "description",
    "estimated_hours",
    "deadline",
    "is_remote",
    "location",
    "slots",
    "stipend_amount",
    "stipend_currency",
    "what_you_gain",
    "visibility",
    "questions",
}
PENDING_APPLICATION_STATES = (Application.State.SUBMITTED, Application.State.SHORTLISTED)
KIND_FULL_NOTE = (
    "Thank you for offering to help. Every place on this task has now been filled, so it "
    "could not go ahead with you this time. Your work stays on your profile; there are "
    "other tasks that would suit it."
)


def _display(user: User) -> str:
    profile = getattr(user, "profile", None)
    return (profile.display_name or profile.handle) if profile else "Someone"


def _invalid(message: str, *, code: str, field: str) -> DomainError:
    return DomainError(message, code=code, fields={field: [message]})


# --- Tasks ----------------------------------------------------------------------------------


def _task_check_rules(task: Task) -> None:
    """Business rules every saved task obeys, whoever writes it (API, admin, seeder)."""
    if task.stipend_amount is not None:
        if not STIPEND_MIN_MINOR <= task.stipend_amount <= settings.STIPEND_MAX_MINOR:
            raise _invalid(
                f"A stipend must be between {STIPEND_MIN_MINOR} and "
                f"{settings.STIPEND_MAX_MINOR} (in cents).",
                code=codes.STIPEND_OUT_OF_RANGE,
                field="stipend_amount",
            )
    elif not task.what_you_gain.strip():
        raise _invalid(
            "An unpaid task must say what the drafter will gain.",
            code=codes.WHAT_YOU_GAIN_REQUIRED,
            field="what_you_gain",
        )
    if not task.is_remote and not task.location.strip():
        raise _invalid(
            "Give a location, or mark the task as remote.",
            code=codes.TASK_INVALID,
            field="location",
        )
    questions = task.questions or []
    if len(questions) > MAX_QUESTIONS or any(
        not isinstance(q, str) or not q.strip() or len(q) > MAX_QUESTION_LENGTH for q in questions
    ):
        raise _invalid(
            f"Ask at most {MAX_QUESTIONS} questions of at most {MAX_QUESTION_LENGTH} characters.",
            code=codes.TASK_INVALID,
            field="questions",
        )
    if task.slots < max(1, task.filled_slots):
        raise _invalid(
            "Slots cannot be fewer than the drafters already accepted.",
            code=codes.TASK_INVALID,
            field="slots",
        )


def _task_set_skills(task: Task, skill_ids: Iterable[int] | None) -> None:
    if skill_ids is not None:
        skills = list(Skill.objects.filter(id__in=list(skill_ids)))
        task.skills.set(skills)
    else:
        skills = list(task.skills.all())
    # Denormalised for full-text search (see projects/search.py).
    task.skills_text = " ".join(sorted(skill.name for skill in skills))[:1000]
    task.save(update_fields=["skills_text"])


def _task_set_institutions(task: Task, institution_ids: Iterable[int] | None) -> None:
    if institution_ids is None:
        return
    wanted = set(institution_ids)
    institutions = list(Institution.objects.filter(id__in=wanted))
    if len(institutions) != len(wanted):
        raise _invalid(
            "One or more of the chosen institutions do not exist.",
            code=codes.TASK_INVALID,
            field="institution_ids",
        )
    task.institutions.set(institutions)


def task_create(
    *,
    mentor: User,
    data: dict[str, Any],
    skill_ids: Iterable[int] = (),
    institution_ids: Iterable[int] = (),
) -> Task:
    """Create a task as a draft; publishing is a separate step."""
    unknown = set(data) - TASK_FIELDS
    if unknown:
        raise ValueError(f"not task fields: {sorted(unknown)}")
    task = Task(mentor=mentor, **data)
    _task_check_rules(task)
    with transaction.atomic():
        task.save()
        _task_set_skills(task, skill_ids)
        _task_set_institutions(task, institution_ids)
    return task


def _task_lock_for_mentor(*, task_id: int, mentor: User) -> Task:
    task = Task.objects.select_for_update().filter(pk=task_id, mentor=mentor).first()
    if task is None:
        raise NotFound("Task not found.")
    return task


def task_update(
    *,
    task_id: int,
    mentor: User,
    data: dict[str, Any],
    skill_ids: Iterable[int] | None = None,
    institution_ids: Iterable[int] | None = None,
) -> Task:
    """Edit a draft or open task. The stipend is fixed once someone has been accepted."""
    unknown = set(data) - TASK_FIELDS
    if unknown:
        raise ValueError(f"not task fields: {sorted(unknown)}")
    with transaction.atomic():
        task = _task_lock_for_mentor(task_id=task_id, mentor=mentor)
        if task.state not in (Task.State.DRAFT, Task.State.OPEN):
            raise Conflict(
                f"A {task.get_state_display().lower()} task can no longer be edited.",
                code=codes.TASK_STATE_INVALID,
            )
        money = {"stipend_amount", "stipend_currency"}
        if money & set(data) and task.filled_slots:
            changed = any(getattr(task, name) != data[name] for name in money & set(data))
            if changed:
                raise Conflict(
                    "The stipend cannot change after a drafter has been accepted.",
                    code=codes.TASK_STATE_INVALID,
                )
        for name, value in data.items():
            setattr(task, name, value)
        _task_check_rules(task)
        task.save()
        _task_set_skills(task, skill_ids)
        _task_set_institutions(task, institution_ids)
    return task


def _task_transition(
    *, task_id: int, mentor: User, allowed_from: tuple[str, ...], to: str, verb: str
) -> Task:
    task = _task_lock_for_mentor(task_id=task_id, mentor=mentor)
    if task.state not in allowed_from:
        raise Conflict(
            f"A {task.get_state_display().lower()} task cannot be {verb}.",
            code=codes.TASK_STATE_INVALID,
        )
    task.state = to
    return task


def task_publish(*, task_id: int, mentor: User) -> Task:
    """draft -> open: the task appears in browse and search."""
    with transaction.atomic():
        task = _task_transition(
            task_id=task_id,
            mentor=mentor,
            allowed_from=(Task.State.DRAFT,),
            to=Task.State.OPEN,
            verb="published",
        )
        if task.deadline and task.deadline < timezone.localdate():
            raise _invalid(
                "The deadline has passed; choose a later one before publishing.",
                code=codes.TASK_INVALID,
                field="deadline",
            )
        _task_check_rules(task)
        task.published_at = timezone.now()
        task.save(update_fields=["state", "published_at", "updated_at"])
    return task


def task_close(*, task_id: int, mentor: User) -> Task:
    """open -> closed: no new applications; pending ones can still be accepted."""
    with transaction.atomic():
        task = _task_transition(
            task_id=task_id,
            mentor=mentor,
            allowed_from=(Task.State.OPEN,),
            to=Task.State.CLOSED,
            verb="closed",
        )
        task.save(update_fields=["state", "updated_at"])
    return task


def task_archive(*, task_id: int, mentor: User) -> Task:
    """closed -> archived: off the mentor's dashboard, kept for the record."""
    with transaction.atomic():
        task = _task_transition(
            task_id=task_id,
            mentor=mentor,
            allowed_from=(Task.State.CLOSED,),
            to=Task.State.ARCHIVED,
            verb="archived",
        )
        task.save(update_fields=["state", "updated_at"])
    return task


def task_cancel(*, task_id: int, mentor: User) -> Task:
    """draft|open -> cancelled. Pending applicants are told kindly; the task stays on record."""
    with transaction.atomic():
        task = _task_transition(
            task_id=task_id,
            mentor=mentor,
            allowed_from=(Task.State.DRAFT, Task.State.OPEN),
            to=Task.State.CANCELLED,
            verb="cancelled",
        )
        task.save(update_fields=["state", "updated_at"])
        _decline_pending(
            task=task,
            note="The mentor cancelled this task, so it will not go ahead. Thank you for offering.",
        )
    return task


def task_delete(*, task_id: int, mentor: User) -> None:
    """Only a draft nobody has applied to may disappear; anything else is kept (cancel it)."""
    with transaction.atomic():
        task = _task_lock_for_mentor(task_id=task_id, mentor=mentor)
        if task.state != Task.State.DRAFT or task.applications.exists():
            raise Conflict(
                "Only an unpublished draft without applications can be deleted; cancel it instead.",
                code=codes.TASK_HAS_APPLICATIONS,
            )
        task.delete()


def _decline_pending(*, task: Task, note: str) -> None:
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
        notification_send(
            recipient=application.drafter,
            kind="application_declined",
            title=f"Update on “{task.title}”",
            body=note,
            url=f"/applications/{application.pk}/",
        )


# --- Applications ----------------------------------------------------------------------------


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
            .filter(task_visible_q(drafter), pk=task_id)
            .select_related("mentor")
            .first()
        )
        if task is None or (task.state == Task.State.DRAFT and task.mentor_id != drafter.pk):
            raise NotFound("Task not found.")
        if task.mentor_id == drafter.pk:
            raise Forbidden("You cannot apply to your own task.", code=codes.OWN_TASK)
        if task.state != Task.State.OPEN:
            raise Conflict("This task is not taking applications.", code=codes.TASK_NOT_OPEN)
        if Application.objects.filter(task=task, drafter=drafter).exists():
            raise Conflict("You have already applied to this task.", code=codes.APPLICATION_EXISTS)
        if not note.strip():
            raise _invalid(
                "Write a short note: what you would do, and which work shows you can.",
                code=codes.NOTE_REQUIRED,
                field="note",
            )
        if len(note) > NOTE_MAX_LENGTH:
            raise _invalid(
                f"Keep the note to {NOTE_MAX_LENGTH} characters.",
                code=codes.NOTE_TOO_LONG,
                field="note",
            )
        items = list(PortfolioItem.objects.filter(owner=drafter, id__in=item_ids))
        if len(items) != len(item_ids):
            raise _invalid(
                "Attach only items from your own portfolio.",
                code=codes.PORTFOLIO_ITEM_INVALID,
                field="portfolio_item_ids",
            )
        if not items and not work_sample_link:
            raise _invalid(
                "Attach at least one portfolio item or a link to a work sample.",
                code=codes.EVIDENCE_REQUIRED,
                field="portfolio_item_ids",
            )
        questions = task.questions or []
        if len(answers) != len(questions) or any(
            not isinstance(a, str) or not a.strip() or len(a) > MAX_ANSWER_LENGTH for a in answers
        ):
            raise _invalid(
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
        notification_send(
            recipient=task.mentor,
            kind="application_new",
            title=f"{_display(drafter)} applied to “{task.title}”",
            body="Their note and work are waiting for you.",
            url=f"/applications/{application.pk}/",
        )
    return application


def _application_lock(*, application_id: int, user: User, as_mentor: bool) -> Application:
    """Lock the task, then the application (the one lock order used everywhere)."""
    lookup = {"task__mentor": user} if as_mentor else {"drafter": user}
    found = Application.objects.filter(pk=application_id, **lookup).values("task_id").first()
    if found is None:
        raise NotFound("Application not found.")
    Task.objects.select_for_update().filter(pk=found["task_id"]).first()
    return (
        Application.objects.select_for_update(of=("self",))
        .select_related("task", "drafter", "task__mentor")
        .get(pk=application_id)
    )


def _require_application_state(application: Application, *allowed: str, verb: str) -> None:
    if application.state not in allowed:
        raise Conflict(
            f"A {application.get_state_display().lower()} application cannot be {verb}.",
            code=codes.APPLICATION_STATE_INVALID,
        )


def application_withdraw(*, application_id: int, drafter: User) -> Application:
    """submitted|shortlisted -> withdrawn, by the drafter."""
    with transaction.atomic():
        application = _application_lock(
            application_id=application_id, user=drafter, as_mentor=False
        )
        _require_application_state(application, *PENDING_APPLICATION_STATES, verb="withdrawn")
        application.state = Application.State.WITHDRAWN
        application.save(update_fields=["state", "updated_at"])
    return application


def application_shortlist(*, application_id: int, mentor: User) -> Application:
    """submitted -> shortlisted."""
    with transaction.atomic():
        application = _application_lock(application_id=application_id, user=mentor, as_mentor=True)
        _require_application_state(application, Application.State.SUBMITTED, verb="shortlisted")
        application.state = Application.State.SHORTLISTED
        application.save(update_fields=["state", "updated_at"])
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
        _require_application_state(application, *PENDING_APPLICATION_STATES, verb="declined")
        application.state = Application.State.DECLINED
        application.decline_note = note.strip()[:1000]
        application.save(update_fields=["state", "decline_note", "updated_at"])
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
        _require_application_state(application, *PENDING_APPLICATION_STATES, verb="accepted")
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
        if paid:
            stipends.stipend_on_engagement_accepted(engagement=engagement)
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
            _decline_pending(task=task, note=KIND_FULL_NOTE)
    return engagement


# --- Engagements -----------------------------------------------------------------------------


def _engagement_lock(*, engagement_id: int, user: User, role: str) -> Engagement:
    lookup = {
        "mentor": {"mentor": user},
        "drafter": {"drafter": user},
    }.get(role)
    qs = Engagement.objects.filter(pk=engagement_id)
    if lookup is not None:
        qs = qs.filter(**lookup)
    else:
        qs = qs.filter(mentor=user) | qs.filter(drafter=user)
    found = qs.values("task_id").first()
    if found is None:
        raise NotFound("Engagement not found.")
    Task.objects.select_for_update().filter(pk=found["task_id"]).first()
    return (
        Engagement.objects.select_for_update(of=("self",))
        .select_related("task", "mentor", "drafter")
        .get(pk=engagement_id)
    )


def _require_engagement_state(engagement: Engagement, *allowed: str, verb: str) -> None:
    if engagement.state not in allowed:
        raise Conflict(
            f"An engagement that is {engagement.get_state_display().lower()} cannot be {verb}.",
            code=codes.ENGAGEMENT_STATE_INVALID,
        )


def engagement_activate_after_funding(*, engagement_id: int) -> Engagement:
    """awaiting_funding -> active once the stipend is paid (called by the Stripe webhook).

    Idempotent: a repeated or late event finds the engagement already active and changes nothing.
    """
    with transaction.atomic():
        engagement = (
            Engagement.objects.select_for_update(of=("self",))
            .select_related("task", "drafter", "mentor")
            .filter(pk=engagement_id)
            .first()
        )
        if engagement is None:
            raise NotFound("Engagement not found.")
        if engagement.state != Engagement.State.AWAITING_FUNDING:
            return engagement  # already moved on: webhooks only move forward
        engagement.state = Engagement.State.ACTIVE
        engagement.started_at = timezone.now()
        engagement.save(update_fields=["state", "started_at", "updated_at"])
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
        raise _invalid(
            "Add a link or a file with your work.", code=codes.DELIVERABLE_REQUIRED, field="link"
        )
    if file is not None:
        upload_validate(file=file, field="file")
    with transaction.atomic():
        engagement = _engagement_lock(engagement_id=engagement_id, user=drafter, role="drafter")
        _require_engagement_state(engagement, Engagement.State.ACTIVE, verb="delivered")
        deliverable = Deliverable(
            engagement=engagement, submitted_by=drafter, link=link, note=note.strip()
        )
        if file is not None:
            name = getattr(file, "name", "") or "deliverable"
            deliverable.file_name = name.rsplit("/", 1)[-1][:200]
            deliverable.file.save(deliverable.file_name, file, save=False)
        deliverable.save()
        engagement.state = Engagement.State.DELIVERED
        engagement.delivered_at = timezone.now()
        engagement.save(update_fields=["state", "delivered_at", "updated_at"])
        notification_send(
            recipient=engagement.mentor,
            kind="engagement_delivered",
            title=f"{_display(drafter)} delivered “{engagement.task.title}”",
            body="Review the work, then approve it or ask for a revision.",
            url=f"/engagements/{engagement.pk}/",
        )
    return deliverable


def engagement_request_revision(*, engagement_id: int, mentor: User, comment: str) -> Engagement:
    """delivered -> active, with a comment on what to change."""
    comment = comment.strip()
    if not comment:
        raise _invalid("Say what should change.", code=codes.COMMENT_REQUIRED, field="comment")
    with transaction.atomic():
        engagement = _engagement_lock(engagement_id=engagement_id, user=mentor, role="mentor")
        _require_engagement_state(
            engagement, Engagement.State.DELIVERED, verb="sent back for revision"
        )
        latest = engagement.deliverables.order_by("-id").first()
        if latest is not None:
            latest.revision_comment = comment[:2000]
            latest.revision_requested_at = timezone.now()
            latest.save(update_fields=["revision_comment", "revision_requested_at", "updated_at"])
        engagement.state = Engagement.State.ACTIVE
        engagement.save(update_fields=["state", "updated_at"])
        notification_send(
            recipient=engagement.drafter,
            kind="engagement_revision",
            title=f"A revision was requested on “{engagement.task.title}”",
            body=comment,
            url=f"/engagements/{engagement.pk}/",
        )
    return engagement


def engagement_approve(*, engagement_id: int, mentor: User) -> Engagement:
    """delivered -> completed: the work becomes verified experience on the drafter's profile."""
    with transaction.atomic():
        engagement = _engagement_lock(engagement_id=engagement_id, user=mentor, role="mentor")
        _require_engagement_state(engagement, Engagement.State.DELIVERED, verb="approved")
        engagement.state = Engagement.State.COMPLETED
        engagement.completed_at = timezone.now()
        engagement.save(update_fields=["state", "completed_at", "updated_at"])
        # A paid task's stipend is released: one Payout row now, the Transfer after commit.
        stipends.stipend_on_engagement_approved(engagement=engagement)
        notification_send(
            recipient=engagement.drafter,
            kind="engagement_approved",
            title=f"Your work on “{engagement.task.title}” was approved",
            body="It now shows as verified experience on your profile. Leave feedback and thanks.",
            url=f"/engagements/{engagement.pk}/",
        )
        introductions = Introduction.objects.filter(
            task=engagement.task, drafter=engagement.drafter, state=Introduction.State.ACCEPTED
        ).select_related("introducer")
        for introduction in introductions:
            notification_send(
                recipient=introduction.introducer,
                kind="introduction_credited",
                title=f"Your introduction led to a finished draft: “{engagement.task.title}”",
                body="You are credited on the drafter's profile. Thank you for connecting people.",
                url=f"/engagements/{engagement.pk}/",
                email=False,
            )
    return engagement


def engagement_cancel(*, engagement_id: int, user: User, reason: str) -> Engagement:
    """awaiting_funding|active|delivered -> cancelled, by either side, with a reason.

    The slot is given back so the mentor can accept someone else.
    """
    reason = reason.strip()
    if not reason:
        raise _invalid(
            "Give a short reason; the other person will see it.",
            code=codes.REASON_REQUIRED,
            field="reason",
        )
    with transaction.atomic():
        engagement = _engagement_lock(engagement_id=engagement_id, user=user, role="either")
        _require_engagement_state(
            engagement,
            Engagement.State.AWAITING_FUNDING,
            Engagement.State.ACTIVE,
            Engagement.State.DELIVERED,
            verb="cancelled",
        )
        engagement.state = Engagement.State.CANCELLED
        engagement.cancelled_at = timezone.now()
        engagement.cancelled_by = user
        engagement.cancel_reason = reason[:1000]
        engagement.save(
            update_fields=["state", "cancelled_at", "cancelled_by", "cancel_reason", "updated_at"]
        )
        Task.objects.filter(pk=engagement.task_id, filled_slots__gt=0).update(
            filled_slots=F("filled_slots") - 1
        )
        # Money back to the mentor when the stipend was funded (refund after commit).
        stipends.stipend_on_engagement_cancelled(engagement=engagement)
        other = engagement.drafter if user.pk == engagement.mentor_id else engagement.mentor
        notification_send(
            recipient=other,
            kind="engagement_cancelled",
            title=f"“{engagement.task.title}” was cancelled",
            body=reason,
            url=f"/engagements/{engagement.pk}/",
        )
    return engagement


# --- Messages --------------------------------------------------------------------------------


def _message_rate_check(user: User) -> None:
    key = f"message-rate:{user.pk}:{int(timezone.now().timestamp() // 60)}"
    cache.add(key, 0, timeout=120)
    if cache.incr(key) > settings.MESSAGE_RATE_PER_MINUTE:
        raise DomainError(
            "You are sending messages very quickly; wait a minute and try again.",
            code=codes.MESSAGE_RATE_LIMITED,
            status_code=429,
        )


def message_send(
    *,
    sender: User,
    body: str,
    application_id: int | None = None,
    engagement_id: int | None = None,
) -> Message:
    """Write in the thread of an application or an engagement you are one of the two people in."""
    body = body.strip()
    if not body:
        raise _invalid("Write something first.", code=codes.MESSAGE_EMPTY, field="body")
    if len(body) > MESSAGE_MAX_LENGTH:
        raise _invalid(
            f"Keep messages to {MESSAGE_MAX_LENGTH} characters.",
            code=codes.MESSAGE_TOO_LONG,
            field="body",
        )
    if application_id is not None:
        application = (
            Application.objects.filter(pk=application_id)
            .filter(_participant_q(sender, mentor_path="task__mentor"))
            .select_related("task")
            .first()
        )
        if application is None:
            raise NotFound("Conversation not found.")
        if application.state == Application.State.WITHDRAWN:
            raise Conflict("This application was withdrawn.", code=codes.THREAD_CLOSED)
        mentor_id, drafter_id = application.task.mentor_id, application.drafter_id
        thread = {"application": application}
        url, title = f"/applications/{application.pk}/", application.task.title
    else:
        engagement = (
            Engagement.objects.filter(pk=engagement_id)
            .filter(_participant_q(sender, mentor_path="mentor"))
            .select_related("task")
            .first()
        )
        if engagement is None:
            raise NotFound("Conversation not found.")
        mentor_id, drafter_id = engagement.mentor_id, engagement.drafter_id
        thread = {"engagement": engagement}
        url, title = f"/engagements/{engagement.pk}/", engagement.task.title
    _message_rate_check(sender)
    recipient_id = drafter_id if sender.pk == mentor_id else mentor_id
    recipient = User.objects.get(pk=recipient_id)
    with transaction.atomic():
        message = Message.objects.create(sender=sender, recipient=recipient, body=body, **thread)
        notification_send(
            recipient=recipient,
            kind="message",
            title=f"New message from {_display(sender)} about “{title}”",
            body=body[:280],
            url=url,
        )
    return message


def _participant_q(user: User, *, mentor_path: str) -> Q:
    return Q(**{mentor_path: user}) | Q(drafter=user)


def messages_mark_read(
    *, user: User, application_id: int | None = None, engagement_id: int | None = None
) -> int:
    """Mark the messages sent to `user` in one thread as read; returns how many changed."""
    thread = (
        {"application_id": application_id}
        if application_id is not None
        else {"engagement_id": engagement_id}
    )
    return Message.objects.filter(recipient=user, read_at__isnull=True, **thread).update(
        read_at=timezone.now()
    )


# --- Feedback and thanks ---------------------------------------------------------------------


def feedback_submit(
    *,
    engagement_id: int,
    author: User,
    rating: int,
    text: str = "",
    competencies: dict[str, int] | None = None,
    endorsed_skill_ids: Iterable[int] = (),
    endorsement: str = "",
) -> Feedback:
    """Each side writes once after completion. Competency ratings and skill endorsements are
    the mentor's to give."""
    competencies = dict(competencies or {})
    endorsed_skill_ids = sorted(set(endorsed_skill_ids))
    with transaction.atomic():
        engagement = _engagement_lock(engagement_id=engagement_id, user=author, role="either")
        if engagement.state != Engagement.State.COMPLETED:
            raise Conflict("Feedback opens once the work is approved.", code=codes.FEEDBACK_NOT_YET)
        is_mentor = author.pk == engagement.mentor_id
        if not 1 <= int(rating) <= 5:
            raise _invalid("Rate from 1 to 5.", code=codes.FEEDBACK_INVALID, field="rating")
        if not is_mentor and (competencies or endorsed_skill_ids or endorsement):
            raise _invalid(
                "Only the mentor rates competencies and endorses skills.",
                code=codes.FEEDBACK_INVALID,
                field="competencies",
            )
        valid_keys = set(Feedback.Competency.values)
        if any(
            key not in valid_keys or not isinstance(value, int) or not 1 <= value <= 5
            for key, value in competencies.items()
        ):
            raise _invalid(
                "Rate each competency from 1 to 5.",
                code=codes.FEEDBACK_INVALID,
                field="competencies",
            )
        skills = list(engagement.task.skills.filter(id__in=endorsed_skill_ids))
        if len(skills) != len(endorsed_skill_ids):
            raise _invalid(
                "Endorse only skills the task asked for.",
                code=codes.FEEDBACK_INVALID,
                field="endorsed_skill_ids",
            )
        if Feedback.objects.filter(engagement=engagement, author=author).exists():
            raise Conflict("You have already left feedback.", code=codes.FEEDBACK_EXISTS)
        subject = engagement.drafter if is_mentor else engagement.mentor
        feedback = Feedback.objects.create(
            engagement=engagement,
            author=author,
            subject=subject,
            rating=int(rating),
            text=text.strip()[:2000],
            competencies=competencies,
            endorsement=endorsement.strip()[:300],
        )
        feedback.endorsed_skills.set(skills)
        notification_send(
            recipient=subject,
            kind="feedback",
            title=f"{_display(author)} left feedback on “{engagement.task.title}”",
            body="It shows once you have written yours (or after 14 days).",
            url=f"/engagements/{engagement.pk}/",
        )
    return feedback


def thanks_send(*, engagement_id: int, sender: User, body: str) -> ThankYouNote:
    """A thank-you note to the other side of a completed engagement (once each)."""
    body = body.strip()
    if not body or len(body) > 1000:
        raise _invalid(
            "Write a note of up to 1,000 characters.", code=codes.FEEDBACK_INVALID, field="body"
        )
    with transaction.atomic():
        engagement = _engagement_lock(engagement_id=engagement_id, user=sender, role="either")
        if engagement.state != Engagement.State.COMPLETED:
            raise Conflict("Thanks open once the work is approved.", code=codes.THANKS_NOT_YET)
        if ThankYouNote.objects.filter(engagement=engagement, sender=sender).exists():
            raise Conflict("You have already sent thanks.", code=codes.THANKS_EXISTS)
        receiver = engagement.mentor if sender.pk == engagement.drafter_id else engagement.drafter
        note = ThankYouNote.objects.create(
            engagement=engagement, sender=sender, receiver=receiver, body=body
        )
        notification_send(
            recipient=receiver,
            kind="thanks",
            title=f"{_display(sender)} thanked you for “{engagement.task.title}”",
            body=f"{body}\n\nYou can choose to show it on your profile.",
            url=f"/engagements/{engagement.pk}/",
        )
    return note


def thanks_set_shown(*, thanks_id: int, receiver: User, shown: bool) -> ThankYouNote:
    """The receiver decides whether a note appears on their public profile."""
    with transaction.atomic():
        note = ThankYouNote.objects.select_for_update().filter(pk=thanks_id, receiver=receiver)
        note = note.first()
        if note is None:
            raise NotFound("Thank-you note not found.")
        note.shown_on_profile = shown
        note.save(update_fields=["shown_on_profile", "updated_at"])
    return note


# --- Introductions ---------------------------------------------------------------------------


def introduction_create(
    *, introducer: User, task_id: int, drafter_handle: str, note: str
) -> Introduction:
    """Point a drafter to an open task. The drafter decides; the mentor sees it only then."""
    note = note.strip()
    if not note or len(note) > 500:
        raise _invalid(
            "Write a short note (up to 500 characters).",
            code=codes.INTRODUCTION_INVALID,
            field="note",
        )
    profile = Profile.objects.select_related("user").filter(handle=drafter_handle).first()
    if profile is None:
        raise _invalid(
            "Nobody has that handle.", code=codes.INTRODUCTION_INVALID, field="drafter_handle"
        )
    drafter = profile.user
    task = (
        Task.objects.filter(task_visible_q(introducer), pk=task_id, state=Task.State.OPEN)
        .select_related("mentor")
        .first()
    )
    if task is None:
        raise NotFound("Task not found.")
    if drafter.pk in (introducer.pk, task.mentor_id):
        raise _invalid(
            "Introduce someone else to a task that is not theirs.",
            code=codes.INTRODUCTION_INVALID,
            field="drafter_handle",
        )
    try:
        with transaction.atomic():
            introduction = Introduction.objects.create(
                task=task, drafter=drafter, introducer=introducer, note=note
            )
            notification_send(
                recipient=drafter,
                kind="introduction",
                title=f"{_display(introducer)} thinks you would be good for “{task.title}”",
                body=note,
                url=f"/tasks/{task.pk}/",
            )
    except IntegrityError as error:
        raise Conflict(
            "You have already introduced this person to this task.",
            code=codes.INTRODUCTION_EXISTS,
        ) from error
    return introduction


def introduction_respond(*, introduction_id: int, drafter: User, accept: bool) -> Introduction:
    """pending -> accepted|declined, by the drafter. Accepting tells the mentor."""
    with transaction.atomic():
        introduction = (
            Introduction.objects.select_for_update(of=("self",))
            .select_related("task", "task__mentor", "introducer")
            .filter(pk=introduction_id, drafter=drafter)
            .first()
        )
        if introduction is None:
            raise NotFound("Introduction not found.")
        if introduction.state != Introduction.State.PENDING:
            raise Conflict(
                "You have already answered this introduction.",
                code=codes.INTRODUCTION_STATE_INVALID,
            )
        introduction.state = Introduction.State.ACCEPTED if accept else Introduction.State.DECLINED
        introduction.responded_at = timezone.now()
        introduction.save(update_fields=["state", "responded_at", "updated_at"])
        if accept:
            notification_send(
                recipient=introduction.task.mentor,
                kind="introduction",
                title=(
                    f"{_display(introduction.introducer)} introduced {_display(drafter)} "
                    f"to “{introduction.task.title}”"
                ),
                body=introduction.note,
                url=f"/tasks/{introduction.task_id}/",
            )
    return introduction


# --- Notifications ---------------------------------------------------------------------------


def notifications_mark_read(*, user: User, ids: Iterable[int] | None = None) -> int:
    """Mark the given notifications (or all) of `user` read; other people's ids are ignored."""
    qs = Notification.objects.filter(recipient=user, read_at__isnull=True)
    if ids is not None:
        qs = qs.filter(id__in=list(ids))
    return qs.update(read_at=timezone.now())
