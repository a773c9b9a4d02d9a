"""Statements the ORM builds once per shape and the hot reads run many times with fresh values.

Building and compiling a queryset costs more than running it on the dashboard and the
recommendations (a dozen `filter()`/`values()` chains compiled per request, ~1 ms each on
SQLite). Here a queryset is built once with stand-in values (`Slots`), compiled once, and kept
with the positions of its stand-ins; each run puts the real values in their places (adapted as
the ORM adapts them) and converts rows with the converters the ORM would run. The SQL is the
ORM's own, so identifiers come from the models and every value stays a parameter.

A statement's shape is everything that changes its SQL: the caller's key must name it (list
lengths, which optional parts are present, limits read from settings or weights).
It sits below projects/selectors and projects/matching, which both use it."""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from django.db import connection
from django.db.models import QuerySet

_CACHE_LIMIT = 512  # shapes kept; a full cache is emptied (shapes are few in practice)


@dataclass(frozen=True)
class _Slot:
    name: str
    kind: str  # "int" | "text" | "date" | "datetime"


class Slots:
    """Stand-in values to build a queryset with; each becomes a named parameter of the run."""

    def __init__(self) -> None:
        self.by_param: dict[Any, _Slot] = {}

    def _add(self, stand_in: Any, adapted: Any, name: str, kind: str) -> Any:
        self.by_param[adapted] = _Slot(name, kind)
        return stand_in

    def int(self, name: str) -> int:
        value = -(10**15) - len(self.by_param)
        return self._add(value, value, name, "int")

    def text(self, name: str) -> str:
        value = f"\x1fslot {len(self.by_param)}\x1f"
        return self._add(value, value, name, "text")

    def date(self, name: str) -> date:
        value = date(1001 + len(self.by_param), 1, 1)
        return self._add(value, connection.ops.adapt_datefield_value(value), name, "date")

    def datetime(self, name: str) -> datetime:
        value = datetime(1001 + len(self.by_param), 1, 1, tzinfo=UTC)
        return self._add(value, connection.ops.adapt_datetimefield_value(value), name, "datetime")


@dataclass(frozen=True)
class Statement:
    """Compiled SQL, its parameters (constants or slots) and the columns it returns."""

    sql: str
    params: tuple[Any, ...]
    columns: tuple[str, ...]
    converters: tuple[tuple[int, tuple[Any, ...], Any], ...]  # (position, converters, expression)

    def bind(self, values: dict[str, Any]) -> list[Any]:
        """The parameters of a run: each slot's value adapted as the ORM adapts it."""
        ops = connection.ops
        adapt = {
            "int": lambda v: v,
            "text": lambda v: v,
            "date": ops.adapt_datefield_value,
            "datetime": ops.adapt_datetimefield_value,
        }
        return [adapt[p.kind](values[p.name]) if isinstance(p, _Slot) else p for p in self.params]

    def convert(self, rows: Iterable[Any]) -> list[list[Any]]:
        """Rows as the ORM returns them (the backend's and the fields' converters)."""
        out = []
        for row in rows:
            row = list(row)
            for position, converters, expression in self.converters:
                value = row[position]
                for converter in converters:
                    value = converter(value, expression, connection)
                row[position] = value
            out.append(row)
        return out


_STATEMENTS: dict[tuple[Any, ...], Any] = {}  # a Statement, or a family of them by name


def statement_compile(queryset: QuerySet, slots: Slots, *, subquery: bool = False) -> Statement:
    """The queryset's SQL with its stand-ins turned into slots (values() querysets only).
    `subquery` names every column uniquely, for a statement placed inside another."""
    compiler = queryset.query.get_compiler(connection=connection)
    sql, params = compiler.as_sql(with_col_aliases=subquery)
    query = queryset.query
    columns = (*query.extra_select, *query.values_select, *query.annotation_select)
    found = compiler.get_converters([expression for expression, _, _ in compiler.select])
    converters = tuple(
        (position, tuple(convs), expression) for position, (convs, expression) in found.items()
    )
    marked = tuple(slots.by_param.get(p, p) if _hashable(p) else p for p in params)
    return Statement(sql, marked, columns, converters)


def _hashable(value: Any) -> bool:
    try:
        hash(value)
    except TypeError:
        return False
    return True


def statement_union(parts: list[Statement]) -> Statement:
    """One statement running each part (same columns; each keeps its order and limit), each
    row tagged with its part's index in a first column `part`."""
    first = parts[0]
    if any(part.columns != first.columns for part in parts):
        raise ValueError("A union's parts return the same columns.")
    sql = " UNION ALL ".join(
        f"SELECT {n} AS part, p{n}.* FROM ({part.sql}) p{n}"  # noqa: S608 — compiled SQL
        for n, part in enumerate(parts)
    )
    params = tuple(param for part in parts for param in part.params)
    converters = tuple((position + 1, c, e) for position, c, e in first.converters)
    return Statement(sql, params, ("part", *first.columns), converters)


def statement_get[Built](key: tuple[Any, ...], build: Callable[[], Built]) -> Built:
    """The statement of this shape for this database, built on first use."""
    full_key = (connection.vendor, *key)
    statement = _STATEMENTS.get(full_key)
    if statement is None:
        if len(_STATEMENTS) >= _CACHE_LIMIT:
            _STATEMENTS.clear()
        statement = _STATEMENTS[full_key] = build()
    return statement  # stored by this function's own `build`


def statement_rows(statement: Statement, values: dict[str, Any]) -> list[list[Any]]:
    """Run the statement with these slot values; rows converted as the ORM converts them."""
    with connection.cursor() as cursor:
        cursor.execute(statement.sql, statement.bind(values))
        return statement.convert(cursor.fetchall())


def statement_union_dicts(
    statement: Statement, values: dict[str, Any]
) -> list[tuple[int, dict[str, Any]]]:
    """A union's rows as (part, dict) pairs."""
    columns = statement.columns[1:]
    return [
        (row[0], dict(zip(columns, row[1:], strict=True)))
        for row in statement_rows(statement, values)
    ]


def statement_dicts(statement: Statement, values: dict[str, Any]) -> list[dict[str, Any]]:
    """statement_rows as dicts keyed by the values() names, as `values()` gives them."""
    columns = statement.columns
    return [dict(zip(columns, row, strict=True)) for row in statement_rows(statement, values)]
