"""Message threads of applications and engagements, for their two people.

"Fetch and authorise in one step": a missing object and somebody else's both raise NotFound,
so a 404 never reveals that something exists."""

from django.db.models import (
    Q,
    QuerySet,
)

from accounts.models import User
from marketplace.errors import NotFound
from projects.models import (
    Engagement,
    Message,
)
from projects.selectors.applications import application_get_for_participant


def message_list_for_thread(
    *, user: User, application_id: int | None = None, engagement_id: int | None = None
) -> QuerySet:
    """A thread's messages, only for its two people (anyone else: NotFound)."""
    if application_id is not None:
        application_get_for_participant(application_id=application_id, user=user)
        thread = {"application_id": application_id}
    else:
        if not Engagement.objects.filter(
            Q(mentor=user) | Q(drafter=user), pk=engagement_id
        ).exists():
            raise NotFound("Engagement not found.")
        thread = {"engagement_id": engagement_id}
    return Message.objects.filter(**thread).select_related("sender__profile")


def message_unread_count(*, user: User) -> int:
    return Message.objects.filter(recipient=user, read_at__isnull=True).count()
