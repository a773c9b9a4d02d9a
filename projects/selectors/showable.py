"""What the showable-work clause lets the public see of a completed draft, read at each request
so an `after` embargo opens by itself on its date (projects.transitions.showable_effective)."""

from datetime import date
from typing import Any

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.db.models import Q
from django.utils import timezone
from django.utils.formats import date_format

from accounts.models import PortfolioItem, User
from marketplace.errors import NotFound
from projects.models import Deliverable, Engagement
from projects.transitions import showable_effective

Showable = Engagement.Showable


def showable_label(engagement: Engagement, *, today: date) -> str:
    """The clause in plain words, as the engagement and experience pages show it."""
    choice = engagement.showable
    if choice == Showable.FULL:
        return "The mentor allows this work to be shown publicly."
    if choice == Showable.AFTER and engagement.show_after is not None:
        when = date_format(engagement.show_after)
        if today >= engagement.show_after:
            return f"The mentor allows this work to be shown publicly since {when}."
        return f"The work is confidential until {when}; from then it may be shown publicly."
    if choice == Showable.CASE_STUDY:
        if engagement.case_study_state == Engagement.CaseStudyState.APPROVED:
            return "The work itself is confidential; this case study was approved by the mentor."
        return (
            "The work itself is confidential; a case study will show here once the mentor "
            "approves it."
        )
    return (
        "The work itself is confidential: only the title, the fact that it was done and the "
        "mentor's endorsement are shown."
    )


def showing_public(engagement: Engagement, *, today: date) -> dict[str, Any]:
    """The public part of a completed draft under its clause. `deliverables` must be
    prefetched (in id order): only the last one, the approved work, is ever shown."""
    effective = showable_effective(engagement, today=today)
    work = None
    if effective == "full":
        delivered = list(engagement.deliverables.all())
        if delivered:
            latest = delivered[-1]
            work = {
                "link": latest.link,
                "file_url": f"/api/v1/deliverables/{latest.pk}/file/" if latest.file else None,
                "file_name": latest.file_name,
                "note": latest.note,
            }
    return {
        "choice": engagement.showable,
        "show_after": engagement.show_after,
        "effective": effective,
        "label": showable_label(engagement, today=today),
        "deliverable": work,
        "case_study": engagement.case_study if effective == "case_study" else None,
    }


def showable_portfolio_link(engagement: Engagement, *, today: date) -> str:
    """Where the portfolio item made from a draft points: under `full` the approved (last)
    deliverable's link or file, otherwise the experience page, so the clause keeps governing
    what the link shows."""
    experience_url = f"{settings.SITE_URL}/experience/{engagement.pk}/"
    if showable_effective(engagement, today=today) != "full":
        return experience_url
    latest = max(
        engagement.deliverables.all(), key=lambda deliverable: deliverable.pk, default=None
    )
    if latest is not None and latest.link:
        return latest.link
    if latest is not None and latest.file:
        return f"{settings.SITE_URL}/api/v1/deliverables/{latest.pk}/file/"
    return experience_url


def showable_in_portfolio(*, engagement: Engagement, user: User) -> bool:
    """Whether the draft's public work is already in `user`'s portfolio (only its drafter can
    have added it; a query only when adding is possible at all)."""
    today = timezone.localdate()
    if (
        user.pk != engagement.drafter_id
        or engagement.state != Engagement.State.COMPLETED
        or showable_effective(engagement, today=today) == "private"
    ):
        return False
    link = showable_portfolio_link(engagement, today=today)
    return PortfolioItem.objects.filter(owner=user, link=link).exists()


def public_title(engagement: Engagement) -> str:
    """The title the mentor approved for public pages (the task's title unless they changed it)."""
    return engagement.public_title or engagement.task.title


def deliverable_get_for_viewer(
    *, deliverable_id: int, user: User | AnonymousUser | None
) -> Deliverable:
    """A delivered file: always for the engagement's two people; for anyone else only while the
    clause makes the work public (the approved, last deliverable of a completed draft by an
    active drafter). Anything else is not found, so a 404 reveals nothing."""
    deliverable = (
        Deliverable.objects.select_related("engagement__task")
        .filter(pk=deliverable_id)
        .exclude(file="")
        .first()
    )
    if deliverable is None:
        raise NotFound("File not found.")
    engagement = deliverable.engagement
    if (
        user is not None
        and user.is_authenticated
        and user.pk
        in (
            engagement.mentor_id,
            engagement.drafter_id,
        )
    ):
        return deliverable
    public = (
        engagement.state == Engagement.State.COMPLETED
        and showable_effective(engagement, today=timezone.localdate()) == "full"
        and not Deliverable.objects.filter(engagement=engagement, pk__gt=deliverable.pk).exists()
        and User.objects.filter(Q(pk=engagement.drafter_id) & Q(is_active=True)).exists()
    )
    if not public:
        raise NotFound("File not found.")
    return deliverable
