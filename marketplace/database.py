"""How statements reach the database, where that is a choice of ours rather than Django's, and
how the rows of a hand-written statement become model instances exactly as the ORM makes them."""

import contextlib
from collections.abc import Iterator
from functools import cache
from typing import Any

from django.db import connection
from django.db.models import Model


@contextlib.contextmanager
def statements_planned_per_run() -> Iterator[None]:
    """PostgreSQL: run the statements inside without preparing them, so each run is planned for
    its own values. Prepared statements (DATABASE_PREPARED_STATEMENTS) end on a generic plan,
    which suits the hot reads whose values are ids. Where the best plan depends on how common
    the values are (a full-text query's words, a drafter's skills) the generic one can be far
    off: search at 100,000 tasks took 102 ms instead of 17 ms, and the by-skill pool 221 ms
    instead of 14 ms. Other databases and DATABASE_PREPARED_STATEMENTS=0: nothing changes."""
    if connection.vendor != "postgresql":
        yield
        return
    connection.ensure_connection()
    raw = connection.connection
    saved = raw.prepare_threshold
    raw.prepare_threshold = None
    try:
        yield
    finally:
        raw.prepare_threshold = saved


def concrete_fields(model: type[Model], columns: tuple[str, ...] | None) -> list[Any]:
    """The concrete fields read: all, or those named in `columns`, in the model's order."""
    fields = model._meta.concrete_fields
    return [f for f in fields if f.attname in columns] if columns else list(fields)


def quoted_columns(model: type[Model]) -> dict[str, str]:
    """Each concrete field's column, quoted for the database, by field name, in the model's
    order: what a hand-written statement selects to make instances with instance_from_values."""
    qn = connection.ops.quote_name
    return {field.name: qn(str(field.column)) for field in concrete_fields(model, None)}


@cache
def _converters(
    model: type[Model], vendor: str, columns: tuple[str, ...] | None = None
) -> tuple[list[str], list[tuple[int, Any, list[Any]]]]:
    """The attribute names read (`columns`, or every concrete field), and for each field the
    ORM converts (dates, times, booleans, JSON on SQLite: a few of them) its position, column
    expression and converters."""
    names, out = [], []
    for index, field in enumerate(concrete_fields(model, columns)):
        names.append(field.attname)
        col = field.get_col(model._meta.db_table)
        found = connection.ops.get_db_converters(col) + col.get_db_converters(connection)
        if found:
            out.append((index, col, found))
    return names, out


def instance_from_values[M: Model](
    model: type[M], values: list[Any] | tuple[Any, ...], columns: tuple[str, ...] | None = None
) -> M:
    """A model instance from its concrete fields' column values, converted as the ORM does;
    with `columns`, only those fields' values (the others deferred, as `.only()` leaves them)."""
    names, converting = _converters(model, connection.vendor, columns)
    if len(values) != len(names):
        raise ValueError(f"{model.__name__} has {len(names)} columns, not {len(values)}")
    converted = list(values)
    for index, col, converters in converting:  # only the columns the ORM converts
        value = converted[index]
        for converter in converters:
            value = converter(value, col, connection)
        converted[index] = value
    return model.from_db(connection.alias, names, converted)
