"""Feedback and thanks after an engagement is completed."""

from collections.abc import Iterable
from datetime import datetime

from django.db import transaction
from django.db.models import Exists, F, OuterRef
from django.utils import timezone

from accounts.models import Notification, User, UserSkill
from accounts.services.notifications import (
    notification_send,
    notifications_resolve,
    notifications_rewrite,
)
from accounts.services.skills import MAX_SKILLS_PER_USER
from marketplace.errors import NotFound, field_error
from marketplace.events import student_activity_changed
from projects import error_codes as codes
from projects import locks
from projects.feedback_rules import (
    FEEDBACK_BLIND_PERIOD,
    FEEDBACK_BOTH_WRITTEN,
    approval_notice_body,
)
from projects.limits import text_limit, text_within_limit
from projects.models import (
    Engagement,
    Feedback,
    ThankYouNote,
)
from projects.people import display_name
from projects.services.engagements import engagement_lock_for
from projects.transitions import (
    engagement_role_of,
    guard_feedback_not_given,
    guard_require,
    guard_thanks_not_given,
    transition_require,
)

# Notices whose point is "leave your feedback" (the approval notice, and the other side's
# "they left feedback" notice): both are resolved once the recipient has written theirs.
FEEDBACK_PROMPT_KINDS = ("engagement_approved", "feedback")


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
    text = text_within_limit(text.strip(), model=Feedback, field="text")
    endorsement = text_within_limit(endorsement.strip(), model=Feedback, field="endorsement")
    with transaction.atomic():
        engagement = engagement_lock_for(engagement_id=engagement_id, user=author)
        role = engagement_role_of(engagement, user=author)
        transition_require(engagement, "feedback", role=role)
        is_mentor = author.pk == engagement.mentor_id
        if not 1 <= int(rating) <= 5:
            raise field_error("Rate from 1 to 5.", code=codes.FEEDBACK_INVALID, field="rating")
        if not is_mentor and (competencies or endorsed_skill_ids or endorsement):
            raise field_error(
                "Only the mentor rates competencies and endorses skills.",
                code=codes.FEEDBACK_INVALID,
                field="competencies",
            )
        valid_keys = set(Feedback.Competency.values)
        if any(
            key not in valid_keys or not isinstance(value, int) or not 1 <= value <= 5
            for key, value in competencies.items()
        ):
            raise field_error(
                "Rate each competency from 1 to 5.",
                code=codes.FEEDBACK_INVALID,
                field="competencies",
            )
        skills = list(engagement.task.skills.filter(id__in=endorsed_skill_ids))
        if len(skills) != len(endorsed_skill_ids):
            raise field_error(
                "Endorse only skills the task asked for.",
                code=codes.FEEDBACK_INVALID,
                field="endorsed_skill_ids",
            )
        given = Feedback.objects.filter(engagement=engagement, author=author).exists()
        guard_require(guard_feedback_not_given(given=given))
        subject = engagement.drafter if is_mentor else engagement.mentor
        feedback = Feedback.objects.create(
            engagement=engagement,
            author=author,
            subject=subject,
            rating=int(rating),
            text=text,
            competencies=competencies,
            endorsement=endorsement,
        )
        feedback.endorsed_skills.set(skills)
        other = Feedback.objects.filter(engagement=engagement, author=subject).first()
        mentor_feedback = feedback if is_mentor else other
        if other is not None and mentor_feedback is not None:
            # Both have written, so the endorsement is no longer blind: the skills it names
            # become the drafter's own (profile, settings, completeness and matching agree).
            endorsed_skills_adopt(feedback=mentor_feedback)
        # The notices that asked the author to write it ("leave feedback", "theirs shows once
        # you have written yours") are answered now: they stop counting as something to do.
        notifications_resolve(
            user=author,
            url=f"/engagements/{engagement.pk}/",
            kinds=FEEDBACK_PROMPT_KINDS,
        )
        _notices_rewrite(engagement, user=author)
        # Ratings reach a consenting office (evaluations, first-destination export).
        student_activity_changed(user_ids=[engagement.drafter_id], what="feedback")
        # Feedback is double-blind: "it shows once you have written yours" is true only for
        # someone who has not; to the one who has, both now show.
        theirs_given = Feedback.objects.filter(engagement=engagement, author=subject).exists()
        notification_send(
            recipient=subject,
            kind="feedback",
            title=f"{display_name(author)} left feedback on “{engagement.task.title}”",
            body=(
                FEEDBACK_BOTH_WRITTEN
                if theirs_given
                else "It shows once you have written yours "
                f"(or after {FEEDBACK_BLIND_PERIOD.days} days)."
            ),
            url=f"/engagements/{engagement.pk}/",
        )
    return feedback


def endorsed_skills_adopt(*, feedback: Feedback) -> int:
    """Add the skills a mentor endorsed to the drafter's skills (at "working" level, which
    they can change in Settings); skills already listed keep their level. Returns how many
    were added. Only called once the endorsement is visible, so it never breaks the blind."""
    drafter_id = feedback.subject_id
    held = set(UserSkill.objects.filter(user_id=drafter_id).values_list("skill_id", flat=True))
    room = max(0, MAX_SKILLS_PER_USER - len(held))
    new = [s.pk for s in feedback.endorsed_skills.all() if s.pk not in held][:room]
    UserSkill.objects.bulk_create(
        [UserSkill(user_id=drafter_id, skill_id=skill_id) for skill_id in new],
        ignore_conflicts=True,
    )
    return len(new)


