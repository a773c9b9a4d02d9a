"""Browse and search's fast path: one page of task cards by a statement written once per shape.

`task_list_for_browse` (projects/selectors/tasks.py) says which tasks a viewer finds, as an ORM
queryset; building and compiling it cost more than running it (six `filter()` calls, the
visibility `Exists`, the search fragments: ~4 ms a request against ~1 ms of SQL). Here the
same query is composed once per *shape* — which filters are present, how many skill ids, signed
in or not, the ordering, the page's direction — from vetted fragments: identifiers from the
models' metadata, quoted by the backend; every value a parameter. Per request only the values
change. The page is cut by a keyset on the ordering's first column (the cursor paginator's own
rule, projects/api/pagination.py), the skills come with each row as JSON text the database
builds, and rows leave as plain dicts ready for orjson.

tests/projects/test_browse_statement.py checks the statement against the queryset for every
filter, ordering, viewer and page; tests/topology/test_read_contract.py holds the JSON.
"""

import contextlib
import re
from collections.abc import Callable
from datetime import date
from functools import lru_cache
from typing import Any, NamedTuple, cast

import orjson
from django.db import connection
from django.db.models import DateField, Field, FloatField, IntegerField, Value

from accounts.models import InstitutionMembership, Profile, Skill, User
from marketplace.database import statements_planned_per_run
from projects.models import MentorResponseRate, Task
from projects.search import RANK_WINDOW, engine_query, search_tokens, task_search_sql
from projects.selectors.tasks import (
    BROWSE_ORDERINGS,
    FAR_FUTURE,
    BrowseFilters,
    skill_ids_for_browse,
)
from projects.visibility import Viewer, signed_in

_TASK_FIELDS = (
    *("id", "title", "estimated_hours", "deadline", "is_remote", "location", "slots"),
    *("filled_slots", "stipend_amount", "stipend_currency", "what_you_gain", "visibility"),
    *("level", "published_at", "mentor_id"),
)
# Filters whose value is one parameter of one condition, in the order the queryset adds them.
_SIMPLE = ("min_hours", "max_hours", "remote", "deadline_before", "institution_only", "level")


def _qn(name: str) -> str:
    return connection.ops.quote_name(name)


def _col(model: Any, name: str) -> str:
    return f"{_qn(model._meta.db_table)}.{_qn(model._meta.get_field(name).column)}"


class Shape(NamedTuple):
    """What decides the statement's text (never a value)."""

    vendor: str
    signed_in: bool
    skills: int  # how many skill ids (0: no skill filter)
    paid: bool | None
    simple: tuple[str, ...]  # which of _SIMPLE are present
    search: str  # "", "all" (every match), "window" (the RANK_WINDOW newest, for relevance)
    ordering: str
    reverse: bool  # the page runs backwards (a "previous" link)
    keyset: str  # "", "<" or ">": the cursor's position bounds the first sort column


class Statement(NamedTuple):
    sql: str
    slots: tuple[str, ...]  # what each %s is, in order (see _params)
    columns: tuple[str, ...]  # the row's keys
    # (key, expression, converters) of the columns the ORM converts (dates, times, booleans)
    converters: tuple[tuple[str, Any, list[Callable[..., Any]]], ...]


def _task_columns() -> list[tuple[str, str, Any]]:
    """(key, SQL, expression whose converters apply) for each card column."""
    task, profile = Task._meta, Profile._meta
    columns: list[tuple[str, str, Any]] = []
    for name in _TASK_FIELDS:
        field = cast("Field[Any, Any]", task.get_field(name))
        columns.append((name, _col(Task, name), field.get_col(task.db_table)))
    description = _col(Task, "description")
    columns.insert(2, ("excerpt", f"SUBSTR({description}, 1, 240)", Value("")))
    for key, name in (
        ("mentor_handle", "handle"),
        ("mentor_name", "display_name"),
        ("mentor_avatar", "avatar"),
        ("mentor_organisation", "organisation"),
        ("mentor_verified_work_domain", "verified_work_domain"),
    ):
        columns.append(
            (
                key,
                _col(Profile, name),
                cast("Field[Any, Any]", profile.get_field(name)).get_col(profile.db_table),
            )
        )
    # The mentor's stored response rate (projects/response_rates.py): NULL without a row.
    rates = MentorResponseRate._meta
    for key, name in (
        ("mentor_response_rate", "response_rate"),
        ("mentor_median_reply_hours", "median_reply_hours"),
    ):
        columns.append(
            (
                key,
                _col(MentorResponseRate, name),
                cast("Field[Any, Any]", rates.get_field(name)).get_col(rates.db_table),
            )
        )
    return columns


