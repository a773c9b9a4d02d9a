"""The showable-work clause: what a completed draft may show publicly.

The mentor chooses at approval (projects.services.engagements.engagement_approve); afterwards
the drafter proposes a change and the mentor confirms it, a case study is written by the
drafter and approved by the mentor, and work that is public now goes to the portfolio in one
click. Every action is allowed by projects/transitions/ and locks through projects/locks.py;
every public surface reads the clause at each request (projects/selectors/showable.py)."""

from datetime import date

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from accounts.models import PortfolioItem, User
from accounts.services.notifications import notification_send
from accounts.services.portfolio import portfolio_item_create
from marketplace.errors import Conflict, field_error
from projects import error_codes as codes
from projects.limits import text_within_limit
from projects.models import Engagement
from projects.people import display_name
from projects.selectors.showable import showable_portfolio_link
from projects.services.engagements import engagement_lock_for, showable_validate
from projects.transitions import (
    guard_not_in_portfolio,
    guard_require,
    showable_effective,
    showable_unavailable,
    transition_require,
)

CASE_STUDY_MAX_LENGTH = 3000
Showable = Engagement.Showable


def showable_apply(
    engagement: Engagement, *, showable: str, show_after: date | None, public_title: str
) -> list[str]:
    """Set the clause on a locked engagement; returns the fields changed, for `save`."""
    engagement.showable = showable
    engagement.show_after = showable_validate(showable=showable, show_after=show_after)
    engagement.public_title = text_within_limit(
        public_title.strip(), model=Engagement, field="public_title"
    )
    return ["showable", "show_after", "public_title"]


def _guard(engagement: Engagement, action: str, message: str, code: str) -> None:
    transition_require(engagement, action)
    if showable_unavailable(engagement, today=timezone.localdate())[action]:
        raise Conflict(message, code=code)


def showable_propose(
    *,
    engagement_id: int,
    drafter: User,
    showable: str,
    show_after: date | None = None,
    public_title: str = "",
) -> Engagement:
    """The drafter asks for a different clause; nothing changes until the mentor confirms."""
    show_after = showable_validate(showable=showable, show_after=show_after)
    public_title = text_within_limit(
        public_title.strip(), model=Engagement, field="public_title_proposed"
    )
    with transaction.atomic():
        engagement = engagement_lock_for(engagement_id=engagement_id, user=drafter, role="drafter")
        transition_require(engagement, "showable_propose")
        engagement.showable_proposed = showable
        engagement.show_after_proposed = show_after
        engagement.public_title_proposed = public_title
        engagement.save(
            update_fields=[
                "showable_proposed",
                "show_after_proposed",
                "public_title_proposed",
                "updated_at",
            ]
        )
        notification_send(
            recipient=engagement.mentor,
            kind="showable_proposed",
            title=f"{display_name(drafter)} asks what they may show of “{engagement.task.title}”",
            body=f"Proposed: {Showable(showable).label}. Confirm it on the engagement page.",
            url=f"/engagements/{engagement.pk}/",
        )
    return engagement


def showable_confirm(*, engagement_id: int, mentor: User) -> Engagement:
    """The mentor accepts the drafter's proposal; it applies from the next request."""
    with transaction.atomic():
        engagement = engagement_lock_for(engagement_id=engagement_id, user=mentor, role="mentor")
        _guard(
            engagement,
            "showable_confirm",
            "There is no proposal to confirm.",
            codes.SHOWABLE_NO_PROPOSAL,
        )
        changed = showable_apply(
            engagement,
            showable=engagement.showable_proposed,
            show_after=engagement.show_after_proposed,
            public_title=engagement.public_title_proposed or engagement.public_title,
        )
        engagement.showable_proposed = ""
        engagement.show_after_proposed = None
        engagement.public_title_proposed = ""
        engagement.save(
            update_fields=[
                *changed,
                "showable_proposed",
                "show_after_proposed",
                "public_title_proposed",
                "updated_at",
            ]
        )
        notification_send(
            recipient=engagement.drafter,
            kind="showable_confirmed",
            title=f"What you may show of “{engagement.task.title}” changed",
            body=Showable(engagement.showable).label + ".",
            url=f"/engagements/{engagement.pk}/",
        )
    return engagement


