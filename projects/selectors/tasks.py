"""Task reads: browse and search, detail, featured; every one scoped to the viewer.

"Fetch and authorise in one step": a missing object and somebody else's both raise NotFound,
so a 404 never reveals that something exists."""

import hashlib
from collections import defaultdict
from datetime import date
from functools import cache as memoize
from typing import Any, TypedDict

import orjson
from django.core.cache import cache
from django.db import connection
from django.db.models import (
    Count,
    DateField,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.functions import Coalesce, Substr

from accounts.models import Institution, Skill, User
from accounts.skill_keys import skill_search_key
from marketplace.errors import NotFound
from projects.models import (
    Application,
    Task,
)
from projects.search import RANK_WINDOW, search_tokens, task_search
from projects.selectors.statements import task_page_fetch
from projects.visibility import Viewer, signed_in, student_institution_ids, task_visible_q

COUNT_CAP = 1000
COUNT_CACHE_SECONDS = 60
SKILL_IDS_CACHE_SECONDS = 300


FAR_FUTURE = date(9999, 12, 31)


class BrowseFilters(TypedDict, total=False):
    q: str
    skills: list[str]
    paid: bool | None
    min_hours: int | None
    max_hours: int | None
    remote: bool | None
    deadline_before: date | None
    institution_only: bool
    level: str
    ordering: str


BROWSE_ORDERINGS = {
    "newest": ("-published_at", "-id"),
    "deadline": ("deadline_sort", "id"),
    "stipend": ("-stipend_sort", "-id"),
    "relevance": ("-rank", "-id"),
}


def skill_ids_for_browse(*, values: list[str]) -> list[int]:
    """The ids of the skills a browse filter names, by slug ("data-analysis") or as printed on
    the chips ("Data analysis"); cached for SKILL_IDS_CACHE_SECONDS.

    The ids go into the browse query as constants so the planner reads each skill's share of
    tasks from its statistics: given only a slug, PostgreSQL assumed an average skill and, for a
    skill on 40 % of tasks, joined all of them and sorted (0.3 s at 100,000 tasks) instead of
    walking the newest open tasks until the page is full (1 ms). A skill added since the
    lookup was cached is filterable once the entry expires; values naming no skill at all are
    not cached."""
    canonical = "\x1f".join(sorted(set(values)))
    key = f"browse-skill-ids:{hashlib.blake2b(canonical.encode(), digest_size=16).hexdigest()}"
    cached: list[int] | None = cache.get(key)
    if cached is not None:
        return cached
    keys = {skill_search_key(value) for value in values}
    ids = sorted(
        Skill.objects.filter(Q(slug__in=values) | Q(search_key__in=keys)).values_list(
            "id", flat=True
        )
    )
    if ids:
        cache.set(key, ids, SKILL_IDS_CACHE_SECONDS)
    return ids


def task_list_for_browse(
    *, viewer: Viewer, filters: BrowseFilters
) -> tuple[QuerySet[Task, Any], tuple[str, ...]]:
    """Open tasks the viewer may see, filtered and searched, as a values() queryset of plain
    dicts, with the ordering the cursor paginator must use. Skills come from
    task_rows_attach_skills (one more query for the whole page)."""
    # A closed account's tasks are cancelled with it; its mentor being active is the guard.
    qs = Task.objects.filter(task_visible_q(viewer), state=Task.State.OPEN, mentor__is_active=True)
    if skills := filters.get("skills"):
        through = Task.skills.through
        qs = qs.filter(
            Exists(
                through.objects.filter(
                    task_id=OuterRef("pk"), skill_id__in=skill_ids_for_browse(values=skills)
                )
            )
        )
    paid = filters.get("paid")
    if paid is True:
        qs = qs.filter(stipend_amount__gt=0)
    elif paid is False:
        qs = qs.filter(Q(stipend_amount__isnull=True) | Q(stipend_amount=0))
    if (min_hours := filters.get("min_hours")) is not None:
        qs = qs.filter(estimated_hours__gte=min_hours)
    if (max_hours := filters.get("max_hours")) is not None:
        qs = qs.filter(estimated_hours__lte=max_hours)
    if (remote := filters.get("remote")) is not None:
        qs = qs.filter(is_remote=remote)
    if deadline_before := filters.get("deadline_before"):
        qs = qs.filter(deadline__lte=deadline_before)
    if filters.get("institution_only"):
        qs = qs.filter(visibility=Task.Visibility.INSTITUTIONS)
    if level := filters.get("level"):
        qs = qs.filter(level=level)
    ordering_name = filters.get("ordering") or "newest"
    # A query without any word in it (only punctuation) searches for nothing: no filter.
    q = (filters.get("q") or "").strip() if search_tokens(filters.get("q") or "") else ""
    if q:
        # Relevance ranks a bounded window of the newest matches (projects/search.py); the
        # other orderings list every match and need no rank.
        qs = task_search(qs, q, window=RANK_WINDOW if ordering_name == "relevance" else None)
    elif ordering_name == "relevance":
        ordering_name = "newest"
    qs = qs.annotate(
        deadline_sort=Coalesce("deadline", Value(FAR_FUTURE), output_field=DateField()),
        stipend_sort=Coalesce("stipend_amount", Value(0), output_field=IntegerField()),
        excerpt=Substr("description", 1, 240),
        mentor_handle=F("mentor__profile__handle"),
        mentor_name=F("mentor__profile__display_name"),
        mentor_avatar=F("mentor__profile__avatar"),
        mentor_organisation=F("mentor__profile__organisation"),
        mentor_verified_work_domain=F("mentor__profile__verified_work_domain"),
    )
    fields = [
        "id",
        "title",
        "excerpt",
        "estimated_hours",
        "deadline",
        "is_remote",
        "location",
        "slots",
        "filled_slots",
        "stipend_amount",
        "stipend_currency",
        "what_you_gain",
        "visibility",
        "level",
        "published_at",
        "mentor_id",
        "mentor_handle",
        "mentor_name",
        "mentor_avatar",
        "mentor_organisation",
        "mentor_verified_work_domain",
        "deadline_sort",
        "stipend_sort",
    ]
    if q:
        fields.append("rank")
    return qs.values(*fields), BROWSE_ORDERINGS[ordering_name]


@memoize
def _sql_skill_links(n: int) -> str:
    """The page's skill links in one statement, written once per page length: the ORM built
    and compiled this join for every request (about a tenth of a browse request). Names come
    from the models' metadata, quoted; every value is a parameter."""
    qn = connection.ops.quote_name
    links, skills = qn(Task.skills.through._meta.db_table), qn(Skill._meta.db_table)
    marks = ", ".join(["%s"] * n)
    # Identifiers from the models, quoted; every value is a parameter.
    sql = f"SELECT l.{qn('task_id')}, s.{qn('slug')}, s.{qn('name')} FROM {links} l"  # noqa: S608
    sql += f" INNER JOIN {skills} s ON s.{qn('id')} = l.{qn('skill_id')}"
    return sql + f" WHERE l.{qn('task_id')} IN ({marks}) ORDER BY s.{qn('name')} ASC"


def task_rows_attach_skills(*, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Add `skills` to each task row with one query for the whole page."""
    by_task: dict[int, list[dict[str, str]]] = defaultdict(list)
    ids = [row["id"] for row in rows]
    if ids:
        with connection.cursor() as cursor:
            cursor.execute(_sql_skill_links(len(ids)), ids)
            for task_id, slug, name in cursor.fetchall():
                by_task[task_id].append({"slug": slug, "name": name})
    # New dicts: the paginator still reads the sort keys of the originals for its cursors.
    return [{**row, "skills": by_task[row["id"]]} for row in rows]


def task_count_capped(
    *,
    queryset: QuerySet[Task, Any] | None = None,
    filters: BrowseFilters | None = None,
    viewer: Viewer = None,
) -> tuple[int, bool]:
    """How many rows match, counting no further than COUNT_CAP (no full COUNT(*)).

    With `filters`, the count is cached for COUNT_CACHE_SECONDS per filter set and viewer
    scope (what a viewer may see depends on who they are): paging through or coming back to a
    search does not count again, and "about N tasks" may be a minute old. Without `queryset`,
    browse's queryset for `filters` is built only when the count is not cached."""
    key = None
    if filters is not None:
        scope = f"u{viewer.pk}" if signed_in(viewer) else "anon"
        canonical = orjson.dumps(filters, option=orjson.OPT_SORT_KEYS, default=str)
        key = f"task-count:{scope}:{hashlib.blake2b(canonical, digest_size=16).hexdigest()}"
        cached: tuple[int, bool] | None = cache.get(key)
        if cached is not None:
            return cached
    if queryset is None:
        queryset = task_list_for_browse(viewer=viewer, filters=filters or {})[0]
    count = queryset.order_by().values("id")[: COUNT_CAP + 1].count()
    result = (min(count, COUNT_CAP), count > COUNT_CAP)
    if key is not None:
        cache.set(key, result, COUNT_CACHE_SECONDS)
    return result


def _task_detail_qs(*, prefetch: bool = True) -> QuerySet[Task]:
    applicants = (
        Application.objects.filter(task_id=OuterRef("pk"))
        .order_by()
        .values("task_id")
        .annotate(n=Count("id"))
        .values("n")
    )
    qs = Task.objects.select_related("mentor__profile")
    if prefetch:
        qs = qs.prefetch_related("skills", "institutions")
    return qs.annotate(
        applicant_count=Coalesce(Subquery(applicants, output_field=IntegerField()), Value(0))
    )


PUBLISHED_STATES = (Task.State.OPEN, Task.State.CLOSED, Task.State.ARCHIVED)


def _task_seen_by(
    task: Task, viewer: Viewer, *, applied: bool, institutions: list[Institution]
) -> bool:
    """task_get_for_viewer's rule, decided on the fetched task: the same rule as
    task_visible_q and the states below, in Python (compiling that filter for one row cost
    more than the whole query). Only an institution-only task asks the database again."""
    if not signed_in(viewer):
        return task.visibility == Task.Visibility.PUBLIC and task.state in PUBLISHED_STATES[:2]
    if task.mentor_id == viewer.pk or applied:
        return True
    if task.state not in PUBLISHED_STATES:
        return False
    if task.visibility == Task.Visibility.PUBLIC:
        return True
    institution_ids = [institution.pk for institution in institutions]
    return student_institution_ids(viewer).filter(institution_id__in=institution_ids).exists()


def task_get_for_viewer(*, task_id: int, viewer: Viewer) -> Task:
    """A task page: the mentor sees it in any state; others see published tasks they may see,
    or any task they have applied to. Adds `viewer_application_id` (or None), and
    `skill_list` and `institution_list` (their id and names, from the same statement)."""
    # One statement written once (projects/selectors/statements.py): compiling the ORM's
    # version (mentor and profile joined, two subqueries) cost more than the page's queries.
    task = task_page_fetch(task_id=task_id, viewer_id=viewer.pk if signed_in(viewer) else None)
    if task is None:
        raise NotFound("Task not found.")
    added: Any = task  # with skill_list and institution_list, read by the page's output
    applied = added.viewer_application_id is not None
    if not _task_seen_by(task, viewer, applied=applied, institutions=added.institution_list):
        raise NotFound("Task not found.")
    return task


def task_get_for_mentor(*, task_id: int, mentor: User) -> Task:
    task: Task | None = _task_detail_qs().filter(pk=task_id, mentor=mentor).first()
    if task is None:
        raise NotFound("Task not found.")
    return task


def task_list_featured(*, viewer: Viewer, limit: int = 6) -> list[dict[str, Any]]:
    """The newest open tasks the viewer may see (home page)."""
    qs, ordering = task_list_for_browse(viewer=viewer, filters={"ordering": "newest"})
    return task_rows_attach_skills(rows=list(qs.order_by(*ordering)[:limit]))
