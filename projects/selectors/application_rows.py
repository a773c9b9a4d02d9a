"""The mentor's list of a task's applications by statements written once per shape.

`application_list_for_task` (selectors/applications.py) is the ORM's answer; building and
compiling its querysets cost more than running them (the task's row, the page's `values()`
with two introduction subqueries, the portfolio items and their skills: ~4 ms of Python a
request on SQLite against well under 1 ms of SQL). Here the task's row and the page are two
statements composed once per shape (whether a state is asked for; the page's direction and
keyset) from identifiers taken from the models' metadata, quoted by the backend; every value
is a parameter. Each application's portfolio items, with their skills, come as JSON text the
database builds in the same statement (items in the drafter's order, skills by name, as the
ORM's `order_by` gave them). Values are converted by the converters the ORM itself applies
(dates and booleans on SQLite, JSON), so the rows are what `values()` gave.

tests/projects/test_application_rows.py holds the JSON to ApplicationOutputSerializer's and the
pages to DRF's paginator over the queryset.
"""

from collections.abc import Callable
from functools import cache
from typing import Any, NamedTuple

import orjson
from django.db import connection
from django.db.models import Model

from accounts.models import PortfolioItem, Profile, Skill, User
from marketplace.errors import NotFound
from projects.models import Application, Engagement, Introduction, Task


def _qn(name: str) -> str:
    return connection.ops.quote_name(name)


def _column(model: type[Model], name: str) -> str:
    field: Any = model._meta.get_field(name)
    return _qn(str(field.column))


def _table(model: type[Model]) -> str:
    return _qn(model._meta.db_table)


Converter = tuple[int, Any, list[Callable[..., Any]]]


def _converting(model: type[Model], names: tuple[str, ...], start: int = 0) -> list[Converter]:
    """(position, column expression, converters) of the fields among `names` the ORM converts
    when it reads them (the backend's, then the field's: dates, booleans, JSON)."""
    out = []
    for offset, name in enumerate(names):
        field: Any = model._meta.get_field(name)
        col = field.get_col(model._meta.db_table)
        found = connection.ops.get_db_converters(col) + col.get_db_converters(connection)
        if found:
            out.append((start + offset, col, found))
    return out


def _convert(row: tuple[Any, ...], converting: list[Converter]) -> list[Any]:
    values = list(row)
    for index, col, converters in converting:
        value = values[index]
        for converter in converters:
            value = converter(value, col, connection)
        values[index] = value
    return values


# The task fields a row shows (its summary, questions, and what allowed_actions reads).
TASK_ROW_FIELDS = (
    *("id", "title", "state", "stipend_amount", "stipend_currency", "questions", "slots"),
    *("filled_slots", "mentor_id"),
)
_TASK_KEYS = (*TASK_ROW_FIELDS, "mentor_handle", "mentor_display_name")


@cache
def _task_statement(vendor: str) -> tuple[str, list[Converter]]:
    profile_user = _column(Profile, "user")
    columns = ", ".join(f"t.{_column(Task, name)}" for name in TASK_ROW_FIELDS)
    handle, name = _column(Profile, "handle"), _column(Profile, "display_name")
    sql = (
        f"SELECT {columns}, p.{handle}, p.{name}"  # noqa: S608
        f" FROM {_table(Task)} t LEFT OUTER JOIN {_table(Profile)} p"
        f" ON p.{profile_user} = t.{_column(Task, 'mentor')}"
        f" WHERE t.{_column(Task, 'id')} = %s AND t.{_column(Task, 'mentor')} = %s"
    )
    return sql, _converting(Task, TASK_ROW_FIELDS)


def application_task_row(*, task_id: int, mentor: User) -> dict[str, Any]:
    """The mentor's task as a row (TASK_ROW_FIELDS, the mentor's handle and name); anybody
    else's, or none, is a 404."""
    sql, converting = _task_statement(connection.vendor)
    with connection.cursor() as cursor:
        cursor.execute(sql, [task_id, mentor.pk])
        row = cursor.fetchone()
    if row is None:
        raise NotFound("Task not found.")
    return dict(zip(_TASK_KEYS, _convert(row, converting), strict=True))


_APPLICATION_FIELDS = (
    *("id", "state", "note", "work_sample_link", "answers", "decline_note", "decline_reason"),
    *("closed_automatically", "created_at", "updated_at", "drafter_id"),
)
_ROW_KEYS = (
    *_APPLICATION_FIELDS,
    *("drafter_handle", "drafter_display_name", "drafter_headline", "engagement_id"),
    *("introduced_by_name", "introduced_by_handle", "portfolio_items"),
)
# What a portfolio item's JSON array holds, in order (its skills after them).
_ITEM_KEYS = ("id", "title", "description", "link", "visibility", "file", "file_name", "file_kind")


class PageShape(NamedTuple):
    """What decides the page statement's text (never a value)."""

    vendor: str
    state: bool  # only applications in one state
    keyset: str  # "", "<" or ">": the cursor's position bounds the id
    reverse: bool  # the page runs backwards (a "previous" link)


def _introducer(column: str) -> str:
    """The first accepted introduction of this drafter to this task: its introducer's profile
    `column` (what the queryset's two Subquery annotations read)."""
    intro, user_profile = _table(Introduction), _table(Profile)
    return (
        f"(SELECT ip.{_column(Profile, column)} FROM {intro} i"  # noqa: S608
        f" LEFT OUTER JOIN {user_profile} ip"
        f" ON ip.{_column(Profile, 'user')} = i.{_column(Introduction, 'introducer')}"
        f" WHERE i.{_column(Introduction, 'drafter')} = a.{_column(Application, 'drafter')}"
        f" AND i.{_column(Introduction, 'state')} = '{Introduction.State.ACCEPTED.value}'"
        f" AND i.{_column(Introduction, 'task')} = a.{_column(Application, 'task')}"
        f" ORDER BY i.{_column(Introduction, 'id')} ASC LIMIT 1)"
    )


