"""Saved searches and the daily digest: new tasks matching each saved search, and new
recommendations scoring above the person's threshold, in one e-mail with one-click unsubscribe
links (signed, see accounts.services.preferences)."""

from datetime import datetime
from functools import partial
from typing import Any, cast

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from accounts.locks import user_lock
from accounts.models import NotificationPreference, User, UserSkill
from accounts.services.preferences import notification_preferences_get, unsubscribe_token_make
from accounts.tasks import send_notification_email
from marketplace.errors import Conflict, NotFound, field_error
from projects import error_codes as codes
from projects.matching.recommendations import task_recommendations_for_user
from projects.models import Application, SavedSearch
from projects.selectors.tasks import BrowseFilters, task_list_for_browse

MAX_SAVED_SEARCHES = 20
DIGEST_TASKS_PER_SEARCH = 5
DIGEST_RECOMMENDATIONS = 5


def saved_search_create(*, user: User, name: str, query: dict[str, Any]) -> SavedSearch:
    """Save browse filters (already validated by the browse input) under a name."""
    name = name.strip()
    if not name or len(name) > 120:
        raise field_error(
            "Give the search a short name.", code=codes.SAVED_SEARCH_INVALID, field="name"
        )
    with transaction.atomic():
        user_lock(user)  # counted, then created: one person's saves queue up
        if SavedSearch.objects.filter(user=user).count() >= MAX_SAVED_SEARCHES:
            raise Conflict(
                f"You can keep at most {MAX_SAVED_SEARCHES} saved searches.",
                code=codes.SAVED_SEARCH_LIMIT,
            )
        return SavedSearch.objects.create(
            user=user, name=name, query=query, last_digest_at=timezone.now()
        )


def saved_search_delete(*, saved_search_id: int, user: User) -> None:
    deleted, _ = SavedSearch.objects.filter(pk=saved_search_id, user=user).delete()
    if not deleted:
        raise NotFound("Saved search not found.")


def _filters(query: dict[str, Any]) -> BrowseFilters:
    filters = dict(query)
    if filters.get("deadline_before"):
        filters["deadline_before"] = datetime.fromisoformat(filters["deadline_before"]).date()
    # Stored from the browse query serializer's validated data: the same keys.
    return cast(BrowseFilters, filters)


def _new_matches(search: SavedSearch, since: datetime) -> list[dict[str, Any]]:
    qs, _ = task_list_for_browse(viewer=search.user, filters=_filters(search.query))
    qs = qs.filter(published_at__gt=since).exclude(mentor=search.user)
    qs = qs.exclude(id__in=Application.objects.filter(drafter=search.user).values("task_id"))
    return list(qs.order_by("-published_at", "-id")[:DIGEST_TASKS_PER_SEARCH])


def _link(path: str) -> str:
    return f"{settings.SITE_URL}{path}"


def _task_link(row: dict[str, Any]) -> str:
    return _link(f"/tasks/{row['id']}/")


def digest_for_user(*, user: User, now: datetime) -> str:
    """The digest e-mail's text, or "" when there is nothing new. Moves the user's markers."""
    preferences = notification_preferences_get(user=user)
    parts: list[str] = []
    if preferences.saved_search_digest:
        for search in SavedSearch.objects.filter(user=user).order_by("pk"):
            tasks = _new_matches(search, search.last_digest_at or search.created_at)
            if tasks:
                lines = [
                    f"- {t['title']} ({t['estimated_hours']} h): {_task_link(t)}" for t in tasks
                ]
                parts.append(f"New for your search “{search.name}”:\n" + "\n".join(lines))
            search.last_digest_at = now
            search.save(update_fields=["last_digest_at", "updated_at"])
        if parts:
            token = unsubscribe_token_make(user=user, topic="saved_search_digest")
            parts.append(f"Stop saved-search e-mails: {_link(f'/unsubscribe/{token}/')}")
    if preferences.recommendation_digest:
        since = preferences.last_digest_at or user.date_joined
        picks = [
            row
            for row in task_recommendations_for_user(user=user)
            if row["score"] >= preferences.recommendation_threshold
            and row["published_at"]
            and row["published_at"] > since
        ][:DIGEST_RECOMMENDATIONS]
        if picks:
            lines = [
                f"- {row['title']} — {'; '.join(row['reasons'][:2])}: {_task_link(row)}"
                for row in picks
            ]
            token = unsubscribe_token_make(user=user, topic="recommendation_digest")
            parts.append(
                "Recommended for you:\n"
                + "\n".join(lines)
                + f"\nStop recommendation e-mails: {_link(f'/unsubscribe/{token}/')}"
            )
        NotificationPreference.objects.update_or_create(user=user, defaults={"last_digest_at": now})
    return "\n\n".join(parts)


def digests_send(*, now: datetime | None = None) -> int:
    """The daily digest to everyone with saved searches or declared skills. Each person's
    markers move in the transaction that enqueues their e-mail, so a rerun sends nothing
    twice. Returns how many e-mails were sent."""
    now = now or timezone.now()
    people = set(SavedSearch.objects.values_list("user_id", flat=True)) | set(
        UserSkill.objects.values_list("user_id", flat=True).distinct()
    )
    sent = 0
    for user in User.objects.filter(pk__in=people, is_active=True).order_by("pk"):
        with transaction.atomic():
            body = digest_for_user(user=user, now=now)
            if body:
                transaction.on_commit(
                    partial(
                        send_notification_email.enqueue,
                        to=user.email,
                        subject="Slipstream: new tasks for you",
                        body=body,
                    )
                )
                sent += 1
    return sent
