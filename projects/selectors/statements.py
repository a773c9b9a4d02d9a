"""Hand-written statements for the hottest reads, built once from the models' metadata.

Compiling an ORM query costs more than running it on these reads (a task page's three
queries took ~4 ms to compile and ~0.5 ms to run on SQLite). These statements are composed
once per shape from vetted fragments: identifiers come from the models' `_meta`, quoted by the
backend; every value is a parameter. Rows become model instances the way the ORM makes them
(the backend's and the fields' converters, then `Model.from_db`), so callers cannot tell.
"""

from functools import cache
from typing import Any

import orjson
from django.db import connection
from django.db.models import Model

from accounts.models import Institution, Profile, Skill, User
from marketplace.database import concrete_fields as _fields
from marketplace.database import instance_from_values
from projects.models import Application, Task


def _qn(name: str) -> str:
    return connection.ops.quote_name(name)


def _column(field: Any) -> str:
    """A concrete field's column name (the stubs allow None: only non-concrete fields have it)."""
    return str(field.column)


def _select(model: type[Model], alias: str, columns: tuple[str, ...] | None = None) -> str:
    return ", ".join(f"{alias}.{_qn(_column(f))}" for f in _fields(model, columns))


# What the task page reads of its skills and institutions (projects/api/outputs.py, pages.py).
SKILL_COLUMNS = ("id", "slug", "name")
INSTITUTION_COLUMNS = ("id", "name")
# ... and of its mentor and their profile (the mentor card, projects/selectors/mentors.py):
# building the instances cost more than the statement; the other columns stay deferred.
MENTOR_COLUMNS = ("id", "is_active", "date_joined")
MENTOR_PROFILE_COLUMNS = (
    *("id", "user_id", "handle", "display_name", "avatar", "organisation", "job_title"),
    "verified_work_domain",
)


def _sql_related_json(model: type[Model], field_name: str, columns: tuple[str, ...]) -> str:
    """A subquery of the task's `field_name` rows as JSON text: a list of [column values], in
    the model's ordering (as `Model.objects.filter(tasks=task_id)` lists them)."""
    relation: Any = Task._meta.get_field(field_name)
    links = _qn(relation.remote_field.through._meta.db_table)
    names = [_qn(_column(model._meta.get_field(c))) for c in _in_model_order(model, columns)]
    order = [
        f"r.{_qn(_column(model._meta.get_field(str(name))))} ASC"
        for name in model._meta.ordering or ()
    ]
    join = (
        f"FROM {_qn(model._meta.db_table)} r INNER JOIN {links} l"
        f" ON l.{_qn(relation.m2m_reverse_name())} = r.{_qn('id')}"
        f" WHERE l.{_qn(relation.m2m_column_name())} = t.{_qn('id')}"
    )
    if connection.vendor == "postgresql":
        item = f"json_build_array({', '.join(f'r.{n}' for n in names)})"
        ordered = f" ORDER BY {', '.join(order)}" if order else ""
        return f"(SELECT COALESCE(json_agg({item}{ordered})::text, '[]') {join})"
    # SQLite has no ORDER BY inside an aggregate: it aggregates in its subquery's order.
    inner = f"SELECT {', '.join(f'r.{n}' for n in names)} {join}"
    inner += f" ORDER BY {', '.join(order)}" if order else ""
    values = ", ".join(f"k.{n}" for n in names)
    return f"(SELECT json_group_array(json_array({values})) FROM ({inner}) k)"  # noqa: S608


def _in_model_order(model: type[Model], columns: tuple[str, ...]) -> list[str]:
    """`columns` in the order of the model's fields: `Model.from_db` reads values that way."""
    return [f.attname for f in model._meta.concrete_fields if f.attname in columns]


def _partial[M: Model](model: type[M], columns: tuple[str, ...], rows: str) -> list[M]:
    """Instances with only `columns` loaded (the others deferred, as `.only()` makes them)."""
    names = _in_model_order(model, columns)
    return [model.from_db(connection.alias, names, values) for values in orjson.loads(rows)]


@cache
def _sql_task_page(signed_in: bool, vendor: str) -> str:
    task, user, profile = Task._meta, User._meta, Profile._meta
    applications, pk = _qn(Application._meta.db_table), _qn("id")
    a_task = _qn(Application._meta.get_field("task").column)
    a_drafter = _qn(Application._meta.get_field("drafter").column)
    mentor = _qn(task.get_field("mentor").column)
    profile_user = _qn(profile.get_field("user").column)
    parts = [
        f"SELECT {_select(Task, 't')}, {_select(User, 'u', MENTOR_COLUMNS)},",
        f"{_select(Profile, 'p', MENTOR_PROFILE_COLUMNS)},",
        f"(SELECT COUNT(*) FROM {applications} c WHERE c.{a_task} = t.{pk}),",  # noqa: S608
        (
            f"(SELECT a.{pk} FROM {applications} a WHERE a.{a_task} = t.{pk}"  # noqa: S608
            f" AND a.{a_drafter} = %s LIMIT 1),"
            if signed_in
            else "NULL,"
        ),
        _sql_related_json(Skill, "skills", SKILL_COLUMNS) + ",",
        _sql_related_json(Institution, "institutions", INSTITUTION_COLUMNS),
        f"FROM {_qn(task.db_table)} t INNER JOIN {_qn(user.db_table)} u ON u.{pk} = t.{mentor}",
        f"LEFT OUTER JOIN {_qn(profile.db_table)} p ON p.{profile_user} = u.{pk}",
        f"WHERE t.{pk} = %s",
    ]
    return " ".join(parts)


def task_page_fetch(*, task_id: int, viewer_id: int | None) -> Task | None:
    """The task with its mentor and the mentor's profile loaded (MENTOR_COLUMNS and
    MENTOR_PROFILE_COLUMNS; the rest deferred), `applicant_count`,
    `viewer_application_id` (the viewer's application to it, or None), and `skill_list` and
    `institution_list` (SKILL_COLUMNS and INSTITUTION_COLUMNS loaded): what
    `select_related("mentor__profile")` with those two annotations and a query for each
    relation gave, in one statement."""
    signed_in = viewer_id is not None
    params = [viewer_id, task_id] if signed_in else [task_id]
    with connection.cursor() as cursor:
        cursor.execute(_sql_task_page(signed_in, connection.vendor), params)
        row = cursor.fetchone()
    if row is None:
        return None
    n_task, n_user = len(Task._meta.concrete_fields), len(MENTOR_COLUMNS)
    n_profile = len(MENTOR_PROFILE_COLUMNS)
    task = instance_from_values(Task, row[:n_task])
    mentor = instance_from_values(User, row[n_task : n_task + n_user], MENTOR_COLUMNS)
    profile_values = row[n_task + n_user : n_task + n_user + n_profile]
    if profile_values[0] is not None:
        mentor.profile = instance_from_values(Profile, profile_values, MENTOR_PROFILE_COLUMNS)
    task.mentor = mentor
    added: Any = task
    added.applicant_count, added.viewer_application_id = row[-4], row[-3]
    added.skill_list = _partial(Skill, SKILL_COLUMNS, row[-2])
    added.institution_list = _partial(Institution, INSTITUTION_COLUMNS, row[-1])
    return task
