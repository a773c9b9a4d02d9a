"""Which tasks a drafter may be recommended, and the features scoring needs, loaded for a
bounded pool of candidates in a fixed number of queries."""

from collections import defaultdict
from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

from django.db import connection
from django.db.models import (
    DateField,
    DateTimeField,
    Exists,
    F,
    Func,
    OuterRef,
    Q,
    QuerySet,
)
from django.db.models.functions import Lower, Substr
from django.db.models.lookups import In

from accounts.models import Skill, User
from marketplace.database import statements_planned_per_run
from projects.matching import weights as w
from projects.matching.eligibility import tasks_recommendable_for
from projects.matching.featured import task_ids_featured_for, task_is_featured_for
from projects.matching.mentor_figures import mentor_figures_for_ranking
from projects.matching.scoring import DrafterEvidence, SkillRef, TaskFeatures
from projects.matching.text import (
    task_text_matches_query,
    text_counts_and_lengths,
    text_query,
    text_relevance,
)
from projects.models import Task
from projects.prepared import (
    Slots,
    Statement,
    statement_compile,
    statement_dicts,
    statement_get,
    statement_rows,
)

_SKILL_LINK_FIELDS = (
    "task_id", "skill_id", "skill__name", "skill__slug", "skill__spelling_key", "skill__family",
    "skill__category",
)  # fmt: skip
_IDS_BUCKET = 50  # task id lists are padded to a multiple of this: a few statement shapes


def _build_skill_links(length: int) -> Statement:
    slots = Slots()
    ids = [slots.int(f"task{n}") for n in range(length)]
    links = Task.skills.through.objects.filter(task_id__in=ids).order_by("skill__name")
    return statement_compile(links.values(*_SKILL_LINK_FIELDS), slots)