def _items_json(vendor: str) -> str:
    """The application's portfolio items as JSON text: a list of [_ITEM_KEYS..., skills], in
    the drafter's order (position, id), each item's skills a list of [id, slug, name] by name."""
    links: Any = Application._meta.get_field("portfolio_items")
    through = links.remote_field.through
    item_links: Any = PortfolioItem._meta.get_field("skills")
    skill_through = item_links.remote_field.through
    pk = _qn("id")
    skill_cols = [f"s.{_column(Skill, name)}" for name in ("id", "slug", "name")]
    item_cols = [f"i.{_column(PortfolioItem, name)}" for name in _ITEM_KEYS]
    skills_from = (
        f"FROM {_table(Skill)} s INNER JOIN {_qn(skill_through._meta.db_table)} sl"
        f" ON sl.{_qn(item_links.m2m_reverse_name())} = s.{pk}"
        f" WHERE sl.{_qn(item_links.m2m_column_name())} = i.{pk}"
    )
    items_from = (
        f"FROM {_table(PortfolioItem)} i INNER JOIN {_qn(through._meta.db_table)} il"
        f" ON il.{_qn(links.m2m_reverse_name())} = i.{pk}"
        f" WHERE il.{_qn(links.m2m_column_name())} = a.{pk}"
    )
    item_order = f"i.{_column(PortfolioItem, 'position')} ASC, i.{pk} ASC"
    skill_order = f"s.{_column(Skill, 'name')} ASC"
    if vendor == "postgresql":
        skills = (
            f"(SELECT COALESCE(json_agg(json_build_array({', '.join(skill_cols)})"
            f" ORDER BY {skill_order}), '[]'::json) {skills_from})"
        )
        return (
            f"(SELECT COALESCE(json_agg(json_build_array({', '.join(item_cols)}, {skills})"
            f" ORDER BY {item_order})::text, '[]') {items_from})"
        )
    # SQLite aggregates in its subquery's order; json() keeps a subquery's JSON a value, not
    # a string, inside another array.
    skills = (
        f"json((SELECT json_group_array(json_array(k.id, k.slug, k.name)) FROM"  # noqa: S608
        f" (SELECT {skill_cols[0]} AS id, {skill_cols[1]} AS slug, {skill_cols[2]} AS name"
        f" {skills_from} ORDER BY {skill_order}) k))"
    )
    return (
        f"(SELECT json_group_array(json(j.item)) FROM"  # noqa: S608
        f" (SELECT json_array({', '.join(item_cols)}, {skills}) AS item {items_from}"
        f" ORDER BY {item_order}) j)"
    )


@cache
def _page_statement(shape: PageShape) -> tuple[str, list[Converter]]:
    pk = _qn("id")
    profile_user = _column(Profile, "user")
    columns = [f"a.{_column(Application, name)}" for name in _APPLICATION_FIELDS]
    columns += [f"dp.{_column(Profile, name)}" for name in ("handle", "display_name", "headline")]
    columns += [f"e.{pk}", _introducer("display_name"), _introducer("handle")]
    columns.append(_items_json(shape.vendor))
    where = [f"a.{_column(Application, 'task')} = %s"]
    if shape.state:
        where.append(f"a.{_column(Application, 'state')} = %s")
    if shape.keyset:
        where.append(f"a.{pk} {shape.keyset} %s")
    # Newest first ("-id"); a backwards page reads the other way and is turned by the paginator.
    direction = "ASC" if shape.reverse else "DESC"
    sql = (
        f"SELECT {', '.join(columns)} FROM {_table(Application)} a"  # noqa: S608
        f" LEFT OUTER JOIN {_table(Profile)} dp"
        f" ON dp.{profile_user} = a.{_column(Application, 'drafter')}"
        f" LEFT OUTER JOIN {_table(Engagement)} e"
        f" ON e.{_column(Engagement, 'application')} = a.{pk}"
        f" WHERE {' AND '.join(where)} ORDER BY a.{pk} {direction} LIMIT %s OFFSET %s"
    )
    return sql, _converting(Application, _APPLICATION_FIELDS)


def _items(text: str) -> list[dict[str, Any]]:
    """The statement's JSON of one application's items, as application_rows_output reads them."""
    out = []
    for values in orjson.loads(text):
        item = dict(zip(_ITEM_KEYS, values, strict=False))
        item["skills"] = [
            {"id": skill_id, "slug": slug, "name": name} for skill_id, slug, name in values[-1]
        ]
        out.append(item)
    return out


def application_page_for_task(
    *,
    task_id: int,
    state: str,
    reverse: bool,
    keyset: str,
    position: int | None,
    offset: int,
    limit: int,
) -> list[dict[str, Any]]:
    """One page of the task's applications (newest first; `reverse` for a backwards page),
    bounded by `keyset` and `position` on the id: rows as application_rows_output reads them,
    `portfolio_items` included. The caller has found the task to be the mentor's."""
    shape = PageShape(connection.vendor, bool(state), keyset, reverse)
    sql, converting = _page_statement(shape)
    params: list[Any] = [task_id]
    if state:
        params.append(state)
    if keyset:
        params.append(position)
    params += [limit, offset]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    page = []
    for row in rows:
        values = _convert(row, converting)
        values[-1] = _items(values[-1])
        page.append(dict(zip(_ROW_KEYS, values, strict=True)))
    return page
