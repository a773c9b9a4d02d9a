"""Task use cases: create, edit, and the task's transitions (projects/transitions/)."""

from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from accounts.models import Institution, Skill, User
from accounts.selectors.email_addresses import user_email_verified_require
from marketplace.errors import NotFound, field_error
from marketplace.events import student_activity_changed
from projects import error_codes as codes
from projects import locks
from projects.models import (
    Engagement,
    Task,
)
from projects.response_rates import mentor_response_rates_store
from projects.services.applications import TASK_CANCELLED_NOTE, applications_decline_pending
from projects.transitions import (
    MENTOR,
    guard_display_name_set,
    guard_no_applications,
    guard_require,
    guard_stipend_unchanged,
    transition_require,
    transition_target,
)

STIPEND_MIN_MINOR = 100


MAX_QUESTIONS = 3


MAX_QUESTION_LENGTH = 300


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
    "level",
}


def task_rules_check(task: Task) -> None:
    """Business rules every saved task obeys, whoever writes it (API, admin, seeder)."""
    if task.stipend_amount is not None:
        if not STIPEND_MIN_MINOR <= task.stipend_amount <= settings.STIPEND_MAX_MINOR:
            raise field_error(
                f"A stipend must be between {STIPEND_MIN_MINOR} and "
                f"{settings.STIPEND_MAX_MINOR} (in cents).",
                code=codes.STIPEND_OUT_OF_RANGE,
                field="stipend_amount",
            )
    elif not task.what_you_gain.strip():
        raise field_error(
            "An unpaid task must say what the drafter will gain.",
            code=codes.WHAT_YOU_GAIN_REQUIRED,
            field="what_you_gain",
        )
    if not task.is_remote and not task.location.strip():
        raise field_error(
            "Give a location, or mark the task as remote.",
            code=codes.TASK_INVALID,
            field="location",
        )
    questions = task.questions or []
    if len(questions) > MAX_QUESTIONS or any(
        not isinstance(q, str) or not q.strip() or len(q) > MAX_QUESTION_LENGTH for q in questions
    ):
        raise field_error(
            f"Ask at most {MAX_QUESTIONS} questions of at most {MAX_QUESTION_LENGTH} characters.",
            code=codes.TASK_INVALID,
            field="questions",
        )
    if task.slots < max(1, task.filled_slots):
        raise field_error(
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
        # Like a path naming a missing object: 404 (the request itself is well formed).
        message = "One or more of the chosen institutions do not exist."
        raise NotFound(message, code=codes.TASK_INVALID, fields={"institution_ids": [message]})
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
    task_rules_check(task)
    with transaction.atomic():
        task.save()
        _task_set_skills(task, skill_ids)
        _task_set_institutions(task, institution_ids)
        # Skills, hours and stipend of a task count in its applicants' career-office figures.
        student_activity_changed(
            user_ids=set(task.applications.values_list("drafter_id", flat=True)), what="task"
        )
        # The response rate counts the mentor's newest tasks: a new one pushes the oldest out.
        mentor_response_rates_store(mentor_ids={mentor.pk})
    return task


def _task_lock_for_mentor(*, task_id: int, mentor: User) -> Task:
    task = locks.task_lock(task_id=task_id, mentor=mentor)
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
        transition_require(task, "edit", role=MENTOR)
        guard_require(guard_stipend_unchanged(task, data=data))
        seen_before = _task_seen_by_offices(task)
        for name, value in data.items():
            setattr(task, name, value)
        task_rules_check(task)
        task.save()
        _task_set_skills(task, skill_ids)
        _task_set_institutions(task, institution_ids)
        if _task_seen_by_offices(task) != seen_before:
            _task_drafters_changed(task)
    return task


def _task_seen_by_offices(task: Task) -> tuple[str, int | None, tuple[int, ...]]:
    """What a career office reads of a task through its students (their skills in the CSV and
    top skills, the engagement's title and hours): a change is news to its `updated_since`."""
    skills = tuple(sorted(task.skills.values_list("pk", flat=True)))
    return (task.title, task.estimated_hours, skills)


def _task_drafters_changed(task: Task) -> None:
    """Restamp the change time of the task's applicants (and recompute their cells) and of its
    engagements, so an office's next incremental sync reads the new skills and wording."""
    student_activity_changed(
        user_ids=set(task.applications.values_list("drafter_id", flat=True)), what="task"
    )
    Engagement.objects.filter(task=task).update(updated_at=timezone.now())


def _task_transition(*, task_id: int, mentor: User, action: str) -> Task:
    task = _task_lock_for_mentor(task_id=task_id, mentor=mentor)
    task.state = transition_target(task, action, role=MENTOR)
    return task


def task_publish(*, task_id: int, mentor: User) -> Task:
    """draft -> open: the task appears in browse and search (its mentor's e-mail address is
    confirmed: drafters will write to it)."""
    user_email_verified_require(user=mentor, action="post a task")
    with transaction.atomic():
        task = _task_transition(task_id=task_id, mentor=mentor, action="publish")
        guard_require(guard_display_name_set(mentor, action="publish a task"))
        if task.deadline and task.deadline < timezone.localdate():
            raise field_error(
                "The deadline has passed; choose a later one before publishing.",
                code=codes.TASK_INVALID,
                field="deadline",
            )
        task_rules_check(task)
        task.published_at = timezone.now()
        task.save(update_fields=["state", "published_at", "updated_at"])
    return task


def task_close(*, task_id: int, mentor: User) -> Task:
    """open -> closed: no new applications; pending ones can still be accepted."""
    with transaction.atomic():
        task = _task_transition(task_id=task_id, mentor=mentor, action="close")
        task.save(update_fields=["state", "updated_at"])
    return task


def task_archive(*, task_id: int, mentor: User) -> Task:
    """closed -> archived: off the mentor's dashboard, kept for the record."""
    with transaction.atomic():
        task = _task_transition(task_id=task_id, mentor=mentor, action="archive")
        task.save(update_fields=["state", "updated_at"])
    return task


def task_cancel(*, task_id: int, mentor: User) -> Task:
    """draft|open -> cancelled. Pending applicants are told kindly; the task stays on record."""
    with transaction.atomic():
        task = _task_transition(task_id=task_id, mentor=mentor, action="cancel")
        task.save(update_fields=["state", "updated_at"])
        applications_decline_pending(
            task=task,
            note=TASK_CANCELLED_NOTE,
        )
    return task


def task_delete(*, task_id: int, mentor: User) -> None:
    """Only a draft nobody has applied to may disappear; anything else is kept (cancel it)."""
    with transaction.atomic():
        task = _task_lock_for_mentor(task_id=task_id, mentor=mentor)
        transition_require(task, "delete", role=MENTOR)
        guard_require(guard_no_applications(has_applications=task.applications.exists()))
        task.delete()
        mentor_response_rates_store(mentor_ids={mentor.pk})  # an older task counts again
