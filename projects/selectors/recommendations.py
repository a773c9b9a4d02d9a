"""Tasks recommended to a drafter.

"Fetch and authorise in one step": a missing object and somebody else's both raise NotFound,
so a 404 never reveals that something exists."""

from datetime import timedelta
from typing import Any

from django.db.models import (
    Count,
    Exists,
    OuterRef,
    Q,
)
from django.utils import timezone

from accounts.models import PortfolioItem, User
from projects.models import (
    Application,
)
from projects.selectors.tasks import task_list_for_browse, task_rows_attach_skills


def task_recommendations_for_user(*, user: User, limit: int = 20) -> list[dict[str, Any]]:
    """Open tasks that match the skills shown in the user's portfolio, best match first, each
    with the reasons it was picked. Tasks of their own or already applied to are left out."""
    my_skill_ids = set(
        PortfolioItem.skills.through.objects.filter(portfolioitem__owner=user).values_list(
            "skill_id", flat=True
        )
    )
    qs, _ = task_list_for_browse(viewer=user, filters={})
    qs = qs.exclude(mentor=user).exclude(
        Exists(Application.objects.filter(task_id=OuterRef("pk"), drafter=user))
    )
    if my_skill_ids:
        qs = qs.annotate(
            match_count=Count("skills", filter=Q(skills__id__in=my_skill_ids), distinct=True)
        ).filter(match_count__gt=0)
        qs = qs.order_by("-match_count", "-published_at", "-id")
    else:
        qs = qs.order_by("-published_at", "-id")
    rows = task_rows_attach_skills(rows=list(qs[:limit]))
    my_skill_names = set(
        PortfolioItem.skills.through.objects.filter(portfolioitem__owner=user).values_list(
            "skill__name", flat=True
        )
    )
    soon = timezone.localdate() + timedelta(days=14)
    for row in rows:
        reasons = [
            f"Your portfolio shows {skill['name']}"
            for skill in row["skills"]
            if skill["name"] in my_skill_names
        ]
        if not reasons:
            reasons.append("New on Slipstream")
        if row["stipend_amount"]:
            reasons.append("Comes with a stipend")
        if row["deadline"] and row["deadline"] <= soon:
            reasons.append("Deadline within two weeks")
        row["reasons"] = reasons
    return rows