def task_skill_refs(*, task_ids: list[int]) -> dict[int, list[SkillRef]]:
    """Each task's skills with their matching keys. One query; one SkillRef per skill (a
    few dozen), shared by the tasks that have it (hundreds of links)."""
    by_task: dict[int, list[SkillRef]] = defaultdict(list)
    if not task_ids:
        return by_task
    length = -(-len(task_ids) // _IDS_BUCKET) * _IDS_BUCKET
    statement = statement_get(("skill links", length), lambda: _build_skill_links(length))
    padded = [*task_ids, *[0] * (length - len(task_ids))]  # no task has id 0
    refs: dict[int, SkillRef] = {}
    values = {f"task{n}": task_id for n, task_id in enumerate(padded)}
    # Plain rows in _SKILL_LINK_FIELDS order: a thousand links, one SkillRef per skill.
    for task_id, skill_id, name, slug, spelling_key, family, category in statement_rows(
        statement, values
    ):
        if (ref := refs.get(skill_id)) is None:
            ref = refs[skill_id] = SkillRef(skill_id, name, slug, spelling_key, family, category)
        by_task[task_id].append(ref)
    return by_task


_CARD_FIELDS = (
    "id", "title", "estimated_hours", "deadline", "is_remote", "location", "slots", "filled_slots",
    "stipend_amount", "stipend_currency", "what_you_gain", "visibility", "published_at", "level",
    "mentor_id",
)  # fmt: skip


def _display_annotations() -> dict[str, Any]:
    """What a card shows beyond the task's own columns."""
    return {
        "excerpt": Substr("description", 1, 240),
        "mentor_handle": F("mentor__profile__handle"),
        "mentor_name": F("mentor__profile__display_name"),
        "mentor_avatar": F("mentor__profile__avatar"),
        "mentor_organisation": F("mentor__profile__organisation"),
        "mentor_verified_work_domain": F("mentor__profile__verified_work_domain"),
    }


def _text_annotation() -> Lower:
    return Lower(Substr("description", 1, 3000))


def _card_annotations() -> dict[str, Any]:
    return {**_display_annotations(), "text": _text_annotation()}


# What scoring and choosing read of a candidate (task_features_from_rows, candidates_choose);
# the card's other columns are read for the chosen few only (task_cards_load).
_SCORING_FIELDS = (
    "id", "title", "estimated_hours", "deadline", "published_at", "level", "mentor_id",
    "stipend_amount", "skills_text",
)  # fmt: skip
_SKILL_COLUMNS = ("id", "name", "slug", "spelling_key", "family", "category")


def _skills_json() -> str:
    """The task's skills as JSON text built by SQLite, a subquery per task: one array of
    _SKILL_COLUMNS per skill. SQLite has no ORDER BY inside an aggregate and sorting in a
    subquery cost a third more, so task_skill_refs_from_rows sorts them by name (by code
    point: SQLite's BINARY order of UTF-8), as task_skill_refs orders them."""
    columns = ", ".join(f"s.{_column(Skill, name)}" for name in _SKILL_COLUMNS)
    task_id = f"{connection.ops.quote_name(Task._meta.db_table)}.{_column(Task, 'id')}"
    return f"(SELECT json_group_array(json_array({columns})) {_skill_links(task_id)})"


def _skill_links(task_id: str, *, outer: bool = False) -> str:
    """FROM the task's skill links joined to their skills (LEFT JOINs when `outer`)."""
    qn = connection.ops.quote_name
    link_task = qn(Task.skills.field.m2m_column_name())
    link_skill = qn(Task.skills.field.m2m_reverse_name())
    join = "LEFT OUTER JOIN" if outer else "INNER JOIN"
    links, skills = qn(Task.skills.through._meta.db_table), qn(Skill._meta.db_table)
    on_skill = f"ON s.{_column(Skill, 'id')} = l.{link_skill}"
    if outer:
        return f"{join} {links} l ON l.{link_task} = {task_id} {join} {skills} s {on_skill}"
    return f"FROM {links} l {join} {skills} s {on_skill} WHERE l.{link_task} = {task_id}"


def _pools_with_skills(pooled: str) -> str:
    """PostgreSQL: each pooled task with its skills as JSON text ordered by name, aggregated
    once over the pools' links. A subquery per task (as SQLite has) was planned as a hash join
    over the whole skill catalogue for each of ~350 tasks (+10 ms a request)."""
    columns = ", ".join(f"s.{_column(Skill, name)}" for name in _SKILL_COLUMNS)
    skill_id, name = _column(Skill, "id"), _column(Skill, "name")
    agg = (
        f"json_agg(json_build_array({columns}) ORDER BY s.{name} ASC) "
        f"FILTER (WHERE s.{skill_id} IS NOT NULL)"
    )
    return (
        f"SELECT p.id, p.flags, COALESCE(({agg})::text, '[]') AS skills "  # noqa: S608
        f"FROM ({pooled}) p {_skill_links('p.id', outer=True)} GROUP BY p.id, p.flags"
    )


def _column(model: Any, name: str) -> str:
    return connection.ops.quote_name(model._meta.get_field(name).column)


_CARDS_BUCKET = 20  # id lists padded to a multiple of this (a recommendation shows 20)


def _build_cards(length: int) -> Statement:
    slots = Slots()
    ids = [slots.int(f"task{n}") for n in range(length)]
    cards = Task.objects.filter(id__in=ids).values(*_CARD_FIELDS, **_display_annotations())
    return statement_compile(cards, slots)


def task_cards_load(*, task_ids: list[int]) -> dict[int, dict[str, Any]]:
    """The card rows (_CARD_FIELDS, the excerpt and the mentor's columns) of these tasks, by
    id. One query, none for no ids."""
    if not task_ids:
        return {}
    length = -(-len(task_ids) // _CARDS_BUCKET) * _CARDS_BUCKET
    statement = statement_get(("recommendation cards", length), lambda: _build_cards(length))
    padded = [*task_ids, *[0] * (length - len(task_ids))]  # no task has id 0
    values = {f"task{n}": task_id for n, task_id in enumerate(padded)}
    return {row["id"]: row for row in statement_dicts(statement, values)}


# Which pools a candidate came from (the bits of its `pool_flags`).
BY_SKILL, BY_TEXT, NEWEST = 1, 2, 4


def _build_candidates(n_keys: int, n_families: int, with_text: bool) -> Statement:
    """The three candidate pools and what scoring reads of their tasks in one statement:
    `WITH pools AS (the pools, each keeping its order and limit) <the rows of the pools' tasks>`.
    Built once per shape with stand-ins (projects/prepared.py), so neither the eligibility query
    (three times) nor the cards are compiled per request."""
    slots = Slots()
    user: Any = User(pk=slots.int("user"))
    today = slots.date("today")
    eligible = tasks_recommendable_for(user=user, now=today)
    pools: list[tuple[int, QuerySet]] = []
    if n_keys or n_families:
        keys = [slots.text(f"key{n}") for n in range(n_keys)]
        families = [slots.text(f"family{n}") for n in range(n_families)]
        shared = Q(skill__spelling_key__in=keys) | Q(skill__family__in=families)
        links = Task.skills.through.objects.filter(task_id=OuterRef("pk"))
        if connection.vendor == "postgresql":
            shares = links.filter(shared)
        else:
            # SQLite: the drafter's skills are listed once for the statement and each scanned
            # task's few links looked up in that list (`+ 0` keeps the planner from probing
            # the link index once per listed skill), not each link's skill row read and
            # compared with every key.
            listed = Skill.objects.filter(Q(spelling_key__in=keys) | Q(family__in=families))
            ids = listed.order_by().values("id")
            shares = links.filter(In(F("skill_id") + 0, ids))
        # The shared skill first: SQLite checks a row's subquery conditions in the order they
        # are written, and most scanned tasks share no skill, so their eligibility (three
        # subqueries) is never checked.
        sharing = Task.objects.filter(Exists(shares))
        by_skill = tasks_recommendable_for(user=user, now=today, tasks=sharing)
        by_skill = by_skill.order_by("-published_at", "-id")
        pools.append((BY_SKILL, by_skill.values_list("id")[: w.CANDIDATES_BY_SKILL]))
    if with_text:
        found = task_text_matches_query(eligible, slots.text("text query"))
        pools.append((BY_TEXT, found.values_list("id")[: w.TEXT_SCORED]))
    newest = eligible.order_by("-published_at", "-id").values_list("id")
    pools.append((NEWEST, newest[: w.CANDIDATES_NEWEST]))
    parts = [(flag, statement_compile(pool, slots, subquery=True)) for flag, pool in pools]
    union = " UNION ALL ".join(
        f"SELECT p{flag}.id, {flag} AS flag FROM ({part.sql}) p{flag}"  # noqa: S608 — compiled
        for flag, part in parts
    )
    task_table = connection.ops.quote_name(Task._meta.db_table)
    postgresql = connection.vendor == "postgresql"
    skills_json = "pools.skills" if postgresql else _skills_json()
    cards = (
        Task.objects.extra(  # noqa: S610 — constant SQL naming the statement's own pools
            tables=["pools"],
            where=[f"pools.id = {task_table}.id"],
            select={"pool_flags": "pools.flags", "skills_json": skills_json},
        )
        .order_by()
        .values(
            "pool_flags",
            "skills_json",
            *(name for name in _SCORING_FIELDS if postgresql or name not in _DATES),
            text=_text_annotation(),
            featured=task_is_featured_for(user=user),
            **({} if postgresql else _dates_as_written()),
        )
    )
    card = statement_compile(cards, slots)
    columns = tuple(_DATES.get(name, name) for name in card.columns)
    pooled = f"SELECT u.id, SUM(u.flag) AS flags FROM ({union}) u GROUP BY u.id"  # noqa: S608
    if postgresql:
        pooled = _pools_with_skills(pooled)
    return Statement(
        sql=f"WITH pools AS ({pooled}) {card.sql}",
        params=(*(p for _, part in parts for p in part.params), *card.params),
        columns=columns,
        converters=card.converters,
    )


# SQLite's dates by the names their statement columns have (_dates_as_written).
_DATES = {"deadline": "deadline", "published_at": "published_at",
          "deadline_as_written": "deadline", "published_at_as_written": "published_at"}  # fmt: skip


class _AsWritten(Func):
    """A column through SQLite's no-op `+`: the result has no declared type, so sqlite3 returns
    the text as stored instead of parsing it for every pooled row (a third of the text pool is
    left out); the ORM's converters, which the output field keeps, parse the chosen rows'."""

    template = "+%(expressions)s"


def _dates_as_written() -> dict[str, Func]:
    return {
        "deadline_as_written": _AsWritten("deadline", output_field=DateField()),
        "published_at_as_written": _AsWritten("published_at", output_field=DateTimeField()),
    }


def candidate_rows_load(
    *, user: User, drafter: DrafterEvidence, now: datetime
) -> list[dict[str, Any]]:
    """What scoring reads (_SCORING_FIELDS, `text`) of every task in a bounded pool of
    candidates the user may be recommended (tasks_recommendable_for), chosen by
    candidates_choose from three pools: the CANDIDATES_BY_SKILL newest sharing a skill or a
    skill family, the TEXT_SCORED newest the full-text index finds for the drafter's words, and
    the CANDIDATES_NEWEST newest. Each row has `pool_flags`
    (BY_SKILL | BY_TEXT | NEWEST), `skills_json` (task_skill_refs_from_rows reads it) and
    `featured` (task_ids_featured_for). One query; the chosen tasks' cards come from
    task_cards_load."""
    keys = sorted(set(drafter.declared) | set(drafter.portfolio) | set(drafter.endorsed))
    families = sorted(drafter.families)
    query = text_query(drafter.words) if drafter.words else ""
    shape = (
        "recommendation candidates", len(keys), len(families), bool(query),
        w.CANDIDATES_BY_SKILL, w.TEXT_SCORED, w.TEXT_RANK_WINDOW, w.CANDIDATES_NEWEST,
    )  # fmt: skip
    statement = statement_get(
        shape, lambda: _build_candidates(len(keys), len(families), bool(query))
    )
    values: dict[str, Any] = {"user": user.pk, "today": now.date(), "text query": query}
    values.update({f"key{n}": key for n, key in enumerate(keys)})
    values.update({f"family{n}": family for n, family in enumerate(families)})
    # Planned for this drafter's skills and words on every run (statements_planned_per_run):
    # which pool is cheap to fill depends on how common they are.
    with statements_planned_per_run(), connection.cursor() as cursor:
        cursor.execute(statement.sql, statement.bind(values))
        pooled = cursor.fetchall()
    # Made dicts and converted as the ORM converts them (dates, booleans) once chosen: a third
    # of the text pool's rows are left out, and converting every row cost more than choosing.
    columns = statement.columns
    chosen = []
    for fetched in candidates_choose(rows=pooled, columns=columns, words=drafter.words):
        row = dict(zip(columns, fetched, strict=True))
        for position, convs, expression in statement.converters:
            name = columns[position]
            value = row[name]
            for converter in convs:
                value = converter(value, expression, connection)
            row[name] = value
        chosen.append(row)
    return chosen


def candidates_choose(
    *, rows: Sequence[Sequence[Any]], columns: Sequence[str], words: list[str]
) -> list[Sequence[Any]]:
    """The candidates among the pools' rows (candidate_rows_load's, as fetched, in `columns`):
    every task sharing a skill, the CANDIDATES_BY_TEXT most relevant to the drafter's words
    among the text pool, the newest."""
    flags, task, title, text, skills_text = (
        columns.index(name) for name in ("pool_flags", "id", "title", "text", "skills_text")
    )
    texts = {
        row[task]: f"{row[title].lower()} {row[text]} {row[skills_text].lower()}"
        for row in rows
        if row[flags] & BY_TEXT
    }
    relevance = text_relevance(texts=texts, words=words)
    best = set(sorted(relevance, key=lambda task_id: (-relevance[task_id], -task_id))[
        : w.CANDIDATES_BY_TEXT
    ])  # fmt: skip
    return [row for row in rows if row[flags] & (BY_SKILL | NEWEST) or row[task] in best]


def task_features_load(
    *, user: User, task_ids: list[int], words: list[str], now: datetime
) -> tuple[dict[int, TaskFeatures], dict[int, Mapping[str, Any]]]:
    """Features for scoring and the card rows for output, for the candidate tasks; text
    relevance to `words` is ranked among them. Three queries on a cold cache (rows, skills,
    mentors' reply times) and the careers hook."""
    rows: dict[int, Mapping[str, Any]] = {
        row["id"]: row
        for row in Task.objects.filter(id__in=task_ids).values(*_CARD_FIELDS, **_card_annotations())
    }
    featured = task_ids_featured_for(user=user, task_ids=list(rows))
    _, replies = mentor_figures_for_ranking(
        mentor_ids={row["mentor_id"] for row in rows.values()}, now=now
    )
    features = task_features_from_rows(
        rows=rows, featured=featured, replies=replies, words=words, now=now
    )
    return features, rows


def task_features_from_rows(
    *,
    rows: Mapping[int, Mapping[str, Any]],
    featured: set[int],
    replies: Mapping[int, float],
    words: list[str],
    now: datetime,
    skills: Mapping[int, list[SkillRef]] | None = None,
    skill_words: Mapping[int, str] | None = None,
) -> dict[int, TaskFeatures]:
    """Features for scoring from candidate or card rows and their mentors' reply days
    (mentor_figures_for_ranking): their skills are `skills` or loaded (one query); text
    relevance to `words` is ranked among them. `skill_words` (task_skill_words_from_rows) are
    the skills' names as the text has them, joined once per distinct list rather than per task."""
    if skills is None:
        skills = task_skill_refs(task_ids=list(rows))
    if skill_words is None:
        skill_words = {
            task_id: " ".join(s.name.lower() for s in skills[task_id]) for task_id in rows
        }
    texts = {
        task_id: f"{row['title'].lower()} {row['text']} {skill_words[task_id]}"
        for task_id, row in rows.items()
    }
    counts, lengths = text_counts_and_lengths(texts, words)
    relevance = text_relevance(texts=texts, words=words, counts=counts, lengths=lengths)
    return {
        task_id: TaskFeatures(
            id=task_id,
            mentor_id=row["mentor_id"],
            skills=skills[task_id],
            estimated_hours=row["estimated_hours"],
            deadline=row["deadline"],
            published_at=row["published_at"],
            text=texts[task_id],
            paid=bool(row["stipend_amount"]),
            featured=task_id in featured,
            mentor_reply_days=replies.get(row["mentor_id"]),
            text_relevance=relevance.get(task_id, 0.0),
            level=row["level"],
            matched_words=(
                [word for word in words if word in counts.get(task_id, ())] if words else None
            ),
        )
        for task_id, row in rows.items()
    }