def _sort_columns() -> dict[str, tuple[str, Any, "Field[Any, Any]"]]:
    """The derived sort keys: SQL (with its own %s count), converter source, lookup field."""
    deadline, stipend = _col(Task, "deadline"), _col(Task, "stipend_amount")
    date, integer = DateField(), IntegerField()
    return {
        "deadline_sort": (f"COALESCE({deadline}, %s)", Value(FAR_FUTURE, output_field=date), date),
        "stipend_sort": (f"COALESCE({stipend}, %s)", Value(0, output_field=integer), integer),
    }


def _skills_json() -> str:
    """The task's skills as JSON text, ordered by name: what task_rows_attach_skills adds."""
    links, skills = Task.skills.through._meta.db_table, Skill._meta.db_table
    link_task = _qn(Task.skills.field.m2m_column_name())
    link_skill = _qn(Task.skills.field.m2m_reverse_name())
    slug, name, pk = _qn("slug"), _qn("name"), _qn("id")
    where = f"WHERE l.{link_task} = {_col(Task, 'id')}"
    if connection.vendor == "postgresql":
        # Each link's skill by its primary key: joined, PostgreSQL hashed the whole catalogue
        # (~360 skills) again for every task of the page, 70 % of the statement's time. OFFSET 0
        # keeps the lateral subquery from being flattened back into that join.
        join = (
            f"FROM {_qn(links)} l CROSS JOIN LATERAL (SELECT s.{slug}, s.{name}"  # noqa: S608
            f" FROM {_qn(skills)} s WHERE s.{pk} = l.{link_skill} OFFSET 0) s"
        )
        item = f"json_build_object('slug', s.{slug}, 'name', s.{name})"
        return (
            f"(SELECT COALESCE(json_agg({item} ORDER BY s.{name} ASC)::text, '[]') {join} {where})"
        )
    join = f"FROM {_qn(links)} l INNER JOIN {_qn(skills)} s ON s.{pk} = l.{link_skill}"
    # SQLite aggregates in the subquery's order (it has no ORDER BY inside an aggregate).
    inner = f"SELECT s.{slug} AS slug, s.{name} AS name {join} {where} ORDER BY s.{name} ASC"
    return (
        f"(SELECT json_group_array(json_object('slug', k.slug, 'name', k.name)) FROM ({inner}) k)"  # noqa: S608
    )


def _visible(signed: bool) -> tuple[str, tuple[str, ...]]:
    """task_visible_q as SQL, in the order the ORM writes it (the same plan)."""
    visibility = _col(Task, "visibility")
    if not signed:
        return f"{visibility} = %s", ("public",)
    through = Task.institutions.through
    links, memberships = _qn(through._meta.db_table), _qn(InstitutionMembership._meta.db_table)
    link_task = _qn(Task.institutions.field.m2m_column_name())
    link_inst = _qn(Task.institutions.field.m2m_reverse_name())
    m = {
        n: _qn(cast(str, cast("Field[Any, Any]", InstitutionMembership._meta.get_field(n)).column))
        for n in ("institution", "ended_at", "role", "user")
    }
    member = (
        f"SELECT U0.{m['institution']} FROM {memberships} U0 WHERE (U0.{m['ended_at']} IS NULL"  # noqa: S608
        f" AND U0.{m['role']} = %s AND U0.{m['user']} = %s)"
    )
    exists = (
        f"EXISTS(SELECT 1 FROM {links} V0 WHERE (V0.{link_inst} IN ({member})"  # noqa: S608
        f" AND V0.{link_task} = {_col(Task, 'id')}) LIMIT 1)"
    )
    sql = f"({visibility} = %s OR {exists} OR {_col(Task, 'mentor')} = %s)"
    return sql, ("public", "student", "viewer", "viewer")