ENDORSEMENT_SHOWN_KIND = "endorsement_shown"


def endorsements_adopt_due(*, now: datetime | None = None, batch: int = 500) -> int:
    """Hourly: endorsements whose blind period ended without the drafter's feedback are visible
    now, so their skills become the drafter's (as they do at once when both have written). A
    quiet in-app notice says so and marks the endorsement done: a skill the person later removes
    is never put back. Returns how many endorsements were handled."""
    now = now or timezone.now()
    candidates = list(
        Feedback.objects.filter(
            author_id=F("engagement__mentor_id"),
            engagement__state=Engagement.State.COMPLETED,
            engagement__completed_at__lte=now - FEEDBACK_BLIND_PERIOD,
            endorsed_skills__isnull=False,
        )
        # With the drafter's feedback written, feedback_submit adopted them already.
        .exclude(
            Exists(
                Feedback.objects.filter(
                    engagement_id=OuterRef("engagement_id"),
                    author_id=OuterRef("engagement__drafter_id"),
                )
            )
        )
        .select_related("engagement__task", "author__profile")
        .prefetch_related("endorsed_skills")
        .distinct()
        .order_by("id")[: batch * 4]
    )
    urls = {f"/engagements/{f.engagement_id}/" for f in candidates}
    done = set(
        Notification.objects.filter(kind=ENDORSEMENT_SHOWN_KIND, url__in=urls).values_list(
            "recipient_id", "url"
        )
    )
    handled = 0
    for feedback in candidates:
        url = f"/engagements/{feedback.engagement_id}/"
        if (feedback.subject_id, url) in done:
            continue
        with transaction.atomic():
            endorsed_skills_adopt(feedback=feedback)
            names = ", ".join(s.name for s in feedback.endorsed_skills.all())
            notification_send(
                recipient=feedback.subject,
                kind=ENDORSEMENT_SHOWN_KIND,
                title=f"{display_name(feedback.author)} endorsed your {names}",
                body=f"For “{feedback.engagement.task.title}”. The endorsement shows on your "
                "profile, and the skills are in your list: set your level in Settings.",
                url=url,
                email=False,
            )
        handled += 1
        if handled >= batch:
            break
    return handled


def thanks_send(*, engagement_id: int, sender: User, body: str) -> ThankYouNote:
    """A thank-you note to the other side of a completed engagement (once each)."""
    body = body.strip()
    limit = text_limit(ThankYouNote, "body")
    if not body or len(body) > limit:
        raise field_error(
            f"Write a note of up to {limit:,} characters.",
            code=codes.FEEDBACK_INVALID,
            field="body",
        )
    with transaction.atomic():
        engagement = engagement_lock_for(engagement_id=engagement_id, user=sender)
        transition_require(engagement, "thanks", role=engagement_role_of(engagement, user=sender))
        given = ThankYouNote.objects.filter(engagement=engagement, sender=sender).exists()
        guard_require(guard_thanks_not_given(given=given))
        receiver = engagement.mentor if sender.pk == engagement.drafter_id else engagement.drafter
        note = ThankYouNote.objects.create(
            engagement=engagement, sender=sender, receiver=receiver, body=body
        )
        notification_send(
            recipient=receiver,
            kind="thanks",
            title=f"{display_name(sender)} thanked you for “{engagement.task.title}”",
            body=f"{body}\n\nYou can choose to show it on your profile.",
            url=f"/engagements/{engagement.pk}/",
        )
        _notices_rewrite(engagement, user=sender)
    return note


def _notices_rewrite(engagement: Engagement, *, user: User) -> None:
    """Make `user`'s notices about this engagement say what is still true now that they wrote
    feedback or thanks (the inbox keeps read notices, so their words must not go stale)."""
    url = f"/engagements/{engagement.pk}/"
    feedback_given = Feedback.objects.filter(engagement=engagement, author=user).exists()
    if feedback_given:
        notifications_rewrite(user=user, url=url, kind="feedback", body=FEEDBACK_BOTH_WRITTEN)
    if user.pk == engagement.drafter_id:
        thanks_given = ThankYouNote.objects.filter(engagement=engagement, sender=user).exists()
        notifications_rewrite(
            user=user,
            url=url,
            kind="engagement_approved",
            body=approval_notice_body(feedback_given=feedback_given, thanks_given=thanks_given),
        )


def thanks_set_shown(*, thanks_id: int, receiver: User, shown: bool) -> ThankYouNote:
    """The receiver decides whether a note appears on their public profile."""
    with transaction.atomic():
        note = locks.thanks_lock(thanks_id=thanks_id, receiver=receiver)
        if note is None:
            raise NotFound("Thank-you note not found.")
        note.shown_on_profile = shown
        note.save(update_fields=["shown_on_profile", "updated_at"])
    return note
