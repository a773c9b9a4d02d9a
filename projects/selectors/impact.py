"""A mentor's impact: what their former drafters did next (only the report-backs each drafter
agreed to share with them), thanks received, and the pay-it-forward chain ("you helped Sam;
Sam has since helped 3 people").

The chain follows completed drafts forward in time: a drafter of yours who later mentored
someone to a completed draft passes it on, and so on. Chains can loop back (A helped B, B
later helped A), so the walk keeps, per person, the earliest moment they were reached and only
walks on when a person is reached earlier than before: it ends however the drafts loop, and
nobody is counted twice. The mentor themself is never counted in their own chain."""

from collections import defaultdict
from datetime import date, datetime
from typing import Any

from django.db.models import F, Q

from accounts.models import User
from projects.models import Engagement, ImpactSettings, ReportBack, ThankYouNote
from projects.people import display_name

# Each level of the chain is one query; ten levels is far beyond any real chain.
CHAIN_MAX_DEPTH = 10
THANKS_SHOWN = 20

Edge = tuple[int, int, datetime]  # (mentor_id, drafter_id, completed_at)


def _completed_drafts_from(mentor_ids: set[int]) -> list[Edge]:
    rows = Engagement.objects.filter(
        mentor_id__in=mentor_ids,
        state=Engagement.State.COMPLETED,
        completed_at__isnull=False,
    ).values_list("mentor_id", "drafter_id", "completed_at")
    # completed_at is filtered non-null above.
    return [(mentor, drafter, done) for mentor, drafter, done in rows if done is not None]


def _chain_edges(start: set[int]) -> dict[int, list[tuple[int, datetime]]]:
    """The completed drafts reachable from `start`, level by level (a visited set bounds it)."""
    edges: dict[int, list[tuple[int, datetime]]] = defaultdict(list)
    visited: set[int] = set()
    frontier = set(start)
    for _ in range(CHAIN_MAX_DEPTH):
        frontier -= visited
        if not frontier:
            break
        visited |= frontier
        found = _completed_drafts_from(frontier)
        for mentor_id, drafter_id, completed_at in found:
            edges[mentor_id].append((drafter_id, completed_at))
        frontier = {drafter_id for _, drafter_id, _ in found}
    return edges


def _helped_since(
    edges: dict[int, list[tuple[int, datetime]]], *, start: int, since: datetime, exclude: int
) -> set[int]:
    """Everyone `start` helped after `since`, and everyone they helped after that, and so on
    (never `exclude`, the mentor whose chain this is, nor `start` themself)."""
    earliest: dict[int, datetime] = {start: since}
    stack = [start]
    while stack:
        person = stack.pop()
        reached_at = earliest[person]
        for drafter_id, completed_at in edges.get(person, ()):
            if completed_at <= reached_at or drafter_id == exclude:
                continue
            if drafter_id not in earliest or completed_at < earliest[drafter_id]:
                earliest[drafter_id] = completed_at  # reached earlier: walk on from here
                stack.append(drafter_id)
    return set(earliest) - {start}


def pay_it_forward(*, mentor_id: int) -> dict[str, Any]:
    """{"direct": {drafter_id: people they have since helped}, "chain": everyone reached
    through your drafters} — sets of user ids."""
    first_draft: dict[int, datetime] = {}
    for _, drafter_id, completed_at in _completed_drafts_from({mentor_id}):
        if drafter_id not in first_draft or completed_at < first_draft[drafter_id]:
            first_draft[drafter_id] = completed_at
    edges = _chain_edges(set(first_draft))
    direct = {
        drafter_id: _helped_since(edges, start=drafter_id, since=since, exclude=mentor_id)
        for drafter_id, since in first_draft.items()
    }
    chain: set[int] = set().union(*direct.values()) if direct else set()
    return {"direct": direct, "chain": chain}


def pay_it_forward_public(*, mentor_id: int) -> int | None:
    """The chain's size for the public profile, only when the mentor opted in."""
    opted_in = ImpactSettings.objects.filter(mentor_id=mentor_id, show_chain_publicly=True)
    if not opted_in.exists():
        return None
    return len(pay_it_forward(mentor_id=mentor_id)["chain"])


def _person(user: User) -> dict[str, str]:
    return {"handle": user.profile.handle, "display_name": display_name(user)}


def impact_for_mentor(
    *, mentor: User, since: date | None = None, until: date | None = None
) -> dict[str, Any]:
    """The /impact/ page (and, narrowed to one month with since/until, the letter)."""
    drafts = list(
        Engagement.objects.filter(mentor=mentor, state=Engagement.State.COMPLETED)
        .select_related("drafter__profile", "task")
        .order_by("-completed_at", "-id")
    )
    window = Q()
    if since is not None:
        window &= Q(created_at__date__gte=since)
    if until is not None:
        window &= Q(created_at__date__lt=until)
    shared = (
        ReportBack.objects.filter(
            window,
            engagement__mentor=mentor,
            share_with_mentor=True,
            author=F("engagement__drafter"),
        )
        .select_related("engagement__task")
        .order_by("-created_at")
    )
    outcomes_by_drafter: dict[int, list[dict[str, Any]]] = defaultdict(list)
    labels = dict(ReportBack.Outcome.choices)
    for report in shared:
        outcomes_by_drafter[report.author_id].append(
            {
                "task_title": report.engagement.task.title,
                "outcomes": [labels.get(o, o) for o in report.outcomes],
                "note": report.note,
                "created_at": report.created_at,
            }
        )
    chain = pay_it_forward(mentor_id=mentor.pk)
    people: dict[int, dict[str, Any]] = {}
    for draft in drafts:
        row = people.setdefault(
            draft.drafter_id,
            {
                "drafter": _person(draft.drafter),
                "tasks": [],
                "since_helped": len(chain["direct"].get(draft.drafter_id, ())),
                "what_next": outcomes_by_drafter.get(draft.drafter_id, []),
            },
        )
        row["tasks"].append(draft.task.title)
    thanks = [
        {
            "sender": _person(note.sender),
            "body": note.body,
            "task_title": note.engagement.task.title,
            "created_at": note.created_at,
        }
        for note in ThankYouNote.objects.filter(window, receiver=mentor)
        .select_related("sender__profile", "engagement__task")
        .order_by("-id")[:THANKS_SHOWN]
    ]
    settings_row = ImpactSettings.objects.filter(mentor=mentor).first()
    return {
        "helped_count": len(people),
        "chain_count": len(chain["chain"]),
        "drafters": list(people.values()),
        "thanks": thanks,
        "show_chain_publicly": bool(settings_row and settings_row.show_chain_publicly),
    }
