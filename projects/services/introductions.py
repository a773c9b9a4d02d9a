"""Introductions: anyone can point a drafter to an open task; the drafter decides."""

from django.db import IntegrityError, transaction
from django.utils import timezone

from accounts.models import Profile, User
from accounts.services.notifications import notification_send
from marketplace.errors import Conflict, NotFound, field_error
from projects import error_codes as codes
from projects import locks
from projects.models import (
    Introduction,
    Task,
)
from projects.people import display_name
from projects.visibility import task_visible_q


def introduction_create(
    *, introducer: User, task_id: int, drafter_handle: str, note: str
) -> Introduction:
    """Point a drafter to an open task. The drafter decides; the mentor sees it only then."""
    note = note.strip()
    if not note or len(note) > 500:
        raise field_error(
            "Write a short note (up to 500 characters).",
            code=codes.INTRODUCTION_INVALID,
            field="note",
        )
    profile = (
        Profile.objects.select_related("user")
        .filter(handle=drafter_handle, user__is_active=True, deleted_at__isnull=True)
        .first()
    )
    if profile is None:
        raise NotFound(
            "Nobody has that handle.",
            code=codes.INTRODUCTION_INVALID,
            fields={"drafter_handle": ["Nobody has that handle."]},
        )
    drafter = profile.user
    task = (
        Task.objects.filter(
            task_visible_q(introducer), pk=task_id, state=Task.State.OPEN, mentor__is_active=True
        )
        .select_related("mentor")
        .first()
    )
    if task is None:
        raise NotFound("Task not found.")
    if drafter.pk in (introducer.pk, task.mentor_id):
        # The request is well formed; who the people are makes it impossible (409, not 400).
        message = "Introduce someone else to a task that is not theirs."
        raise Conflict(
            message, code=codes.INTRODUCTION_NOT_ALLOWED, fields={"drafter_handle": [message]}
        )
    try:
        with transaction.atomic():
            introduction = Introduction.objects.create(
                task=task, drafter=drafter, introducer=introducer, note=note
            )
            notification_send(
                recipient=drafter,
                kind="introduction",
                title=f"{display_name(introducer)} thinks you would be good for “{task.title}”",
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
        introduction = locks.introduction_lock(introduction_id=introduction_id, drafter=drafter)
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
                    f"{display_name(introduction.introducer)} introduced {display_name(drafter)} "
                    f"to “{introduction.task.title}”"
                ),
                body=introduction.note,
                url=f"/tasks/{introduction.task_id}/",
            )
    return introduction