@lru_cache(maxsize=1024)
def browse_statement(shape: Shape) -> Statement:
    """The page statement of a shape: built once, then only its parameters change."""
    columns = _task_columns()
    sorts = _sort_columns()
    select = [sql for _, sql, _ in columns]
    slots: list[str] = []
    for key, (sql, _, _) in sorts.items():
        select.append(sql)
        slots.append(key)
    keys = [key for key, _, _ in columns] + list(sorts)
    converters = [expression for _, _, expression in columns] + [v[1] for v in sorts.values()]
    search = task_search_sql(window=RANK_WINDOW if shape.search == "window" else None)
    if shape.search:
        select.append(f"({search.rank})")
        slots += ["engine_query"] * search.rank_params
        keys.append("rank")
        converters.append(Value(0.0, output_field=FloatField()))
    select.append(_skills_json())
    keys.append("skills")
    task, user, profile = Task._meta, User._meta, Profile._meta
    parts = [
        f"SELECT {', '.join(select)} FROM {_qn(task.db_table)}",  # noqa: S608
        f"INNER JOIN {_qn(user.db_table)} ON ({_col(Task, 'mentor')} = {_col(User, 'id')})",
        f"LEFT OUTER JOIN {_qn(profile.db_table)}",
        f"ON ({_col(User, 'id')} = {_col(Profile, 'user')})",
        f"LEFT OUTER JOIN {_qn(MentorResponseRate._meta.db_table)}",
        f"ON ({_col(Task, 'mentor')} = {_col(MentorResponseRate, 'mentor')})",
        search.tables if shape.search else "",
    ]
    visible, visible_slots = _visible(shape.signed_in)
    where = [visible, f"{_col(User, 'is_active')} = %s", f"{_col(Task, 'state')} = %s"]
    slots += [*visible_slots, "true", "open"]
    if shape.skills:
        links = Task.skills.through
        marks = ", ".join(["%s"] * shape.skills)
        where.append(
            f"EXISTS(SELECT 1 FROM {_qn(links._meta.db_table)} U0 WHERE"  # noqa: S608
            f" (U0.{_qn(Task.skills.field.m2m_reverse_name())} IN ({marks}) AND"
            f" U0.{_qn(Task.skills.field.m2m_column_name())} = {_col(Task, 'id')}) LIMIT 1)"
        )
        slots += [f"skill:{n}" for n in range(shape.skills)]
    stipend = _col(Task, "stipend_amount")
    if shape.paid is True:
        where.append(f"{stipend} > %s")
        slots.append("zero")
    elif shape.paid is False:
        where.append(f"({stipend} IS NULL OR {stipend} = %s)")
        slots.append("zero")
    conditions = {
        "min_hours": f"{_col(Task, 'estimated_hours')} >= %s",
        "max_hours": f"{_col(Task, 'estimated_hours')} <= %s",
        "remote": f"{_col(Task, 'is_remote')} = %s",
        "deadline_before": f"{_col(Task, 'deadline')} <= %s",
        "institution_only": f"{_col(Task, 'visibility')} = %s",
        "level": f"{_col(Task, 'level')} = %s",
    }
    for name in shape.simple:
        where.append(conditions[name])
        slots.append(name)
    if shape.search:
        where += search.where
        slots += ["engine_query"] * search.where_params
    ordering = BROWSE_ORDERINGS[shape.ordering]
    if shape.keyset:
        # DRF's cursor rule: only the first sort column bounds the page (ties are skipped by
        # the cursor's offset). A WHERE cannot name a select alias: the expression again.
        first = ordering[0].lstrip("-")
        bounded = {
            "published_at": (_col(Task, "published_at"), []),
            "rank": (f"({search.rank})", ["engine_query"] * search.rank_params),
            **{key: (sql, [key]) for key, (sql, _, _) in sorts.items()},
        }[first]
        where.append(f"{bounded[0]} {shape.keyset} %s")
        slots += [*bounded[1], "position"]
    order = []
    for name in ordering:  # by position in the select list, as the ORM orders values()
        descending = name.startswith("-") != shape.reverse
        order.append(f"{keys.index(name.lstrip('-')) + 1} {'DESC' if descending else 'ASC'}")
    parts += [f"WHERE ({' AND '.join(where)})", f"ORDER BY {', '.join(order)}"]
    sql, slots = _constants_inline(" ".join(part for part in parts if part), slots)
    found = []
    # A sort key leaves the statement only as the cursor's position, which is read from the
    # ordering's first column: the other sort keys are never converted (on SQLite each date
    # was parsed from text, twenty times a page).
    unread = set(sorts) - {ordering[0].lstrip("-")}
    for key, expression in zip(keys, converters, strict=False):
        if key in unread:
            continue
        each = connection.ops.get_db_converters(expression)
        each += expression.get_db_converters(connection)
        if each:  # most columns come from the driver as they are
            found.append((key, expression, each))
    return Statement(sql, tuple(slots), tuple(keys), tuple(found))


def _constants_inline(sql: str, slots: list[str]) -> tuple[str, list[str]]:
    """The statement with its constants written in, leaving only what a request varies as
    parameters: PostgreSQL then plans a prepared statement once for every viewer (with the
    constants as parameters it planned it again for each request, finding its generic plan
    costlier), and the literal values are this module's own, never input."""
    pieces = sql.split("%s")
    if len(pieces) != len(slots) + 1:
        raise ValueError("a %s of the statement has no slot")
    text, kept = [pieces[0]], []
    for slot, piece in zip(slots, pieces[1:], strict=True):
        if slot in _CONSTANTS:
            text.append(_literal(_CONSTANTS[slot]))
        else:
            text.append("%s")
            kept.append(slot)
        text.append(piece)
    return "".join(text), kept


