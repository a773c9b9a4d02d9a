"""Writing generated rows fast: COPY on PostgreSQL, one executemany per batch on SQLite.

Rows are built as model instances (so the generator reads like the models) but are not saved
through the ORM: each field is prepared as bulk_create would prepare it (`pre_save`, then
`get_db_prep_save`), ids are assigned here in insertion order — the same ids an empty table's
sequence would give — and the values go to the database in bulk. On PostgreSQL the identity
sequences are moved past the new ids afterwards. What this saves is bulk_create's SQL
compilation of thousands of parameters per statement, and on PostgreSQL the parsing of INSERTs.
"""

import itertools
import time
from collections.abc import Iterable, Iterator
from typing import Any, TextIO

from django.core.management.color import no_style
from django.db import DEFAULT_DB_ALIAS, connection, connections, models, transaction

BATCH = 5_000
# Values of these types go to the driver as they are: Django's preparation would return them
# unchanged (an enum member, a date or a dict is prepared by its field).
PLAIN = frozenset({str, int, float, bool, type(None)})


class Progress:
    """A one-line progress bar per table on a terminal; one line per table otherwise."""

    def __init__(self, out: TextIO) -> None:
        self.out = out
        self.tty = out.isatty()
        self.started = time.perf_counter()

    def track(self, label: str, total: int, chunks: Iterable[int]) -> None:
        done = 0
        for n in chunks:
            done += n
            if self.tty:
                filled = int(30 * done / max(total, 1))
                self.out.write(f"\r  {label:<22} [{'#' * filled:<30}] {done:>9,}/{total:,}")
                self.out.flush()
        elapsed = time.perf_counter() - self.started
        end = "\r" if self.tty else ""
        self.out.write(f"{end}  {label:<22} {done:>9,} rows   {elapsed:6.1f} s total\n")
        self.out.flush()


def _batched(rows: Iterable[Any], size: int = BATCH) -> Iterator[list[Any]]:
    iterator = iter(rows)
    while batch := list(itertools.islice(iterator, size)):
        yield batch


def _next_id(table: str) -> int:
    """The id the table's sequence would hand out next (the tables start empty)."""
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COALESCE(MAX(id), 0) FROM {table}")
        last = cursor.fetchone()[0]
        if connection.vendor == "sqlite":
            cursor.execute("SELECT seq FROM sqlite_sequence WHERE name = %s", [table])
            if row := cursor.fetchone():
                last = max(last, row[0])
    return last + 1


def _write(table: str, columns: list[str], rows: list[tuple]) -> None:
    names = ", ".join(connection.ops.quote_name(c) for c in columns)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
        else:
            marks = ", ".join(["%s"] * len(columns))
            cursor.executemany(f"INSERT INTO {table} ({names}) VALUES ({marks})", rows)


def _preparers(fields: list[Any]) -> list[tuple[str, Any, bool]]:
    """(attname, field, whether a PLAIN raw value may be written as it is) per column: auto_now
    dates, dates, times and JSON always go through their field."""
    plain = (models.CharField, models.TextField, models.IntegerField, models.BooleanField,
             models.ForeignKey, models.FloatField)  # fmt: skip
    return [(f.attname, f, isinstance(f, plain)) for f in fields]


def insert(progress: Progress, label: str, model: Any, rows: Iterable[Any], total: int) -> list:
    """Write `rows` (unsaved instances of `model`) in one transaction; return them with ids."""
    meta = model._meta
    fields = [f for f in meta.concrete_fields if not f.generated and not f.primary_key]
    columns = [meta.pk.column, *(f.column for f in fields)]
    preparers = _preparers(fields)
    db = connections[DEFAULT_DB_ALIAS]  # the wrapper itself, not the thread-local proxy
    created: list = []

    def prepared(obj: Any) -> Iterator[Any]:
        for attname, field, passthrough in preparers:
            if passthrough and type(value := getattr(obj, attname)) in PLAIN:
                yield value
            else:
                yield field.get_db_prep_save(field.pre_save(obj, True), db)

    def chunks() -> Iterator[int]:
        next_id = _next_id(meta.db_table)
        for batch in _batched(rows):
            values = []
            for obj in batch:
                obj.pk = next_id
                next_id += 1
                values.append((obj.pk, *prepared(obj)))
                obj._state.adding = False
                obj._state.db = db.alias
            _write(meta.db_table, columns, values)
            created.extend(batch)
            yield len(batch)

    with transaction.atomic():
        progress.track(label, total, chunks())
        if db.vendor == "postgresql":
            with db.cursor() as cursor:
                for sql in db.ops.sequence_reset_sql(no_style(), [model]):
                    cursor.execute(sql)
    return created


def analyze() -> None:
    """Fresh planner statistics (autovacuum would do it later on PostgreSQL; SQLite never)."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("INSERT INTO projects_task_fts(projects_task_fts) VALUES ('optimize')")
        cursor.execute("ANALYZE")
