"""Report-back: what a completed draft led to, told by either side ("thank you, part 2")."""

from django.db import IntegrityError, transaction
from django.db.models import Q

from accounts.models import User
from accounts.services.notifications import notification_send
from marketplace.errors import NotFound, field_error
from marketplace.events import student_activity_changed
from projects import error_codes as codes
from projects.models import Engagement, ReportBack
from projects.people import display_name
from projects.transitions import (
    engagement_role_of,
    guard_report_back_not_given,
    guard_require,
    transition_require,
)

NOTE_MAX_LENGTH = 2000


def report_back_create(
    *, engagement_id: int, author: User, outcomes: list[str], note: str = ""
) -> ReportBack:
    """Record what the draft led to. Once per side, after completion; the other side hears."""
    engagement = (
        Engagement.objects.select_related("task", "mentor", "drafter")
        .filter(Q(mentor=author) | Q(drafter=author), pk=engagement_id)
        .first()
    )
    if engagement is None:
        raise NotFound("Engagement not found.")
    transition_require(engagement, "report_back", role=engagement_role_of(engagement, user=author))
    outcomes = list(dict.fromkeys(outcomes))
    if any(outcome not in ReportBack.Outcome.values for outcome in outcomes):
        raise field_error(
            "Pick outcomes from the list.", code=codes.REPORT_BACK_INVALID, field="outcomes"
        )
    note = note.strip()
    if not outcomes and not note:
        raise field_error(
            "Pick an outcome or write a few words.", code=codes.REPORT_BACK_INVALID, field="note"
        )
    if len(note) > NOTE_MAX_LENGTH:
        raise field_error(
            f"Keep it to {NOTE_MAX_LENGTH} characters.",
            code=codes.REPORT_BACK_INVALID,
            field="note",
        )
    given = ReportBack.objects.filter(engagement=engagement, author=author).exists()
    guard_require(guard_report_back_not_given(given=given))
    other = engagement.mentor if author.pk == engagement.drafter_id else engagement.drafter
    try:
        with transaction.atomic():
            report = ReportBack.objects.create(
                engagement=engagement, author=author, outcomes=outcomes, note=note
            )
            # Outcome counters of a consenting office's summary move in this transaction.
            student_activity_changed(user_ids=[engagement.drafter_id], what="report_back")
            notification_send(
                recipient=other,
                kind="report_back_new",
                title=f"{display_name(author)} reported back on “{engagement.task.title}”",
                body=note[:300],
                url=f"/engagements/{engagement.pk}/",
            )
    except IntegrityError:  # a double click that raced past the guard
        guard_require(guard_report_back_not_given(given=True))
        raise
    return report
