"""Business events that a higher floor may need to follow, without the lower floor importing it.

`accounts` never imports `projects`, and nothing in `projects` imports `projects.careers`; yet
the careers summary table must change in the same transaction as a consent, an engagement or a
report-back. So the service that makes the change calls `event_emit(...)` explicitly, at the
point of the business action and inside its own `transaction.atomic()`; careers subscribes in
its AppConfig.ready. Unlike a model signal, the call is in the use case (not in `save()`), it
runs synchronously in the caller's transaction, and a subscriber's error rolls the whole action
back — so the summary can never disagree with what happened.

This module is the kernel's: it imports no app and knows no subscriber.
"""

from collections.abc import Callable
from typing import Any

# A student's activity changed in a way an institution may see: a consent, membership or
# cohort detail, an application, an engagement, a rating, a report-back, or the profile.
# Keyword arguments: user_ids (the students), what (a short word for logs and cheap paths:
# "profile" needs only the change time, anything else recomputes the summary contribution).
STUDENT_ACTIVITY_CHANGED = "student_activity_changed"

_subscribers: dict[str, list[Callable[..., None]]] = {}


def event_subscribe(event: str, handler: Callable[..., None]) -> None:
    """Register `handler` for `event` once (AppConfig.ready may run twice in tests)."""
    handlers = _subscribers.setdefault(event, [])
    if handler not in handlers:
        handlers.append(handler)


def event_emit(event: str, **kwargs: Any) -> None:
    """Run every subscriber now, in the caller's transaction; their errors propagate."""
    for handler in _subscribers.get(event, ()):
        handler(**kwargs)


def student_activity_changed(*, user_ids: list[int] | set[int], what: str) -> None:
    """The one call the services make (a named shortcut for the event above)."""
    ids = sorted({int(pk) for pk in user_ids if pk is not None})
    if ids:
        event_emit(STUDENT_ACTIVITY_CHANGED, user_ids=ids, what=what)
