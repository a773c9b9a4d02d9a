"""A person's reminders (nudges), newest first; dropped ones are not shown."""

from accounts.models import User
from projects.models import Nudge


def nudge_list_for_user(*, user: User, limit: int = 30) -> list[Nudge]:
    return list(
        Nudge.objects.filter(recipient=user)
        .exclude(state=Nudge.State.DROPPED)
        .order_by("-pk")[:limit]
    )