def _literal(value: Any) -> str:
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, date):
        cast_to = "::date" if connection.vendor == "postgresql" else ""
        return f"'{value.isoformat()}'{cast_to}"
    if isinstance(value, str) and re.fullmatch(r"[a-z_]+", value):
        return f"'{value}'"
    raise ValueError(f"not a constant this module writes into SQL: {value!r}")


_CONSTANTS: dict[str, Any] = {
    "public": Task.Visibility.PUBLIC.value,
    "student": InstitutionMembership.Role.STUDENT.value,
    "true": True,
    "open": Task.State.OPEN.value,
    "zero": 0,
    "institution_only": Task.Visibility.INSTITUTIONS.value,
    "stipend_sort": 0,
    "deadline_sort": FAR_FUTURE,
}
# The field each ordering's first column is compared as (the ORM's lookup would prepare the
# cursor's position with it).
_POSITION_FIELDS: dict[str, "Field[Any, Any]"] = {
    "published_at": Task._meta.get_field("published_at"),
    "deadline_sort": DateField(),
    "stipend_sort": IntegerField(),
    "rank": FloatField(),
}


def browse_position_value(*, ordering: tuple[str, ...], position: str) -> Any:
    """A cursor's position as the database compares it; ValueError or Django's
    ValidationError when it is not one (a cursor edited by hand)."""
    field = _POSITION_FIELDS[ordering[0].lstrip("-")]
    return field.get_db_prep_value(field.get_prep_value(position), connection, prepared=True)


class BrowseQuery:
    """One browse request's query, its values fixed; `fetch` runs a page of it."""

    def __init__(self, *, viewer: Viewer, filters: BrowseFilters) -> None:
        self.viewer_id = viewer.pk if signed_in(viewer) else None
        raw_q = filters.get("q") or ""
        tokens = search_tokens(raw_q) if raw_q.strip() else []
        ordering_name = filters.get("ordering") or "newest"
        if not tokens and ordering_name == "relevance":
            ordering_name = "newest"
        self.ordering_name = ordering_name
        self.ordering = BROWSE_ORDERINGS[ordering_name]
        self.search = ("window" if ordering_name == "relevance" else "all") if tokens else ""
        self.values: dict[str, Any] = {"viewer": self.viewer_id}
        if tokens:
            self.values["engine_query"] = engine_query(tokens)
        self.skill_ids: list[int] = []
        self.skills_filtered = bool(filters.get("skills"))
        if self.skills_filtered:
            self.skill_ids = skill_ids_for_browse(values=filters["skills"])
            self.values.update({f"skill:{n}": pk for n, pk in enumerate(self.skill_ids)})
        self.paid = filters.get("paid")
        present = []
        for name in _SIMPLE:
            value = filters.get(name)
            if name == "institution_only":
                if value:
                    present.append(name)
                continue
            if value is None or (name in ("deadline_before", "level") and not value):
                continue
            present.append(name)
            if name == "deadline_before":
                value = connection.ops.adapt_datefield_value(cast(date, value))
            self.values[name] = value
        self.simple = tuple(present)

    def fetch(
        self, *, reverse: bool, keyset: str, position: Any, offset: int, limit: int
    ) -> list[dict[str, Any]]:
        """Up to `limit` rows after `offset`, in the ordering (backwards when `reverse`),
        bounded by `position` (already prepared) with `keyset` ("<", ">" or "")."""
        if self.skills_filtered and not self.skill_ids:
            return []  # the filter names no skill: nothing matches (the ORM runs no query)
        shape = Shape(
            connection.vendor,
            self.viewer_id is not None,
            len(self.skill_ids),
            self.paid,
            self.simple,
            self.search,
            self.ordering_name,
            reverse,
            keyset,
        )
        statement = browse_statement(shape)
        values = {
            **_CONSTANTS,
            **self.values,
            "position": position,
        }
        # Written in, not bound: the page size and offset are integers the paginator checked,
        # and a LIMIT parameter makes PostgreSQL plan for an unknown number of rows.
        sql = f"{statement.sql} LIMIT {int(limit)} OFFSET {int(offset)}"
        planned = statements_planned_per_run() if self.search else contextlib.nullcontext()
        with planned, connection.cursor() as cursor:
            cursor.execute(sql, [values[slot] for slot in statement.slots])
            fetched = cursor.fetchall()
        rows = []
        keys, converters = statement.columns, statement.converters
        for record in fetched:
            row = dict(zip(keys, record, strict=True))
            for key, expression, found in converters:
                value = row[key]
                for converter in found:
                    value = converter(value, expression, connection)
                row[key] = value
            # Already JSON: orjson writes it as it is, without parsing it into dicts first.
            row["skills"] = orjson.Fragment(row["skills"])
            rows.append(row)
        return rows