def case_study_submit(*, engagement_id: int, drafter: User, text: str) -> Engagement:
    """The drafter writes (or rewrites) the case study; it waits for the mentor's approval and
    is hidden from the public until then."""
    text = text.strip()
    if not text or len(text) > CASE_STUDY_MAX_LENGTH:
        raise field_error(
            f"Write the case study in up to {CASE_STUDY_MAX_LENGTH:,} characters.",
            code=codes.SHOWABLE_INVALID,
            field="text",
        )
    with transaction.atomic():
        engagement = engagement_lock_for(engagement_id=engagement_id, user=drafter, role="drafter")
        _guard(
            engagement,
            "case_study_submit",
            "The mentor did not choose a case study for this work.",
            codes.CASE_STUDY_NOT_ALLOWED,
        )
        engagement.case_study = text
        engagement.case_study_state = Engagement.CaseStudyState.SUBMITTED
        engagement.save(update_fields=["case_study", "case_study_state", "updated_at"])
        notification_send(
            recipient=engagement.mentor,
            kind="case_study_submitted",
            title=f"{display_name(drafter)} wrote a case study of “{engagement.task.title}”",
            body="Read it and approve it on the engagement page.",
            url=f"/engagements/{engagement.pk}/",
        )
    return engagement


def case_study_approve(*, engagement_id: int, mentor: User) -> Engagement:
    with transaction.atomic():
        engagement = engagement_lock_for(engagement_id=engagement_id, user=mentor, role="mentor")
        _guard(
            engagement,
            "case_study_approve",
            "There is no case study waiting for approval.",
            codes.CASE_STUDY_NOT_SUBMITTED,
        )
        engagement.case_study_state = Engagement.CaseStudyState.APPROVED
        engagement.save(update_fields=["case_study_state", "updated_at"])
        notification_send(
            recipient=engagement.drafter,
            kind="case_study_approved",
            title=f"Your case study of “{engagement.task.title}” was approved",
            body="It now shows on your profile and the experience page.",
            url=f"/experience/{engagement.pk}/",
        )
    return engagement


def showable_portfolio_add(*, engagement_id: int, drafter: User) -> PortfolioItem:
    """One click: the public work (the approved deliverable, or the approved case study) becomes
    a portfolio item that links to it, so the clause keeps governing what the link shows."""
    with transaction.atomic():
        engagement = engagement_lock_for(engagement_id=engagement_id, user=drafter, role="drafter")
        _guard(
            engagement,
            "portfolio_add",
            "Only work the mentor allows to be shown can go to your portfolio.",
            codes.PORTFOLIO_NOT_SHOWABLE,
        )
        title = engagement.public_title or engagement.task.title
        experience_url = f"{settings.SITE_URL}/experience/{engagement.pk}/"
        today = timezone.localdate()
        if showable_effective(engagement, today=today) == "full":
            latest = engagement.deliverables.order_by("-id").first()
            mentor = display_name(engagement.mentor)
            note = latest.note if latest is not None else ""
            description = note or f"Drafted for {mentor}, who confirmed it: {experience_url}"
        else:
            description = engagement.case_study
        link = showable_portfolio_link(engagement, today=today)
        # The same guard the engagement's allowed_actions read (projects/transitions/).
        guard_require(
            guard_not_in_portfolio(
                added=PortfolioItem.objects.filter(owner=drafter, link=link).exists()
            )
        )
        return portfolio_item_create(
            owner=drafter,
            title=title,
            description=description[:5000],
            link=link,
            skill_ids=[skill.pk for skill in engagement.task.skills.all()],
        )
