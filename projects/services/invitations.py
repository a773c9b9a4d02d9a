"""Invitations: a mentor asks a discoverable drafter to apply. Not a message — the drafter
decides, by applying (the usual application) or declining."""

from django.db import IntegrityError, transaction
from django.utils import timezone

from accounts.models import Profile, User
from accounts.services.notifications import notification_send
from accounts.services.preferences import notification_preferences_get
from marketplace.errors import Conflict, NotFound, field_error
from projects import error_codes as codes
from projects import locks
from projects.matching.recommendations import task_reasons_for_drafter
from projects.models import Application, Invitation
from projects.people import display_name
from projects.transitions import MENTOR, guard_slots_left, transition_refusal, transition_require

NOTE_MAX_LENGTH = 500


def invitation_create(
    *, mentor: User, task_id: int, drafter_handle: str, note: str = ""
) -> Invitation:
    """Invite a drafter who opted in to be discoverable to apply to the mentor's open task.
    Once per drafter per task; never someone who has applied already. The invitation keeps the
    reasons the task suits the drafter, told to them."""
    note = note.strip()
    if len(note) > NOTE_MAX_LENGTH:
        raise field_error(
            f"Keep the note to {NOTE_MAX_LENGTH} characters.",
            code=codes.INVITATION_INVALID,
            field="note",
        )
    with transaction.atomic():
        task = locks.task_lock(task_id=task_id, mentor=mentor)
        if task is None:
            raise NotFound("Task not found.")
        transition_require(task, "invite", role=MENTOR)
        if guard_slots_left(task) is not None:
            # One answer for both reasons, as clients have always been told.
            raise transition_refusal(task, "invite")
        profile = (
            Profile.objects.select_related("user")
            .filter(handle=drafter_handle, deleted_at__isnull=True, user__is_active=True)
            .first()
        )
        if profile is None or profile.user_id == mentor.pk:
            raise NotFound(
                "Nobody has that handle.",
                code=codes.INVITATION_INVALID,
                fields={"drafter_handle": ["Nobody has that handle."]},
            )
        if not profile.discoverable:
            raise Conflict(
                "This drafter has not opted in to invitations.",
                code=codes.DRAFTER_NOT_DISCOVERABLE,
            )
        if Application.objects.filter(task=task, drafter_id=profile.user_id).exists():
            raise Conflict("They have already applied.", code=codes.APPLICATION_EXISTS)
        try:
            with transaction.atomic():
                invitation = Invitation.objects.create(
                    task=task,
                    drafter=profile.user,
                    mentor=mentor,
                    note=note,
                    reasons=task_reasons_for_drafter(task_id=task.pk, user=profile.user)[:8],
                )
        except IntegrityError as error:
            raise Conflict(
                "You have already invited this drafter to this task.",
                code=codes.INVITATION_EXISTS,
            ) from error
        notification_send(
            recipient=profile.user,
            kind="invitation_new",
            title=f"{display_name(mentor)} invites you to apply to “{task.title}”",
            body="You decide: apply if it suits you, or decline.",
            url="/invitations/",
            email=notification_preferences_get(user=profile.user).invitations,
        )
    return invitation


def invitation_decline(*, invitation_id: int, drafter: User) -> Invitation:
    """The drafter says no thanks. The task then leaves their recommendations."""
    with transaction.atomic():
        invitation = locks.invitation_lock(invitation_id=invitation_id, drafter=drafter)
        if invitation is None:
            raise NotFound("Invitation not found.")
        if invitation.state != Invitation.State.PENDING:
            raise Conflict(
                "This invitation was already answered.", code=codes.INVITATION_STATE_INVALID
            )
        invitation.state = Invitation.State.DECLINED
        invitation.responded_at = timezone.now()
        invitation.save(update_fields=["state", "responded_at", "updated_at"])
    return invitation
